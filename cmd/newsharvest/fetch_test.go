package main

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// testSite is an httptest server with the pages the fetch tests need. It
// records the request headers each path was asked with.
type testSite struct {
	*httptest.Server
	mu      sync.Mutex
	headers map[string]http.Header
}

func (s *testSite) header(path string) http.Header {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.headers[path]
}

func newTestSite(t *testing.T) *testSite {
	t.Helper()
	s := &testSite{headers: map[string]http.Header{}}
	mux := http.NewServeMux()
	// /page/NAME is an article headlined "Story NAME".
	mux.HandleFunc("/page/{name}", func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.headers[r.URL.Path] = r.Header.Clone()
		s.mu.Unlock()
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, pageHTML("Story "+r.PathValue("name")))
	})
	mux.HandleFunc("/old", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/page/new", http.StatusFound)
	})
	// /r/N redirects N times before it reaches a page.
	mux.HandleFunc("/r/{n}", func(w http.ResponseWriter, r *http.Request) {
		n, err := strconv.Atoi(r.PathValue("n"))
		if err != nil {
			http.NotFound(w, r)
			return
		}
		if n == 0 {
			http.Redirect(w, r, "/page/chain-end", http.StatusMovedPermanently)
			return
		}
		http.Redirect(w, r, "/r/"+strconv.Itoa(n-1), http.StatusFound)
	})
	mux.HandleFunc("/missing", func(w http.ResponseWriter, r *http.Request) {
		http.NotFound(w, r)
	})
	// /pdf sends its headers and then waits for the client to hang up: a
	// client that read the body would wait until its timeout.
	mux.HandleFunc("/pdf", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/pdf")
		w.WriteHeader(http.StatusOK)
		w.(http.Flusher).Flush()
		<-r.Context().Done()
	})
	mux.HandleFunc("/image", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/png")
		fmt.Fprint(w, "\x89PNG\r\n\x1a\n")
	})
	// /big is 4 KiB with a Content-Length; /big-chunked has none.
	big := pageHTML("Big") + strings.Repeat("<p>filler</p>\n", 4096)
	big = big[:4096]
	mux.HandleFunc("/big", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Header().Set("Content-Length", strconv.Itoa(len(big)))
		fmt.Fprint(w, big)
	})
	mux.HandleFunc("/big-chunked", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprint(w, big[:100])
		w.(http.Flusher).Flush()
		fmt.Fprint(w, big[100:])
	})
	// /slow never answers: it waits for the client to give up.
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		<-r.Context().Done()
	})
	s.Server = httptest.NewServer(mux)
	t.Cleanup(s.Close)
	return s
}

