package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// newsSite serves a home page linking to two stories, one of them twice
// (once with tracking parameters), and a robots.txt that forbids /private/.
func newsSite(t *testing.T) *httptest.Server {
	t.Helper()
	story := func(title string) string {
		return `<html><head><title>` + title + `</title><meta property="og:type" content="article"></head><body><article><h1>` + title + `</h1>
<p>The ferry to the outer islands sailed again on Wednesday morning, three weeks after a storm damaged the pier. ` + title + `</p>
<p>Islanders who had relied on a borrowed fishing boat for school runs and shopping trips welcomed the crew with coffee.</p>
<p>The operator said the timetable would be back to normal by the weekend once the second vessel returns from the shipyard.</p>
</article></body></html>`
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/robots.txt", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, "User-agent: *\nDisallow: /private/\n")
	})
	mux.HandleFunc("/{$}", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `<html><head><title>Daily Example</title></head><body>
<a href="/2024/05/01/ferry-service-returns-to-the-islands">Ferry</a>
<a href="/2024/05/01/ferry-service-returns-to-the-islands?utm_source=home#top">Ferry again</a>
<a href="/2024/05/02/bridge-repairs-start-next-monday-morning">Bridge</a>
<a href="/private/2024/05/03/insider-story-nobody-may-crawl">Private</a></body></html>`)
	})
	mux.HandleFunc("/2024/05/01/ferry-service-returns-to-the-islands", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, story("Ferry service returns"))
	})
	mux.HandleFunc("/2024/05/02/bridge-repairs-start-next-monday-morning", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, story("Bridge repairs start"))
	})
	mux.HandleFunc("/private/", func(w http.ResponseWriter, r *http.Request) {
		t.Errorf("requested %s, which robots.txt disallows", r.URL.Path)
		fmt.Fprint(w, story("Private"))
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

type crawlRecord struct {
	URL       string `json:"url"`
	Headline  string `json:"headline"`
	FetchedAt string `json:"fetched_at"`
}

func crawlRecords(t *testing.T, data string) []crawlRecord {
	t.Helper()
	var out []crawlRecord
	for _, line := range strings.Split(strings.TrimSuffix(data, "\n"), "\n") {
		if line == "" {
			continue
		}
		var r crawlRecord
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			t.Fatalf("line %q: %v", line, err)
		}
		if _, err := time.Parse(time.RFC3339, r.FetchedAt); err != nil {
			t.Errorf("fetched_at %q: not RFC 3339", r.FetchedAt)
		}
		out = append(out, r)
	}
	return out
}

func TestCrawlStdout(t *testing.T) {
	t.Parallel()
	srv := newsSite(t)
	r := runCLI(t, "", "crawl", "--delay", "0", "--parallel", "4", "--max-depth", "0", "--max-pages", "0", srv.URL+"/")
	if r.code != exitOK {
		t.Fatalf("exit %d, stderr:\n%s", r.code, r.stderr)
	}
	recs := crawlRecords(t, r.stdout)
	got := map[string]bool{}
	for _, rec := range recs {
		got[rec.URL] = true
	}
	want := []string{srv.URL + "/2024/05/01/ferry-service-returns-to-the-islands", srv.URL + "/2024/05/02/bridge-repairs-start-next-monday-morning"}
	if len(recs) != len(want) || !got[want[0]] || !got[want[1]] {
		t.Errorf("records %+v, want %v once each", recs, want)
	}
}

func TestCrawlAppends(t *testing.T) {
	t.Parallel()
	srv := newsSite(t)
	out := filepath.Join(t.TempDir(), "articles.jsonl")
	if err := os.WriteFile(out, []byte(`{"url":"kept","fetched_at":"2024-01-01T00:00:00Z"}`+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for range 2 {
		if r := runCLI(t, "", "crawl", "--delay", "0", "-o", out, srv.URL+"/"); r.code != exitOK || r.stdout != "" {
			t.Fatalf("exit %d, stdout %q, stderr:\n%s", r.code, r.stdout, r.stderr)
		}
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	recs := crawlRecords(t, string(data))
	if len(recs) != 5 || recs[0].URL != "kept" {
		t.Errorf("file holds %+v: want the old line, then 2 records from each run", recs)
	}
}

func TestCrawlUsage(t *testing.T) {
	t.Parallel()
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"crawl"}, "no seed"},
		{[]string{"crawl", "news.example"}, `invalid seed "news.example"`},
		{[]string{"crawl", "--include", "(", "https://n.example/"}, "invalid --include"},
		{[]string{"crawl", "--article-pattern", "[", "https://n.example/"}, "invalid --article-pattern"},
		{[]string{"crawl", "--parallel", "0", "https://n.example/"}, "invalid --parallel"},
		{[]string{"crawl", "--delay", "-1s", "https://n.example/"}, "invalid --delay"},
		{[]string{"crawl", "--max-body", "0", "https://n.example/"}, "invalid --max-body"},
		{[]string{"crawl", "--bogus", "https://n.example/"}, "unknown flag"},
	}
	for _, tt := range tests {
		r := runCLI(t, "", tt.args...)
		if r.code != exitUsage || !strings.Contains(r.stderr, tt.want) {
			t.Errorf("%v: exit %d, stderr %q; want %d and %q", tt.args, r.code, r.stderr, exitUsage, tt.want)
		}
	}
}
