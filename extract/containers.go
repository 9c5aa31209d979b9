package extract

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// splitContainers finds article text that a page splits over several
// sibling containers of the same kind (<div class="story-text"> three
// times, with ads between), which readability, choosing one candidate,
// cuts short. It groups the parents of long paragraphs by tag and class,
// and returns the containers of the richest group when there are two or
// more of them.
func splitContainers(root *html.Node) []*html.Node {
	type group struct {
		nodes []*html.Node
		text  int
	}
	groups := map[string]*group{}
	seen := map[*html.Node]bool{}
	var order []string
	walk(root, func(n *html.Node) bool {
		if n.DataAtom != atom.P {
			return true
		}
		l := textLen(n)
		if l < 80 || n.Parent == nil || n.Parent.Type != html.ElementNode {
			return false
		}
		par := n.Parent
		cls := strings.TrimSpace(attr(par, "class"))
		if cls == "" || par.DataAtom == atom.Body {
			return false
		}
		key := par.Data + "." + cls
		g := groups[key]
		if g == nil {
			g = &group{}
			groups[key] = g
			order = append(order, key)
		}
		if !seen[par] {
			seen[par] = true
			g.nodes = append(g.nodes, par)
		}
		g.text += l
		return false
	})
	var best *group
	for _, k := range order {
		if g := groups[k]; best == nil || g.text > best.text {
			best = g
		}
	}
	if best == nil || len(best.nodes) < 2 {
		return nil
	}
	for i, a := range best.nodes {
		for _, b := range best.nodes[i+1:] {
			if isAncestor(a, b) || isAncestor(b, a) {
				return nil
			}
		}
		if i > 0 && linkedHeadingBetween(best.nodes[i-1], a) {
			// Post listings: each container follows its own linked title.
			return nil
		}
	}
	return best.nodes
}

// linkedHeadingBetween reports a heading that is a link (a teaser or post
// title) between the end of a and the start of b.
func linkedHeadingBetween(a, b *html.Node) bool {
	for n := afterSubtree(a); n != nil && n != b; n = nextInDoc(n) {
		switch n.DataAtom {
		case atom.H1, atom.H2, atom.H3:
			if tl := textLen(n); tl > 0 && linkTextLen(n)*2 > tl {
				return true
			}
		}
	}
	return false
}

// covers reports whether most of the paragraphs in sub (by their first
// words) appear in all.
func covers(all, sub []string) bool {
	if len(sub) == 0 {
		return true
	}
	var b strings.Builder
	for _, p := range all {
		b.WriteString(squash(p))
	}
	hay := b.String()
	hit := 0
	for _, p := range sub {
		k := squash(p)
		if len(k) > 40 {
			k = k[:40]
		}
		if strings.Contains(hay, k) {
			hit++
		}
	}
	return hit*5 >= len(sub)*4
}
