// Date parsing for the extractor: metadata values, short visible datelines,
// free-text bylines and article URLs.
//
// It is a hand-written scanner, not a wrapper around
// github.com/itlightning/dateparse: on the 32 inputs of BenchmarkParseWhen
// (2-core VM, Go 1.26) parseWhen takes about 140 ns and 0 allocations per
// input, dateparse.ParseAny about 530–560 ns and 1.9 allocations (320–490 ns
// with its fastest options), and dateparse gets 14 of the 32 wrong (11 with
// day-first options; see TestDateparseComparison). Worse, it cannot say
// whether a time or an offset was given, reads zone names it does not know
// (EDT, BST) as +00:00, and fails on "Uhr"/"18h05"/"06.12" times,
// non-English month names and labels like "Published:"; as a fallback it
// would only add false positives on strings this scanner rejects on purpose.
//
// Choices worth knowing:
//   - Slashed dates: d/m/yyyy when the first number is > 12 or both are <= 12
//     (ambiguous: day-first, as most of the world writes it); m/d/yyyy only
//     when the first is <= 12 and the second > 12 ("07/23/2023"). The same
//     rule applies to "-" and "." separators; year-first forms are y/m/d.
//   - Two-digit years only in RFC 850 ("23-Jul-23") and RFC 822 ("23 Jul 23
//     06:12 GMT"), where a month name fixes the order; "23.07.23" and
//     "07/23/23" are rejected.
//   - Years before 1990 and dates more than a year after now are rejected.
//   - Zone names are matched case-sensitively (upper case only) so that the
//     German "ist" or Spanish "est" are never taken for IST/EST. ET, CT, MT
//     and PT resolve to standard or daylight time by the US rules for the
//     date. IST is India (+05:30) and CST is US Central (-06:00).
//   - Full-width digits, era years (令和5年) and relative dates ("2 hours
//     ago") are not supported.

package extract

import (
	"strings"
	"sync/atomic"
	"time"
	"unicode"
	"unicode/utf8"
)

// when is a date found in a page, with the precision the page gave.
type when struct {
	t       time.Time // in the page's offset when hasZone, else as UTC-labelled wall clock
	hasTime bool      // a time of day was given
	hasZone bool      // a UTC offset (or Z, or a zone name like GMT/UTC/CET/EST/PST with known offset) was given
}

// String formats ISO 8601 with the precision known:
// "2023-07-23T06:12:00+03:00" (offset known; Z and UTC become +00:00),
// "2023-07-23T06:12:00" (local only), "2023-07-23" (day only). Fractions of
// a second are dropped. The zero when formats as "".
func (w when) String() string {
	if w.t.IsZero() {
		return ""
	}
	var buf [32]byte
	y, m, d := w.t.Date()
	if y < 0 || y > 9999 {
		return w.t.Format(time.RFC3339)
	}
	b := appendTwoDigits(buf[:0], y/100)
	b = appendTwoDigits(b, y%100)
	b = appendTwoDigits(append(b, '-'), int(m))
	b = appendTwoDigits(append(b, '-'), d)
	if !w.hasTime {
		return string(b)
	}
	h, mi, sec := w.t.Clock()
	b = appendTwoDigits(append(b, 'T'), h)
	b = appendTwoDigits(append(b, ':'), mi)
	b = appendTwoDigits(append(b, ':'), sec)
	if w.hasZone {
		_, off := w.t.Zone()
		sign := byte('+')
		if off < 0 {
			sign, off = '-', -off
		}
		off /= 60
		b = appendTwoDigits(append(b, sign), off/60)
		b = appendTwoDigits(append(b, ':'), off%60)
	}
	return string(b)
}

// appendTwoDigits appends n (0–99) as two digits.
func appendTwoDigits(b []byte, n int) []byte {
	return append(b, byte('0'+n/10), byte('0'+n%10))
}

// IsZero reports whether w holds no date.
func (w when) IsZero() bool { return w.t.IsZero() }

// maxWhenLen bounds what parseWhen accepts: it is for metadata values and
// short datelines, not paragraphs.
const maxWhenLen = 256

// parseWhen parses a string that is a date (a metadata value such as JSON-LD
// datePublished, article:published_time, DC.date, <time datetime>, or a short
// visible dateline like "2023-07-23 | 06:12", "Published: 12 March 2024,
// 18:05 CET", "Sun 23 Jul 2023 06.12 BST").
//
// Besides the date (and its time and zone) the string may hold only label
// words ("Published", "Updated:", "Publié le", "Veröffentlicht am",
// "Publicado el"...), weekday names, connectors ("at", "à", "um", "a las"),
// punctuation, a few CJK label characters and further dates; anything else
// (another number, an unknown word) makes it not a date. When the string
// holds several dates the first is returned. A string of 8 digits is
// yyyymmdd, 14 digits yyyymmddhhmmss, 9–10 digits a Unix time in seconds and
// 12–13 digits one in milliseconds.
func parseWhen(s string) (when, bool) {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > maxWhenLen {
		return when{}, false
	}
	if allASCIIDigits(s) {
		return whenFromDigits(s)
	}
	var res when
	found := false
	cjk := 0
	for i := 0; i < len(s); {
		c := s[i]
		if isASCIIDigit(c) {
			if w, end, ok := matchAt(s, i); ok {
				if !found {
					res, found = w, true
				}
				i = end
				continue
			}
			return when{}, false
		}
		if e := letterRunEnd(s, i); e > i {
			info, known := lookupWord(s[i:e])
			if known && info.month != 0 {
				if w, end, ok := matchAt(s, i); ok {
					if !found {
						res, found = w, true
					}
					i = end
					continue
				}
			}
			if !(known && info.flags&(wNoise|wWeekday|wTimeSep|wDateSep|wOf) != 0) {
				if _, ok := zoneByName(s[i:e]); !ok {
					return when{}, false
				}
			}
			i = e
			continue
		}
		if n := spaceRuneLen(s, i); n > 0 {
			i += n
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case isCJKRune(r):
			if cjk++; cjk > 12 {
				return when{}, false
			}
		case !noisePunct(r):
			return when{}, false
		}
		i += n
	}
	return res, found
}

