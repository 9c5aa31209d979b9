package extract

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

// TestPathological runs the documents made to hurt the extractor: each
// must come back, with an article or a clear error.
func TestPathological(t *testing.T) {
	docs := append(pathological(),
		strings.Repeat("<div>", 20000)+"bottom text",
		strings.Repeat("<p>para ", 20000),
	)
	for i, d := range docs {
		a, err := FromBytes([]byte(d), "")
		if err == nil && a == nil {
			t.Errorf("doc %d: nil article and nil error", i)
		}
	}
}

func TestDeepNestingKeepsText(t *testing.T) {
	doc := "<html><body>" + strings.Repeat("<div>", 100000) +
		"<p>The text at the bottom of a very deep document still counts as the article body of this page and should come out.</p>"
	a, err := FromBytes([]byte(doc), "")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(a.Body, "text at the bottom of a very deep document") {
		t.Errorf("deep text lost; body = %q", a.Body)
	}
}

func TestTooLarge(t *testing.T) {
	big := bytes.Repeat([]byte("<p>word</p>"), 1000)
	_, err := FromReader(bytes.NewReader(big), "", WithMaxBytes(1000))
	if !errors.Is(err, ErrTooLarge) {
		t.Fatalf("err = %v, want ErrTooLarge", err)
	}
	if _, err := FromReader(bytes.NewReader(big), "", WithMaxBytes(int64(len(big)))); err != nil {
		t.Fatalf("at the limit: %v", err)
	}
}

func TestNotHTML(t *testing.T) {
	for name, data := range map[string][]byte{
		"png":   []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00"),
		"pdf":   []byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj"),
		"gzip":  []byte("\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03"),
		"empty": []byte("  \n "),
		"nul":   []byte("\x00\x01\x02\x03\x04\x05binary"),
	} {
		if _, err := FromBytes(data, ""); !errors.Is(err, ErrNotHTML) {
			t.Errorf("%s: err = %v, want ErrNotHTML", name, err)
		}
	}
}
