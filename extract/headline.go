package extract

import (
	"net/url"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// headline picks the article's own headline. The visible <h1> is what a
// reader sees as the headline, so it wins when it is plausible: not the
// site's logo, not a bare section label, and close to the metadata title
// when there is one. Otherwise the metadata title (JSON-LD, OpenGraph,
// Twitter, microdata, Dublin Core) is used with the site name cut off,
// and the cleaned <title> comes last.
func (p *page) headline(site string) string {
	h := p.dropKicker(p.pickHeadline(site))
	p.headNode = p.headingFor(h)
	return h
}

// dropKicker cuts a kicker off headline ("Covid-19: Headline") when a
// heading on the page shows the same words with the kicker marked as one
// (<span class="kicker">Covid-19</span> Headline): the page's own markup
// says which words are the headline.
func (p *page) dropKicker(headline string) string {
	i := -1
	for _, sep := range []string{": ", " - ", " | ", " – ", " — "} {
		if j := strings.Index(headline, sep); j > 0 && (i < 0 || j < i) {
			i = j
		}
	}
	if i <= 0 || wordCount(headline[:i]) > 4 {
		return headline
	}
	rest := strings.TrimSpace(strings.TrimLeft(headline[i:], ":|-–— "))
	if wordCount(rest) < 3 {
		return headline
	}
	found := false
	walk(p.doc, func(n *html.Node) bool {
		if found {
			return false
		}
		switch n.DataAtom {
		case atom.Head, atom.Script, atom.Style:
			return false
		case atom.H1, atom.H2, atom.H3:
			found = sameText(textOf(n), headline) && sameText(headingText(n), rest)
			return false
		}
		return true
	})
	if found {
		return rest
	}
	return headline
}

// headingFor returns the heading element that shows the headline: an
// <h1> or <h2> with its text, else the first <h1> that is not the logo.
func (p *page) headingFor(headline string) *html.Node {
	var found *html.Node
	if headline != "" {
		walk(p.doc, func(n *html.Node) bool {
			if found != nil {
				return false
			}
			switch n.DataAtom {
			case atom.Head, atom.Script, atom.Style:
				return false
			case atom.H1, atom.H2:
				if sameText(headingText(n), headline) || sameText(textOf(n), headline) {
					found = n
				}
				return false
			}
			return true
		})
	}
	if found == nil {
		for _, n := range p.h1s {
			if textLen(n) > 0 {
				return n
			}
		}
		if len(p.h1s) > 0 {
			return p.h1s[0]
		}
	}
	return found
}

func (p *page) pickHeadline(site string) string {
	metaTitles := p.metaTitles()
	metaTitle := ""
	if len(metaTitles) > 0 {
		metaTitle = metaTitles[0]
	}
	title := unescape(p.title)
	host := ""
	if p.base != nil {
		host = strings.TrimPrefix(strings.ToLower(p.base.Hostname()), "www.")
	}
	ref := metaTitle
	if ref == "" {
		ref = title
	}
	best, bestSim, plausible := "", -1.0, 0
	for _, n := range p.h1s {
		h := headingText(n)
		if h == "" || len(h) > 400 || isSiteName(h, site, host) {
			continue
		}
		if sameText(h, metaTitle) || sameText(h, title) {
			return h
		}
		// "<kicker> - Headline" in the <h1>, the bare headline in the
		// metadata: the kicker's words are not the headline's.
		if extra := wordCount(h) - wordCount(metaTitle); extra >= 1 && extra <= 4 &&
			wordCount(metaTitle) >= 3 && strings.HasSuffix(squash(h), squash(metaTitle)) {
			return metaTitle
		}
		// A heading that shows one of the page's own titles is the
		// headline, whatever block the page's markup puts it in.
		if matchesAny(h, metaTitles) {
			return h
		}
		if inNoise(n) || p.linksUp(n) {
			continue
		}
		// The <title> is "Headline - Site" or "Site | Headline" with
		// the <h1> at one end.
		if wordCount(h) >= 2 && endsTitle(title, h) {
			return h
		}
		sim, hits := overlap(h, ref)
		if hits < 2 && sim < 1 {
			// One shared word ("News") is chance, not likeness.
			sim /= 2
		}
		if sim > bestSim {
			best, bestSim = h, sim
		}
		if wordCount(h) >= 4 || runeLen(h) >= 12 && wordCount(h) == 1 {
			plausible++
		}
	}
	// A heading that shows the title itself beats one that only looks
	// like it.
	if best != "" && bestSim < 1 {
		if h := p.titleHeading(append(metaTitles[:len(metaTitles):len(metaTitles)], title), "", true, site, host); h != "" {
			return h
		}
	}
	switch {
	case best != "" && bestSim >= 0.3:
		return best
	case best != "" && ref == "":
		return best
	case best != "" && plausible == 1 && len(p.h1s) == 1 && wordCount(best) >= 4:
		return best
	}
	if h := p.titleHeading(metaTitles, title, false, site, host); h != "" {
		return h
	}
	if metaTitle != "" {
		return cleanTitle(metaTitle, site, p.base, false)
	}
	return cleanTitle(title, site, p.base, true)
}

// metaTitles returns the page's metadata titles, most trusted first:
// JSON-LD, OpenGraph, Twitter, other meta tags, microdata.
func (p *page) metaTitles() []string {
	var out []string
	add := func(t string) {
		t = unescape(collapseSpace(t))
		if t != "" && !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	add(p.ld.str("headline"))
	for _, k := range []string{"og:title", "twitter:title", "headline", "dc.title", "dcterms.title",
		"parsely-title", "sailthru.title", "title"} {
		add(p.meta(k))
	}
	for _, n := range p.itemprops["headline"] {
		if t := textOf(n); t != "" {
			add(t)
			break
		}
	}
	return out
}

func matchesAny(h string, titles []string) bool {
	for _, t := range titles {
		if sameText(h, t) {
			return true
		}
	}
	return false
}

// titleHeading looks, when no <h1> shows the headline, for an <h2> that
// does: one that shows one of titles, or, unless exact is set, the start
// of one up to a separator ("Headline (2021/5)", "Headline - Subject"),
// or one part of the <title> ("Site » Blog » Headline").
func (p *page) titleHeading(titles []string, title string, exact bool, site, host string) string {
	var parts []string
	for _, sep := range titleSeparators {
		if strings.Contains(title, sep) {
			parts = strings.Split(title, sep)
			break
		}
	}
	found := ""
	walk(p.doc, func(n *html.Node) bool {
		if found != "" {
			return false
		}
		switch n.DataAtom {
		case atom.Head, atom.Script, atom.Style, atom.Nav, atom.Aside, atom.Footer:
			return false
		case atom.H2:
			h := headingText(n)
			if wordCount(h) < 2 || len(h) > 400 || isSiteName(h, site, host) || inNoise(n) {
				return false
			}
			if matchesAny(h, titles) || !exact && startsTitle(h, titles) {
				found = h
				return false
			}
			if !exact && len(parts) > 1 && wordCount(h) >= 3 {
				for _, part := range parts {
					if sameText(h, part) {
						found = h
					}
				}
			}
			return false
		}
		return true
	})
	return found
}

// endsTitle reports whether h is the first or the last part of a title
// cut by a separator.
func endsTitle(title, h string) bool {
	for _, sep := range titleSeparators {
		if !strings.Contains(title, sep) {
			continue
		}
		parts := strings.Split(title, sep)
		if sameText(parts[0], h) || sameText(parts[len(parts)-1], h) {
			return true
		}
	}
	return false
}

// startsTitle reports whether one of titles is h followed by a separator
// and more ("Headline (2021/5)", "Headline - Author • Subject").
func startsTitle(h string, titles []string) bool {
	for _, t := range titles {
		if len(t) <= len(h) || !strings.EqualFold(t[:len(h)], h) {
			continue
		}
		rest := strings.TrimLeft(t[len(h):], " ")
		if rest != "" && strings.ContainsRune("-–—|:(•·»/", []rune(rest)[0]) {
			return true
		}
	}
	return false
}

// linksUp reports whether a heading is nothing but a link to the site's
// home or to a page above this one (a logo, a section's name).
func (p *page) linksUp(h *html.Node) bool {
	var link *html.Node
	for c := h.FirstChild; c != nil; c = c.NextSibling {
		switch {
		case c.Type == html.TextNode && strings.TrimSpace(c.Data) == "":
		case c.Type == html.ElementNode && c.DataAtom == atom.A && link == nil:
			link = c
		default:
			return false
		}
	}
	if link == nil {
		return false
	}
	u, err := url.Parse(strings.TrimSpace(attr(link, "href")))
	if err != nil {
		return false
	}
	if p.base == nil {
		return !u.IsAbs() && (u.Path == "/" || u.Path == "") && u.RawQuery == "" && u.Fragment == ""
	}
	u = p.base.ResolveReference(u)
	if !strings.EqualFold(u.Host, p.base.Host) || u.RawQuery != "" {
		return false
	}
	path := u.Path
	if path == "" {
		path = "/"
	}
	return strings.HasSuffix(path, "/") && len(path) < len(p.base.Path) && strings.HasPrefix(p.base.Path, path)
}

// headingText returns a heading's text without a kicker or label span
// inside it ("<h1><span class=kicker>Climate</span> Headline</h1>").
func headingText(h *html.Node) string {
	var b strings.Builder
	var visit func(n *html.Node)
	visit = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch c.Type {
			case html.TextNode:
				b.WriteString(c.Data)
			case html.ElementNode:
				if hidden(c) || srOnly(c) {
					continue
				}
				if isKicker(c) && textLen(c) < textLen(h)*2/3 {
					b.WriteByte(' ')
					continue
				}
				if c.DataAtom == atom.Br || isBlock(c) {
					b.WriteByte(' ')
				}
				visit(c)
			}
		}
	}
	visit(h)
	return strings.Trim(collapseSpace(b.String()), " :|-–—")
}