func TestExtractURLInputs(t *testing.T) {
	t.Parallel()
	site := newTestSite(t)
	u := func(path string) string { return site.URL + path }
	file := writeFile(t, t.TempDir(), "local.html", pageHTML("Local Story"))
	const base = "https://news.example/local.html"

	tests := []struct {
		name       string
		args       []string
		wantCode   int
		want       []want
		wantStderr []string // line prefixes
	}{
		{
			name: "URL input",
			args: []string{u("/page/alpha")},
			want: []want{{u("/page/alpha"), "Story alpha"}},
		},
		{
			name: "redirect gives the final URL",
			args: []string{u("/old")},
			want: []want{{u("/page/new"), "Story new"}},
		},
		{
			name: "ten redirects are followed",
			args: []string{u("/r/9")},
			want: []want{{u("/page/chain-end"), "Story chain-end"}},
		},
		{
			name:       "eleven redirects are too many",
			args:       []string{u("/r/10")},
			wantCode:   exitFailure,
			wantStderr: []string{"newsharvest: extract " + u("/r/10") + ": fetch " + u("/r/0") + ": stopped after 10 redirects"},
		},
		{
			name:       "404 fails alone, order kept",
			args:       []string{u("/page/one"), u("/missing"), u("/page/two")},
			wantCode:   exitFailure,
			want:       []want{{u("/page/one"), "Story one"}, {u("/page/two"), "Story two"}},
			wantStderr: []string{"newsharvest: extract " + u("/missing") + ": fetch " + u("/missing") + ": HTTP 404 Not Found"},
		},
		{
			name:       "PDF rejected without reading the body",
			args:       []string{"--timeout", "5s", u("/pdf"), u("/page/after-pdf")},
			wantCode:   exitFailure,
			want:       []want{{u("/page/after-pdf"), "Story after-pdf"}},
			wantStderr: []string{"newsharvest: extract " + u("/pdf") + ": fetch " + u("/pdf") + ": not an HTML document: content type application/pdf"},
		},
		{
			name:       "image rejected",
			args:       []string{u("/image")},
			wantCode:   exitFailure,
			wantStderr: []string{"newsharvest: extract " + u("/image") + ": fetch " + u("/image") + ": not an HTML document: content type image/png"},
		},
		{
			name:       "body over --max-body by Content-Length",
			args:       []string{"--max-body", "1KiB", u("/big"), u("/page/small")},
			wantCode:   exitFailure,
			want:       []want{{u("/page/small"), "Story small"}},
			wantStderr: []string{"newsharvest: extract " + u("/big") + ": fetch " + u("/big") + ": document too large: body of 4096 bytes is over the limit of 1024 bytes"},
		},
		{
			name:       "body over --max-body while reading",
			args:       []string{"--max-body", "1KiB", u("/big-chunked")},
			wantCode:   exitFailure,
			wantStderr: []string{"newsharvest: extract " + u("/big-chunked") + ": fetch " + u("/big-chunked") + ": document too large: body is over the limit of 1024 bytes"},
		},
		{
			name:       "timeout",
			args:       []string{"--timeout", "100ms", u("/slow"), u("/page/fast")},
			wantCode:   exitFailure,
			want:       []want{{u("/page/fast"), "Story fast"}},
			wantStderr: []string{"newsharvest: extract " + u("/slow") + ": fetch " + u("/slow") + ": timed out after 100ms"},
		},
		{
			name:       "--url with URL inputs only is ignored, with a warning",
			args:       []string{"--url", base, u("/page/url-ignored")},
			want:       []want{{u("/page/url-ignored"), "Story url-ignored"}},
			wantStderr: []string{"level=WARN msg=\"--url is ignored"},
		},
		{
			name: "files take --url, URLs their own address",
			args: []string{"--url", base, u("/page/mixed"), file},
			want: []want{{u("/page/mixed"), "Story mixed"}, {base, "Local Story"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := runCLI(t, "", append([]string{"extract"}, tt.args...)...)
			if r.code != tt.wantCode {
				t.Errorf("code = %d, want %d; stderr %q", r.code, tt.wantCode, r.stderr)
			}
			checkArticles(t, r, tt.want)
			checkStderr(t, r.stderr, tt.wantStderr)
		})
	}

	t.Run("request headers", func(t *testing.T) {
		t.Parallel()
		r := runCLI(t, "", "extract", u("/page/headers"))
		if r.code != exitOK {
			t.Fatalf("code = %d; stderr %q", r.code, r.stderr)
		}
		h := site.header("/page/headers")
		if got, want := h.Get("User-Agent"), userAgent(resolveVersion()); got != want {
			t.Errorf("User-Agent = %q, want %q", got, want)
		}
		if !strings.HasPrefix(h.Get("User-Agent"), "newsharvest/") {
			t.Errorf("User-Agent %q does not start with newsharvest/", h.Get("User-Agent"))
		}
		if got := h.Get("Accept"); got != acceptHeader {
			t.Errorf("Accept = %q, want %q", got, acceptHeader)
		}
	})
}

// TestUserAgentFlag checks the header --user-agent sends; it is apart from
// the table above because it reads what the server recorded.
func TestUserAgentFlag(t *testing.T) {
	t.Parallel()
	site := newTestSite(t)
	r := runCLI(t, "", "extract", "--user-agent", "TestBot/1.0", site.URL+"/page/ua")
	if r.code != exitOK {
		t.Fatalf("code = %d; stderr %q", r.code, r.stderr)
	}
	if got := site.header("/page/ua").Get("User-Agent"); got != "TestBot/1.0" {
		t.Errorf("User-Agent = %q, want TestBot/1.0", got)
	}
}

func TestNotHTML(t *testing.T) {
	t.Parallel()
	tests := []struct {
		ct  string
		bad bool
	}{
		{"", false},
		{"text/html", false},
		{"text/html; charset=ISO-8859-1", false},
		{"application/xhtml+xml", false},
		{"text/plain", false},
		{"image/jpeg", true},
		{"IMAGE/PNG", true},
		{"application/pdf", true},
		{"application/zip", true},
		{"video/mp4", true},
		{"audio/mpeg", true},
		{"application/octet-stream", true},
		{"application/pdf;;bogus", true},
	}
	for _, tt := range tests {
		if _, bad := notHTML(tt.ct); bad != tt.bad {
			t.Errorf("notHTML(%q) = %v, want %v", tt.ct, bad, tt.bad)
		}
	}
}
