package extract

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// leadWords name a standfirst: the summary paragraph news sites set
// between the headline and the text, often outside the text's container.
var leadWords = setOf("intro", "lead", "lede", "summary", "standfirst", "deck", "dek", "excerpt",
	"subtitle", "subheadline", "abstract", "chapo", "chapeau", "vorspann", "teaser", "sapo", "bajada",
	"entradilla", "sumario", "occhiello", "sommario", "description", "introduction", "leadtext", "teasertext",
	"articlelead", "standfirst", "strapline", "summary-text")

// lead returns the article's standfirst: the first element after the
// headline whose name says lead, intro or summary, or that carries
// itemprop=description, when it holds a sentence of text.
func (p *page) lead() string {
	h1 := p.headNode
	if h1 == nil {
		return ""
	}
	steps := 0
	var words []string
	for n := afterSubtree(h1); n != nil && steps < 60; n = nextInDoc(n) {
		if n.Type != html.ElementNode {
			continue
		}
		steps++
		switch n.DataAtom {
		case atom.Script, atom.Style, atom.Noscript, atom.Template:
			continue
		case atom.P, atom.Div, atom.Span, atom.H2, atom.Strong, atom.B, atom.Section:
		default:
			continue
		}
		// The text proper has started: no lead.
		if n.DataAtom == atom.P && textLen(n) > 250 && !isLead(n, &words) {
			return ""
		}
		if !isLead(n, &words) && !(n.DataAtom == atom.P && n.Parent == h1.Parent && inHeader(h1)) {
			continue
		}
		if linkTextLen(n)*2 > textLen(n) {
			continue
		}
		// The first sentence-long paragraph: a lead block may also hold
		// the byline and the date.
		for _, t := range paragraphs(n) {
			if l := len(t); l >= 40 && l <= 1200 && wordCount(t) >= 6 {
				return strings.ReplaceAll(t, "\n", " ")
			}
		}
	}
	return ""
}

func isLead(n *html.Node, words *[]string) bool {
	if strings.EqualFold(attr(n, "itemprop"), "description") {
		return true
	}
	w := (*words)[:0]
	for _, a := range n.Attr {
		if a.Key == "class" || a.Key == "id" || a.Key == "data-testid" {
			w = nameWords(a.Val, w)
		}
	}
	*words = w
	lead := false
	for _, x := range w {
		switch {
		case leadWords[x]:
			lead = true
		case x == "meta" || x == "byline" || x == "author" || x == "date" || x == "share" || x == "info" || x == "tools":
			// "standfirst-meta": the byline and date block beside it.
			return false
		}
	}
	return lead
}

// inHeader reports a headline set in a <header> or <hgroup>, where a
// paragraph beside it is the standfirst.
func inHeader(h *html.Node) bool {
	p := h.Parent
	return p != nil && (p.DataAtom == atom.Header || p.DataAtom == atom.Hgroup)
}
