package scraper

import (
	"slices"
	"testing"
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
		{`{"@type":"NewsArticle",`, nil},
		{``, nil},
	} {
		if got := jsonLDTypes(tc.src); !slices.Equal(got, tc.want) {
			t.Errorf("jsonLDTypes(%s) = %q, want %q", tc.src, got, tc.want)
		}
	}
}
