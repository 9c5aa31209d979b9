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
	// headers, footers, asides and forms.
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
func scanPage(doc *html.Node, pageURL *url.URL) *pageInfo {
	p := &pageInfo{base: pageURL, links: make([]link, 0, 32)} // a page has a few dozen links
	var ogURL string
	var walk func(n *html.Node, hidden, inLink bool, para *int)
	walk = func(n *html.Node, hidden, inLink bool, para *int) {
		switch n.Type {
		case html.TextNode:
			if hidden {
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
	data := []byte(strings.TrimSpace(src))
	var nodes []ldNode
	switch {
	case len(data) == 0:
		return nil
	case data[0] == '[':
		if json.Unmarshal(data, &nodes) != nil {
			return nil
		}
	default:
		var n ldNode
		if json.Unmarshal(data, &n) != nil {
			return nil
		}
		nodes = []ldNode{n}
	}
	var types []string
	for _, n := range nodes {
		types = n.Type.appendTo(types)
		for _, raw := range n.Graph {
			var g struct {
				Type ldType `json:"@type"`
			}
			if json.Unmarshal(raw, &g) == nil {
				types = g.Type.appendTo(types)
			}
		}
	}
	return types
}

// ldNode is the part of a JSON-LD node that classification reads; the
// decoder skips the rest without building it.
type ldNode struct {
	Type  ldType            `json:"@type"`
	Graph []json.RawMessage `json:"@graph"`
}

// ldType is a JSON-LD @type: one name or a list of names.
type ldType []string

func (t *ldType) UnmarshalJSON(b []byte) error {
	switch {
	case len(b) > 0 && b[0] == '"':
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*t = ldType{s}
	case len(b) > 0 && b[0] == '[':
		var list []any
		if err := json.Unmarshal(b, &list); err != nil {
			return err
		}
		for _, e := range list {
			if s, ok := e.(string); ok {
				*t = append(*t, s)
			}
		}
	}
	return nil
}

func (t ldType) appendTo(out []string) []string {
	for _, x := range t {
		out = append(out, strings.TrimPrefix(strings.TrimPrefix(x, "http://schema.org/"), "https://schema.org/"))
	}
	return out
}
