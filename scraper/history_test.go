package scraper

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gocolly/colly/v2/queue"
	"github.com/gocolly/colly/v2/storage"
)

// memHistory is an in-memory History.
type memHistory struct {
	mu      sync.Mutex
	fetched map[string]time.Time
	robots  map[string][]byte
	at      map[string]time.Time
}

func newMemHistory() *memHistory {
	return &memHistory{fetched: map[string]time.Time{}, robots: map[string][]byte{}, at: map[string]time.Time{}}
}

func (h *memHistory) LastFetched(u string) (time.Time, bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	t, ok := h.fetched[u]
	return t, ok
}

func (h *memHistory) SetFetched(u string, t time.Time) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.fetched[u] = t
}

func (h *memHistory) Robots(origin string) (int, []byte, time.Time, bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	b, ok := h.robots[origin]
	return 200, b, h.at[origin], ok
}

func (h *memHistory) SetRobots(origin string, _ int, body []byte, at time.Time) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.robots[origin], h.at[origin] = body, at
}

// ackQueue is an in-memory queue that records acknowledgements.
type ackQueue struct {
	queue.InMemoryQueueStorage
	mu    sync.Mutex
	acked []string
}

func (q *ackQueue) Ack(data []byte) error {
	e, err := unmarshalEntry(data)
	if err != nil {
		return err
	}
	q.mu.Lock()
	defer q.mu.Unlock()
	q.acked = append(q.acked, e.url)
	return nil
}

// growingSite is a home page and a section page listing n stories.
type growingSite struct {
	mu sync.Mutex
	n  int
}

func (s *growingSite) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	n := s.n
	s.mu.Unlock()
	switch {
	case r.URL.Path == "/robots.txt":
		fmt.Fprint(w, "User-agent: *\nDisallow: /private/\n")
	case r.URL.Path == "/":
		fmt.Fprint(w, `<html><body><a href="/news/">News</a></body></html>`)
	case r.URL.Path == "/news/":
		for i := range n {
			fmt.Fprintf(w, `<a href="/news/2024/05/01/story-number-%d-about-the-ferry">Story %d</a>`, i, i)
		}
	case strings.HasPrefix(r.URL.Path, "/news/2024/05/01/story-number-"):
		fmt.Fprintf(w, storyHTML, r.URL.Path, r.URL.Path, r.URL.Path)
	default:
		http.NotFound(w, r)
	}
}

// TestRevisit runs three crawls on one Seen set and History: the second,
// within RevisitAfter, sends nothing; the third, later, reads the
// listings again and fetches only the new story.
func TestRevisit(t *testing.T) {
	t.Parallel()
	site := &growingSite{n: 2}
	srv := httptest.NewServer(site)
	defer srv.Close()
	seen, hist := &storage.InMemoryStorage{}, newMemHistory()
	clk := newFakeClock()

	run := func(after time.Duration) (paths []string, records int) {
		t.Helper()
		sink, recs := collect()
		c, err := New(Config{Seeds: []string{srv.URL + "/"}, Sink: sink, Seen: seen, History: hist,
			Delay: -1, Logger: testLogger(t)})
		if err != nil {
			t.Fatal(err)
		}
		clk.mu.Lock()
		clk.now = clk.now.Add(after)
		clk.mu.Unlock()
		rt := instrument(t, c, clk, srv.URL)
		if err := c.Run(context.Background()); err != nil {
			t.Fatal(err)
		}
		for _, s := range rt.Sent() {
			paths = append(paths, strings.TrimPrefix(s.url, srv.URL))
		}
		slices.Sort(paths)
		return paths, len(recs())
	}

	if _, n := run(0); n != 2 {
		t.Fatalf("first run: %d records, want 2", n)
	}
	if paths, n := run(30 * time.Minute); len(paths) != 0 || n != 0 {
		t.Errorf("within RevisitAfter: sent %v, %d records; want nothing", paths, n)
	}
	site.mu.Lock()
	site.n = 3
	site.mu.Unlock()
	paths, n := run(time.Hour)
	want := []string{"/", "/news/", "/news/2024/05/01/story-number-2-about-the-ferry", "/sitemap.xml"}
	if !slices.Equal(paths, want) || n != 1 {
		t.Errorf("after RevisitAfter: sent %v, %d records; want %v (robots.txt cached) and 1 record", paths, n, want)
	}
}

