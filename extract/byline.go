package extract

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// byline names the article's authors. Structured sources come first
// (JSON-LD persons, microdata, author meta tags, rel=author links), then
// a visible byline element or a "By ..." line; organisations named as
// author and a trailing agency credit are the fallback. A name that is
// the site's own is skipped.
func (p *page) byline(site string) string {
	host := ""
	if p.base != nil {
		host = strings.TrimPrefix(strings.ToLower(p.base.Hostname()), "www.")
	}
	people, orgs := p.ld.authors()
	sources := []func() []string{
		// What a reader sees under the headline comes first.
		func() []string { return p.nearOnly(p.prefixedByline) },
		func() []string { return people },
		p.itempropAuthors,
		p.metaAuthors,
		func() []string {
			var names []string
			for _, n := range p.relAuthor {
				if n.DataAtom == atom.A && !inNoise(n) {
					names = append(names, textOf(n))
				}
			}
			return names
		},
		p.visibleByline,
		p.prefixedByline,
		func() []string { return orgs },
	}
	// JSON-LD names are written as data, not prose: they may read like
	// phrases ("Contributors to Wikimedia projects").
	structured := map[int]bool{1: true, len(sources) - 1: true}
	siteAsAuthor := ""
	for i, src := range sources {
		raw := src()
		if len(raw) == 0 {
			continue
		}
		var kept []string
		for _, n := range strings.Split(joinNames(raw), ", ") {
			// Beyond JSON-LD, a name written like a phrase ("Das Magazin
			// für Lesben") is a tagline, not an author.
			if n == "" || !structured[i] && !allProperNames([]string{n}) {
				continue
			}
			if isSiteName(n, site, host) {
				if siteAsAuthor == "" {
					siteAsAuthor = n
				}
				continue
			}
			kept = append(kept, n)
		}
		if len(kept) == 1 && wordCount(kept[0]) == 1 {
			// A first name or initials ("Nils"): a later source may
			// give the full name.
			kept[0] = p.fullName(kept[0], sources[i+1:])
		}
		if len(kept) > 0 {
			return strings.Join(kept, ", ")
		}
	}
	if a := p.agencyLine(); a != "" {
		return a
	}
	// The site itself is named as the author: better than nothing.
	return siteAsAuthor
}

func (p *page) itempropAuthors() []string {
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
		if name != "" {
			return []string{name}
		}
	}
	return nil
}

func (p *page) metaAuthors() []string {
	for _, k := range []string{"author", "article:author", "dc.creator", "dcterms.creator", "parsely-author", "sailthru.author", "byl", "cxenseparse:author", "citation_author"} {
		var names []string
		for _, v := range p.metas[k] {
			// A profile URL or a handle is no name; a name followed by
			// its home page is.
			if !strings.HasPrefix(v, "http") && !strings.HasPrefix(v, "@") {
				names = append(names, v)
			}
		}
		if len(names) > 0 {
			return names
		}
	}
	return nil
}

// prefixedByline finds the first short line that starts like a byline
// ("By Jane Doe", "Von Anna Beispiel", "Text von ...") outside navigation,
// footers and comments.
func (p *page) prefixedByline() []string {
	var found []string
	near := p.nearHeadline()
	walk(p.doc, func(n *html.Node) bool {
		if found != nil {
			return false
		}
		switch n.DataAtom {
		case atom.Script, atom.Style, atom.Head, atom.Nav, atom.Form, atom.A, atom.Button, atom.Select:
			return false
		case atom.Footer, atom.Aside:
			if !near(n) {
				return false
			}
		}
		// A map look-up, before the text of the subtree is counted.
		if p.onlyNear && !near(n) {
			return true
		}
		tl := textLen(n)
		if tl == 0 || tl > 150 {
			return tl > 0
		}
		lines := textLines(n)
		if len(lines) == 0 {
			return true
		}
		t := strings.TrimLeft(lines[0], " -–—|•·")
		if bylineLabel.MatchString(t) && len(lines) > 1 {
			// "Von:" or "Autor" on a line of its own, the names below.
			t = t + " " + lines[1]
		} else if !bylinePrefix.MatchString(t) {
			return true
		}
		if !near(n) && inNoise(n) {
			return true
		}
		if names := cleanNames(t); len(names) > 0 && allProperNames(names) {
			found = names
			return false
		}
		return true
	})
	if found == nil && !p.onlyNear {
		found = p.labelledByline()
	}
	return found
}

