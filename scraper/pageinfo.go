package scraper

import (
	"encoding/json"
	"net/url"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// pageInfo is what one walk over a parsed page gathers for classifying it
// and for following its links.
type pageInfo struct {
	base *url.URL // the page's URL, or its <base href>

	title     string
	amp       bool     // <html amp> or <html ⚡>
	jsonTypes []string // JSON-LD @type of top-level and @graph nodes
	ogType    string
	canonical string // rel=canonical, else og:url; as written
	noIndex   bool   // meta robots noindex
	noFollow  bool   // meta robots nofollow
	password  bool   // a password field: a login page

	links []link
	feeds []string // rel=alternate feed links, as written

	// Text the way a reader sees it: outside scripts, styles, navigation,
	// headers, footers, asides and forms. Counted unless counted is false
	// (see scanPage).
	counted     bool
	textLen     int // characters of text
	linkTextLen int // characters of text inside links
	longParas   int // <p> with at least longParaChars of text outside links
	longText    int // characters in those paragraphs
}

// link is an <a href> or a <link rel=next|prev>.
type link struct {
	href     string
	rel      string // lowercase rel attribute
	nofollow bool
}

// longParaChars is the text a paragraph needs to count as prose.
const longParaChars = 80

// scanPage walks doc once. pageURL is the page's address.
//
// The text is counted only where classify needs it: a page whose head
// already names it an article in JSON-LD, and nothing else, is an article
// whatever its text, unless its title reads like an error page's.
func scanPage(doc *html.Node, pageURL *url.URL) *pageInfo {
	p := scan(doc, pageURL, false)
	if _, other := typedKind(p.jsonTypes); !p.counted && other != kindUnknown {
		// A listing type further down: the types disagree, and the text
		// decides after all.
		p = scan(doc, pageURL, true)
	}
	return p
}

// scan is scanPage's walk; count forces the text to be counted.
func scan(doc *html.Node, pageURL *url.URL, count bool) *pageInfo {
	p := &pageInfo{base: pageURL, links: make([]link, 0, 32), counted: true} // a page has a few dozen links
	var ogURL string
	var walk func(n *html.Node, hidden, inLink bool, para *int)
	walk = func(n *html.Node, hidden, inLink bool, para *int) {
		switch n.Type {
		case html.TextNode:
			if hidden || !p.counted {
				return
			}
			c := textChars(n.Data)
			p.textLen += c
			switch {
			case inLink:
				p.linkTextLen += c
			case para != nil:
				*para += c
			case c >= longParaChars:
				// Prose outside <p>: text between <br>s, in a <div>
				// or a <font>.
				p.longParas++
				p.longText += c
			}
			return
		case html.ElementNode:
		case html.DocumentNode:
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				walk(c, hidden, inLink, para)
			}
			return
		default:
			return
		}

		switch n.DataAtom {
		case atom.Html:
			for _, a := range n.Attr {
				if a.Key == "amp" || a.Key == "⚡" {
					p.amp = true
				}
			}
		case atom.Base:
			if href := attr(n, "href"); href != "" {
				if b, err := pageURL.Parse(href); err == nil {
					p.base = b
				}
			}
		case atom.Title:
			if p.title == "" && n.FirstChild != nil {
				p.title = strings.TrimSpace(n.FirstChild.Data)
			}
			return
		case atom.Meta:
			name := strings.ToLower(attr(n, "name"))
			prop := strings.ToLower(attr(n, "property"))
			content := attr(n, "content")
			switch {
			case prop == "og:type":
				p.ogType = strings.ToLower(strings.TrimSpace(content))
			case prop == "og:url":
				ogURL = content
			case name == "robots" || name == "newsharvest":
				c := strings.ToLower(content)
				p.noIndex = p.noIndex || strings.Contains(c, "noindex") || strings.Contains(c, "none")
				p.noFollow = p.noFollow || strings.Contains(c, "nofollow") || strings.Contains(c, "none")
			}
			return
		case atom.Link:
			rel := strings.ToLower(attr(n, "rel"))
			href := attr(n, "href")
			switch {
			case hasToken(rel, "canonical"):
				if p.canonical == "" {
					p.canonical = href
				}
			case hasToken(rel, "alternate") && isFeedType(attr(n, "type")):
				p.feeds = append(p.feeds, href)
			case hasToken(rel, "next") || hasToken(rel, "prev") || hasToken(rel, "previous"):
				p.links = append(p.links, link{href: href, rel: rel})
			}
			return
		case atom.Script:
			if strings.EqualFold(attr(n, "type"), "application/ld+json") && n.FirstChild != nil {
				p.jsonTypes = append(p.jsonTypes, jsonLDTypes(n.FirstChild.Data)...)
			}
			return
		case atom.Style, atom.Noscript, atom.Template, atom.Svg, atom.Iframe:
			return
		case atom.Body:
			article, other := typedKind(p.jsonTypes)
			p.counted = count || !article || other != kindUnknown || errorTitle(p.title)
		case atom.Nav, atom.Header, atom.Footer, atom.Aside, atom.Form:
			hidden = true
		case atom.Input:
			if strings.EqualFold(attr(n, "type"), "password") {
				p.password = true
			}
		case atom.A:
			if href, ok := attrOK(n, "href"); ok {
				rel := strings.ToLower(attr(n, "rel"))
				p.links = append(p.links, link{href: href, rel: rel, nofollow: hasToken(rel, "nofollow")})
			}
			inLink = true
		}
		if n.DataAtom == atom.P && !hidden && !inLink {
			chars := 0
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				walk(c, hidden, inLink, &chars)
			}
			if chars >= longParaChars {
				p.longParas++
				p.longText += chars
			}
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, hidden, inLink, para)
		}
	}
	walk(doc, false, false, nil)
	if p.canonical == "" {
		p.canonical = ogURL
	}
	return p
}

