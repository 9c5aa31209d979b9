package scraper

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/gocolly/colly/v2"
)

const storyHTML = `<html><head><title>%s</title><meta property="og:type" content="article"></head><body><article><h1>%s</h1>
<p>The ferry to the outer islands sailed again on Wednesday morning, three weeks after a storm damaged the pier at the harbour.</p>
<p>Islanders who had relied on a borrowed fishing boat for school runs and shopping trips welcomed the crew with coffee and cake.</p>
<p>The operator said the timetable would be back to normal by the weekend once the second vessel returns from the shipyard %s.</p>
</article></body></html>`

// TestLimits checks that responses are dropped on their headers alone
// when their type is not HTML or their declared size is over MaxBody, and
// after reading when a body without a length goes over it.
func TestLimits(t *testing.T) {
	t.Parallel()
	var pdfBytes atomic.Int64
	mux := http.NewServeMux()
	mux.HandleFunc("/{$}", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `<a href="/report.pdf">PDF</a> <a href="/photo.jpg">JPEG</a> <a href="/big/declared-story-about-the-ferry">big</a>
<a href="/big/chunked-story-about-the-ferry">chunked</a> <a href="/ok/small-story-about-the-ferry">ok</a>`)
	})
	mux.HandleFunc("/report.pdf", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/pdf")
		w.WriteHeader(200)
		// Write until the client hangs up: a crawler that reads the
		// body would take it all.
		chunk := make([]byte, 32<<10)
		for range 256 {
			n, err := w.Write(chunk)
			pdfBytes.Add(int64(n))
			if err != nil {
				return
			}
			w.(http.Flusher).Flush()
		}
	})
	mux.HandleFunc("/photo.jpg", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/jpeg")
		w.Write(make([]byte, 1000))
	})
	mux.HandleFunc("/big/declared-story-about-the-ferry", func(w http.ResponseWriter, r *http.Request) {
		body := fmt.Sprintf(storyHTML, "Big", "Big", strings.Repeat("x", 5000))
		w.Header().Set("Content-Length", fmt.Sprint(len(body)))
		w.Write([]byte(body))
	})
	mux.HandleFunc("/big/chunked-story-about-the-ferry", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(fmt.Sprintf(storyHTML, "Chunked", "Chunked", "")))
		w.(http.Flusher).Flush()
		w.Write([]byte(strings.Repeat("<p>more</p>", 1000)))
	})
	mux.HandleFunc("/ok/small-story-about-the-ferry", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, storyHTML, "Small", "Small", "")
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()

	sink, records := collect()
	c, err := New(Config{Seeds: []string{srv.URL + "/"}, Sink: sink, Delay: -1, MaxBody: 4000, Logger: testLogger(t)})
	if err != nil {
		t.Fatal(err)
	}
	instrument(t, c, newFakeClock(), srv.URL)
	if err := c.Run(t.Context()); err != nil {
		t.Fatal(err)
	}
	recs := records()
	if len(recs) != 1 || recs[0].Headline != "Small" {
		t.Fatalf("records %+v, want the small story alone", recs)
	}
	if st := c.Stats(); st.Skipped < 4 {
		t.Errorf("skipped %d, want the PDF, the JPEG and the two big pages", st.Skipped)
	}
	if n := pdfBytes.Load(); n >= 8<<20 {
		t.Errorf("the server sent %d bytes of PDF: its body was read", n)
	}
}

// TestCancel checks that cancelling the context stops the crawl and that
// Run returns the cause.
func TestCancel(t *testing.T) {
	t.Parallel()
	var hits atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := hits.Add(1)
		// Every page links to two new ones: the crawl never ends alone.
		fmt.Fprintf(w, `<a href="/p/%d">a</a> <a href="/q/%d">b</a>`, n, n)
	}))
	defer srv.Close()
	stop := errors.New("enough")
	ctx, cancel := context.WithCancelCause(t.Context())
	var c *Crawler
	c, err := New(Config{Seeds: []string{srv.URL + "/"}, Delay: -1, Parallel: 4, MaxDepth: 1000, PatternBudget: -1, IgnoreRobots: true,
		OnArticle: func(*Record) {}, Logger: testLogger(t)})
	if err != nil {
		t.Fatal(err)
	}
	instrument(t, c, newFakeClock(), srv.URL)
	c.collector.OnScraped(func(*colly.Response) {
		if hits.Load() >= 20 {
			cancel(stop)
		}
	})
	if err := c.Run(ctx); !errors.Is(err, stop) {
		t.Fatalf("Run = %v, want the cancel cause", err)
	}
	if n := hits.Load(); n > 40 {
		t.Errorf("%d requests after cancelling at 20", n)
	}
}

// TestSinkError checks that a failing Sink stops the crawl with its error.
func TestSinkError(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, storyHTML, "Story", "Story", r.URL.Path)
		fmt.Fprintf(w, `<a href="%s-more-story-about-the-ferry">more</a>`, r.URL.Path)
	}))
	defer srv.Close()
	full := errors.New("disk full")
	c, err := New(Config{Seeds: []string{srv.URL + "/news/first-story-about-the-ferry"}, Delay: -1, IgnoreRobots: true,
		Sink:   SinkFunc(func(context.Context, *Record) error { return full }),
		Logger: testLogger(t)})
	if err != nil {
		t.Fatal(err)
	}
	instrument(t, c, newFakeClock(), srv.URL)
	if err := c.Run(t.Context()); !errors.Is(err, full) {
		t.Fatalf("Run = %v, want the Sink's error", err)
	}
}

