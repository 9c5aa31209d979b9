package extract

import (
	"bytes"
	"encoding/json"
	"regexp"
	"strconv"
	"strings"
)

// JSON-LD (schema.org) metadata. Pages hold it as one object, an array, an
// @graph, or several scripts; authors and publishers are often references
// ({"@id": ...}) to other nodes of the graph. ldData flattens all of it and
// resolves the references the extractor follows.

var articleTypes = map[string]int{
	"newsarticle": 1, "reportagenewsarticle": 1, "analysisnewsarticle": 1,
	"opinionnewsarticle": 1, "backgroundnewsarticle": 1, "reviewnewsarticle": 1,
	"asknewsarticle": 1, "askpublicnewsarticle": 1, "liveblogposting": 1,
	"article": 2, "blogposting": 2, "satiricalarticle": 2, "scholarlyarticle": 2,
	"techarticle": 2, "report": 2, "socialmediaposting": 3, "posting": 3,
	"discussionforumposting": 3, "medicalscholarlyarticle": 2, "advertisercontentarticle": 3,
	"webpage": 4, "itempage": 4,
}

type ldData struct {
	nodes []map[string]any
	byID  map[string]map[string]any
	// article is the best article-like node, nil when the page has none.
	article map[string]any
	// articleRank is article's type rank: 1 news, 2 article, 3 posting,
	// 4 web page, 5 other creative work.
	articleRank int
}

func parseLD(scripts []string) *ldData {
	d := &ldData{byID: map[string]map[string]any{}}
	for _, s := range scripts {
		v, ok := decodeLD(s)
		if !ok {
			continue
		}
		d.collect(v, 0)
	}
	for _, n := range d.nodes {
		rank := 0
		for _, t := range ldTypes(n) {
			if r, ok := articleTypes[strings.ToLower(t)]; ok && (rank == 0 || r < rank) {
				rank = r
			}
		}
		if rank > 0 && (d.article == nil || rank < d.articleRank) {
			d.article, d.articleRank = n, rank
		}
	}
	return d
}

// decodeLD parses one script's JSON, repairing the faults real pages have:
// HTML comments or CDATA around it, raw control characters in strings.
func decodeLD(s string) (any, bool) {
	s = strings.TrimSpace(s)
	s = strings.TrimPrefix(s, "<!--")
	s = strings.TrimSuffix(s, "-->")
	s = strings.TrimSpace(s)
	for _, p := range []string{"//<![CDATA[", "/*<![CDATA[*/", "<![CDATA["} {
		s = strings.TrimPrefix(s, p)
	}
	s = strings.TrimSpace(s)
	for _, p := range []string{"//]]>", "/*]]>*/", "]]>"} {
		s = strings.TrimSuffix(s, p)
	}
	var v any
	if err := json.Unmarshal([]byte(s), &v); err == nil {
		return v, true
	}
	// Raw newlines and tabs inside strings are the common fault.
	b := []byte(s)
	b = bytes.Map(func(r rune) rune {
		if r < 0x20 {
			return ' '
		}
		return r
	}, b)
	if err := json.Unmarshal(b, &v); err == nil {
		return v, true
	}
	return salvageLD(s)
}

var (
	ldTypeRx   = regexp.MustCompile(`"@type"\s*:\s*"([A-Za-z]+)"`)
	ldFieldRx  = regexp.MustCompile(`"(headline|name|datePublished|dateModified|dateCreated|articleSection|description|inLanguage|url|keywords)"\s*:\s*"((?:[^"\\]|\\.)*)"`)
	ldAuthorRx = regexp.MustCompile(`"(?:author|creator)"\s*:\s*(\{[^{}]*\}|\[[^\]]*\]|"(?:[^"\\]|\\.)*")`)
	ldNameRx   = regexp.MustCompile(`"name"\s*:\s*"((?:[^"\\]|\\.)*)"`)
)

// salvageLD reads the fields the extractor needs from JSON-LD too broken
// to parse (raw HTML pasted into a string, unescaped quotes), when it
// declares an article type. The first value of each field wins.
func salvageLD(s string) (any, bool) {
	var typ string
	for _, m := range ldTypeRx.FindAllStringSubmatch(s, -1) {
		if r, ok := articleTypes[strings.ToLower(m[1])]; ok && r <= 3 {
			typ = m[1]
			break
		}
	}
	if typ == "" {
		return nil, false
	}
	node := map[string]any{"@type": typ}
	unq := func(v string) string {
		var out string
		if err := json.Unmarshal([]byte(`"`+v+`"`), &out); err != nil {
			return v
		}
		return out
	}
	for _, m := range ldFieldRx.FindAllStringSubmatch(s, -1) {
		if _, ok := node[m[1]]; !ok {
			node[m[1]] = unq(m[2])
		}
	}
	if m := ldAuthorRx.FindStringSubmatch(s); m != nil {
		var authors []any
		if strings.HasPrefix(m[1], `"`) {
			authors = append(authors, unq(strings.Trim(m[1], `"`)))
		}
		for _, n := range ldNameRx.FindAllStringSubmatch(m[1], -1) {
			authors = append(authors, map[string]any{"@type": "Person", "name": unq(n[1])})
		}
		if len(authors) > 0 {
			node["author"] = authors
		}
	}
	// The first "name" may be the author's or the publisher's.
	delete(node, "name")
	return node, true
}