// textChars counts the characters of s, runs of white space as one.
func textChars(s string) int {
	n := 0
	space := true
	for i := 0; i < len(s); {
		r, size := rune(s[i]), 1 // ASCII, most text, needs no decoding
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		i += size
		if r == ' ' || r == '\n' || r == '\t' || r == '\r' || r == '\f' || r == 0xa0 {
			if !space {
				n++
				space = true
			}
			continue
		}
		space = false
		n++
	}
	return n
}

func attr(n *html.Node, key string) string {
	v, _ := attrOK(n, key)
	return v
}

func attrOK(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

func hasToken(list, tok string) bool {
	for _, f := range strings.Fields(list) {
		if f == tok {
			return true
		}
	}
	return false
}

func isFeedType(t string) bool {
	t = strings.ToLower(strings.TrimSpace(t))
	return t == "application/rss+xml" || t == "application/atom+xml" ||
		t == "application/feed+json" || t == "application/json+feed"
}

// jsonLDTypes returns the @type values of a JSON-LD block's top-level
// nodes and of its @graph members. Nested nodes (an ItemList's items, an
// article's publisher) are not the page's own type and are left out.
func jsonLDTypes(src string) []string {
	sc := ldScanner{s: src}
	sc.value(ldTop)
	return sc.types
}

// ldScanner reads the @type names of a JSON-LD block without decoding
// it: the names of the top-level nodes, of the nodes of a top-level array,
// and of the nodes of their @graph. Nested nodes (an author, a publisher)
// are skipped. A block cut short or broken keeps the names read before
// the break.
type ldScanner struct {
	s     string
	i     int
	types []string
	bad   bool
}

// Roles of a value in a JSON-LD block.
const (
	ldOther     = iota
	ldTop       // the block itself
	ldTopNode   // an element of a top-level array
	ldGraph     // the value of a top-level node's @graph
	ldGraphNode // an element of a @graph
)

func (sc *ldScanner) space() {
	for sc.i < len(sc.s) && (sc.s[sc.i] == ' ' || sc.s[sc.i] == '\n' || sc.s[sc.i] == '\t' || sc.s[sc.i] == '\r') {
		sc.i++
	}
}

// more skips white space and reports whether input is left; a block that
// ends where more is expected is cut short, and marked bad.
func (sc *ldScanner) more() bool {
	sc.space()
	if sc.i >= len(sc.s) {
		sc.bad = true
		return false
	}
	return true
}

// value reads one value in the given role.
func (sc *ldScanner) value(role int) {
	if !sc.more() {
		return
	}
	switch sc.s[sc.i] {
	case '{':
		top := role == ldTop || role == ldTopNode
		sc.object(top || role == ldGraph || role == ldGraphNode, top)
	case '[':
		elem := ldOther
		switch role {
		case ldTop:
			elem = ldTopNode
		case ldGraph:
			elem = ldGraphNode
		}
		sc.array(func() { sc.value(elem) })
	case '"':
		sc.str()
	default: // a number, true, false, null
		start := sc.i
		for sc.i < len(sc.s) && !strings.ContainsRune(",}] \n\t\r", rune(sc.s[sc.i])) {
			sc.i++
		}
		if sc.i == start { // a stray } or ]: no value at all
			sc.bad = true
		}
	}
}

// object reads an object; node tells whether its @type counts, graph
// whether its @graph is read.
func (sc *ldScanner) object(node, graph bool) {
	sc.i++ // {
	for !sc.bad {
		if !sc.more() {
			return
		}
		if sc.s[sc.i] == '}' {
			sc.i++
			return
		}
		if sc.s[sc.i] == ',' {
			sc.i++
			continue
		}
		key := sc.str()
		sc.space()
		if sc.bad || sc.i >= len(sc.s) || sc.s[sc.i] != ':' {
			sc.bad = true
			return
		}
		sc.i++
		switch {
		case node && key == "@type":
			sc.typeNames()
		case graph && key == "@graph":
			sc.value(ldGraph)
		default:
			sc.value(ldOther)
		}
	}
}

// array reads an array, each element with elem.
func (sc *ldScanner) array(elem func()) {
	sc.i++ // [
	for !sc.bad {
		if !sc.more() {
			return
		}
		switch sc.s[sc.i] {
		case ']':
			sc.i++
			return
		case ',':
			sc.i++
			continue
		}
		elem()
	}
}

// typeNames reads an @type: a name, or an array of names.
func (sc *ldScanner) typeNames() {
	sc.space()
	switch {
	case sc.i < len(sc.s) && sc.s[sc.i] == '"':
		sc.addType(sc.str())
	case sc.i < len(sc.s) && sc.s[sc.i] == '[':
		sc.array(func() {
			if sc.s[sc.i] == '"' {
				sc.addType(sc.str())
			} else {
				sc.value(ldOther)
			}
		})
	default:
		sc.value(ldOther)
	}
}

func (sc *ldScanner) addType(t string) {
	if !sc.bad && t != "" {
		sc.types = append(sc.types, strings.TrimPrefix(strings.TrimPrefix(t, "http://schema.org/"), "https://schema.org/"))
	}
}

// str reads a JSON string and returns its value.
func (sc *ldScanner) str() string {
	if sc.i >= len(sc.s) || sc.s[sc.i] != '"' {
		sc.bad = true
		return ""
	}
	start := sc.i
	escaped := false
	for sc.i++; sc.i < len(sc.s); sc.i++ {
		switch sc.s[sc.i] {
		case '\\':
			escaped = true
			sc.i++
		case '"':
			sc.i++
			raw := sc.s[start:sc.i]
			if !escaped {
				return raw[1 : len(raw)-1]
			}
			var v string
			if json.Unmarshal([]byte(raw), &v) != nil {
				sc.bad = true
			}
			return v
		}
	}
	sc.bad = true
	return ""
}
