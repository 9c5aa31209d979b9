package extract

import (
	"net/url"
	"strings"

	readability "codeberg.org/readeck/go-readability/v2"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// maxDepth bounds the element nesting the extractor walks; deeper
// subtrees are flattened to their text (see flatten).
const maxDepth = 256

// maxElements bounds the document size readability scores; bigger pages
// skip it and fall back to the article container.
const maxElements = 60000

// fromNode runs the pipeline on a parsed document it may modify.
func fromNode(doc *html.Node, pageURL string, cfg *config) (*Article, error) {
	var base *url.URL
	if pageURL != "" {
		if u, err := url.Parse(pageURL); err == nil && u.IsAbs() {
			base = u
		}
	}
	flatten(doc, maxDepth)

	// 1. Metadata, from the untouched document.
	p := newPage(doc, base)
	a := &Article{URL: pageURL}
	a.SiteName = p.siteName()
	a.Headline = p.headline(a.SiteName)
	a.Byline = p.byline(a.SiteName)
	a.Date, a.DateModified = p.dates()
	a.Tags = p.tags()
	a.Section = p.section(a.Headline)
	a.Description = p.description()
	a.Image = p.image()
	a.Lang = p.language()
	a.CanonicalURL = p.canonicalURL()
	if a.CanonicalURL != "" {
		a.ID = ArticleID(a.CanonicalURL)
	} else {
		a.ID = ArticleID(a.URL)
	}

	lead := p.lead()

	// 2. Boilerplate removal, then readability's main-text scoring.
	body := firstElement(doc, atom.Body)
	if body == nil {
		body = doc
	}
	clean(body)
	// The candidates for the text, each with the nodes it came from (kept
	// as copies when another format than text is asked for, since
	// readability rearranges the tree).
	keep := cfg.format != Text
	var alt, split, paras candidate
	if container := articleContainer(body); container != nil {
		alt = newCandidate(keep, container)
	}
	split = newCandidate(keep, splitContainers(body)...)
	if n := countElements(doc); n <= maxElements {
		parser := readability.NewParser()
		parser.DisableJSONLD = true
		if res, err := parser.ParseAndMutate(doc, base); err == nil && res.Node != nil {
			paras = newCandidate(false, res.Node)
		}
	}
	// Readability sometimes settles on a fragment of the article; the
	// article's own container, when the page marks one, is the check. It
	// wins only when readability found next to nothing: a container many
	// times larger holds galleries and teasers readability rightly left.
	if textSize(alt.paras) > textSize(paras.paras)*6 && textSize(alt.paras) > 200 {
		paras = alt
	}
	if textSize(split.paras) > textSize(paras.paras)*6/5 && covers(split.paras, paras.paras) {
		paras = split
	}
	if len(paras.paras) == 0 {
		paras = newCandidate(false, body)
	}

	// 3. Post-processing.
	text := paras.paras
	if lead != "" && !bodyHas(text, lead) {
		text = append([]string{lead}, text...)
	} else {
		lead = ""
	}
	text, credit := tidy(text, a)
	if a.Byline == "" && credit != "" {
		a.Byline = credit
	}
	switch cfg.format {
	case Text:
		a.Body = strings.Join(text, "\n\n")
	default:
		frag := fragment(paras.nodes, lead, text, base)
		body, err := render(frag, cfg.format)
		if err != nil {
			return nil, err
		}
		a.Body = body
	}
	return a, nil
}

// candidate is one reading of the article's text: its paragraphs and the
// nodes they came from.
type candidate struct {
	paras []string
	nodes []*html.Node
}

func newCandidate(copyNodes bool, nodes ...*html.Node) candidate {
	var c candidate
	for _, n := range nodes {
		c.paras = append(c.paras, paragraphs(n)...)
		if copyNodes {
			n = cloneTree(n)
		}
		c.nodes = append(c.nodes, n)
	}
	return c
}

func textSize(paras []string) int {
	n := 0
	for _, p := range paras {
		n += len(p)
	}
	return n
}

func countElements(n *html.Node) int {
	k := 0
	walk(n, func(*html.Node) bool { k++; return true })
	return k
}

// articleContainer finds the element the page marks as the article's
// text: itemprop=articleBody, or a single <article>.
func articleContainer(root *html.Node) *html.Node {
	var found *html.Node
	var articles []*html.Node
	walk(root, func(n *html.Node) bool {
		if found != nil {
			return false
		}
		if strings.EqualFold(attr(n, "itemprop"), "articleBody") {
			found = n
			return false
		}
		if n.DataAtom == atom.Article {
			articles = append(articles, n)
		}
		return true
	})
	if found != nil {
		return found
	}
	if len(articles) == 1 {
		return articles[0]
	}
	return nil
}

// flatten replaces every subtree that starts deeper than limit with its
// text, so that no later recursion goes deeper than that.
func flatten(n *html.Node, limit int) {
	var visit func(n *html.Node, depth int)
	visit = func(n *html.Node, depth int) {
		if depth >= limit {
			text := textOf(n)
			for c := n.FirstChild; c != nil; {
				next := c.NextSibling
				n.RemoveChild(c)
				c = next
			}
			if text != "" {
				n.AppendChild(&html.Node{Type: html.TextNode, Data: text})
			}
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			visit(c, depth+1)
		}
	}
	visit(n, 0)
}

// bodyHas reports whether the paragraphs already hold text's start.
func bodyHas(paras []string, text string) bool {
	k := squash(text)
	if len(k) > 60 {
		k = k[:60]
	}
	for _, p := range paras {
		if strings.Contains(squash(p), k) {
			return true
		}
	}
	return false
}
