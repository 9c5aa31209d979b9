package extract

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Publication and modification dates, most reliable source first:
// JSON-LD, article:* and other date meta tags, microdata, <time>
// elements, a visible dateline near the headline, and the URL.

var publishedMetas = []string{
	"article:published_time", "og:published_time", "article:published", "published_time",
	"datepublished", "publishdate", "publish_date", "publish-date", "pubdate", "pub_date",
	"dc.date.issued", "dcterms.issued", "dc.date.created", "dcterms.created", "dc.date", "dcterms.date",
	"sailthru.date", "parsely-pub-date", "article.published", "article_date_original",
	"originalpublicationdate", "citation_publication_date", "citation_date", "date",
	"cxenseparse:recs:publishtime", "og:article:published_time", "datecreated", "created",
	"release_date", "displaydate", "dc.created", "last-published",
}

var modifiedMetas = []string{
	"article:modified_time", "og:updated_time", "og:modified_time", "article:modified",
	"modified_time", "datemodified", "dcterms.modified", "dc.date.modified", "last-modified",
	"lastmod", "sailthru.lastmodified", "article.updated", "updated_time",
}

func (p *page) dates() (published, modified string) {
	var fromURL when
	if p.base != nil {
		fromURL, _ = dateFromURL(p.base.String())
	}
	if fromURL.IsZero() {
		fromURL, _ = dateFromURL(p.canonicalURL())
	}
	sources := []func() when{
		func() when { return p.ldDate("datePublished", "dateCreated") },
		func() when { return p.metaDate(publishedMetas) },
		func() when { return p.itempropDate("datepublished", "datecreated") },
		p.timeElementDate,
		p.visibleDate,
		func() when { return fromURL },
		p.textDate,
	}
	var pub when
	for _, src := range sources {
		if pub = src(); !pub.IsZero() {
			break
		}
	}
	// A date in the address is set when the article is first published;
	// metadata that names another day is a later revision's.
	if !fromURL.IsZero() && !pub.IsZero() && !sameDay(pub, fromURL) {
		pub = fromURL
	}
	pub = p.localize(pub)
	mod := p.ldDate("dateModified")
	if mod.IsZero() {
		mod = p.metaDate(modifiedMetas)
	}
	if mod.IsZero() {
		mod = p.itempropDate("datemodified")
	}
	if !pub.IsZero() {
		published = pub.String()
	}
	if !mod.IsZero() {
		modified = mod.String()
	}
	return published, modified
}

// localize gives a UTC time the publisher's own offset when the dateline
// under the headline shows the same moment as a local time on another
// calendar day ("2022-05-04T02:41:00Z" shown as "3/5/2022 22:41" becomes
// "2022-05-03T22:41:00-04:00"): the instant is kept, and so is the
// publisher's day.
func (p *page) localize(w when) when {
	if w.IsZero() || !w.hasZone || !w.hasTime {
		return w
	}
	if _, off := w.t.Zone(); off != 0 {
		return w
	}
	p.nearHeadline()
	v := p.classedDate(p.below)
	if v.IsZero() {
		v = p.dateAfterHeadline()
	}
	if v.IsZero() || !v.hasTime || v.hasZone || sameDay(w, v) {
		return w
	}
	// v's wall clock is labelled UTC: the difference is the offset.
	d := v.t.Sub(w.t)
	if d%(15*time.Minute) != 0 || d > 14*time.Hour || d < -12*time.Hour {
		return w
	}
	return when{t: w.t.In(time.FixedZone("", int(d/time.Second))), hasTime: true, hasZone: true}
}

// sameDay reports whether a and b fall on the same calendar day, as
// written. A date in the address is the publisher's own day: metadata
// naming another day (often a UTC time near midnight) gives way to it.
func sameDay(a, b when) bool {
	ay, am, ad := a.t.Date()
	by, bm, bd := b.t.Date()
	return ay == by && am == bm && ad == bd
}

func (p *page) ldDate(keys ...string) when {
	for _, k := range keys {
		if w, ok := parseWhen(p.ld.str(k)); ok {
			return w
		}
	}
	return when{}
}

func (p *page) metaDate(keys []string) when {
	for _, k := range keys {
		for _, v := range p.metas[k] {
			if w, ok := parseWhen(v); ok {
				return w
			}
		}
	}
	return when{}
}

func (p *page) itempropDate(props ...string) when {
	for _, prop := range props {
		for _, n := range p.itemprops[prop] {
			for _, v := range []string{attr(n, "datetime"), attr(n, "content"), textOf(n)} {
				if w, ok := parseWhen(v); ok {
					return w
				}
			}
		}
	}
	return when{}
}

// timeElementDate reads the first <time> that says it is the publication
// time (pubdate, or a class naming publication), else the first <time
// datetime> of the page.
func (p *page) timeElementDate() when {
	var first when
	for _, n := range p.times {
		v := attr(n, "datetime")
		if v == "" {
			v = textOf(n)
		}
		w, ok := parseWhen(v)
		if !ok {
			continue
		}
		words := classWords(n, nil)
		pubish := hasAttr(n, "pubdate")
		for _, x := range words {
			switch x {
			case "published", "publish", "pubdate", "created", "date", "posted", "publication":
				pubish = true
			case "updated", "modified", "update":
				pubish = false
			}
		}
		if pubish {
			return w
		}
		if first.IsZero() && !inNoise(n) {
			first = w
		}
	}
	return first
}