// findWhen searches free text (up to a few hundred chars, e.g. a
// byline/dateline block "By Jane Doe | July 23, 2023 6:12 am") for the first
// date in it; returns ok=false if none. A time written just before the date
// ("6:12 AM EDT, Sun July 23, 2023") belongs to it. Unix timestamps and bare
// yyyymmdd numbers are not looked for in free text.
func findWhen(text string) (when, bool) {
	for i := 0; i < len(text); {
		c := text[i]
		if isASCIIDigit(c) {
			if w, _, ok := matchAt(text, i); ok {
				return w, true
			}
			_, _, i = digitsAt(text, i)
			continue
		}
		if e := letterRunEnd(text, i); e > i {
			if info, ok := lookupWord(text[i:e]); ok && info.month != 0 {
				if w, _, ok := matchAt(text, i); ok {
					return w, true
				}
			}
			i = e
			continue
		}
		if c < utf8.RuneSelf {
			i++
		} else {
			_, n := utf8.DecodeRuneInString(text[i:])
			i += n
		}
	}
	return when{}, false
}

// dateFromURL finds a date in a URL path: /2021/09/14/slug, /2023/jul/23/,
// /2021-09-14-slug, /20210914/, /2021-09/14/, /202109/14/, /2021/0914/.
// Only the day is known, so the result has day precision. A year and month
// without a day (/2021/09/) is not a date, nor is a year alone (/2023/,
// /page/2021/). With slashes the day must be a whole path segment, so
// WordPress-style /2021/09/10-things-to-know/ is not taken for Sept 10. A run
// of more than 8 digits (/article/20210914123456) is an ID, not a date. The
// query string and fragment are ignored.
func dateFromURL(u string) (when, bool) {
	path := urlPath(u)
	for i := 0; i < len(path); {
		if !isASCIIDigit(path[i]) {
			i++
			continue
		}
		v, n, j := digitsAt(path, i)
		var p dateParts
		ok := false
		switch n {
		case 4:
			p.y = v
			p.mo, p.d, ok = urlMonthDay(path, j)
		case 6: // yyyymm/dd
			p.y, p.mo = v/100, v%100
			if j+1 < len(path) && isURLSep(path[j]) {
				d, dn, k := digitsAt(path, j+1)
				p.d = d
				ok = dn >= 1 && dn <= 2 && urlDayEnds(path, k, path[j])
			}
		case 8: // yyyymmdd
			p.y, p.mo, p.d = v/10000, v/100%100, v%100
			ok = true
		}
		if ok {
			if w, ok := p.when(); ok {
				return w, true
			}
		}
		i = j
	}
	return when{}, false
}

// urlPath returns the path of u without scheme, host, query and fragment.
func urlPath(u string) string {
	if i := strings.IndexAny(u, "?#"); i >= 0 {
		u = u[:i]
	}
	host := -1
	if i := strings.Index(u, "://"); i >= 0 {
		host = i + 3
	} else if strings.HasPrefix(u, "//") {
		host = 2
	}
	if host >= 0 {
		u = u[host:]
		j := strings.IndexByte(u, '/')
		if j < 0 {
			return ""
		}
		u = u[j:]
	}
	return u
}

func isURLSep(c byte) bool { return c == '/' || c == '-' || c == '_' || c == '.' }

// urlMonthDay reads the "/mm/dd" (or "-mm-dd", "/jul/23", "/mmdd") after a
// year that ends at j.
func urlMonthDay(path string, j int) (m, d int, ok bool) {
	if j+1 >= len(path) || !isURLSep(path[j]) {
		return 0, 0, false
	}
	sep1 := path[j]
	k := j + 1
	if isASCIIDigit(path[k]) {
		v, n, e := digitsAt(path, k)
		switch {
		case n == 4 && sep1 == '/' && (e == len(path) || path[e] == '/'): // /2021/0914/
			return v / 100, v % 100, true
		case n > 2:
			return 0, 0, false
		}
		m, k = v, e
	} else {
		e := letterRunEnd(path, k)
		w, found := lookupWord(path[k:e])
		if !found || w.month == 0 {
			return 0, 0, false
		}
		m, k = int(w.month), e
	}
	if k+1 >= len(path) || !isURLSep(path[k]) {
		return 0, 0, false
	}
	d, dn, e := digitsAt(path, k+1)
	if dn < 1 || dn > 2 || !urlDayEnds(path, e, path[k]) {
		return 0, 0, false
	}
	return m, d, true
}

// urlDayEnds reports whether a day number ending at e, after separator sep,
// is really a day: after a slash it must be a whole segment (optionally
// with an extension like ".html").
func urlDayEnds(path string, e int, sep byte) bool {
	if sep != '/' || e == len(path) || path[e] == '/' {
		return true
	}
	return path[e] == '.' && e+1 < len(path) && isASCIIAlpha(path[e+1])
}

// ---- the grammar ----

// dateParts collects the fields of a date while it is parsed.
type dateParts struct {
	y, mo, d         int
	h, mi, sec, nsec int
	off              int  // UTC offset in seconds, when hasZone
	us               int8 // US zone given as ET/CT/MT/PT: standard offset in hours
	hasTime, hasZone bool
	iso              bool // yyyy-mm-dd: a "+" offset may follow its time directly
}

// dateClock is a time of day.
type dateClock struct {
	h, mi, sec, nsec int
	hasSec           bool
}

func (p *dateParts) setClock(c dateClock) {
	p.h, p.mi, p.sec, p.nsec, p.hasTime = c.h, c.mi, c.sec, c.nsec, true
}

func (p *dateParts) setZone(z dateZone) {
	p.hasZone, p.off, p.us = true, z.off, z.us
}

// dateZone is a parsed UTC offset or zone name.
type dateZone struct {
	off int
	us  int8
}

