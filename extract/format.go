package extract

import (
	"bytes"
	"fmt"
	"net/url"
	"strings"

	htmltomarkdown "github.com/JohannesKaufmann/html-to-markdown/v2"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// fragment builds the cleaned article as an HTML fragment: the nodes the
// text came from, less every block whose text post-processing dropped,
// with the standfirst first. kept are the paragraphs of the text body, so
// that every format holds the same paragraphs.
func fragment(nodes []*html.Node, lead string, kept []string, base *url.URL) *html.Node {
	keep := make(map[string]bool, len(kept))
	for _, p := range kept {
		keep[p] = true
	}
	root := &html.Node{Type: html.ElementNode, Data: "article", DataAtom: atom.Article}
	if lead != "" && keep[lead] {
		p := &html.Node{Type: html.ElementNode, Data: "p", DataAtom: atom.P}
		p.AppendChild(&html.Node{Type: html.TextNode, Data: lead})
		root.AppendChild(p)
	}
	for _, n := range nodes {
		root.AppendChild(cloneTree(n))
	}
	prune(root, keep)
	sanitize(root, base)
	return root
}

// prune removes the leaf blocks (blocks with no block inside) whose text
// is not among the kept paragraphs, then the blocks left empty.
func prune(n *html.Node, keep map[string]bool) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		if c.Type == html.ElementNode {
			if isBlock(c) && !hasBlockChild(c) {
				ok := false
				for _, p := range paragraphs(c) {
					if keep[p] {
						ok = true
						break
					}
				}
				if !ok && !containsMedia(c) {
					n.RemoveChild(c)
				}
			} else {
				prune(c, keep)
				if isBlock(c) && textLen(c) == 0 && !containsMedia(c) {
					n.RemoveChild(c)
				}
			}
		}
		c = next
	}
}

func hasBlockChild(n *html.Node) bool {
	found := false
	walk(n, func(c *html.Node) bool {
		if isBlock(c) {
			found = true
		}
		return !found
	})
	return found
}

// allowedAttrs are the attributes a sanitised fragment keeps.
var allowedAttrs = setOf("href", "src", "alt", "title", "colspan", "rowspan", "datetime", "lang", "dir", "cite")

// unsafeTags never appear in a sanitised fragment.
var unsafeTags = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Iframe: true, atom.Object: true, atom.Embed: true,
	atom.Form: true, atom.Input: true, atom.Button: true, atom.Select: true, atom.Textarea: true,
	atom.Link: true, atom.Meta: true, atom.Base: true, atom.Frame: true, atom.Frameset: true,
	atom.Noscript: true, atom.Template: true, atom.Svg: true, atom.Math: true, atom.Applet: true,
}

// sanitize strips scripts, event handlers, styles and unsafe URLs, and
// makes links and images absolute.
func sanitize(n *html.Node, base *url.URL) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		switch c.Type {
		case html.CommentNode, html.DoctypeNode:
			n.RemoveChild(c)
		case html.ElementNode:
			if unsafeTags[tagOf(c)] || c.DataAtom == 0 && strings.Contains(c.Data, "-") && textLen(c) == 0 {
				n.RemoveChild(c)
				break
			}
			attrs := c.Attr[:0]
			for _, a := range c.Attr {
				if a.Namespace != "" || !allowedAttrs[strings.ToLower(a.Key)] {
					continue
				}
				if a.Key == "href" || a.Key == "src" || a.Key == "cite" {
					v, ok := safeURL(a.Val, base)
					if !ok {
						continue
					}
					a.Val = v
				}
				attrs = append(attrs, a)
			}
			c.Attr = attrs
			sanitize(c, base)
		}
		c = next
	}
}

// safeURL resolves a link and accepts only http, https and mailto (and
// fragment links).
func safeURL(v string, base *url.URL) (string, bool) {
	v = strings.TrimSpace(v)
	if strings.HasPrefix(v, "#") {
		return v, true
	}
	u, err := url.Parse(v)
	if err != nil {
		return "", false
	}
	if base != nil {
		u = base.ResolveReference(u)
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https", "mailto":
		return u.String(), true
	case "":
		return u.String(), base == nil && u.Host == "" && u.Opaque == ""
	}
	return "", false
}

// render writes the fragment as HTML or Markdown.
func render(frag *html.Node, f BodyFormat) (string, error) {
	switch f {
	case HTML:
		var b bytes.Buffer
		for c := frag.FirstChild; c != nil; c = c.NextSibling {
			if err := html.Render(&b, c); err != nil {
				return "", fmt.Errorf("render html: %w", err)
			}
		}
		return strings.TrimSpace(b.String()), nil
	case Markdown:
		md, err := htmltomarkdown.ConvertNode(frag)
		if err != nil {
			return "", fmt.Errorf("render markdown: %w", err)
		}
		return strings.TrimSpace(string(md)), nil
	}
	return "", fmt.Errorf("unknown body format %d", f)
}
