package extract

import (
	"os"
	"strings"
	"testing"
)

// FuzzExtract checks that no input makes the extractor panic, and that
// what it returns is well formed.
func FuzzExtract(f *testing.F) {
	pages, _ := pageFiles()
	for _, p := range pages {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b, "https://news.example/2023/07/23/a")
		}
	}
	for _, s := range pathological() {
		f.Add([]byte(s), "")
	}
	f.Fuzz(func(t *testing.T, data []byte, pageURL string) {
		a, err := FromBytes(data, pageURL)
		if err != nil {
			if a != nil {
				t.Fatal("non-nil article with an error")
			}
			return
		}
		if a == nil {
			t.Fatal("nil article without an error")
		}
		if strings.Contains(a.Body, "\n\n\n") {
			t.Errorf("body has more than one blank line between paragraphs: %q", a.Body)
		}
	})
}

// pathological returns documents built to hurt: deep nesting, huge
// attribute lists, broken markup, binary junk.
func pathological() []string {
	return []string{
		strings.Repeat("<div>", 5000) + "text" + strings.Repeat("</div>", 10),
		strings.Repeat("<b><i>", 3000) + "deep inline",
		"<html><body><p>" + strings.Repeat("word ", 20000) + "</p>",
		"<table>" + strings.Repeat("<tr><td>cell<td>", 2000),
		"<p " + strings.Repeat(`a="b" `, 5000) + ">x</p>",
		"<script>" + strings.Repeat("</script", 100),
		`<html><head><script type="application/ld+json">{"@graph":[` + strings.Repeat(`{"@type":"NewsArticle","author":{"@id":"#a"}},`, 500) + `{}]}</script>`,
		"<svg><title>x</title><p>unclosed",
		"<![endif]--><p>Hello</p><!--",
		"\x00\x01\x02<html>",
		"<meta charset=utf-16><p>not really utf-16</p>",
		"<meta charset=x-unknown-charset><p>unknown</p>",
	}
}