// bylineLabel is a line that only announces the author: "Von:", "Autor",
// "Written by".
var bylineLabel = regexp.MustCompile(`(?i)^(?:by|von|par|por|door|text|texte|autor(?:in|en)?|authors?|auteurs?|verfasser(?:in)?|redaktion|written by|geschrieben von)\s*:?$`)

// labelledByline reads an author set below a label element of its own
// ("<h4>Autor</h4><p><a>Nikolai Huke</a></p>").
func (p *page) labelledByline() []string {
	var found []string
	near := p.nearHeadline()
	walk(p.doc, func(n *html.Node) bool {
		if found != nil {
			return false
		}
		switch n.DataAtom {
		case atom.Script, atom.Style, atom.Head, atom.Nav, atom.Form, atom.Button, atom.Select:
			return false
		}
		if textLen(n) > 20 || !bylineLabel.MatchString(textOf(n)) {
			return true
		}
		next := n.NextSibling
		for next != nil && (next.Type == html.TextNode && strings.TrimSpace(next.Data) == "" || next.Type == html.CommentNode) {
			next = next.NextSibling
		}
		if next == nil || next.Type != html.ElementNode || textLen(next) > 120 || !near(n) && inNoise(n) {
			return false
		}
		if names := cleanNames(firstLine(next)); len(names) > 0 && allProperNames(names) {
			found = names
		}
		return false
	})
	return found
}

// textLines returns the first lines of n's text, split at blocks and <br>.
func textLines(n *html.Node) []string {
	var out []string
	for _, p := range paragraphs(n) {
		for _, l := range strings.Split(p, "\n") {
			if l = strings.TrimSpace(l); l != "" {
				out = append(out, l)
			}
		}
		if len(out) >= 3 {
			break
		}
	}
	return out
}

// nearOnly runs a visible-byline finder restricted to the elements near
// the headline.
func (p *page) nearOnly(find func() []string) []string {
	p.onlyNear = true
	defer func() { p.onlyNear = false }()
	return find()
}

// fullName returns the first name from the later sources that holds
// short as one of its words, or short itself.
func (p *page) fullName(short string, sources []func() []string) string {
	for _, src := range sources {
		for _, raw := range src() {
			for _, n := range cleanNames(raw) {
				for _, w := range strings.Fields(n) {
					if strings.EqualFold(w, short) && wordCount(n) > 1 && wordCount(n) <= 4 {
						return n
					}
				}
			}
		}
	}
	return short
}

// allProperNames reports names written as names: in scripts with case,
// every word capitalised but for particles ("van", "de").
func allProperNames(names []string) bool {
	for _, n := range names {
		words := strings.Fields(n)
		if len(words) == 1 {
			continue // a user name: "jancak"
		}
		for _, w := range words {
			r, _ := utf8.DecodeRuneInString(w)
			if unicode.IsLower(r) && !nameParticles[w] {
				return false
			}
		}
	}
	return true
}

// visibleByline reads the first short element whose class or id says
// byline or author.
func (p *page) visibleByline() []string {
	var found []string
	var words []string
	near := p.nearHeadline()
	walk(p.doc, func(n *html.Node) bool {
		if found != nil {
			return false
		}
		switch n.DataAtom {
		case atom.Script, atom.Style, atom.Head, atom.Form, atom.Button, atom.Select, atom.Textarea, atom.Label, atom.Input:
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
			case "byline", "author", "authors", "autor", "autoren", "auteur", "auteurs", "autores", "writer",
				"byl", "creator", "authorname", "autorin", "verfasser", "firma":
				is = true
			case "bio", "avatar", "image", "img", "photo", "description", "desc", "about":
				is = false
			}
		}
		if !is {
			return true
		}
		if textLen(n) > 300 {
			return true
		}
		if p.onlyNear && !near(n) {
			return true
		}
		t := firstLine(n)
		if t == "" || len(t) > 200 || !near(n) && inNoise(n) {
			return true
		}
		if names := cleanNames(t); len(names) > 0 && allProperNames(names) {
			found = names
			return false
		}
		return true
	})
	return found
}

