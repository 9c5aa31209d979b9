package scraper

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// newTestTransport returns a politeTransport for cfg (defaults applied)
// on a fake clock, with the jitter fixed at one half.
func newTestTransport(t *testing.T, cfg Config) (*politeTransport, *fakeClock, *counters) {
	t.Helper()
	cfg.Seeds = []string{"http://unused.example/"}
	cfg.OnArticle = func(*Record) {}
	cfg.Logger = testLogger(t)
	cfg, err := cfg.withDefaults()
	if err != nil {
		t.Fatal(err)
	}
	clk := newFakeClock()
	st := &counters{}
	tr := newPoliteTransport(&cfg, http.DefaultTransport, clk, st)
	tr.jitter = func() float64 { return 0.5 }
	return tr, clk, st
}

// get sends a GET through tr and returns the status, or the error.
func get(t *testing.T, tr http.RoundTripper, u string) (int, error) {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), http.MethodGet, u, nil)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := tr.RoundTrip(req)
	if err != nil {
		return 0, err
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode, nil
}

// siteLog is a test server that answers robots.txt with robots (or
// robotsStatus) and every other path with 200, and logs the paths.
type siteLog struct {
	mu    sync.Mutex
	paths []string
}

func (s *siteLog) server(t *testing.T, robotsStatus int, robots string) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.paths = append(s.paths, r.URL.RequestURI())
		s.mu.Unlock()
		if r.URL.Path == "/robots.txt" {
			w.WriteHeader(robotsStatus)
			io.WriteString(w, robots)
			return
		}
		io.WriteString(w, "<p>ok</p>")
	}))
	t.Cleanup(srv.Close)
	return srv
}

func (s *siteLog) Paths() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.paths)
}

func TestRobots(t *testing.T) {
	t.Parallel()
	const rules = `User-agent: *
Disallow: /private/
Allow: /private/open
Crawl-delay: 3

User-agent: newsharvest
Disallow: /no-bots/
Crawl-delay: 120

User-agent: OtherBot
Disallow: /
`
	tests := []struct {
		name         string
		ua           string
		delay        time.Duration
		robotsStatus int
		robots       string
		allowed      []string
		disallowed   []string
		wantDelay    time.Duration
	}{
		{
			name: "generic group, Crawl-delay longer than --delay", ua: "somebot/1.0",
			robotsStatus: 200, robots: rules,
			allowed:    []string{"/", "/news/a", "/private/open", "/no-bots/x"},
			disallowed: []string{"/private/", "/private/secret?x=1"},
			wantDelay:  3 * time.Second,
		},
		{
			name: "own group by UA product token, Crawl-delay capped at 30s", ua: UserAgent("1.0"),
			robotsStatus: 200, robots: rules,
			allowed:    []string{"/", "/private/secret"},
			disallowed: []string{"/no-bots/", "/no-bots/x"},
			wantDelay:  MaxCrawlDelay,
		},
		{
			name: "--delay longer than Crawl-delay wins", ua: "somebot/1.0", delay: 10 * time.Second,
			robotsStatus: 200, robots: rules,
			allowed:   []string{"/news/a"},
			wantDelay: 10 * time.Second,
		},
		{
			name: "404 allows everything", ua: "somebot", robotsStatus: 404, robots: "gone",
			allowed:   []string{"/", "/private/x"},
			wantDelay: time.Second,
		},
		{
			name: "5xx disallows everything", ua: "somebot", robotsStatus: 500, robots: "oops",
			disallowed: []string{"/", "/news/a"},
			wantDelay:  time.Second,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var log siteLog
			srv := log.server(t, tt.robotsStatus, tt.robots)
			tr, clk, st := newTestTransport(t, Config{UserAgent: tt.ua, Delay: tt.delay, Retries: -1})
			for _, p := range tt.allowed {
				if code, err := get(t, tr, srv.URL+p); err != nil || code != 200 {
					t.Errorf("GET %s = %d, %v; want 200", p, code, err)
				}
			}
			for _, p := range tt.disallowed {
				if _, err := get(t, tr, srv.URL+p); !errors.Is(err, ErrDisallowed) {
					t.Errorf("GET %s: err %v, want ErrDisallowed", p, err)
				}
			}
			if got := tr.hostDelay(strings.ToLower(srv.URL)); got != tt.wantDelay {
				t.Errorf("host delay %s, want %s", got, tt.wantDelay)
			}
			// robots.txt is fetched once, first; disallowed paths never.
			paths := log.Paths()
			if len(paths) == 0 || paths[0] != "/robots.txt" || slices.Index(paths[1:], "/robots.txt") >= 0 {
				t.Errorf("requests %v: want /robots.txt once, first", paths)
			}
			for _, p := range tt.disallowed {
				if slices.Contains(paths, p) {
					t.Errorf("disallowed %s was requested", p)
				}
			}
			if got := st.disallowed.Load(); got != int64(len(tt.disallowed)) {
				t.Errorf("disallowed count %d, want %d", got, len(tt.disallowed))
			}
			// Every request after robots.txt waited the host's delay.
			for i, d := range clk.Sleeps() {
				if d != tt.wantDelay {
					t.Errorf("wait %d: %s, want %s", i, d, tt.wantDelay)
				}
			}
			if n, want := len(clk.Sleeps()), len(tt.allowed)-1+1; len(tt.allowed) > 0 && n != want {
				t.Errorf("%d waits, want %d (one before each request after the first)", n, want)
			}
		})
	}
}

