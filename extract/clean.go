package extract

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// clean removes page furniture from the document before readability
// scores it: elements that never hold article text, hidden elements,
// elements whose class, id, role or ARIA label names boilerplate, share
// and app-store links, figure captions, and short link-dense blocks.
//
// One guard protects against wrappers with noisy names (a <body
// class="has-cookie-banner">, an <article class="tag-politics">): an
// element holding most of the page's text is never removed by its name.
func clean(root *html.Node) {
	total := textLen(root)
	guard := total / 2
	var words []string
	walk(root, func(n *html.Node) bool {
		switch n.DataAtom {
		case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Svg, atom.Canvas,
			atom.Iframe, atom.Object, atom.Embed, atom.Button, atom.Input, atom.Select,
			atom.Textarea, atom.Option, atom.Dialog, atom.Figcaption, atom.Link, atom.Meta,
			atom.Map, atom.Audio, atom.Video, atom.Source, atom.Track:
			removeNode(n)
			return false
		case atom.Nav, atom.Aside, atom.Footer, atom.Form, atom.Menu:
			if textLen(n) <= guard {
				removeNode(n)
				return false
			}
		case atom.A:
			if isShareLink(attr(n, "href")) && textLen(n) < 60 {
				removeNode(n)
				return false
			}
		case atom.Body, atom.Html, atom.Head:
			return true
		case 0:
			if strings.HasPrefix(n.Data, "amp-") && ampNoise[n.Data] {
				removeNode(n)
				return false
			}
		}
		if hidden(n) || noiseByName(n, &words) {
			if textLen(n) <= guard && !isProse(n, words) && !holdsArticleBody(n) {
				removeNode(n)
				return false
			}
		}
		return true
	})
	removeLinkLists(root)
}

var ampNoise = setOf("amp-ad", "amp-embed", "amp-sidebar", "amp-social-share", "amp-analytics",
	"amp-consent", "amp-user-notification", "amp-sticky-ad", "amp-auto-ads", "amp-app-banner",
	"amp-pixel", "amp-geo", "amp-iframe", "amp-lightbox", "amp-web-push-widget")

// hidden reports elements a browser does not show.
func hidden(n *html.Node) bool {
	if hasAttr(n, "hidden") || attr(n, "aria-hidden") == "true" {
		return true
	}
	st := attr(n, "style")
	if st == "" {
		return false
	}
	st = strings.ToLower(strings.ReplaceAll(st, " ", ""))
	return strings.Contains(st, "display:none") || strings.Contains(st, "visibility:hidden")
}

// noiseByName applies the boilerplate vocabulary to n's class, id, role
// and ARIA label. words is scratch space reused across calls. The
// article's own containers (<article>, <main>, role=main,
// itemprop=articleBody) are never judged by their names: CMSs hang
// taxonomy classes on them ("tag-politics", "category-news").
func noiseByName(n *html.Node, words *[]string) bool {
	switch n.DataAtom {
	case atom.Article, atom.Main, atom.Body, atom.Html:
		return false
	}
	r := strings.ToLower(attr(n, "role"))
	if r == "main" || r == "article" {
		return false
	}
	if noiseRoles[r] {
		return true
	}
	w := (*words)[:0]
	for _, a := range n.Attr {
		switch a.Key {
		case "class", "id", "aria-label", "data-component", "data-module", "data-testid", "itemprop":
			// Each class token is its own run of words, so that pairs do
			// not form across them.
			for _, tok := range strings.Fields(a.Val) {
				if modifierClass(tok) {
					continue
				}
				if exactOnly[strings.ToLower(tok)] {
					w = append(w, "sronly")
					continue
				}
				w = nameWords(tok, w)
				w = append(w, "|")
			}
		}
	}
	*words = w
	if len(w) == 0 {
		return false
	}
	return noiseVerdict(w)
}

// modifierPrefixes start class names that describe a state or a taxonomy
// term rather than what the element is: "has-sidebar", "tag-politics",
// "category-news", "is-hidden-mobile", "layout-sidebar-right".
var modifierPrefixes = []string{"has-", "no-", "is-", "with-", "without-", "layout-", "tag-", "category-",
	"cat-", "topic-", "term-", "format-", "status-", "type-", "postid-", "single-", "lang-", "tax-",
	"node-type-", "hidden-", "visible-", "show-", "d-", "col-", "js-", "u-"}

func modifierClass(tok string) bool {
	t := strings.ToLower(tok)
	for _, p := range modifierPrefixes {
		if strings.HasPrefix(t, p) && len(t) > len(p) {
			return true
		}
	}
	return false
}

// exactOnly are class names that hide an element when they stand alone;
// inside a longer name ("field-label-hidden") they describe a part.
var exactOnly = setOf("hidden", "hide", "invisible", "d-none", "sr-only", "visually-hidden", "screen-reader-text",
	"visuallyhidden", "element-invisible", "offscreen", "a11y-hidden", "u-hidden", "is-hidden", "hidden-visually")

// removeLinkLists drops short blocks that are mostly links: menus, tag
// lists, "read also" teasers, next/previous links.
func removeLinkLists(root *html.Node) {
	walk(root, func(n *html.Node) bool {
		switch n.DataAtom {
		case atom.Ul, atom.Ol, atom.Dl, atom.Div, atom.Section, atom.Table, atom.P, atom.Li:
		default:
			return true
		}
		tl := textLen(n)
		if tl == 0 {
			if !containsMedia(n) {
				removeNode(n)
				return false
			}
			return true
		}
		if tl > 600 {
			return true
		}
		lt := linkTextLen(n)
		limit := 0.7
		if n.DataAtom == atom.P {
			limit = 0.9
		}
		if float64(lt) >= limit*float64(tl) {
			removeNode(n)
			return false
		}
		return true
	})
}

func containsMedia(n *html.Node) bool {
	found := false
	walk(n, func(c *html.Node) bool {
		switch c.DataAtom {
		case atom.Img, atom.Picture, atom.Video, atom.Br, atom.Hr:
			found = true
		}
		if c.DataAtom == 0 && strings.HasPrefix(c.Data, "amp-img") {
			found = true
		}
		return !found
	})
	return found
}

// isProse reports a block that reads like article text whatever its name
// ("read-more-content" holding the rest of the story): at least 800
// characters in paragraphs of 150 or more, few of them links. Comment
// threads are prose too, and are never kept by this rule.
func isProse(n *html.Node, words []string) bool {
	for _, w := range words {
		switch w {
		case "comment", "comments", "commentlist", "disqus", "replies", "respond", "cookie", "consent":
			return false
		}
	}
	long := 0
	walk(n, func(c *html.Node) bool {
		if c.DataAtom == atom.P {
			if l := textLen(c); l >= 150 && linkTextLen(c)*5 < l {
				long += l
			}
			return false
		}
		return true
	})
	return long >= 800 && linkTextLen(n)*5 < textLen(n)
}

// holdsArticleBody reports an element wrapping the article's marked
// container (itemprop=articleBody, class "entry-content" and the like),
// which a badly closed share bar or sidebar may do.
func holdsArticleBody(n *html.Node) bool {
	found := false
	var words []string
	walk(n, func(c *html.Node) bool {
		if found {
			return false
		}
		if strings.EqualFold(attr(c, "itemprop"), "articleBody") {
			found = true
			return false
		}
		words = nameWords(attr(c, "class"), words[:0])
		if namesArticle(words) {
			found = textLen(c) > 200
			return !found
		}
		return true
	})
	return found
}
