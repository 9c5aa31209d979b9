package extract

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBodyFormats renders every testdata page as Markdown and as HTML and
// compares with the golden files NAME.md and NAME.body.html (written with
// -update, then read by a person). Every format must hold the same
// paragraphs as the text body.
func TestBodyFormats(t *testing.T) {
	pages, err := pageFiles()
	if err != nil {
		t.Fatal(err)
	}
	for _, page := range pages {
		name := strings.TrimSuffix(filepath.Base(page), ".html")
		t.Run(name, func(t *testing.T) {
			want := readGolden(t, strings.TrimSuffix(page, ".html")+".json")
			data, err := os.ReadFile(page)
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range []struct {
				format BodyFormat
				ext    string
			}{{Markdown, ".md"}, {HTML, ".body.html"}} {
				a, err := FromBytes(data, want.URL, WithBodyFormat(f.format))
				if err != nil {
					t.Fatalf("%s: %v", f.format, err)
				}
				golden := strings.TrimSuffix(page, ".html") + f.ext
				if *update {
					if err := os.WriteFile(golden, []byte(a.Body+"\n"), 0o644); err != nil {
						t.Fatal(err)
					}
					continue
				}
				b, err := os.ReadFile(golden)
				if err != nil {
					t.Fatal(err)
				}
				if got := a.Body + "\n"; got != string(b) {
					t.Errorf("%s body differs from %s:\n got: %q\nwant: %q", f.format, golden, got, b)
				}
				if f.format == HTML {
					assertSanitized(t, a.Body)
				}
				// The metadata does not depend on the body's form.
				a.Body = want.Body
				compareArticles(t, a, want)
			}
		})
	}
}

func assertSanitized(t *testing.T, body string) {
	t.Helper()
	low := strings.ToLower(body)
	for _, bad := range []string{"<script", "<style", "<iframe", "javascript:", " onclick=", " onload=", " style=", "<form"} {
		if strings.Contains(low, bad) {
			t.Errorf("HTML body holds %q", bad)
		}
	}
}

// TestHTMLSanitized feeds an article full of active content and checks
// that the HTML body keeps the text and links but none of it.
func TestHTMLSanitized(t *testing.T) {
	page := `<html><body><article><h1>Title of the test page</h1>
<p onclick="steal()" style="color:red">The council met on Monday and voted to approve the budget for the coming year, after a long debate that ran well into the night.</p>
<p>Read the <a href="javascript:alert(1)">full report</a> or the <a href="/docs/summary.pdf" onmouseover="x()">summary</a> of the decisions taken by the members.</p>
<script>alert("x")</script><iframe src="https://evil.example/"></iframe>
<p>Members said the vote was close, <img src="x.png" onerror="boom()" alt="chart"> and that more talks would follow in the spring session of the council.</p>
</article></body></html>`
	a, err := FromBytes([]byte(page), "https://city.example/news/budget", WithBodyFormat(HTML))
	if err != nil {
		t.Fatal(err)
	}
	assertSanitized(t, a.Body)
	for _, want := range []string{"voted to approve the budget", `href="https://city.example/docs/summary.pdf"`, "full report", `src="https://city.example/news/x.png"`} {
		if !strings.Contains(a.Body, want) {
			t.Errorf("HTML body lacks %q:\n%s", want, a.Body)
		}
	}
	for _, bad := range []string{"onerror", "onmouseover", "evil.example", "alert"} {
		if strings.Contains(a.Body, bad) {
			t.Errorf("HTML body holds %q:\n%s", bad, a.Body)
		}
	}
	md, err := FromBytes([]byte(page), "https://city.example/news/budget", WithBodyFormat(Markdown))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(md.Body, "[summary](https://city.example/docs/summary.pdf)") {
		t.Errorf("Markdown body lacks the link:\n%s", md.Body)
	}
	if strings.Contains(md.Body, "javascript:") {
		t.Errorf("Markdown body holds a javascript: URL:\n%s", md.Body)
	}
}

func TestParseBodyFormat(t *testing.T) {
	for in, want := range map[string]BodyFormat{"text": Text, "": Text, "Markdown": Markdown, "md": Markdown, "html": HTML} {
		got, err := ParseBodyFormat(in)
		if err != nil || got != want {
			t.Errorf("ParseBodyFormat(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	if _, err := ParseBodyFormat("pdf"); err == nil {
		t.Error("ParseBodyFormat(pdf): no error")
	}
}