func TestIgnoreRobots(t *testing.T) {
	t.Parallel()
	var log siteLog
	srv := log.server(t, 200, "User-agent: *\nDisallow: /\nCrawl-delay: 9\n")
	tr, clk, _ := newTestTransport(t, Config{IgnoreRobots: true, Delay: -1})
	for _, p := range []string{"/", "/a"} {
		if code, err := get(t, tr, srv.URL+p); err != nil || code != 200 {
			t.Errorf("GET %s = %d, %v; want 200", p, code, err)
		}
	}
	if paths := log.Paths(); slices.Contains(paths, "/robots.txt") {
		t.Errorf("requests %v: robots.txt read despite IgnoreRobots", paths)
	}
	if s := clk.Sleeps(); len(s) != 0 {
		t.Errorf("waits %v, want none", s)
	}
}

func TestParallelSlots(t *testing.T) {
	t.Parallel()
	tr, _, _ := newTestTransport(t, Config{Parallel: 2, Delay: -1})
	h := tr.host("http://h.example")
	for range 2 {
		if err := tr.acquire(t.Context(), h); err != nil {
			t.Fatal(err)
		}
	}
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if err := tr.acquire(ctx, h); err == nil {
		t.Fatal("third request to a host at once got a slot with Parallel 2")
	}
	<-h.slots
	if err := tr.acquire(t.Context(), h); err != nil {
		t.Fatalf("slot freed, acquire: %v", err)
	}
}

// scripted answers the statuses of script in turn (then 200), with the
// given headers, and counts the requests.
type scripted struct {
	mu     sync.Mutex
	script []answer
	hits   int
}

type answer struct {
	status     int
	retryAfter string
}

func (s *scripted) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == "/robots.txt" {
		http.NotFound(w, r)
		return
	}
	s.mu.Lock()
	a := answer{status: 200}
	if s.hits < len(s.script) {
		a = s.script[s.hits]
	}
	s.hits++
	s.mu.Unlock()
	if a.retryAfter != "" {
		w.Header().Set("Retry-After", a.retryAfter)
	}
	w.WriteHeader(a.status)
	fmt.Fprintf(w, "answer %d", a.status)
}

func TestRetries(t *testing.T) {
	t.Parallel()
	date := newFakeClock().Now().Add(42 * time.Second).UTC().Format(http.TimeFormat)
	tests := []struct {
		name      string
		retries   int
		script    []answer
		wantCode  int
		wantHits  int
		wantWaits []time.Duration
	}{
		{
			name:    "503 Retry-After seconds, then 500 with backoff, then 200",
			retries: 2, script: []answer{{503, "7"}, {500, ""}},
			wantCode: 200, wantHits: 3,
			// 7s asked for; then the second retry's backoff: 2s with
			// equal jitter at one half.
			wantWaits: []time.Duration{7 * time.Second, 1500 * time.Millisecond},
		},
		{
			name:    "429 Retry-After HTTP date",
			retries: 2, script: []answer{{429, date}},
			wantCode: 200, wantHits: 2,
			wantWaits: []time.Duration{42 * time.Second},
		},
		{
			name:    "502 without Retry-After: exponential backoff",
			retries: 3, script: []answer{{502, ""}, {502, ""}, {502, ""}},
			wantCode: 200, wantHits: 4,
			wantWaits: []time.Duration{750 * time.Millisecond, 1500 * time.Millisecond, 3 * time.Second},
		},
		{
			name:    "retries spent: the last answer is returned",
			retries: 1, script: []answer{{503, ""}, {503, ""}},
			wantCode: 503, wantHits: 2,
			wantWaits: []time.Duration{750 * time.Millisecond},
		},
		{
			name:    "Retry-After too long: given up",
			retries: 2, script: []answer{{503, "3600"}},
			wantCode: 503, wantHits: 1,
		},
		{
			name:    "404 is not retried",
			retries: 2, script: []answer{{404, ""}},
			wantCode: 404, wantHits: 1,
		},
		{
			name:    "no retries",
			retries: -1, script: []answer{{500, ""}},
			wantCode: 500, wantHits: 1,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := &scripted{script: tt.script}
			srv := httptest.NewServer(s)
			defer srv.Close()
			tr, clk, st := newTestTransport(t, Config{Retries: tt.retries, Delay: -1})
			code, err := get(t, tr, srv.URL+"/story")
			if err != nil || code != tt.wantCode {
				t.Fatalf("GET = %d, %v; want %d", code, err, tt.wantCode)
			}
			s.mu.Lock()
			hits := s.hits
			s.mu.Unlock()
			if hits != tt.wantHits {
				t.Errorf("%d requests, want %d", hits, tt.wantHits)
			}
			if got := clk.Sleeps(); !slices.Equal(got, tt.wantWaits) {
				t.Errorf("waits %v, want %v", got, tt.wantWaits)
			}
			if got := st.retries.Load(); got != int64(tt.wantHits-1) {
				t.Errorf("retries counted %d, want %d", got, tt.wantHits-1)
			}
		})
	}
}