// inNoise reports whether n sits in a related-articles, comments or
// similar block, where dates and names belong to other content. An
// ancestor that names the article's own container ends the search, and
// so does one too big to be such a block (a <body class="has-sidebar">).
func inNoise(n *html.Node) bool {
	var words []string
	for a := n; a != nil && a.DataAtom != atom.Body; a = a.Parent {
		switch noiseBlock(a, &words) {
		case 1:
			return true
		case -1:
			return false
		}
	}
	return false
}

// noiseBlock judges one element for inNoise: 1 for a related, comments or
// sidebar block, -1 for the article's own container, 0 for neither.
func noiseBlock(a *html.Node, words *[]string) int {
	if a.DataAtom == atom.Aside || a.DataAtom == atom.Nav || a.DataAtom == atom.Footer && !inArticle(a) {
		return 1
	}
	if a.DataAtom == atom.Main || strings.EqualFold(attr(a, "role"), "main") {
		return -1
	}
	w := (*words)[:0]
	for _, at := range a.Attr {
		if at.Key == "class" || at.Key == "id" {
			for _, tok := range strings.Fields(at.Val) {
				// "category-popular-posts" files the article under a
				// term; it does not make it a list of popular posts.
				if !modifierClass(tok) {
					w = nameWords(tok, w)
				}
			}
		}
	}
	*words = w
	if namesArticle(w) {
		return -1
	}
	for _, x := range w {
		switch x {
		case "related", "comments", "comment", "sidebar", "recommended", "teaser", "teasers", "trending", "popular":
			if textLen(a) < 8000 {
				return 1
			}
			return 0
		}
	}
	return 0
}

// visibleDate looks for a dateline: a short element whose class names a
// date, time or meta block, or the text right around the headline.
func (p *page) visibleDate() when {
	// The dateline under the headline first, then around it (a site's
	// header may show today's date above it), then anywhere.
	p.nearHeadline()
	for _, near := range []func(*html.Node) bool{p.below, p.near, nil} {
		if w := p.classedDate(near); !w.IsZero() {
			return w
		}
	}
	return p.dateAroundHeadline()
}

// classedDate reads the first date in an element whose class names a
// date, time or meta block; among the elements near for which near is
// true, unless near is nil.
func (p *page) classedDate(near func(*html.Node) bool) when {
	var found when
	var words []string
	walk(p.doc, func(n *html.Node) bool {
		if !found.IsZero() {
			return false
		}
		switch n.DataAtom {
		case atom.Script, atom.Style, atom.Head, atom.Nav, atom.Footer, atom.Aside:
			if near == nil || !near(n) {
				return false
			}
		}
		if near != nil && !near(n) {
			return true
		}
		words = classWords(n, words[:0])
		is := false
		for _, w := range words {
			switch w {
			case "date", "time", "timestamp", "dateline", "published", "publish", "pubdate", "datum",
				"fecha", "data", "meta", "byline", "posted", "created", "info", "details", "datetime",
				"submitted", "published_at", "publishdate", "postdate", "postedon", "entrydate":
				is = true
			case "related", "comments", "comment", "updated", "modified":
				return false
			}
		}
		if !is {
			return true
		}
		for _, a := range n.Attr {
			if a.Key == "title" || a.Key == "datetime" || a.Key == "content" || strings.HasPrefix(a.Key, "data-") && strings.Contains(a.Key, "date") || strings.HasPrefix(a.Key, "data-") && strings.Contains(a.Key, "time") {
				if w, ok := parseWhen(a.Val); ok {
					found = w
					return false
				}
			}
		}
		if textLen(n) > 300 {
			return true
		}
		t := textOf(n)
		if w, ok := findWhen(withoutUpdates(t)); ok {
			found = w
			return false
		}
		if w, ok := shortDate(t); ok {
			found = w
			return false
		}
		return true
	})
	return found
}

// updateLabel marks a modification date: "Letzte Änderung: 31.10.2023",
// "Updated 3 May 2024".
var updateLabel = regexp.MustCompile(`(?i)(?:letzte änderung|zuletzt (?:aktualisiert|geändert)|aktualisiert(?: am)?|geändert(?: am)?|last (?:modified|updated|edited)|updated(?: on| at)?|modified(?: on)?|mis à jour(?: le)?|modifié(?: le)?|actualizado(?: el)?|última actualización|aggiornato(?: il)?)\s*:?\s*[^|\n]{0,40}`)

// withoutUpdates blanks the modification dates of a dateline, so that
// the publication date is the one found.
func withoutUpdates(s string) string {
	if !strings.ContainsAny(s, "UuAaGgLlMmÄä") {
		return s
	}
	return updateLabel.ReplaceAllString(s, " | ")
}