func TestNewErrors(t *testing.T) {
	t.Parallel()
	tests := []Config{
		{OnArticle: func(*Record) {}},
		{Seeds: []string{"https://n.example/"}},
		{Seeds: []string{"n.example/"}, OnArticle: func(*Record) {}},
		{Seeds: []string{"https://n.example/"}, OnArticle: func(*Record) {}, MaxBody: -1},
	}
	for i, cfg := range tests {
		if _, err := New(cfg); err == nil {
			t.Errorf("config %d: New succeeded, want an error", i)
		}
	}
}

// TestCharsets checks that a page's bytes are decoded by what they are:
// the header's charset when the bytes agree with it, UTF-8 when a header
// claims a legacy charset for bytes that are plainly UTF-8.
func TestCharsets(t *testing.T) {
	t.Parallel()
	// "Café Müller" in Windows-1252 and in UTF-8.
	cp1252 := "Caf\xe9 M\xfcller"
	utf8 := "Café Müller"
	mux := http.NewServeMux()
	mux.HandleFunc("/{$}", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `<a href="/legacy/story-about-the-cafe">a</a> <a href="/lying/story-about-the-cafe">b</a>`)
	})
	mux.HandleFunc("/legacy/story-about-the-cafe", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=windows-1252")
		fmt.Fprintf(w, storyHTML, "Legacy "+cp1252, "Legacy "+cp1252, "in Bremen, said "+cp1252)
	})
	mux.HandleFunc("/lying/story-about-the-cafe", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=iso-8859-1")
		fmt.Fprintf(w, storyHTML, "Lying "+utf8, "Lying "+utf8, "in Kiel, said "+utf8)
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()

	sink, records := collect()
	c, err := New(Config{Seeds: []string{srv.URL + "/"}, Sink: sink, Delay: -1, Logger: testLogger(t)})
	if err != nil {
		t.Fatal(err)
	}
	instrument(t, c, newFakeClock(), srv.URL)
	if err := c.Run(t.Context()); err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	for _, r := range records() {
		got[r.Headline] = true
		if !strings.Contains(r.Body, utf8) {
			t.Errorf("%s: body %q, want it to hold %q", r.URL, r.Body, utf8)
		}
	}
	for _, want := range []string{"Legacy " + utf8, "Lying " + utf8} {
		if !got[want] {
			t.Errorf("no record with headline %q; got %v", want, got)
		}
	}
}

// TestFeedDiscovery checks that feeds named by <link rel=alternate> are
// read, whether the link is root-relative, absolute or relative to the
// page, and that a feed every page names is fetched once.
func TestFeedDiscovery(t *testing.T) {
	t.Parallel()
	mux := http.NewServeMux()
	var srvURL string
	mux.HandleFunc("/{$}", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `<html><head><link rel="alternate" type="application/rss+xml" href="/feed.xml"></head>
<body><a href="/a/story-about-the-ferry">ferry</a></body></html>`)
	})
	mux.HandleFunc("/a/story-about-the-ferry", func(w http.ResponseWriter, r *http.Request) {
		head := fmt.Sprintf(`<link rel="alternate" type="application/rss+xml" href="%s/feed.xml">
<link rel="alternate" type="application/feed+json" href="feed.json">`, srvURL)
		fmt.Fprint(w, strings.Replace(fmt.Sprintf(storyHTML, "Ferry", "Ferry", ""), "<head>", "<head>"+head, 1))
	})
	mux.HandleFunc("/feed.xml", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprintf(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>News</title>
<item><title>Pier</title><link>%s/b/story-about-the-pier</link></item></channel></rss>`, srvURL)
	})
	mux.HandleFunc("/a/feed.json", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/feed+json")
		fmt.Fprintf(w, `{"version": "https://jsonfeed.org/version/1.1", "title": "Section A",
"items": [{"id": "1", "url": "%s/c/story-about-the-cake", "title": "Cake"}]}`, srvURL)
	})
	for _, p := range []string{"/b/story-about-the-pier", "/c/story-about-the-cake"} {
		name := strings.TrimPrefix(p[3:], "story-about-the-")
		mux.HandleFunc(p, func(w http.ResponseWriter, r *http.Request) {
			fmt.Fprintf(w, storyHTML, name, name, "of the "+name)
		})
	}
	srv := httptest.NewServer(mux)
	defer srv.Close()
	srvURL = srv.URL

	sink, records := collect()
	c, err := New(Config{Seeds: []string{srv.URL + "/"}, Sink: sink, Delay: -1, Logger: testLogger(t)})
	if err != nil {
		t.Fatal(err)
	}
	rt := instrument(t, c, newFakeClock(), srv.URL)
	if err := c.Run(t.Context()); err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	for _, r := range records() {
		got[r.Headline] = true
	}
	for _, want := range []string{"Ferry", "pier", "cake"} {
		if !got[want] {
			t.Errorf("no record with headline %q; got %v", want, got)
		}
	}
	fetched := map[string]int{}
	for _, s := range rt.Sent() {
		fetched[strings.TrimPrefix(s.url, srv.URL)]++
	}
	for _, feed := range []string{"/feed.xml", "/a/feed.json"} {
		if fetched[feed] != 1 {
			t.Errorf("%s fetched %d times, want once; requests: %v", feed, fetched[feed], fetched)
		}
	}
}