// when validates p and builds the result.
func (p *dateParts) when() (when, bool) {
	if p.y < 1990 || p.y > 9999 || p.mo < 1 || p.mo > 12 || p.d < 1 || p.d > daysInMonth(p.mo, p.y) {
		return when{}, false
	}
	loc := time.UTC
	if p.hasZone {
		off := p.off
		if p.us != 0 {
			off = int(p.us) * 3600
			if usDST(p.y, p.mo, p.d, p.h) {
				off += 3600
			}
		}
		loc = zoneFor(off)
	}
	t := time.Date(p.y, time.Month(p.mo), p.d, p.h, p.mi, p.sec, p.nsec, loc)
	if !notTooLate(t) {
		return when{}, false
	}
	return when{t: t, hasTime: p.hasTime, hasZone: p.hasZone}, true
}

// futureLimit is now + 1 year in Unix seconds, as last computed. It only
// grows, so a date before it is before the real limit too, and the clock
// (slow on some virtual machines) is read only for dates past it.
var futureLimit atomic.Int64

// notTooLate reports whether t is at most a year after now.
func notTooLate(t time.Time) bool {
	u := t.Unix()
	if u <= futureLimit.Load() {
		return true
	}
	lim := time.Now().AddDate(1, 0, 0).Unix()
	futureLimit.Store(lim)
	return u <= lim
}

// matchAt parses the date starting exactly at i (a digit or the first letter
// of a word): a date with its optional time and zone, or a time and zone
// followed by the date they belong to. It returns the date and the end of
// what it used.
func matchAt(s string, i int) (when, int, bool) {
	var p dateParts
	if end, ok := dateAt(s, i, &p); ok {
		if !p.hasTime {
			end = extendTime(s, end, &p)
		}
		if w, ok := p.when(); ok {
			return w, end, true
		}
		return when{}, i, false
	}
	if !isASCIIDigit(s[i]) {
		return when{}, i, false
	}
	c, j, ok := timeAt(s, i)
	if !ok {
		return when{}, i, false
	}
	z, j2, zok := zoneAt(s, j, c.hasSec)
	k := skipDateSep(s, j2)
	p = dateParts{}
	end, ok := dateAt(s, k, &p)
	if !ok || p.hasTime {
		return when{}, i, false
	}
	p.setClock(c)
	if zok {
		p.setZone(z)
	}
	if w, ok := p.when(); ok {
		return w, end, true
	}
	return when{}, i, false
}

// dateAt parses a calendar date at i into p (ISO and RFC forms may bring
// their time too) and returns its end.
func dateAt(s string, i int, p *dateParts) (int, bool) {
	if i >= len(s) {
		return i, false
	}
	if !isASCIIDigit(s[i]) {
		return monthFirst(s, i, p)
	}
	v, n, j := digitsAt(s, i)
	switch n {
	case 1, 2:
		return dayFirst(s, i, v, j, p)
	case 4:
		return yearFirst(s, i, v, j, p)
	case 8: // basic ISO 8601 date-time: 20230723T061200Z
		if j+1 < len(s) && (s[j] == 'T' || s[j] == 't') && isASCIIDigit(s[j+1]) {
			p.y, p.mo, p.d, p.iso = v/10000, v/100%100, v%100, true
			if e, ok := isoTime(s, j+1, p); ok {
				return e, true
			}
		}
	}
	return i, false
}

// yearFirst parses yyyy-mm-dd (or / .) with an optional "T" time, and
// yyyy年m月d日.
func yearFirst(s string, i, y, j int, p *dateParts) (int, bool) {
	if j+1 < len(s) && (s[j] == '-' || s[j] == '/' || s[j] == '.') && isASCIIDigit(s[j+1]) {
		sep := s[j]
		m, mn, k := digitsAt(s, j+1)
		if mn > 2 || k+1 >= len(s) || s[k] != sep || !isASCIIDigit(s[k+1]) {
			return i, false
		}
		d, dn, l := digitsAt(s, k+1)
		if dn > 2 {
			return i, false
		}
		p.y, p.mo, p.d, p.iso = y, m, d, sep == '-'
		if p.iso && l+1 < len(s) && (s[l] == 'T' || s[l] == 't') && isASCIIDigit(s[l+1]) {
			if e, ok := isoTime(s, l+1, p); ok {
				return e, true
			}
		}
		return l, true
	}
	// 2023年7月23日, 2023년 7월 23일
	k := skipSpaces(s, j)
	n := markLen(s, k, "年", "년")
	if n == 0 {
		return i, false
	}
	m, mn, k := digitsAt(s, skipSpaces(s, k+n))
	if mn < 1 || mn > 2 {
		return i, false
	}
	k = skipSpaces(s, k)
	if n = markLen(s, k, "月", "월"); n == 0 {
		return i, false
	}
	d, dn, k := digitsAt(s, skipSpaces(s, k+n))
	if dn < 1 || dn > 2 {
		return i, false
	}
	k = skipSpaces(s, k)
	if n = markLen(s, k, "日", "일", "号", "號"); n == 0 {
		return i, false
	}
	p.y, p.mo, p.d = y, m, d
	return k + n, true
}

// isoTime parses the time after the "T" of an ISO 8601 date-time, extended
// (06:12:00.5) or basic (061200), and the offset after it.
func isoTime(s string, i int, p *dateParts) (int, bool) {
	v, n, j := digitsAt(s, i)
	var c dateClock
	switch n {
	case 2:
		var ok bool
		if c, j, ok = timeAt(s, i); !ok {
			return i, false
		}
	case 4, 6:
		if n == 4 {
			c.h, c.mi = v/100, v%100
		} else {
			c.h, c.mi, c.sec, c.hasSec = v/10000, v/100%100, v%100, true
			c.nsec, j = fractionAt(s, j)
		}
		if c.h > 23 || c.mi > 59 || c.sec > 59 {
			return i, false
		}
	default:
		return i, false
	}
	p.setClock(c)
	if z, e, ok := zoneAt(s, j, true); ok {
		p.setZone(z)
		j = e
	}
	return j, true
}

