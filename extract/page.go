package extract

import (
	"net/url"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// page holds what one walk over the parsed document gathers before any
// cleaning: metadata tags, JSON-LD, and the elements that later steps
// look at (headings, <time>, microdata, author and tag links).
type page struct {
	doc  *html.Node
	base *url.URL // the page's address, nil when unknown

	lang      string
	title     string              // <title>
	metas     map[string][]string // meta name/property/itemprop (lower case) -> contents, in order
	canonical string              // <link rel=canonical>
	ld        *ldData

	h1s       []*html.Node
	times     []*html.Node
	itemprops map[string][]*html.Node // itemprop (lower case) -> elements other than <meta>
	relAuthor []*html.Node
	relTag    []*html.Node

	headNode *html.Node            // the element showing the headline, if any
	near     func(*html.Node) bool // see nearHeadline
	below    func(*html.Node) bool // near and after the headline
	onlyNear bool                  // byline finders look near the headline only
}

func newPage(doc *html.Node, base *url.URL) *page {
	p := &page{doc: doc, base: base, metas: map[string][]string{}, itemprops: map[string][]*html.Node{}}
	var scripts []string
	walk(doc, func(n *html.Node) bool {
		switch n.DataAtom {
		case atom.Html:
			if p.lang == "" {
				p.lang = strings.TrimSpace(attr(n, "lang"))
				if p.lang == "" {
					p.lang = strings.TrimSpace(attr(n, "xml:lang"))
				}
			}
		case atom.Title:
			if p.title == "" && n.Parent != nil && n.Parent.DataAtom != atom.Svg {
				p.title = textOf(n)
			}
			return false
		case atom.Meta:
			content := strings.TrimSpace(attr(n, "content"))
			if content == "" {
				content = strings.TrimSpace(attr(n, "value"))
			}
			if content == "" {
				return false
			}
			for _, k := range []string{"property", "name", "itemprop", "http-equiv"} {
				if key := strings.ToLower(strings.TrimSpace(attr(n, k))); key != "" {
					for _, f := range strings.Fields(key) {
						p.metas[f] = append(p.metas[f], content)
					}
				}
			}
			return false
		case atom.Link:
			rel := strings.ToLower(attr(n, "rel"))
			if p.canonical == "" && hasToken(rel, "canonical") {
				p.canonical = strings.TrimSpace(attr(n, "href"))
			}
			if hasToken(rel, "author") {
				p.relAuthor = append(p.relAuthor, n)
			}
			return false
		case atom.Script:
			if t := strings.ToLower(attr(n, "type")); strings.Contains(t, "ld+json") && n.FirstChild != nil {
				scripts = append(scripts, n.FirstChild.Data)
			}
			return false
		case atom.Style, atom.Noscript, atom.Template:
			return false
		case atom.H1:
			p.h1s = append(p.h1s, n)
		case atom.Time:
			p.times = append(p.times, n)
		case atom.A:
			rel := strings.ToLower(attr(n, "rel"))
			if hasToken(rel, "author") {
				p.relAuthor = append(p.relAuthor, n)
			}
			if hasToken(rel, "tag") || hasToken(rel, "category") {
				p.relTag = append(p.relTag, n)
			}
		}
		if ip := strings.ToLower(attr(n, "itemprop")); ip != "" {
			for _, f := range strings.Fields(ip) {
				p.itemprops[f] = append(p.itemprops[f], n)
			}
		}
		return true
	})
	p.ld = parseLD(scripts)
	return p
}

// meta returns the first non-empty content of the given meta keys, in
// the order the keys are given.
func (p *page) meta(keys ...string) string {
	for _, k := range keys {
		for _, v := range p.metas[k] {
			if v != "" {
				return v
			}
		}
	}
	return ""
}

// abs resolves ref against the page's address.
func (p *page) abs(ref string) string {
	ref = strings.TrimSpace(ref)
	if ref == "" {
		return ""
	}
	u, err := url.Parse(ref)
	if err != nil {
		return ""
	}
	if p.base != nil {
		u = p.base.ResolveReference(u)
	}
	if u.Scheme == "" && u.Host != "" {
		u.Scheme = "https" // protocol-relative, with no page address
	}
	// A relative address with nothing to resolve it against is no
	// address at all.
	if u.Scheme != "http" && u.Scheme != "https" || u.Host == "" {
		return ""
	}
	return u.String()
}

func hasToken(list, tok string) bool {
	for _, f := range strings.Fields(list) {
		if f == tok {
			return true
		}
	}
	return false
}
