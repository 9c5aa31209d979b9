package extract

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// tags gathers keywords from article:tag, JSON-LD keywords, the
// news_keywords and keywords meta tags and the page's tag links, in that
// order, deduplicated case-insensitively.
func (p *page) tags() []string {
	var out []string
	seen := map[string]bool{}
	add := func(vals []string, split bool) {
		for _, v := range vals {
			parts := []string{v}
			if split {
				parts = splitKeywords(v)
			}
			for _, t := range parts {
				t = strings.Trim(collapseSpace(t), " #,;")
				if t == "" || len(t) > 80 || !hasLetter(t) {
					continue
				}
				k := strings.ToLower(t)
				if !seen[k] {
					seen[k] = true
					out = append(out, t)
				}
			}
		}
	}
	add(p.metas["article:tag"], len(p.metas["article:tag"]) == 1)
	if p.ld.article != nil {
		add(p.ld.strs(p.ld.article["keywords"]), true)
	}
	add(p.metas["news_keywords"], true)
	add(p.metas["keywords"], true)
	add(p.tagLinks(), false)
	if len(out) > 40 {
		out = out[:40]
	}
	return out
}

func splitKeywords(s string) []string {
	sep := ","
	if !strings.Contains(s, ",") && strings.Contains(s, ";") {
		sep = ";"
	}
	return strings.Split(s, sep)
}

// tagLinks returns the texts of the page's tag links: rel=tag, links to
// /tag/ or /topic/ pages, and links inside a list whose name says tags.
func (p *page) tagLinks() []string {
	var out []string
	for _, n := range p.relTag {
		if t := textOf(n); t != "" {
			out = append(out, t)
		}
	}
	if len(out) > 0 {
		return out
	}
	var words []string
	var visit func(n *html.Node, inTags bool)
	visit = func(n *html.Node, inTags bool) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			switch c.DataAtom {
			case atom.Script, atom.Style, atom.Head, atom.Nav, atom.Footer, atom.Header:
				continue
			case atom.A:
				if inTags || isTagHref(attr(c, "href")) {
					if t := textOf(c); t != "" && len(t) < 60 {
						out = append(out, t)
					}
				}
				continue
			}
			in := inTags
			if !in {
				words = classWords(c, words[:0])
				for _, w := range words {
					switch w {
					case "tags", "tag", "taglist", "keywords", "topics", "schlagworte", "schlagwoerter",
						"etiquetas", "mots", "motscles", "themen", "tagcloud", "subjects":
						in = true
					case "nav", "menu", "navigation", "cloud":
						in = false
					}
				}
			}
			visit(c, in)
		}
	}
	visit(p.doc, false)
	return out
}

// isTagHref reports links to a tag or topic page: /tag/x, /tags/x,
// /topic/x, /topics/x, /schlagwort/x, /etiqueta/x.
func isTagHref(href string) bool {
	h := strings.ToLower(href)
	for _, s := range []string{"/tag/", "/tags/", "/topic/", "/topics/", "/schlagwort/", "/etiqueta/", "/etiquetas/", "/keyword/", "/stichwort/"} {
		if i := strings.Index(h, s); i >= 0 && len(h) > i+len(s) {
			return true
		}
	}
	return false
}

// section names the part of the site the article belongs to.
func (p *page) section(headline string) string {
	if s := p.meta("article:section", "og:article:section", "section", "parsely-section", "sailthru.section", "category"); s != "" {
		return collapseSpace(s)
	}
	if p.ld.article != nil {
		if s := p.ld.str("articleSection"); s != "" {
			return s
		}
	}
	for _, n := range p.itemprops["articlesection"] {
		if t := textOf(n); t != "" && len(t) < 60 {
			return t
		}
	}
	if s := p.sectionLink(); s != "" {
		return s
	}
	if s := titleSection(p.title, headline); s != "" {
		return s
	}
	if b := p.ld.breadcrumb(); len(b) >= 2 {
		// The last item is the article itself on some sites, the
		// section on others.
		last := b[len(b)-1]
		if sameText(last, headline) || overlapShare(last, headline) > 0.6 {
			return b[len(b)-2]
		}
		return last
	}
	return ""
}

// sectionLink reads a short category/section label near the top of the
// article: an element whose class names a category, section or kicker,
// holding a link.
func (p *page) sectionLink() string {
	found := ""
	var words []string
	walk(p.doc, func(n *html.Node) bool {
		if found != "" {
			return false
		}
		switch n.DataAtom {
		case atom.Script, atom.Style, atom.Head, atom.Nav, atom.Footer, atom.Aside, atom.Ul, atom.Ol:
			return false
		}
		words = classWords(n, words[:0])
		is := false
		for _, w := range words {
			if len(w) > 7 && (strings.HasPrefix(w, "section") || strings.HasPrefix(w, "category")) && w != "sections" {
				is = true // "sectionhead", "categorylink"
			}
			switch w {
			case "category", "section", "kicker", "rubric", "rubrik", "ressort", "eyebrow", "cat", "categories":
				is = true
			case "related", "menu", "nav", "footer", "sections", "navigation", "breadcrumb", "breadcrumbs":
				return false
			case "list", "header", "wrapper", "container", "content", "body":
				is = false
			}
		}
		if !is {
			return true
		}
		t := textOf(n)
		if t == "" || len(t) > 40 || wordCount(t) > 4 {
			return true
		}
		if n.DataAtom == atom.A || firstElement(n, atom.A) != nil {
			found = t
			return false
		}
		return true
	})
	return found
}

func (p *page) description() string {
	s := p.meta("og:description", "description", "twitter:description", "dc.description", "dcterms.description")
	if s == "" {
		s = p.ld.str("description")
	}
	return collapseSpace(s)
}

func (p *page) image() string {
	s := p.meta("og:image", "og:image:url", "og:image:secure_url")
	if s == "" && p.ld.article != nil {
		s = p.ld.str("image")
	}
	if s == "" {
		s = p.meta("twitter:image", "twitter:image:src", "thumbnailurl")
	}
	return p.abs(s)
}

func (p *page) language() string {
	if p.lang != "" {
		return p.lang
	}
	if s := p.ld.str("inLanguage"); s != "" {
		return s
	}
	if s := p.meta("og:locale", "content-language", "dc.language", "language"); s != "" {
		return strings.ReplaceAll(s, "_", "-")
	}
	return ""
}

func (p *page) siteName() string {
	if s := p.meta("og:site_name"); s != "" {
		return collapseSpace(s)
	}
	if s := p.ld.publisherName(); s != "" {
		return s
	}
	return collapseSpace(p.meta("application-name", "twitter:site:name", "dc.publisher", "publisher"))
}

// canonicalURL is the address the page declares for itself.
func (p *page) canonicalURL() string {
	for _, c := range []string{p.canonical, p.meta("og:url")} {
		if u := p.abs(c); u != "" {
			return u
		}
	}
	if p.ld.article != nil {
		for _, k := range []string{"url", "mainEntityOfPage"} {
			if u := p.abs(p.ld.str(k)); u != "" {
				return u
			}
		}
	}
	return ""
}

// titleSection reads the section from a title of three parts,
// "Headline | Section | Site".
func titleSection(title, headline string) string {
	for _, sep := range []string{" | ", " - ", " – ", " — ", " · "} {
		parts := strings.Split(collapseSpace(title), sep)
		if len(parts) != 3 {
			continue
		}
		if !sameText(parts[0], headline) {
			return ""
		}
		if mid := strings.TrimSpace(parts[1]); wordCount(mid) <= 5 {
			return mid
		}
	}
	return ""
}