// dayFirst parses dates starting with a 1–2 digit number v that ends at j:
// 23.07.2023, 23/07/2023 (07/23/2023), 23-07-2023, 23 July 2023, 23rd of
// July, 2023, 23. Juli 2023, 1er juillet 2023, 23 de julio de 2023,
// 23-Jul-2023, 23-Jul-23 (RFC 850) and 23 Jul 23 06:12 (RFC 822).
func dayFirst(s string, i, v, j int, p *dateParts) (int, bool) {
	if j+1 < len(s) && (s[j] == '.' || s[j] == '/' || s[j] == '-') && isASCIIDigit(s[j+1]) {
		sep := s[j]
		m, mn, k := digitsAt(s, j+1)
		if mn > 2 || k+1 >= len(s) || s[k] != sep || !isASCIIDigit(s[k+1]) {
			return i, false
		}
		y, yn, l := digitsAt(s, k+1)
		if yn != 4 {
			return i, false
		}
		d := v
		if d <= 12 && m > 12 {
			d, m = m, d
		}
		p.y, p.mo, p.d = y, m, d
		return l, true
	}
	k := j
	if k < len(s) && s[k] == '.' { // 23. Juli
		k++
	} else if e := letterRunEnd(s, k); e > k { // 23rd, 1er, 1º
		if w, ok := lookupWord(s[k:e]); !ok || w.flags&wOrdinal == 0 {
			return i, false
		}
		k = e
	}
	hyphen := k+1 < len(s) && s[k] == '-' && !isASCIIDigit(s[k+1])
	if hyphen {
		k++
	} else {
		k = skipOf(s, skipSpaces(s, k))
	}
	e := letterRunEnd(s, k)
	w, ok := lookupWord(s[k:e])
	if !ok || w.month == 0 {
		return i, false
	}
	k = e
	if k < len(s) && s[k] == '.' {
		k++
	}
	if hyphen {
		if k >= len(s) || s[k] != '-' {
			return i, false
		}
		k++
	} else {
		k = skipSpaces(s, k)
		if k < len(s) && s[k] == ',' {
			k = skipSpaces(s, k+1)
		}
		k = skipOf(s, k)
	}
	y, yn, l := digitsAt(s, k)
	switch yn {
	case 4:
	case 2:
		// RFC 822 "23 Jul 23 06:12": a two-digit year must be followed by
		// a clock time; without one "23 July 14:05" would read as 2014.
		if !hyphen {
			t := skipSpaces(s, l)
			if t == l {
				return i, false
			}
			if _, _, ok := timeAt(s, t); !ok {
				return i, false
			}
		}
		y += 2000
		if y > 2069 {
			y -= 100
		}
	default:
		return i, false
	}
	p.y, p.mo, p.d = y, int(w.month), v
	return l, true
}

// monthFirst parses July 23, 2023 / Jul. 23rd 2023 / julio 23 de 2023 and
// the ANSIC/UnixDate/RubyDate forms "Jul 23 06:12:00 [UTC|+0300] 2023".
func monthFirst(s string, i int, p *dateParts) (int, bool) {
	e := letterRunEnd(s, i)
	if e == i || e-i > 20 {
		return i, false
	}
	w, ok := lookupWord(s[i:e])
	if !ok || w.month == 0 {
		return i, false
	}
	k := e
	if k < len(s) && s[k] == '.' {
		k++
	}
	k = skipSpaces(s, k)
	d, dn, k := digitsAt(s, k)
	if dn < 1 || dn > 2 {
		return i, false
	}
	if e := letterRunEnd(s, k); e > k {
		if o, ok := lookupWord(s[k:e]); !ok || o.flags&wOrdinal == 0 {
			return i, false
		}
		k = e
	}
	t := skipSpaces(s, k)
	if t < len(s) && s[t] == ',' {
		t = skipSpaces(s, t+1)
	}
	t = skipOf(s, t)
	y, yn, l := digitsAt(s, t)
	if yn == 4 {
		p.y, p.mo, p.d = y, int(w.month), d
		return l, true
	}
	if yn < 1 || yn > 2 || l >= len(s) || s[l] != ':' {
		return i, false
	}
	c, te, ok := timeAt(s, t)
	if !ok {
		return i, false
	}
	z, ze, zok := zoneAt(s, te, false)
	if !zok {
		ze = te
	}
	y, yn, l = digitsAt(s, skipSpaces(s, ze))
	if yn != 4 {
		return i, false
	}
	p.y, p.mo, p.d = y, int(w.month), d
	p.setClock(c)
	if zok {
		p.setZone(z)
	}
	return l, true
}

// extendTime adds the time (and zone) that follows a date ending at i, if
// any, and returns the new end.
func extendTime(s string, i int, p *dateParts) int {
	j := skipTimeSep(s, i)
	pm := 0
	if n := markLen(s, j, "午後", "下午", "오후"); n > 0 {
		pm, j = 1, skipSpaces(s, j+n)
	} else if n := markLen(s, j, "午前", "上午", "오전"); n > 0 {
		pm, j = -1, skipSpaces(s, j+n)
	}
	c, e, ok := timeAt(s, j)
	if !ok {
		return i
	}
	switch {
	case pm > 0 && c.h >= 1 && c.h < 12:
		c.h += 12
	case pm < 0 && c.h == 12:
		c.h = 0
	}
	p.setClock(c)
	// An offset may follow a time directly when it cannot be the end of a
	// range: after seconds, or "+" after a yyyy-mm-dd date ("2023-07-23
	// 06:12+03:00", but "2023-07-23 09:00-10:00" is a range).
	adjacent := c.hasSec || (p.iso && e < len(s) && s[e] == '+')
	if z, ze, ok := zoneAt(s, e, adjacent); ok {
		p.setZone(z)
		e = ze
	}
	return e
}

