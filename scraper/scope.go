package scraper

import (
	"net/url"
	"regexp"
	"slices"
	"strings"
	"sync"
)

// scope decides which URLs the crawl may follow.
type scope struct {
	hosts   map[string]bool // exact hosts: the seeds', with and without www.
	domains []string        // AllowedDomains: themselves and subdomains
	include []*regexp.Regexp
	exclude []*regexp.Regexp

	maxURLLength   int
	maxQueryParams int
	patternBudget  int

	mu       sync.Mutex
	patterns map[string]int // non-article pages fetched, by host+pattern
}

func newScope(cfg *Config, seeds []*url.URL) *scope {
	s := &scope{
		hosts:          make(map[string]bool),
		include:        cfg.Include,
		exclude:        cfg.Exclude,
		maxURLLength:   cfg.MaxURLLength,
		maxQueryParams: cfg.MaxQueryParams,
		patternBudget:  cfg.PatternBudget,
		patterns:       make(map[string]int),
	}
	for _, u := range seeds {
		h := strings.ToLower(u.Hostname())
		bare := strings.TrimPrefix(h, "www.")
		s.hosts[bare] = true
		s.hosts["www."+bare] = true
	}
	for _, d := range cfg.AllowedDomains {
		d = strings.Trim(strings.ToLower(strings.TrimSpace(d)), ".")
		if d != "" {
			s.domains = append(s.domains, d)
		}
	}
	return s
}

// hostAllowed reports whether host is in scope.
func (s *scope) hostAllowed(host string) bool {
	host = strings.ToLower(host)
	if s.hosts[host] {
		return true
	}
	for _, d := range s.domains {
		if host == d || strings.HasSuffix(host, "."+d) {
			return true
		}
	}
	return false
}

// verdict is why a URL is not followed, or "" when it is.
type verdict string

const (
	follow         verdict = ""
	offSite        verdict = "off-site"
	notIncluded    verdict = "not included"
	excluded       verdict = "excluded"
	trapLength     verdict = "URL too long"
	trapQuery      verdict = "too many query parameters"
	trapRepeats    verdict = "repeated path segments"
	trapBudget     verdict = "pattern budget spent"
	verdictSkipped verdict = "skipped"
	alreadySeen    verdict = "seen"
)

// check decides whether the normalised URL u, discovered on a page (not a
// seed), is followed.
func (s *scope) check(u *url.URL, raw string) verdict {
	if !s.hostAllowed(u.Hostname()) {
		return offSite
	}
	if len(s.include) > 0 && !slices.ContainsFunc(s.include, func(re *regexp.Regexp) bool { return re.MatchString(raw) }) {
		return notIncluded
	}
	if slices.ContainsFunc(s.exclude, func(re *regexp.Regexp) bool { return re.MatchString(raw) }) {
		return excluded
	}
	if s.maxURLLength > 0 && len(raw) > s.maxURLLength {
		return trapLength
	}
	if s.maxQueryParams > 0 && u.RawQuery != "" && strings.Count(u.RawQuery, "&")+1 > s.maxQueryParams {
		return trapQuery
	}
	if repeatedSegments(u.Path) {
		return trapRepeats
	}
	if s.patternBudget > 0 {
		s.mu.Lock()
		n := s.patterns[patternKey(u)]
		s.mu.Unlock()
		if n >= s.patternBudget {
			return trapBudget
		}
	}
	return follow
}

// spend counts one non-article page fetched against u's pattern budget.
func (s *scope) spend(u *url.URL) {
	if s.patternBudget <= 0 {
		return
	}
	k := patternKey(u)
	s.mu.Lock()
	s.patterns[k]++
	s.mu.Unlock()
}

// repeatedSegments reports a path in which one segment appears three
// times or more, the mark of relative links that nest forever
// (/a/b/a/b/a/b/).
func repeatedSegments(path string) bool {
	segs := strings.Split(strings.Trim(path, "/"), "/")
	if len(segs) < 3 {
		return false
	}
	count := make(map[string]int, len(segs))
	for _, seg := range segs {
		if seg == "" {
			continue
		}
		count[seg]++
		if count[seg] >= 3 {
			return true
		}
	}
	return false
}

// patternKey is the shape of u that pattern budgets count by: the host,
// the path with every run of digits made "0", and the sorted names of the
// query parameters without their values. Pages of a calendar
// (/archive/2024/05, /archive/2024/06, ...) or of a faceted search
// (?color=red&size=m, ?color=blue&size=l, ...) share one.
func patternKey(u *url.URL) string {
	var b strings.Builder
	b.WriteString(strings.ToLower(u.Host))
	digits := false
	for _, r := range u.Path {
		if r >= '0' && r <= '9' {
			if !digits {
				b.WriteByte('0')
			}
			digits = true
			continue
		}
		digits = false
		b.WriteRune(r)
	}
	if u.RawQuery != "" {
		var names []string
		for _, p := range strings.Split(u.RawQuery, "&") {
			n, _, _ := strings.Cut(p, "=")
			names = append(names, n)
		}
		slices.Sort(names)
		b.WriteByte('?')
		b.WriteString(strings.Join(slices.Compact(names), "&"))
	}
	return b.String()
}

// pageParams are the query parameters that number a listing's pages.
var pageParams = map[string]bool{
	"page": true, "p": true, "pg": true, "paged": true, "pagina": true, "seite": true,
	"start": true, "offset": true, "pn": true, "pageno": true, "page_no": true,
}

// pagePathRe matches a path's page-number suffix: /page/3, /page-3, /p/3.
var pagePathRe = regexp.MustCompile(`(?i)/(?:page|p|seite|pagina)[/-]?\d+/?$`)

// paginationBase returns u without its page number, and whether it had
// one.
func paginationBase(u *url.URL) (string, bool) {
	path := u.Path
	numbered := false
	if mayBePaged(path) {
		if loc := pagePathRe.FindStringIndex(path); loc != nil {
			path = path[:loc[0]]
			numbered = true
		}
	}
	path = strings.TrimSuffix(path, "/")
	var kept []string
	if u.RawQuery != "" {
		for _, p := range strings.Split(u.RawQuery, "&") {
			n, v, _ := strings.Cut(p, "=")
			if pageParams[strings.ToLower(n)] && isDigits(v) {
				numbered = true
				continue
			}
			kept = append(kept, p)
		}
	}
	base := strings.ToLower(u.Host) + path
	if len(kept) > 0 {
		base += "?" + strings.Join(kept, "&")
	}
	return base, numbered
}

// isPagination reports whether the link from page from to to moves within
// one listing's pages: to carries a page number, and without their page
// numbers both are the same listing. A rel=next or rel=prev link to such
// a page counts too.
func isPagination(from, to *url.URL) bool {
	fb, fromNumbered := paginationBase(from)
	return isPaginationFrom(fb, fromNumbered, to)
}

// isPaginationFrom is isPagination with the source page's pagination base
// computed once for all its links.
func isPaginationFrom(fromBase string, fromNumbered bool, to *url.URL) bool {
	tb, numbered := paginationBase(to)
	if !numbered {
		// Page 1 is often the listing's plain address.
		return fromNumbered && fromBase == tb
	}
	return fromBase == tb
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return true
}

// mayBePaged is a cheap test before pagePathRe: a path ending in a digit
// (and a slash) after a "p" somewhere.
func mayBePaged(path string) bool {
	p := strings.TrimSuffix(path, "/")
	if p == "" || p[len(p)-1] < '0' || p[len(p)-1] > '9' {
		return false
	}
	return strings.ContainsAny(p, "pP")
}
