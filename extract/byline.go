package extract

import (
	"regexp"
	"strings"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// byline names the article's authors. Structured sources come first
// (JSON-LD persons, microdata, author meta tags, rel=author links), then
// a visible byline element; organisations named as author and a trailing
// agency credit are the fallback.
func (p *page) byline() string {
	people, orgs := p.ld.authors()
	if b := joinNames(people); b != "" {
		return b
	}
	for _, n := range p.itemprops["author"] {
		name := ""
		for _, c := range p.itemprops["name"] {
			if isAncestor(n, c) {
				name = textOf(c)
				if name == "" {
					name = attr(c, "content")
				}
				break
			}
		}
		if name == "" {
			name = attr(n, "content")
		}
		if name == "" && len(textOf(n)) < 120 {
			name = textOf(n)
		}
		if b := joinNames([]string{name}); b != "" {
			return b
		}
	}
	for _, k := range []string{"author", "article:author", "dc.creator", "dcterms.creator", "parsely-author", "sailthru.author", "byl", "cxenseparse:author"} {
		var names []string
		for _, v := range p.metas[k] {
			if !strings.Contains(v, "://") && !strings.HasPrefix(v, "@") {
				names = append(names, v)
			}
		}
		if b := joinNames(names); b != "" {
			return b
		}
	}
	var names []string
	for _, n := range p.relAuthor {
		if n.Data == "a" {
			names = append(names, textOf(n))
		}
	}
	if b := joinNames(names); b != "" {
		return b
	}
	if b := p.visibleByline(); b != "" {
		return b
	}
	if b := joinNames(orgs); b != "" {
		return b
	}
	return p.agencyLine()
}

// visibleByline reads the first short element whose class or id says
// byline or author.
func (p *page) visibleByline() string {
	found := ""
	var words []string
	walk(p.doc, func(n *html.Node) bool {
		if found != "" {
			return false
		}
		words = words[:0]
		for _, a := range n.Attr {
			if a.Key == "class" || a.Key == "id" || a.Key == "rel" {
				words = nameWords(a.Val, words)
			}
		}
		is := false
		for _, w := range words {
			switch w {
			case "byline", "author", "authors", "autor", "auteur", "writer", "byl", "creator", "authorname", "autorin":
				is = true
			case "bio", "avatar", "image", "img", "photo", "box", "description", "desc", "info", "about":
				is = false
			}
		}
		if !is {
			return true
		}
		t := textOf(n)
		if t == "" || len(t) > 200 {
			return true
		}
		if b := joinNames([]string{t}); b != "" {
			found = b
			return false
		}
		return true
	})
	return found
}

func isAncestor(a, n *html.Node) bool {
	for ; n != nil; n = n.Parent {
		if n == a {
			return true
		}
	}
	return false
}

var (
	bylinePrefix = regexp.MustCompile(`^(?:(?i:(?:written|posted|published|reported|story|text|words|photos?|reporting|edited)\s+by|by|von|par|por|door|av|af|text\s*:|texte\s*:|autor(?:in)?\s*:|author\s*:|auteur\s*:|from)|di|de|da|dal)\s*:?\s+`)
	bylineCut    = regexp.MustCompile(`(?i)\s*(?:\||•|·|\(|\bupdated\b|\bpublished\b|\baktualisiert\b|\bveröffentlicht\b|\bmis à jour\b|\bpublié\b|\bactualizado\b|\bpublicado\b|\bon\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)|\b\d{1,4}[./-]\d{1,2}|\b\d{1,2}:\d{2}|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b|\b\d{1,2}\.?\s+(?:jan|feb|mär|mar|apr|mai|may|jun|jul|aug|sep|okt|oct|nov|dez|dec)|\b(?:19|20)\d\d\b).*$`)
	bylineSplit  = regexp.MustCompile(`\s*(?:,|;|&|\+|\b(?:and|And|AND|und|et|y|e|en|og|i)\b)\s*`)
	handleOrMail = regexp.MustCompile(`\S*@\S+|https?://\S+`)
)

// jobWords mark a part of a byline that is a role, not a name.
var jobWords = setOf("staff", "writer", "reporter", "correspondent", "editor", "editors", "columnist",
	"contributor", "contributing", "senior", "chief", "political", "news", "desk", "team", "redaktion",
	"redakteur", "redakteurin", "korrespondent", "korrespondentin", "journalist", "journaliste",
	"rédaction", "rédacteur", "redacción", "corresponsal", "photographer", "fotograf", "producer",
	"analyst", "updated", "published", "min", "read", "share", "follow", "email", "twitter", "more",
	"articles", "article", "view", "all", "posts", "profile", "anchor", "host", "contributors")

// cleanName turns one raw byline string into author names.
func cleanNames(raw string) []string {
	s := collapseSpace(raw)
	s = handleOrMail.ReplaceAllString(s, " ")
	for i := 0; i < 2; i++ {
		s = strings.TrimSpace(bylinePrefix.ReplaceAllString(s, ""))
	}
	s = bylineCut.ReplaceAllString(s, "")
	var out []string
	for _, part := range bylineSplit.Split(s, -1) {
		part = strings.Trim(part, " -–—:.,;|/'\"“”")
		part = strings.TrimSpace(bylinePrefix.ReplaceAllString(part, ""))
		if part == "" || !hasLetter(part) {
			continue
		}
		words := strings.Fields(part)
		if len(words) > 5 {
			continue
		}
		role := 0
		for _, w := range words {
			if jobWords[strings.ToLower(strings.Trim(w, ".,"))] {
				role++
			}
		}
		if role > 0 && (role == len(words) || len(words) > 2 && role*2 >= len(words)) {
			continue
		}
		out = append(out, part)
	}
	return out
}

// joinNames cleans raw author strings and joins the distinct names with
// ", ".
func joinNames(raw []string) string {
	var names []string
	seen := map[string]bool{}
	for _, r := range raw {
		for _, n := range cleanNames(r) {
			k := strings.ToLower(n)
			if !seen[k] {
				seen[k] = true
				names = append(names, n)
			}
		}
	}
	if len(names) > 8 {
		names = names[:8]
	}
	return strings.Join(names, ", ")
}

func hasLetter(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

// agencies are the wire services whose name alone, on the last line of
// an article, credits the copy.
var agencies = setOf("afp", "ap", "reuters", "dpa", "ansa", "efe", "xinhua", "kyodo", "tass",
	"ria novosti", "anadolu", "upi", "pa", "press association", "bloomberg", "kna", "epd",
	"apa", "sda", "ats", "belga", "anp", "europa press", "lusa", "yonhap", "bernama", "ani", "pti",
	"ians", "aa", "nna", "wafa", "sana", "irna", "mena", "qna", "kuna", "spa", "wam", "bna",
	"associated press", "agence france-presse", "agence france presse", "afp/reuters", "ap/afp",
	"reuters/ap", "dpa/afp", "afp/dpa", "dpa/reuters", "reuters/dpa", "sid", "kap", "ips")

// agencyCredit returns the agency a short credit line names ("AFP",
// "(Reuters)", "— AP"), or "".
func agencyCredit(line string) string {
	s := strings.Trim(collapseSpace(line), " ()[]-–—.:")
	s = strings.TrimSpace(bylinePrefix.ReplaceAllString(s, ""))
	if len(s) > 40 {
		return ""
	}
	if agencies[strings.ToLower(s)] {
		return s
	}
	// "AFP, Reuters" / "AFP with Reuters".
	parts := bylineSplit.Split(s, -1)
	if len(parts) > 1 {
		for _, p := range parts {
			if !agencies[strings.ToLower(strings.TrimSpace(p))] {
				return ""
			}
		}
		return s
	}
	return ""
}

// agencyLine finds a wire-service credit standing alone in an element
// after the headline ("AFP", "(Reuters)"), outside navigation and footers.
func (p *page) agencyLine() string {
	found := ""
	afterH1 := len(p.h1s) == 0
	walk(p.doc, func(n *html.Node) bool {
		if found != "" {
			return false
		}
		switch n.DataAtom {
		case atom.Script, atom.Style, atom.Head, atom.Nav, atom.Footer, atom.Aside, atom.Header, atom.A:
			return false
		case atom.H1:
			afterH1 = true
			return false
		}
		if !afterH1 || textLen(n) > 40 {
			return true
		}
		if c := agencyCredit(textOf(n)); c != "" {
			found = c
			return false
		}
		return true
	})
	return found
}