// timeAt parses a time of day at i: 06:12, 06:12:00.123, 6:12 pm, 6 p.m.,
// 18h05, 18h, 14.05 Uhr, 14 Uhr, 06.12 (before a zone or at the end), 6時12分.
// It does not read a zone.
func timeAt(s string, i int) (dateClock, int, bool) {
	var c dateClock
	h, hn, j := digitsAt(s, i)
	if hn < 1 || hn > 2 {
		return c, i, false
	}
	c.h = h
	colon, dot, strong := false, false, false
	if j+1 < len(s) && s[j] == ':' && isASCIIDigit(s[j+1]) {
		m, mn, k := digitsAt(s, j+1)
		if mn != 2 {
			return c, i, false
		}
		c.mi, j, colon, strong = m, k, true, true
		if j+1 < len(s) && s[j] == ':' && isASCIIDigit(s[j+1]) {
			sec, sn, k := digitsAt(s, j+1)
			if sn != 2 {
				return c, i, false
			}
			c.sec, c.hasSec, j = sec, true, k
			c.nsec, j = fractionAt(s, j)
		}
	} else if j+1 < len(s) && s[j] == '.' && isASCIIDigit(s[j+1]) {
		m, mn, k := digitsAt(s, j+1)
		if mn != 2 {
			return c, i, false
		}
		c.mi, j, dot = m, k, true
	}
	// Suffixes: am/pm, Uhr, h (18h05, 18:05 h), 時.
	k := skipSpaces(s, j)
	if pm, e, ok := ampmAt(s, k); ok && (c.h >= 1 && c.h <= 12 || pm && c.h > 12) {
		// "13:00 pm" is redundant but seen; "14:05 am" is German "on".
		if pm && c.h < 12 {
			c.h += 12
		} else if !pm && c.h == 12 {
			c.h = 0
		}
		j, strong = e, true
	} else if e := letterRunEnd(s, k); e > k {
		w := s[k:e]
		switch {
		case w == "h" || w == "H":
			strong = true
			j = e
			if !colon && !dot {
				// 18h05, 18 h 05, 18h
				if m, mn, me := digitsAt(s, skipSpaces(s, e)); mn == 2 {
					c.mi, j = m, me
				}
			}
		case strings.EqualFold(w, "uhr") || strings.EqualFold(w, "hrs") || strings.EqualFold(w, "hs") || strings.EqualFold(w, "hr"):
			j, strong = e, true
		}
	} else if n := markLen(s, k, "時", "时", "点", "點", "시"); n > 0 && !colon && !dot {
		strong = true
		j = k + n
		if m, mn, me := digitsAt(s, skipSpaces(s, j)); mn >= 1 && mn <= 2 {
			me = skipSpaces(s, me)
			if n := markLen(s, me, "分", "분"); n > 0 {
				c.mi, j = m, me+n
				if sec, sn, se := digitsAt(s, skipSpaces(s, j)); sn >= 1 && sn <= 2 {
					se = skipSpaces(s, se)
					if n := markLen(s, se, "秒", "초"); n > 0 {
						c.sec, c.hasSec, j = sec, true, se+n
					}
				}
			}
		}
	}
	if !strong {
		if !dot {
			return c, i, false
		}
		// "06.12" is a time only where a decimal number would be odd:
		// before a zone or at the end of the text.
		if _, _, ok := zoneAt(s, j, false); !ok && !atDateEnd(s, j) {
			return c, i, false
		}
	}
	if c.h > 23 || c.mi > 59 || c.sec > 60 {
		return c, i, false
	}
	if c.sec == 60 { // leap second
		c.sec = 59
	}
	return c, j, true
}

// fractionAt reads ".123" or ",123" at i as nanoseconds.
func fractionAt(s string, i int) (int, int) {
	if i+1 >= len(s) || (s[i] != '.' && s[i] != ',') || !isASCIIDigit(s[i+1]) {
		return 0, i
	}
	ns, scale := 0, 100000000
	j := i + 1
	for ; j < len(s) && isASCIIDigit(s[j]); j++ {
		ns += int(s[j]-'0') * scale
		scale /= 10
	}
	return ns, j
}

// ampmAt reads am, pm, a.m., p.m., "p. m." at i.
func ampmAt(s string, i int) (pm bool, end int, ok bool) {
	e := letterRunEnd(s, i)
	switch e - i {
	case 2:
		switch {
		case strings.EqualFold(s[i:e], "am"):
			return false, e, true
		case strings.EqualFold(s[i:e], "pm"):
			return true, e, true
		}
	case 1:
		c := s[i] | 0x20
		if (c != 'a' && c != 'p') || e >= len(s) || s[e] != '.' {
			break
		}
		k := skipSpaces(s, e+1)
		if k+1 <= len(s) && letterRunEnd(s, k) == k+1 && s[k]|0x20 == 'm' {
			k++
			if k < len(s) && s[k] == '.' {
				k++
			}
			return c == 'p', k, true
		}
	}
	return false, i, false
}

// zoneAt parses a zone after a time ending at i: "Z", "+03:00", "+0300",
// " +0300", " GMT", " (CET)", " GMT+2", " UTC+05:30", " ET". adjacent allows
// the short "+03"/"-07:00" forms directly after the time (ISO 8601, or times
// with seconds), where a time range like "09:00-10:00" cannot be meant.
func zoneAt(s string, i int, adjacent bool) (dateZone, int, bool) {
	if i < len(s) && (s[i] == 'Z' || s[i] == 'z') && letterRunEnd(s, i) == i+1 {
		return dateZone{}, i + 1, true
	}
	if adjacent {
		if off, e, ok := offsetAt(s, i, true); ok {
			return dateZone{off: off}, zoneNameAfter(s, e), true
		}
	}
	k := skipSpaces(s, i)
	// "06:12 +0300", "06:12+0300"; but not "09:00-10:00", a range.
	if off, e, ok := offsetAt(s, k, false); ok && (k > i || adjacent || strings.IndexByte(s[k:e], ':') < 0) {
		return dateZone{off: off}, zoneNameAfter(s, e), true
	}
	paren := k < len(s) && s[k] == '('
	if paren {
		k++
	}
	e := upperRunEnd(s, k)
	if e-k < 2 || e-k > 5 || (e < len(s) && letterRunEnd(s, e) > e) {
		return dateZone{}, i, false
	}
	z, ok := zoneByName(s[k:e])
	if !ok {
		return dateZone{}, i, false
	}
	if z.off == 0 && z.us == 0 { // GMT+2, UTC+05:30, GMT-0500
		if off, oe, ok := offsetAt(s, e, true); ok {
			z.off, e = off, oe
		}
	}
	if paren {
		if e >= len(s) || s[e] != ')' {
			return dateZone{}, i, false
		}
		e++
	}
	return z, e, true
}