func (d *ldData) collect(v any, depth int) {
	if depth > 8 {
		return
	}
	switch x := v.(type) {
	case []any:
		for _, e := range x {
			d.collect(e, depth+1)
		}
	case map[string]any:
		if g, ok := x["@graph"]; ok {
			d.collect(g, depth+1)
		}
		if _, ok := x["@type"]; ok {
			d.nodes = append(d.nodes, x)
			if id, ok := x["@id"].(string); ok && id != "" {
				if _, dup := d.byID[id]; !dup {
					d.byID[id] = x
				}
			}
		}
		// Articles nested as mainEntity of a WebPage.
		if m, ok := x["mainEntity"]; ok {
			d.collect(m, depth+1)
		}
	}
}

func ldTypes(n map[string]any) []string {
	switch t := n["@type"].(type) {
	case string:
		return []string{t}
	case []any:
		var out []string
		for _, e := range t {
			if s, ok := e.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

func hasType(n map[string]any, names ...string) bool {
	for _, t := range ldTypes(n) {
		for _, name := range names {
			if strings.EqualFold(t, name) {
				return true
			}
		}
	}
	return false
}

// resolve follows an {"@id": ...} reference to its node in the graph.
func (d *ldData) resolve(v any) any {
	if m, ok := v.(map[string]any); ok {
		if id, ok := m["@id"].(string); ok && len(m) <= 2 {
			if full, ok := d.byID[id]; ok {
				return full
			}
		}
	}
	return v
}

// str returns the article's field as one string: the first string found
// in a string, an array or an object's name/@value.
func (d *ldData) str(key string) string {
	if d == nil || d.article == nil {
		return ""
	}
	return d.text(d.article[key])
}

func (d *ldData) text(v any) string {
	switch x := d.resolve(v).(type) {
	case string:
		return strings.TrimSpace(x)
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case []any:
		for _, e := range x {
			if s := d.text(e); s != "" {
				return s
			}
		}
	case map[string]any:
		for _, k := range []string{"name", "@value", "url", "@id"} {
			if s, ok := x[k].(string); ok && strings.TrimSpace(s) != "" {
				return strings.TrimSpace(s)
			}
		}
	}
	return ""
}

// strs returns every string of a field that may be a string, a list or a
// comma-separated list.
func (d *ldData) strs(v any) []string {
	switch x := d.resolve(v).(type) {
	case string:
		return []string{x}
	case []any:
		var out []string
		for _, e := range x {
			out = append(out, d.strs(e)...)
		}
		return out
	case map[string]any:
		if s := d.text(x); s != "" {
			return []string{s}
		}
	}
	return nil
}

// authors returns the names of the article's authors (author, creator),
// Persons before Organizations.
func (d *ldData) authors() (people, orgs []string) {
	if d == nil || d.article == nil {
		return nil, nil
	}
	for _, key := range []string{"author", "creator"} {
		v, ok := d.article[key]
		if !ok {
			continue
		}
		var list []any
		if a, ok := v.([]any); ok {
			list = a
		} else {
			list = []any{v}
		}
		for _, e := range list {
			e = d.resolve(e)
			switch x := e.(type) {
			case string:
				people = append(people, x)
			case map[string]any:
				name := d.text(x["name"])
				if name == "" {
					gn, fn := d.text(x["givenName"]), d.text(x["familyName"])
					name = strings.TrimSpace(gn + " " + fn)
				}
				if name == "" {
					continue
				}
				if hasType(x, "Organization", "NewsMediaOrganization", "Corporation") {
					orgs = append(orgs, name)
				} else {
					people = append(people, name)
				}
			}
		}
		if len(people)+len(orgs) > 0 {
			break
		}
	}
	return people, orgs
}

// publisherName returns the name of the article's publisher, or of the
// first Organization/WebSite node.
func (d *ldData) publisherName() string {
	if d == nil {
		return ""
	}
	if d.article != nil {
		if s := d.text(d.article["publisher"]); s != "" && !strings.HasPrefix(s, "http") && !strings.HasPrefix(s, "#") {
			return s
		}
	}
	for _, n := range d.nodes {
		if hasType(n, "WebSite", "NewsMediaOrganization") {
			if s := d.text(n["name"]); s != "" {
				return s
			}
		}
	}
	return ""
}

// breadcrumb returns the names of the items of the page's BreadcrumbList.
func (d *ldData) breadcrumb() []string {
	if d == nil {
		return nil
	}
	for _, n := range d.nodes {
		if !hasType(n, "BreadcrumbList") {
			continue
		}
		items, _ := n["itemListElement"].([]any)
		var out []string
		for _, it := range items {
			m, ok := d.resolve(it).(map[string]any)
			if !ok {
				continue
			}
			name := d.text(m["name"])
			if name == "" {
				if item, ok := d.resolve(m["item"]).(map[string]any); ok {
					name = d.text(item["name"])
				}
			}
			if name != "" {
				out = append(out, name)
			}
		}
		return out
	}
	return nil
}