// TestRetryAfterHoldsHost checks that a Retry-After holds back the next
// request to the host, not only the retried one.
func TestRetryAfterHoldsHost(t *testing.T) {
	t.Parallel()
	s := &scripted{script: []answer{{429, "20"}}}
	srv := httptest.NewServer(s)
	defer srv.Close()
	tr, clk, _ := newTestTransport(t, Config{Retries: -1, Delay: -1})
	if code, _ := get(t, tr, srv.URL+"/a"); code != 429 {
		t.Fatalf("first GET = %d, want 429", code)
	}
	if code, _ := get(t, tr, srv.URL+"/b"); code != 200 {
		t.Fatalf("second GET = %d, want 200", code)
	}
	if got := clk.Sleeps(); !slices.Equal(got, []time.Duration{20 * time.Second}) {
		t.Errorf("waits %v, want [20s] before the next request to the host", got)
	}
}

// TestRetryConnectionError checks that transport errors are retried.
func TestRetryConnectionError(t *testing.T) {
	t.Parallel()
	tr, clk, _ := newTestTransport(t, Config{Retries: 2, Delay: -1, IgnoreRobots: true})
	calls := 0
	tr.next = roundTripFunc(func(*http.Request) (*http.Response, error) {
		calls++
		return nil, errors.New("connection refused")
	})
	if _, err := get(t, tr, "http://down.example/a"); err == nil {
		t.Fatal("GET to a dead host succeeded")
	}
	if calls != 3 {
		t.Errorf("%d attempts, want 3", calls)
	}
	if got, want := clk.Sleeps(), []time.Duration{750 * time.Millisecond, 1500 * time.Millisecond}; !slices.Equal(got, want) {
		t.Errorf("waits %v, want %v", got, want)
	}
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

func TestParseRetryAfter(t *testing.T) {
	t.Parallel()
	now := time.Date(2024, 4, 1, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		in     string
		want   time.Duration
		wantOK bool
	}{
		{"120", 2 * time.Minute, true},
		{" 0 ", 0, true},
		{"Mon, 01 Apr 2024 12:01:30 GMT", 90 * time.Second, true},
		{"Mon, 01 Apr 2024 11:00:00 GMT", 0, true}, // in the past
		{"-5", 0, false},
		{"soon", 0, false},
		{"", 0, false},
	}
	for _, tt := range tests {
		got, ok := parseRetryAfter(tt.in, now)
		if got != tt.want || ok != tt.wantOK {
			t.Errorf("parseRetryAfter(%q) = %s, %v; want %s, %v", tt.in, got, ok, tt.want, tt.wantOK)
		}
	}
}

func TestBackoff(t *testing.T) {
	t.Parallel()
	tests := []struct {
		attempt  int
		jitter   float64
		min, max time.Duration
	}{
		{0, 0, 500 * time.Millisecond, 500 * time.Millisecond},
		{0, 0.999, 500 * time.Millisecond, time.Second},
		{1, 0, time.Second, time.Second},
		{3, 0.5, 6 * time.Second, 6 * time.Second},
		{30, 0.999, 30 * time.Second, backoffMax},
	}
	for _, tt := range tests {
		got := backoff(tt.attempt, func() float64 { return tt.jitter })
		if got < tt.min || got > tt.max {
			t.Errorf("backoff(%d, jitter %v) = %s, want in [%s, %s]", tt.attempt, tt.jitter, got, tt.min, tt.max)
		}
	}
}