// zoneNameAfter skips a redundant zone name after a numeric offset
// ("+0000 UTC", "+0300 (MSK)", Go's "+0300 +03", RFC 9557's
// "+03:00[Europe/Moscow]").
func zoneNameAfter(s string, i int) int {
	if i < len(s) && s[i] == '[' {
		for j := i + 1; j < len(s) && j < i+48; j++ {
			c := s[j]
			if c == ']' {
				return j + 1
			}
			if !isASCIIAlpha(c) && !isASCIIDigit(c) && c != '/' && c != '_' && c != '-' && c != '+' {
				break
			}
		}
		return i
	}
	k := skipSpaces(s, i)
	if k == i {
		return i
	}
	if k+3 <= len(s) && (s[k] == '+' || s[k] == '-') && isASCIIDigit(s[k+1]) && isASCIIDigit(s[k+2]) && (k+3 == len(s) || !isASCIIDigit(s[k+3])) {
		return k + 3
	}
	paren := k < len(s) && s[k] == '('
	if paren {
		k++
	}
	e := upperRunEnd(s, k)
	if e-k < 2 || (e < len(s) && letterRunEnd(s, e) > e) {
		return i
	}
	if _, ok := zoneByName(s[k:e]); !ok {
		return i
	}
	if paren {
		if e >= len(s) || s[e] != ')' {
			return i
		}
		e++
	}
	return e
}

// offsetAt parses "+03:00", "+0300", "-05" (short only), "+3" (short only),
// with an ASCII or Unicode minus.
func offsetAt(s string, i int, short bool) (int, int, bool) {
	if i >= len(s) {
		return 0, i, false
	}
	sign, j := 1, i+1
	switch {
	case s[i] == '+':
	case s[i] == '-':
		sign = -1
	case strings.HasPrefix(s[i:], "−"): // U+2212
		sign, j = -1, i+len("−")
	default:
		return 0, i, false
	}
	v, n, e := digitsAt(s, j)
	var h, m int
	switch n {
	case 4:
		h, m = v/100, v%100
	case 1, 2:
		h = v
		if e+2 < len(s) && s[e] == ':' && isASCIIDigit(s[e+1]) {
			mv, mn, me := digitsAt(s, e+1)
			if mn != 2 {
				return 0, i, false
			}
			m, e = mv, me
		} else if !short {
			return 0, i, false
		}
	default:
		return 0, i, false
	}
	if h > 14 || m > 59 {
		return 0, i, false
	}
	return sign * (h*3600 + m*60), e, true
}

// zoneByName looks up an upper-case zone abbreviation.
func zoneByName(name string) (dateZone, bool) {
	switch name {
	case "ET":
		return dateZone{us: -5}, true
	case "CT":
		return dateZone{us: -6}, true
	case "MT":
		return dateZone{us: -7}, true
	case "PT":
		return dateZone{us: -8}, true
	}
	off, ok := zoneTab[name]
	return dateZone{off: int(off)}, ok
}

// zoneTab maps upper-case zone abbreviations to offsets in seconds.
var zoneTab = map[string]int32{
	"GMT": 0, "UTC": 0, "UT": 0, "WET": 0,
	"BST": 3600, "CET": 3600, "MEZ": 3600, "WEST": 3600, "WAT": 3600,
	"CEST": 7200, "MESZ": 7200, "EET": 7200, "SAST": 7200, "CAT": 7200,
	"EEST": 10800, "MSK": 10800, "EAT": 10800,
	"PKT": 5 * 3600, "IST": 5*3600 + 1800,
	"ICT": 7 * 3600, "WIB": 7 * 3600,
	"HKT": 8 * 3600, "SGT": 8 * 3600, "AWST": 8 * 3600, "PHT": 8 * 3600,
	"JST": 9 * 3600, "KST": 9 * 3600, "ACST": 9*3600 + 1800, "ACDT": 10*3600 + 1800,
	"AEST": 10 * 3600, "AEDT": 11 * 3600, "NZST": 12 * 3600, "NZDT": 13 * 3600,
	"BRT": -3 * 3600, "ART": -3 * 3600,
	"EDT": -4 * 3600, "EST": -5 * 3600, "CDT": -5 * 3600, "CST": -6 * 3600,
	"MDT": -6 * 3600, "MST": -7 * 3600, "PDT": -7 * 3600, "PST": -8 * 3600,
	"AKDT": -8 * 3600, "AKST": -9 * 3600, "HST": -10 * 3600,
}

// usDST reports whether US daylight saving time is in force at the local
// date and hour (rules of 2007 on; 1987–2006 before that).
func usDST(y, m, d, h int) bool {
	var sm, sd, em, ed int
	if y >= 2007 {
		sm, sd = 3, firstSunday(y, 3)+7
		em, ed = 11, firstSunday(y, 11)
	} else {
		sm, sd = 4, firstSunday(y, 4)
		em, ed = 10, firstSunday(y, 10)
		for ed+7 <= 31 {
			ed += 7
		}
	}
	at := m*10000 + d*100 + h
	return at >= sm*10000+sd*100+2 && at < em*10000+ed*100+2
}

func firstSunday(y, m int) int {
	wd := int(time.Date(y, time.Month(m), 1, 0, 0, 0, 0, time.UTC).Weekday())
	return 1 + (7-wd)%7
}

// fixedZones caches one location per quarter-hour offset from -14:00 to
// +14:00, so that parsing does not allocate one per date.
var fixedZones = func() (z [113]*time.Location) {
	for i := range z {
		if off := (i - 56) * 900; off == 0 {
			z[i] = time.UTC
		} else {
			z[i] = time.FixedZone("", off)
		}
	}
	return z
}()

func zoneFor(off int) *time.Location {
	if off%900 == 0 && off >= -56*900 && off <= 56*900 {
		return fixedZones[off/900+56]
	}
	return time.FixedZone("", off)
}

