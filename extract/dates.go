package extract

import (
	"strings"

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

func (p *page) dates(top *html.Node) (published, modified string) {
	var pub, mod when
	if p.ld.article != nil {
		pub = p.ldDate("datePublished", "dateCreated", "uploadDate")
		mod = p.ldDate("dateModified")
	}
	if pub.IsZero() {
		pub = p.metaDate(publishedMetas)
	}
	if pub.IsZero() {
		pub = p.itempropDate("datepublished", "datecreated")
	}
	if pub.IsZero() {
		pub = p.timeElementDate()
	}
	if pub.IsZero() {
		pub = p.visibleDate(top)
	}
	if pub.IsZero() && p.base != nil {
		pub, _ = dateFromURL(p.base.String())
	}
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
		words := nameWords(attr(n, "class")+" "+attr(n, "id"), nil)
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
		if a.DataAtom == atom.Aside || a.DataAtom == atom.Footer || a.DataAtom == atom.Nav {
			return true
		}
		words = words[:0]
		for _, at := range a.Attr {
			if at.Key == "class" || at.Key == "id" {
				words = nameWords(at.Val, words)
			}
		}
		for i, w := range words {
			if keepWords[w] || i > 0 && keepWords[words[i-1]+"-"+w] {
				return false
			}
		}
		for _, w := range words {
			switch w {
			case "related", "comments", "comment", "sidebar", "recommended", "teaser", "teasers", "footer", "trending", "popular":
				return textLen(a) < 8000
			}
		}
	}
	return false
}

// visibleDate looks for a dateline: a short element whose class names a
// date, time or meta block, or the text right around the headline.
func (p *page) visibleDate(top *html.Node) when {
	var found when
	var words []string
	walk(p.doc, func(n *html.Node) bool {
		if !found.IsZero() {
			return false
		}
		switch n.DataAtom {
		case atom.Script, atom.Style, atom.Head, atom.Nav, atom.Footer, atom.Aside:
			return false
		}
		words = words[:0]
		for _, a := range n.Attr {
			if a.Key == "class" || a.Key == "id" {
				words = nameWords(a.Val, words)
			}
		}
		is := false
		for _, w := range words {
			switch w {
			case "date", "time", "timestamp", "dateline", "published", "publish", "pubdate", "datum",
				"fecha", "data", "meta", "byline", "posted", "created", "info", "details", "datetime":
				is = true
			case "related", "comments", "comment", "updated", "modified":
				return false
			}
		}
		if !is {
			return true
		}
		t := textOf(n)
		if t == "" || len(t) > 300 {
			return true
		}
		if w, ok := findWhen(t); ok {
			found = w
			return false
		}
		return true
	})
	if !found.IsZero() {
		return found
	}
	// Text just after the headline: "2023-07-23 | 06:12" in an unnamed div.
	if len(p.h1s) > 0 {
		var b strings.Builder
		for n := afterSubtree(p.h1s[0]); n != nil && b.Len() < 400; n = nextInDoc(n) {
			if n.Type == html.TextNode {
				b.WriteString(n.Data)
				b.WriteByte(' ')
			}
		}
		if w, ok := findWhen(collapseSpace(b.String())); ok {
			return w
		}
		b.Reset()
		for n := prevInDoc(p.h1s[0]); n != nil && b.Len() < 300; n = prevInDoc(n) {
			if n.Type == html.TextNode {
				b.WriteString(" " + n.Data)
			}
		}
		if w, ok := findWhen(collapseSpace(b.String())); ok {
			return w
		}
	}
	return when{}
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