// TestAckAndSinkErrors checks that a document is acknowledged once done
// with, that a record the Sink failed to write is neither acknowledged
// nor taken for emitted, and that ErrDuplicate counts a duplicate.
func TestAckAndSinkErrors(t *testing.T) {
	t.Parallel()
	site := &growingSite{n: 3}
	srv := httptest.NewServer(site)
	t.Cleanup(srv.Close)
	story := func(i int) string {
		return fmt.Sprintf("%s/news/2024/05/01/story-number-%d-about-the-ferry", srv.URL, i)
	}

	tests := []struct {
		name      string
		sinkErr   map[int]error // by story number
		wantErr   bool
		articles  int64
		dups      int64
		notAcked  []string
		wantAcked int
	}{
		{name: "all written", articles: 3, wantAcked: 6}, // home, news, sitemap.xml, 3 stories
		{name: "duplicate", sinkErr: map[int]error{1: fmt.Errorf("x: %w", ErrDuplicate)}, articles: 2, dups: 1, wantAcked: 6},
		{name: "disk full", sinkErr: map[int]error{1: errors.New("no space left on device")}, wantErr: true, notAcked: []string{story(1)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			q := &ackQueue{}
			seen := &storage.InMemoryStorage{}
			var mu sync.Mutex
			sink := SinkFunc(func(_ context.Context, r *Record) error {
				mu.Lock()
				defer mu.Unlock()
				for i, err := range tt.sinkErr {
					if r.URL == story(i) {
						return err
					}
				}
				return nil
			})
			c, err := New(Config{Seeds: []string{srv.URL + "/"}, Sink: sink, Frontier: q, Seen: seen, Delay: -1, Logger: testLogger(t)})
			if err != nil {
				t.Fatal(err)
			}
			instrument(t, c, newFakeClock(), srv.URL)
			err = c.Run(context.Background())
			if (err != nil) != tt.wantErr {
				t.Fatalf("Run: %v", err)
			}
			st := c.Stats()
			if !tt.wantErr && (st.Articles != tt.articles || st.Duplicates != tt.dups || len(q.acked) != tt.wantAcked) {
				t.Errorf("articles %d, duplicates %d, acked %v", st.Articles, st.Duplicates, q.acked)
			}
			for _, u := range tt.notAcked {
				if slices.Contains(q.acked, u) {
					t.Errorf("%s acknowledged though its record was not written", u)
				}
				if c.isSeen("c", u) {
					t.Errorf("%s taken for emitted though its record was not written", u)
				}
			}
		})
	}
}

func TestPublishedSince(t *testing.T) {
	t.Parallel()
	since := time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		date        string
		dropUndated bool
		want        bool
	}{
		{"2024-05-01", false, true},
		{"2024-05-01T00:30:00+02:00", false, true}, // the publisher's day counts
		{"2024-04-30T23:59:59Z", false, false},
		{"2025-01-01T10:00:00", false, true},
		{"", false, true},
		{"", true, false},
		{"yesterday", false, true},
		{"yesterday", true, false},
	}
	for _, tt := range tests {
		c := &Crawler{cfg: Config{Since: since, DropUndated: tt.dropUndated}}
		if got := c.publishedSince(tt.date); got != tt.want {
			t.Errorf("publishedSince(%q, drop undated %v) = %v, want %v", tt.date, tt.dropUndated, got, tt.want)
		}
	}
	if !(&Crawler{}).publishedSince("1999-01-01") {
		t.Error("no Since: every date passes")
	}
}