// shortDateRx is a day.month.year date with a two-digit year, which
// datelines use ("Von: Jane Doe | 31.10.23").
var shortDateRx = regexp.MustCompile(`(?:^|[^\d.])(\d{1,2})\.(\d{1,2})\.(\d{2})(?:$|[^\d.])`)

// shortDate reads a two-digit-year date in a dateline, in this century and
// not in the future. parseWhen and findWhen refuse these elsewhere.
func shortDate(s string) (when, bool) {
	m := shortDateRx.FindStringSubmatch(s)
	if m == nil {
		return when{}, false
	}
	d, _ := strconv.Atoi(m[1])
	mo, _ := strconv.Atoi(m[2])
	y, _ := strconv.Atoi(m[3])
	t := time.Date(2000+y, time.Month(mo), d, 0, 0, 0, 0, time.UTC)
	if mo < 1 || mo > 12 || d < 1 || t.Day() != d || t.After(time.Now()) {
		return when{}, false
	}
	return when{t: t}, true
}

// dateAroundHeadline reads a date in the text just after or before the
// headline: "2023-07-23 | 06:12" in an unnamed element.
func (p *page) dateAroundHeadline() when {
	if w := p.dateAfterHeadline(); !w.IsZero() {
		return w
	}
	if head := p.headNode; head != nil {
		var parts []string
		size := 0
		for n := prevInDoc(head); n != nil && size < 300; n = prevInDoc(n) {
			if t := strings.TrimSpace(n.Data); n.Type == html.TextNode && t != "" {
				parts = append(parts, t)
				size += len(t)
			}
		}
		slices.Reverse(parts)
		if w, ok := findWhen(collapseSpace(strings.Join(parts, " "))); ok {
			return w
		}
	}
	return when{}
}

// dateAfterHeadline reads a date in the text right after the headline:
// "2023-07-23 | 06:12" in an unnamed element.
func (p *page) dateAfterHeadline() when {
	head := p.headNode
	if head == nil {
		return when{}
	}
	var b strings.Builder
	for n := afterSubtree(head); n != nil && b.Len() < 400; n = nextInDoc(n) {
		if t := strings.TrimSpace(n.Data); n.Type == html.TextNode && t != "" {
			b.WriteString(t)
			b.WriteByte(' ')
		}
	}
	w, _ := findWhen(withoutUpdates(collapseSpace(b.String())))
	return w
}

// nextInDoc returns the node after n in document order, skipping n's
// descendants' scripts and styles.
func nextInDoc(n *html.Node) *html.Node {
	if n.FirstChild != nil && n.DataAtom != atom.Script && n.DataAtom != atom.Style {
		return n.FirstChild
	}
	for ; n != nil; n = n.Parent {
		if n.NextSibling != nil {
			return n.NextSibling
		}
	}
	return nil
}

func prevInDoc(n *html.Node) *html.Node {
	if n.PrevSibling != nil {
		n = n.PrevSibling
		for n.LastChild != nil && n.DataAtom != atom.Script && n.DataAtom != atom.Style {
			n = n.LastChild
		}
		return n
	}
	return n.Parent
}

// afterSubtree returns the node after n and all its descendants.
func afterSubtree(n *html.Node) *html.Node {
	for ; n != nil; n = n.Parent {
		if n.NextSibling != nil {
			return n.NextSibling
		}
	}
	return nil
}

// textDate is the last resort: the first full date in the visible text
// after the headline, else in the whole page, outside navigation,
// footers and related-content blocks, and not in the future.
func (p *page) textDate() when {
	if p.headNode != nil {
		if w := p.scanTextDate(p.headNode, 300); !w.IsZero() {
			return w
		}
	}
	return p.scanTextDate(nil, -1)
}

// scanTextDate looks at text nodes in document order, from the node after
// start's subtree (or from the top when start is nil), visiting at most
// limit text nodes (no limit when negative).
func (p *page) scanTextDate(start *html.Node, limit int) when {
	now := time.Now().Add(24 * time.Hour)
	var words []string
	n := p.doc
	if start != nil {
		n = afterSubtree(start)
	}
	for n != nil && limit != 0 {
		switch n.Type {
		case html.TextNode:
			limit--
			if len(n.Data) >= 6 && len(n.Data) <= 400 {
				if w, ok := findWhen(n.Data); ok && w.t.Before(now) {
					return w
				}
			}
		case html.ElementNode:
			skip := false
			switch n.DataAtom {
			case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Head, atom.Nav,
				atom.Footer, atom.Aside, atom.Select, atom.Form, atom.Textarea:
				skip = true
			default:
				skip = noiseBlock(n, &words) == 1
			}
			if skip {
				n = afterSubtree(n)
				continue
			}
		}
		n = nextInDoc(n)
	}
	return when{}
}

// inArticle reports an element inside an <article> or <main>, where a
// <footer> is the article's own (its byline, date and tags).
func inArticle(n *html.Node) bool {
	for a := n.Parent; a != nil; a = a.Parent {
		if a.DataAtom == atom.Article || a.DataAtom == atom.Main {
			return true
		}
	}
	return false
}
