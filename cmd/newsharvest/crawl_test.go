package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"syscall"
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
		{[]string{"crawl", "--since", "May 1", "https://n.example/"}, "invalid --since"},
		{[]string{"crawl", "--drop-undated", "https://n.example/"}, "--drop-undated needs --since"},
		{[]string{"crawl", "--revisit-after", "-1h", "https://n.example/"}, "invalid --revisit-after"},
		{[]string{"crawl", "-o", "out/{{.Nope}}.jsonl", "https://n.example/"}, "invalid --output"},
		{[]string{"crawl", "--log-level", "loud", "https://n.example/"}, "invalid --log-level"},
		{[]string{"crawl", "--log-format", "xml", "https://n.example/"}, "invalid --log-format"},
		{[]string{"crawl", "--progress-every", "-1s", "https://n.example/"}, "invalid --progress-every"},
		{[]string{"crawl", "--check", "https://n.example/"}, "--check needs --config"},
		{[]string{"crawl", "--body-format", "pdf", "https://n.example/"}, "invalid --body-format"},
	}
	for _, tt := range tests {
		r := runCLI(t, "", tt.args...)
		if r.code != exitUsage || !strings.Contains(r.stderr, tt.want) {
			t.Errorf("%v: exit %d, stderr %q; want %d and %q", tt.args, r.code, r.stderr, exitUsage, tt.want)
		}
	}
}

func TestCrawlStateErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		setup func(t *testing.T, dir string)
		want  []string
	}{
		{
			name: "damaged state file",
			setup: func(t *testing.T, dir string) {
				if err := os.WriteFile(filepath.Join(dir, "state.db"), []byte(strings.Repeat("garbage!", 1000)), 0o644); err != nil {
					t.Fatal(err)
				}
			},
			want: []string{"state.db is damaged", "mv "},
		},
		{
			name: "state is a file",
			setup: func(t *testing.T, dir string) {
				os.Remove(dir)
				if err := os.WriteFile(dir, nil, 0o644); err != nil {
					t.Fatal(err)
				}
			},
			want: []string{"state directory"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			dir := filepath.Join(t.TempDir(), "state")
			if err := os.Mkdir(dir, 0o755); err != nil {
				t.Fatal(err)
			}
			tt.setup(t, dir)
			r := runCLI(t, "", "crawl", "--state", dir, "https://n.example/")
			if r.code != exitFailure {
				t.Errorf("exit %d, want %d", r.code, exitFailure)
			}
			for _, w := range append(tt.want, dir) {
				if !strings.Contains(r.stderr, w) {
					t.Errorf("stderr %q lacks %q", r.stderr, w)
				}
			}
		})
	}
}

// TestCrawlSinceAndTemplate crawls into a path template with --since:
// the stories dated before it are left out, and the records land in the
// file for their host and the day.
func TestCrawlSinceAndTemplate(t *testing.T) {
	t.Parallel()
	srv := newsSite(t)
	dir := t.TempDir()
	tmpl := filepath.Join(dir, "out", "{{.Host}}", "{{.Published}}.jsonl")
	r := runCLI(t, "", "crawl", "--delay", "0", "--since", "2024-05-02", "--state", filepath.Join(dir, "state"), "-o", tmpl, srv.URL+"/")
	if r.code != exitOK {
		t.Fatalf("exit %d, stderr:\n%s", r.code, r.stderr)
	}
	if !strings.Contains(r.stderr, "crawl done: 1 articles written") || !strings.Contains(r.stderr, "1 filtered") {
		t.Errorf("summary: %s", r.stderr)
	}
	data, err := os.ReadFile(filepath.Join(dir, "out", "127.0.0.1", "2024-05-02.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	recs := crawlRecords(t, string(data))
	if len(recs) != 1 || recs[0].Headline != "Bridge repairs start" {
		t.Errorf("records %+v, want the bridge story alone", recs)
	}
}

// TestCrawlInterrupted stops a crawl by a signal's context: the exit
// status is 128 plus the signal.
func TestCrawlInterrupted(t *testing.T) {
	t.Parallel()
	srv := newsSite(t)
	ctx, cancel := context.WithCancelCause(t.Context())
	cancel(signalError{syscall.SIGTERM})
	r := runCLIContext(t, ctx, "", "crawl", "--delay", "0", "--state", t.TempDir(), srv.URL+"/")
	if r.code != 143 || !strings.Contains(r.stderr, "crawl interrupted") {
		t.Errorf("exit %d, stderr %q; want 143 and the summary", r.code, r.stderr)
	}
}