// nearHeadline returns a test for elements within a few dozen elements of
// the first <h1>, where the article's own byline and dateline sit even
// when the block around them has a teaser-like or aside name.
func (p *page) nearHeadline() func(*html.Node) bool {
	if p.near != nil {
		return p.near
	}
	head := p.headNode
	if head == nil && len(p.h1s) > 0 {
		head = p.h1s[0]
	}
	if head == nil {
		p.near = func(*html.Node) bool { return false }
		p.below = p.near
		return p.near
	}
	pos := map[*html.Node]int{}
	i, h := 0, -1
	walk(p.doc, func(n *html.Node) bool {
		i++
		pos[n] = i
		if n == head {
			h = i
		}
		return true
	})
	p.near = func(n *html.Node) bool {
		k, ok := pos[n]
		return ok && h > 0 && k > h-40 && k < h+80
	}
	p.below = func(n *html.Node) bool {
		k, ok := pos[n]
		return ok && h > 0 && k > h && k < h+80
	}
	return p.near
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
	bylinePrefix = regexp.MustCompile(`^(?:(?i:(?:written|posted|published|reported|story|text|words|photos?|reporting|edited|compiled)\s+by|(?:ein\s+)?(?:artikel|beitrag|text|bericht|kommentar|interview)\s+von|(?:erstellt|geschrieben|verfasst|publiziert)\s+von|(?:publié|écrit|rédigé)\s+par|(?:publicado|escrito|redactado)\s+por|by|von|par|por|door|av|af|text\s*:|texte\s*:|autor(?:in|en)?\s*:?|authors?\s*:?|auteurs?\s*:?|redaktion\s*:|interview\s*:|reporter\s*:|from)|di|de|da|dal)\s*:?\s+`)
	bylineCut    = regexp.MustCompile(`(?i)\s*(?:\(|\billustration\b|\bfotos?\b|\bphotos?\b|\bbilder?\b|\bupdated\b|\bpublished\b|\baktualisiert\b|\bveröffentlicht\b|\bmis à jour\b|\bpublié\b|\bactualizado\b|\bpublicado\b|\bon\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)|\b\d{1,4}[./-]\d{1,2}|\b\d{1,2}:\d{2}|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b|\b\d{1,2}\.?\s+(?:jan|feb|mär|mar|apr|mai|may|jun|jul|aug|sep|okt|oct|nov|dez|dec)|\b(?:19|20)\d\d\b).*$`)
	bylineSplit  = regexp.MustCompile(`\s*(?:,|;|&|\+|\b(?:and|And|AND|und|et|y|e|en|og|i)\b)\s*`)
	// bylinePlace is a place after the names: "in Paris", "à Lyon", "aus Berlin".
	bylinePlace  = regexp.MustCompile(`\s+(?:in|à|aus|en|from)\s+\p{Lu}[\p{L}\-]+(?:\s+\p{Lu}[\p{L}\-]+)?\s*$`)
	handleOrMail = regexp.MustCompile(`\S*@\S+|https?://\S+`)
)

// jobWords mark a part of a byline that is a role, not a name.
var jobWords = setOf("staff", "writer", "reporter", "correspondent", "editor", "editors", "columnist",
	"contributor", "contributing", "senior", "chief", "political", "news", "desk", "team",
	"phd", "md", "mba", "rn", "dr", "prof", "datum", "date", "fecha", "autoreninfo", "autorinfo",
	"redakteur", "redakteurin", "korrespondent", "korrespondentin", "journalist", "journaliste",
	"rédaction", "rédacteur", "redacción", "corresponsal", "photographer", "fotograf", "producer",
	"analyst", "updated", "published", "min", "read", "share", "follow", "email", "twitter", "more",
	"articles", "article", "view", "all", "posts", "profile", "anchor", "host", "contributors",
	"posted", "publiziert", "veröffentlicht", "name", "am", "on", "le", "no", "author", "autor",
	"unknown", "admin", "administrator", "wordpressadmin", "webmaster", "alle", "artikel", "von",
	"mehr", "beiträge", "by", "guest", "gast", "comments", "kommentare", "leave", "reply",
	"eingetragen", "gespeichert", "kategorie", "kategorien", "category", "categories", "tags")

// functionWords are never a name on their own ("By the ...").
var functionWords = setOf("the", "a", "an", "der", "die", "das", "le", "la", "les", "el", "los", "las", "il", "lo", "de", "von", "van")

