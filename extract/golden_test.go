package extract

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/pages from the extractor's output")

const pagesDir = "../testdata/pages"

// pageFiles lists the fixture pages (not the .body.html goldens).
func pageFiles() ([]string, error) {
	all, err := filepath.Glob(filepath.Join(pagesDir, "*.html"))
	var pages []string
	for _, p := range all {
		if !strings.HasSuffix(p, ".body.html") {
			pages = append(pages, p)
		}
	}
	return pages, err
}

// TestGolden extracts every page under testdata/pages and compares every
// field with the page's golden JSON, which was written by hand from what
// the page says.
func TestGolden(t *testing.T) {
	pages, err := pageFiles()
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) < 15 {
		t.Fatalf("found %d pages under %s, want at least 15", len(pages), pagesDir)
	}
	for _, page := range pages {
		name := strings.TrimSuffix(filepath.Base(page), ".html")
		t.Run(name, func(t *testing.T) {
			goldenPath := strings.TrimSuffix(page, ".html") + ".json"
			want := readGolden(t, goldenPath)
			data, err := os.ReadFile(page)
			if err != nil {
				t.Fatal(err)
			}
			got, err := FromBytes(data, want.URL)
			if err != nil {
				t.Fatalf("extract: %v", err)
			}
			if *update {
				writeGolden(t, goldenPath, got)
				return
			}
			compareArticles(t, got, want)
		})
	}
}

func readGolden(t *testing.T, path string) *Article {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var a Article
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&a); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return &a
}

func writeGolden(t *testing.T, path string, a *Article) {
	t.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(a); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// compareArticles reports every field that differs, the body paragraph by
// paragraph.
func compareArticles(t *testing.T, got, want *Article) {
	t.Helper()
	gv, wv := reflect.ValueOf(*got), reflect.ValueOf(*want)
	for i := 0; i < gv.NumField(); i++ {
		name := gv.Type().Field(i).Name
		if name == "Body" {
			continue
		}
		if !reflect.DeepEqual(gv.Field(i).Interface(), wv.Field(i).Interface()) {
			t.Errorf("%s:\n got: %q\nwant: %q", name, gv.Field(i).Interface(), wv.Field(i).Interface())
		}
	}
	if got.Body != want.Body {
		gp, wp := strings.Split(got.Body, "\n\n"), strings.Split(want.Body, "\n\n")
		for i := 0; i < max(len(gp), len(wp)); i++ {
			var g, w string
			if i < len(gp) {
				g = gp[i]
			}
			if i < len(wp) {
				w = wp[i]
			}
			if g != w {
				t.Errorf("Body paragraph %d (got %d paragraphs, want %d):\n got: %q\nwant: %q", i, len(gp), len(wp), g, w)
				break
			}
		}
	}
}
