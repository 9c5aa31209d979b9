package extract

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// paragraphs renders the text under n as paragraphs: every block element
// (p, headings, list items, table rows, blockquotes, divs) ends one, a
// <br> breaks the line and two in a row end the paragraph. Inline
// whitespace collapses to one space, and words in adjacent blocks are
// never glued together.
func paragraphs(n *html.Node) []string {
	r := &renderer{}
	r.node(n)
	r.flush()
	return r.out
}

type renderer struct {
	out   []string
	cur   strings.Builder
	space bool // a space is pending before the next word
	brs   int  // consecutive <br> since the last text
}

func (r *renderer) flush() {
	s := strings.TrimSpace(r.cur.String())
	if s != "" {
		// Trim each line, drop empty ones.
		if strings.Contains(s, "\n") {
			lines := strings.Split(s, "\n")
			k := 0
			for _, l := range lines {
				if l = strings.TrimSpace(l); l != "" {
					lines[k] = l
					k++
				}
			}
			s = strings.Join(lines[:k], "\n")
		}
		r.out = append(r.out, s)
	}
	r.cur.Reset()
	r.space = false
	r.brs = 0
}

func (r *renderer) text(s string) {
	for _, c := range s {
		if isSpace(c) {
			r.space = true
			continue
		}
		if c == '\u00ad' || c == '\u200b' || c == '\ufeff' {
			continue
		}
		if r.space && r.cur.Len() > 0 && !endsWithNewline(&r.cur) {
			r.cur.WriteByte(' ')
		}
		r.space = false
		r.brs = 0
		r.cur.WriteRune(c)
	}
}

func endsWithNewline(b *strings.Builder) bool {
	s := b.String()
	return len(s) > 0 && s[len(s)-1] == '\n'
}

func (r *renderer) node(n *html.Node) {
	switch n.Type {
	case html.TextNode:
		r.text(n.Data)
		return
	case html.ElementNode:
	case html.DocumentNode:
	default:
		return
	}
	switch tagOf(n) {
	case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Svg, atom.Head,
		atom.Button, atom.Select, atom.Textarea, atom.Iframe, atom.Object:
		return
	case atom.Br:
		r.brs++
		if r.brs >= 2 {
			r.flush()
		} else if r.cur.Len() > 0 {
			r.cur.WriteByte('\n')
			r.space = false
		}
		return
	case atom.Img:
		r.space = true
		return
	case atom.Pre:
		r.flush()
		var b strings.Builder
		rawText(&b, n)
		if s := strings.Trim(b.String(), "\n"); strings.TrimSpace(s) != "" {
			r.out = append(r.out, s)
		}
		return
	case atom.Td, atom.Th:
		r.space = true
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			r.node(c)
		}
		r.space = true
		return
	}
	block := isBlock(n)
	if block {
		r.flush()
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		r.node(c)
	}
	if block {
		r.flush()
	}
}

func rawText(b *strings.Builder, n *html.Node) {
	if n.Type == html.TextNode {
		b.WriteString(n.Data)
		return
	}
	if tagOf(n) == atom.Br {
		b.WriteByte('\n')
		return
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		rawText(b, c)
	}
}