// cleanName turns one raw byline string into author names.
func cleanNames(raw string) []string {
	var out []string
	for _, piece := range bylinePieces.Split(collapseSpace(raw), -1) {
		out = append(out, cleanPiece(piece)...)
	}
	return out
}

// bylinePieces separates the parts of a byline block: names, a date, a
// role, the site ("unocero - Alberto Ávila", "Jane Doe | 3 May 2024").
var bylinePieces = regexp.MustCompile(`\s+[|•·]\s+|\s+[-–—]\s+|\s*\|\s*`)

// bylineLabelCut cuts a byline at the next labelled field: "Jane Doe
// Kategorien: Mode".
var bylineLabelCut = regexp.MustCompile(`\s+\p{L}{3,}\s?:\s+\S.*$`)

// unglueRole separates a role glued to a name by markup without spaces:
// "Evan HalperStaff Writer" -> "Evan Halper Staff Writer". Only a known
// role word is split off, so "McDonald" stays whole.
func unglueRole(s string) string {
	words := strings.Fields(s)
	changed := false
	for i, w := range words {
		prev := rune(0)
		for j, r := range w {
			if j > 0 && unicode.IsUpper(r) && unicode.IsLower(prev) && jobWords[strings.ToLower(w[j:])] {
				words[i] = w[:j] + " " + w[j:]
				changed = true
				break
			}
			prev = r
		}
	}
	if !changed {
		return s
	}
	return strings.Join(words, " ")
}

// bylineInner finds "by" inside a line: "Posted on May 3, 2020 by Jane Doe".
var bylineInner = regexp.MustCompile(`(?i)^.{0,80}?\s(?:by|von|par|por)\s+(\p{Lu}.*)$`)