// skipTimeSep skips what may stand between a date and its time: spaces,
// ",", "|", "-", "·", "(", and words like "at", "à", "um", "a las", "alle ore".
func skipTimeSep(s string, i int) int {
	j := i
	for n := 0; n < 4; n++ {
		k := skipSpaces(s, j)
		if p := cjkWeekdayLen(s, k); p > 0 {
			j = k + p
			continue
		}
		if p := sepPunctLen(s, k); p > 0 {
			j = k + p
			continue
		}
		if e := letterRunEnd(s, k); e > k {
			if w, ok := lookupWord(s[k:e]); ok && w.flags&wTimeSep != 0 {
				j = e
				continue
			}
		}
		return k
	}
	return skipSpaces(s, j)
}

// skipDateSep skips what may stand between a time and the date it belongs
// to: spaces, punctuation, weekday names and words like "on", "le", "am".
func skipDateSep(s string, i int) int {
	j := i
	for n := 0; n < 6; n++ {
		k := skipSpaces(s, j)
		if p := sepPunctLen(s, k); p > 0 {
			j = k + p
			continue
		}
		if k < len(s) && s[k] == ')' {
			j = k + 1
			continue
		}
		if e := letterRunEnd(s, k); e > k {
			if w, ok := lookupWord(s[k:e]); ok && w.flags&(wDateSep|wWeekday) != 0 {
				j = e
				if j < len(s) && s[j] == '.' {
					j++
				}
				continue
			}
		}
		return k
	}
	return skipSpaces(s, j)
}

// cjkWeekdayLen returns the length of a weekday in brackets after a CJK
// date, "(日)", "（星期日）", or 0.
func cjkWeekdayLen(s string, i int) int {
	var n int
	switch {
	case strings.HasPrefix(s[i:], "("):
		n = 1
	case strings.HasPrefix(s[i:], "（"):
		n = len("（")
	default:
		return 0
	}
	j := i + n
	for k := 0; k < 3 && j < len(s); k++ {
		r, size := utf8.DecodeRuneInString(s[j:])
		if !isCJKRune(r) {
			break
		}
		j += size
	}
	if j == i+n {
		return 0
	}
	switch {
	case strings.HasPrefix(s[j:], ")"):
		return j + 1 - i
	case strings.HasPrefix(s[j:], "）"):
		return j + len("）") - i
	}
	return 0
}

// skipOf skips "of", "de", "del" and the spaces after it.
func skipOf(s string, i int) int {
	if e := letterRunEnd(s, i); e > i && e-i <= 3 {
		if w := s[i:e]; strings.EqualFold(w, "of") || strings.EqualFold(w, "de") || strings.EqualFold(w, "del") {
			return skipSpaces(s, e)
		}
	}
	return i
}

// sepPunctLen returns the length of a separator mark at i, or 0.
func sepPunctLen(s string, i int) int {
	if i >= len(s) {
		return 0
	}
	switch s[i] {
	case ',', '|', '-', '/', '@', '(', ';':
		return 1
	}
	if s[i] < utf8.RuneSelf {
		return 0
	}
	for _, m := range [...]string{"·", "•", "–", "—", "｜", "，", "、"} {
		if strings.HasPrefix(s[i:], m) {
			return len(m)
		}
	}
	return 0
}

// noisePunct reports whether r may stand around a date in parseWhen.
func noisePunct(r rune) bool {
	switch r {
	case ',', '.', ':', ';', '|', '-', '/', '(', ')', '[', ']', '@', '"', '\'', '*',
		'·', '•', '–', '—', '«', '»', '“', '”', '‘', '’', '｜', '（', '）', '：', '，', '、', '。', '【', '】':
		return true
	}
	return false
}

// ---- words ----

type wordInfo struct {
	month uint8 // 1–12 for a month name
	flags uint8
}

const (
	wWeekday = 1 << iota // weekday name
	wNoise               // label word around a date: "published", "le", "am"
	wTimeSep             // between a date and its time: "at", "um", "à"
	wDateSep             // between a time and its date: "on", "le", "am"
	wOrdinal             // ordinal suffix on a day number: "rd", "er", "º"
	wOf                  // between day, month and year: "of", "de", "del" (see skipOf)
)

var wordTab = func() map[string]wordInfo {
	m := make(map[string]wordInfo, 512)
	add := func(month uint8, flags uint8, list string) {
		for _, w := range strings.Fields(list) {
			e := m[w]
			if month != 0 {
				e.month = month
			}
			e.flags |= flags
			m[w] = e
		}
	}
	// English, German, French, Spanish, Italian, Portuguese, Dutch.
	add(1, 0, "january jan januar jänner jaenner janvier janv enero ene gennaio gen janeiro januari")
	add(2, 0, "february feb febr februar feber février fevrier févr fevr fév fev febrero febbraio fevereiro februari")
	add(3, 0, "march mar märz maerz marz mär mrz mars marzo março marco maart mrt")
	add(4, 0, "april apr avril avr abril abr aprile")
	add(5, 0, "may mai mayo maggio mag maio mei")
	add(6, 0, "june jun juni juin junio giugno giu junho")
	add(7, 0, "july jul juli juillet juil julio luglio lug julho")
	add(8, 0, "august aug août aout agosto ago augustus")
	add(9, 0, "september sep sept septembre septiembre setiembre set settembre sett setembro")
	add(10, 0, "october oct oktober okt octobre octubre ottobre ott outubro out")
	add(11, 0, "november nov novembre noviembre novembro")
	add(12, 0, "december dec dezember dez décembre decembre déc dicembre dic diciembre dezembro")
	add(0, wWeekday, `monday mon tuesday tue tues wednesday wed thursday thu thur thurs friday fri saturday sat sunday sun
		montag dienstag mittwoch donnerstag freitag samstag sonnabend sonntag mo di mi do fr sa so
		lundi mardi mercredi jeudi vendredi samedi dimanche lun mar mer jeu ven sam dim
		lunes martes miércoles miercoles jueves viernes sábado sabado domingo mié mie jue vie sáb sab dom
		lunedì lunedi martedì martedi mercoledì mercoledi giovedì giovedi venerdì venerdi sabato domenica
		segunda terça terca quarta quinta sexta feira seg ter qua qui sex
		maandag dinsdag woensdag donderdag vrijdag zaterdag zondag ma wo vr za zo`)
	add(0, wNoise, `published publish posted updated update modified last first originally created released issued
		date dated time on at the
		publié publiée publie publiee publication le la mis mise à a jour modifié modifiée actualisé actualisée
		créé créée du des dernière derniere
		veröffentlicht veroeffentlicht aktualisiert geändert geaendert zuletzt erstellt stand am um uhr vom datum
		publicado publicada actualizado actualizada modificado el los las del fecha hora publicación publicacion
		pubblicato pubblicata aggiornato aggiornata modificato il alle ore data di pubblicazione
		atualizado atualizada em às as do da publicação publicacao
		gepubliceerd bijgewerkt geplaatst laatst gewijzigd op om`)
	add(0, wTimeSep, "at à a um alle ore om às ás as las la kl klo")
	add(0, wDateSep, "on le am el il op em de the du")
	add(0, wOrdinal, "st nd rd th er re e º ª o")
	add(0, wOf, "of de del")
	return m
}()