// srOnly reports text set for screen readers only.
func srOnly(n *html.Node) bool {
	for _, tok := range strings.Fields(attr(n, "class")) {
		if exactOnly[strings.ToLower(tok)] {
			return true
		}
	}
	return false
}

func isKicker(n *html.Node) bool {
	if n.DataAtom == atom.Small {
		return true
	}
	for _, w := range classWords(n, nil) {
		switch w {
		case "kicker", "overline", "dachzeile", "topline", "eyebrow", "rubric", "label", "flag",
			"supertitle", "pretitle", "roofline", "spitzmarke", "subline", "category", "section",
			"tagline", "surtitle", "overtitle", "kicker_":
			return true
		}
	}
	return false
}

// overlap is the share of a's words that b holds too, and their number.
func overlap(a, b string) (float64, int) {
	aw := strings.Fields(strings.ToLower(a))
	if len(aw) == 0 || b == "" {
		return 0, 0
	}
	bw := map[string]bool{}
	for _, w := range strings.Fields(strings.ToLower(b)) {
		bw[squash(w)] = true
	}
	hit := 0
	for _, w := range aw {
		if bw[squash(w)] {
			hit++
		}
	}
	return float64(hit) / float64(len(aw)), hit
}

func overlapShare(a, b string) float64 {
	s, _ := overlap(a, b)
	return s
}