func cleanPiece(s string) []string {
	s = handleOrMail.ReplaceAllString(s, " ")
	prefixed := bylinePrefix.MatchString(s)
	for i := 0; i < 2; i++ {
		s = strings.TrimSpace(bylinePrefix.ReplaceAllString(s, ""))
	}
	// "Posted on May 3, 2020 by Jane Doe": the names follow a "by" that
	// comes after a date. ("Walter von Aachen" is a name.)
	if m := bylineInner.FindStringSubmatch(s); m != nil && !prefixed && strings.IndexFunc(s[:len(s)-len(m[1])], unicode.IsDigit) >= 0 {
		s = m[1]
	}
	s = unglueRole(s)
	cut := bylineCut.ReplaceAllString(s, "")
	cut = bylineLabelCut.ReplaceAllString(cut, "")
	cut = bylinePlace.ReplaceAllString(cut, "")
	// Names hold no digits: cut at the first one ("Lucas Nolan22 Dec
	// 2016"). A digit run that ends the string is part of a user name
	// ("freeman1984") and stays.
	if i := strings.IndexFunc(cut, unicode.IsDigit); i >= 0 {
		rest := strings.TrimLeftFunc(cut[i:], unicode.IsDigit)
		if strings.TrimSpace(rest) != "" {
			cut = cut[:i]
		}
	}
	if cut != s {
		// Drop the lower-case words left before a cut ("am", "le", "at").
		cut = trimLowerTail(cut)
	}
	s = cut
	var out []string
	for _, part := range bylineSplit.Split(s, -1) {
		part = strings.Trim(part, " -–—:.,;|/'\"“”")
		if strings.HasSuffix(part, "*") {
			continue // a form label: "Name *"
		}
		part = strings.TrimSpace(bylinePrefix.ReplaceAllString(part, ""))
		if part == "" || !hasLetter(part) {
			continue
		}
		words := strings.Fields(part)
		if len(words) > 5 {
			continue
		}
		role, firstRole := 0, -1
		for i, w := range words {
			if jobWords[strings.ToLower(strings.Trim(w, ".,*"))] {
				role++
				if firstRole < 0 {
					firstRole = i
				}
			}
		}
		// "Ben Silverman Games Editor", "Jane Doe Staff Writer": the
		// title, and an affiliation word before it, go.
		if firstRole >= 2 {
			words = words[:max(2, firstRole-1)]
			part = strings.Join(words, " ")
			role = 0
		}
		if role > 0 && (role == len(words) || len(words) > 2 && role*2 >= len(words)) {
			if len(out) > 0 {
				// "By Jane Doe, Senior Writer, Foundation Project":
				// after the first role come affiliations, not names.
				break
			}
			continue
		}
		if !looksLikeName(words) {
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
	"jiji", "jiji press", "kyodo news", "afp-jiji", "apa/ap", "apa/dpa", "apa/afp", "apa/reuters", "dpa-afx", "ap/dpa",
	"associated press", "agence france-presse", "agence france presse", "afp/reuters", "ap/afp",
	"reuters/ap", "dpa/afp", "afp/dpa", "dpa/reuters", "reuters/dpa", "sid", "kap", "ips",
	"رويترز", "فرانس برس", "أ ف ب", "أ.ف.ب", "أسوشيتد برس", "الأناضول", "وام", "واس", "قنا", "كونا",
	"路透社", "新华社", "法新社", "美联社", "共同社", "ロイター", "共同通信", "時事通信", "ap通信", "afp通信",
	"рейтер", "тасс", "риа новости", "интерфакс")

// copyrightMark opens a credit: "© 2012 APA/AP", "(c) Reuters".
var copyrightMark = regexp.MustCompile(`^(?i:©|\(c\)|copyright)\s*(?:(?:19|20)\d\d\s*)?`)

// sourceLabel is the label before a credit: "Source:", "Quelle:", "المصدر:".
var sourceLabel = regexp.MustCompile(`^(?i:source|sources|quelle|fuente|fonte|bron|kilde|źródło|mit material von|material|المصدر|منبع|kaynak)\s*:\s*`)

// agencyCredit returns the agency a short credit line names ("AFP",
// "(Reuters)", "— AP"), or "".
func agencyCredit(line string) string {
	if len(line) > 60 {
		return ""
	}
	s := strings.Trim(collapseSpace(line), " ()[]-–—.:")
	s = strings.TrimSpace(copyrightMark.ReplaceAllString(s, ""))
	if agencies[strings.ToLower(s)] {
		return s
	}
	s = strings.TrimSpace(sourceLabel.ReplaceAllString(s, ""))
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
	afterH1 := p.headNode == nil
	walk(p.doc, func(n *html.Node) bool {
		if found != "" {
			return false
		}
		switch n.DataAtom {
		case atom.Script, atom.Style, atom.Head, atom.Nav, atom.Footer, atom.Aside, atom.A:
			return false
		case atom.H1, atom.H2:
			if n == p.headNode || p.headNode == nil {
				afterH1 = true
				return false
			}
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

// trimLowerTail drops trailing lower-case words ("Moritz Gathmann am").
func trimLowerTail(s string) string {
	words := strings.Fields(s)
	for len(words) > 1 {
		r, _ := utf8.DecodeRuneInString(words[len(words)-1])
		if !unicode.IsLower(r) {
			break
		}
		words = words[:len(words)-1]
	}
	return strings.Join(words, " ")
}

// nameParticles may stand in lower case inside a name.
var nameParticles = setOf("de", "da", "di", "del", "della", "der", "den", "van", "von", "zu", "la", "le",
	"du", "des", "dos", "das", "bin", "ibn", "al", "el", "y", "e", "ter", "ten", "vom", "st.")

// looksLikeName accepts a name of one to five words, at least one
// capitalised (in scripts that have case), with no word that is all
// punctuation.
func looksLikeName(words []string) bool {
	if len(words) == 0 || len(words) > 5 || len(words) == 1 && functionWords[strings.ToLower(words[0])] {
		return false
	}
	upper, cased, letters := 0, 0, 0
	for _, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		if unicode.IsUpper(r) {
			upper++
		}
		if unicode.IsUpper(r) || unicode.IsLower(r) {
			cased++
		}
		for _, c := range w {
			if unicode.IsLetter(c) {
				letters++
			}
		}
	}
	if letters < 2 {
		return false
	}
	// Uncased scripts (CJK, Arabic...) and user names ("jancak") pass on
	// their own; cased multi-word names need a capital.
	if cased == 0 || len(words) == 1 {
		return true
	}
	return upper > 0
}

// firstLine returns the text of n up to its first <br> or block break.
func firstLine(n *html.Node) string {
	for _, p := range paragraphs(n) {
		if i := strings.IndexByte(p, '\n'); i >= 0 {
			p = p[:i]
		}
		return strings.TrimSpace(p)
	}
	return ""
}
