package scraper

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestJSONLDTypes(t *testing.T) {
	for _, tc := range []struct {
		src  string
		want []string
	}{
		{`{"@type":"NewsArticle","headline":"x"}`, []string{"NewsArticle"}},
		{` [{"@type":"WebSite"},{"@type":["Article","http://schema.org/Report"]}] `, []string{"WebSite", "Article", "Report"}},
		{`{"@context":"https://schema.org","@graph":[{"@type":"WebPage"},"stray",{"@type":"https://schema.org/BlogPosting"}]}`, []string{"WebPage", "BlogPosting"}},
		{`{"@type":{"odd":1},"@graph":[{"@type":"NewsArticle"}]}`, []string{"NewsArticle"}},
		{`{"headline":"no type"}`, nil},
		// Nested nodes are not the page's.
		{`{"@type":"NewsArticle","author":{"@type":"Person","name":"A \"B\" C"},"publisher":[{"@type":"Organization"}]}`, []string{"NewsArticle"}},
		// Escaped slashes, as PHP writes them; a @graph in an array.
		{`[{"@graph":[{"@type":"http:\/\/schema.org\/NewsArticle"}]}]`, []string{"NewsArticle"}},
		// A block cut short keeps what came before the cut.
		{`{"@type":"NewsArticle",`, []string{"NewsArticle"}},
		{`{"@graph":[{"@type":"WebPage"},{"@type":`, []string{"WebPage"}},
		{`not json at all`, nil},
		{`[}`, nil},
		{`{"@type":}`, nil},
		{``, nil},
	} {
		if got := jsonLDTypes(tc.src); !slices.Equal(got, tc.want) {
			t.Errorf("jsonLDTypes(%s) = %q, want %q", tc.src, got, tc.want)
		}
	}
}

// FuzzJSONLDTypes checks that no input makes the scanner panic or loop,
// and that what it reads from valid JSON agrees with encoding/json.
func FuzzJSONLDTypes(f *testing.F) {
	for _, s := range []string{`{"@type":"NewsArticle"}`, `[{"@graph":[{"@type":["A","B"]}]}]`, `{"a":[1,{"b":null}],"@type":"X"}`, `[}`, `{"@type":`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := jsonLDTypes(s)
		var v any
		if !utf8.ValidString(s) || json.Unmarshal([]byte(s), &v) != nil {
			return // encoding/json would replace bad bytes, or refuse
		}
		var want []string
		var node func(v any, top bool)
		node = func(v any, top bool) {
			m, ok := v.(map[string]any)
			if !ok {
				return
			}
			switch x := m["@type"].(type) {
			case string:
				want = append(want, strings.TrimPrefix(strings.TrimPrefix(x, "http://schema.org/"), "https://schema.org/"))
			case []any:
				for _, e := range x {
					if s, ok := e.(string); ok {
						want = append(want, strings.TrimPrefix(strings.TrimPrefix(s, "http://schema.org/"), "https://schema.org/"))
					}
				}
			}
			if !top {
				return
			}
			switch g := m["@graph"].(type) {
			case []any:
				for _, e := range g {
					node(e, false)
				}
			case map[string]any:
				node(g, false)
			}
		}
		if list, ok := v.([]any); ok {
			for _, e := range list {
				node(e, true)
			}
		} else {
			node(v, true)
		}
		want = slices.DeleteFunc(want, func(s string) bool { return s == "" })
		// encoding/json keeps the last of duplicate keys, the scanner
		// all of them: every name encoding/json finds must be found.
		for _, w := range want {
			if !slices.Contains(got, w) {
				t.Errorf("jsonLDTypes(%s) = %q, want %q among them", s, got, w)
			}
		}
	})
}