func runeLen(s string) int { return utf8.RuneCountInString(s) }

// unescape decodes entities left in metadata by double escaping
// ("&amp;#8211;").
func unescape(s string) string {
	if strings.Contains(s, "&") {
		return html.UnescapeString(s)
	}
	return s
}

var titleSeparators = []string{" | ", " - ", " – ", " — ", " :: ", " » ", " · ", " // ", " • ", " ~ ", " / "}

// cleanTitle cuts the site's name off a title ("Headline | Site",
// "Site - Headline"). Metadata titles lose only parts that name the site.
// A <title> (tag is true) also loses, without a known site name, the last
// part after a bar ("Headline | Blog Name"), or a short last part (three
// words or fewer) after a dash when the rest is a real headline.
func cleanTitle(t, site string, base *url.URL, tag bool) string {
	t = collapseSpace(t)
	if t == "" {
		return ""
	}
	host := ""
	if base != nil {
		host = strings.TrimPrefix(strings.ToLower(base.Hostname()), "www.")
	}
	for _, sep := range titleSeparators {
		if !strings.Contains(t, sep) {
			continue
		}
		parts := strings.Split(t, sep)
		// Drop parts naming the site, from either end.
		for len(parts) > 1 && isSiteName(parts[len(parts)-1], site, host) {
			parts = parts[:len(parts)-1]
		}
		for len(parts) > 1 && isSiteName(parts[0], site, host) {
			parts = parts[1:]
		}
		if len(parts) == 1 {
			return strings.TrimSpace(parts[0])
		}
		if !tag {
			return strings.Join(parts, sep)
		}
		last := parts[len(parts)-1]
		if bar := strings.TrimSpace(sep); (bar == "|" || bar == "·" || bar == "•" || bar == "::" || bar == "»") && len(parts) == 2 && wordCount(parts[0]) >= 2 {
			return strings.TrimSpace(parts[0])
		}
		rest := strings.Join(parts[:len(parts)-1], sep)
		if wordCount(last) <= 3 && wordCount(rest) >= 3 {
			return strings.TrimSpace(rest)
		}
		first := parts[0]
		rest = strings.Join(parts[1:], sep)
		if wordCount(first) <= 2 && wordCount(rest) >= 4 && len(parts) == 2 {
			return strings.TrimSpace(rest)
		}
		return strings.Join(parts, sep)
	}
	return t
}

// isSiteName reports whether part names the site: its og:site_name, or
// its host name ("nytimes.com", "NYTimes").
func isSiteName(part, site, host string) bool {
	k := squash(part)
	if k == "" {
		return false
	}
	if s := squash(site); s != "" && (k == s || strings.HasPrefix(k, s) && len(k)-len(s) < 8 || strings.HasPrefix(s, k) && len(k) > 3) {
		return true
	}
	if host != "" {
		h := squash(host)
		label := host
		if i := strings.LastIndexByte(label, '.'); i > 0 {
			label = label[:i]
		}
		if i := strings.LastIndexByte(label, '.'); i > 0 {
			label = label[i+1:]
		}
		l := squash(label)
		if k == h || l != "" && (k == l || len(l) >= 4 && strings.Contains(k, l) && wordCount(part) <= 4) {
			return true
		}
	}
	return false
}

// squash lower-cases s and keeps only letters and digits.
func squash(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// sameText compares two strings ignoring case, spacing and punctuation.
func sameText(a, b string) bool {
	if a == "" || b == "" {
		return false
	}
	return squash(a) == squash(b)
}

func containsText(hay, needle string) bool {
	n := squash(needle)
	return n != "" && strings.Contains(squash(hay), n)
}

func wordCount(s string) int {
	return len(strings.Fields(s))
}