// lookupWord finds w in wordTab, case-insensitively, without allocating.
func lookupWord(w string) (wordInfo, bool) {
	if w == "" || len(w) > 20 {
		return wordInfo{}, false
	}
	var buf [32]byte
	b := buf[:0]
	for i := 0; i < len(w); {
		c := w[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			b = append(b, c)
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(w[i:])
		b = utf8.AppendRune(b, unicode.ToLower(r))
		i += n
	}
	e, ok := wordTab[string(b)]
	return e, ok
}

// ---- characters ----

func isASCIIDigit(c byte) bool { return '0' <= c && c <= '9' }
func isASCIIAlpha(c byte) bool { return 'a' <= c|0x20 && c|0x20 <= 'z' }

func allASCIIDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isASCIIDigit(s[i]) {
			return false
		}
	}
	return true
}

// digitsAt reads the run of ASCII digits at i: its value, its length and its end.
func digitsAt(s string, i int) (v, n, end int) {
	j := i
	for ; j < len(s) && isASCIIDigit(s[j]); j++ {
		if j-i < 18 {
			v = v*10 + int(s[j]-'0')
		}
	}
	return v, j - i, j
}

// whenFromDigits reads an all-digit parseWhen value.
func whenFromDigits(s string) (when, bool) {
	v, n, _ := digitsAt(s, 0)
	var p dateParts
	switch n {
	case 8:
		p.y, p.mo, p.d = v/10000, v/100%100, v%100
		return p.when()
	case 14:
		date, tod := v/1000000, v%1000000
		p.y, p.mo, p.d = date/10000, date/100%100, date%100
		p.h, p.mi, p.sec, p.hasTime = tod/10000, tod/100%100, tod%100, true
		if p.h > 23 || p.mi > 59 || p.sec > 59 {
			return when{}, false
		}
		return p.when()
	case 9, 10, 12, 13:
		var t time.Time
		if n <= 10 {
			t = time.Unix(int64(v), 0).UTC()
		} else {
			t = time.UnixMilli(int64(v)).UTC()
		}
		y, m, d := t.Date()
		p.y, p.mo, p.d = y, int(m), d
		p.h, p.mi, p.sec = t.Clock()
		p.nsec = t.Nanosecond()
		p.hasTime, p.hasZone = true, true
		return p.when()
	}
	return when{}, false
}

// letterRunEnd returns the end of the run of letters (not CJK) starting at i, or
// i when there is none.
func letterRunEnd(s string, i int) int {
	j := i
	for j < len(s) {
		c := s[j]
		if c < utf8.RuneSelf {
			if !isASCIIAlpha(c) {
				break
			}
			j++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[j:])
		if isCJKRune(r) || !(unicode.IsLetter(r) || unicode.Is(unicode.Mn, r)) {
			break
		}
		j += n
	}
	return j
}

// upperRunEnd returns the end of the run of ASCII upper-case letters at i.
func upperRunEnd(s string, i int) int {
	for i < len(s) && 'A' <= s[i] && s[i] <= 'Z' {
		i++
	}
	return i
}

func isCJKRune(r rune) bool {
	return (r >= 0x3040 && r <= 0x30FF) || (r >= 0x3130 && r <= 0x318F) ||
		(r >= 0x3400 && r <= 0x9FFF) || (r >= 0xAC00 && r <= 0xD7AF) || (r >= 0xF900 && r <= 0xFAFF)
}

// spaceRuneLen returns the length of the space character at i, or 0.
func spaceRuneLen(s string, i int) int {
	if i >= len(s) {
		return 0
	}
	switch c := s[i]; {
	case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v':
		return 1
	case c == 0xc2 && i+1 < len(s) && s[i+1] == 0xa0: // U+00A0
		return 2
	case c == 0xe2 && i+2 < len(s) && s[i+1] == 0x80 && (s[i+2] <= 0x8b || s[i+2] == 0xaf): // U+2000–U+200B, U+202F
		return 3
	case c == 0xe3 && i+2 < len(s) && s[i+1] == 0x80 && s[i+2] == 0x80: // U+3000
		return 3
	}
	return 0
}

func skipSpaces(s string, i int) int {
	for {
		n := spaceRuneLen(s, i)
		if n == 0 {
			return i
		}
		i += n
	}
}

// atDateEnd reports whether only spaces and closing marks follow i.
func atDateEnd(s string, i int) bool {
	i = skipSpaces(s, i)
	return i == len(s) || s[i] == ')' || s[i] == '|' || s[i] == ']'
}

// markLen returns the length of the first of the marks that s has at i.
func markLen(s string, i int, marks ...string) int {
	if i >= len(s) || s[i] < utf8.RuneSelf {
		return 0
	}
	for _, m := range marks {
		if strings.HasPrefix(s[i:], m) {
			return len(m)
		}
	}
	return 0
}

func daysInMonth(m, y int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}
