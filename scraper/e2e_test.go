package scraper

import (
	"context"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/newsharvest/newsharvest/extract"
	"github.com/newsharvest/newsharvest/scraper/internal/testsite"
)

const templatesDir = "../testdata/site"

// TestCrawlSite crawls the test news site with everything in it (see
// package testsite) and checks that exactly its articles come out, once
// each and complete, that robots.txt kept the crawler out of /private/,
// that no other site was touched, and that the traps did not keep the
// crawl from ending on its own.
func TestCrawlSite(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		crawlDelay int // robots.txt Crawl-delay, seconds
		cfg        Config
		// wantGap is the least time between two request starts.
		wantGap time.Duration
	}{
		{
			name: "delay 0, parallel 8",
			cfg:  Config{Delay: -1, Parallel: 8},
		},
		{
			name:       "defaults, robots.txt Crawl-delay 2",
			crawlDelay: 2,
			cfg:        Config{},
			wantGap:    2 * time.Second,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			site, err := testsite.New(testsite.Options{Templates: templatesDir, Extras: true, CrawlDelay: tt.crawlDelay})
			if err != nil {
				t.Fatal(err)
			}
			srv := httptest.NewServer(site)
			defer srv.Close()

			sink, records := collect()
			cfg := tt.cfg
			cfg.Seeds = []string{srv.URL + "/"}
			cfg.Sink = sink
			cfg.Logger = testLogger(t)
			c, err := New(cfg)
			if err != nil {
				t.Fatal(err)
			}
			clk := newFakeClock()
			rt := instrument(t, c, clk, srv.URL)

			ctx, cancel := context.WithTimeout(t.Context(), 2*time.Minute)
			defer cancel()
			if err := c.Run(ctx); err != nil {
				t.Fatalf("Run: %v", err)
			}

			checkArticles(t, srv.URL, site, records())
			checkRequests(t, site, rt)
			st := c.Stats()
			if st.Disallowed == 0 || st.Trapped == 0 || st.Duplicates == 0 || st.Retries == 0 || st.Skipped == 0 {
				t.Errorf("stats = %+v: want disallowed, trapped, duplicates, retries and skipped counted", st)
			}
			if tt.wantGap > 0 {
				checkGaps(t, rt.Sent(), tt.wantGap)
			}
			// The 503 asked for 1 s: some request waited for it.
			if !slices.ContainsFunc(clk.Sleeps(), func(d time.Duration) bool { return d >= time.Second }) {
				t.Errorf("no wait of 1s or more for Retry-After; waits: %v", clk.Sleeps())
			}
			t.Logf("%+v; %d requests", st, len(rt.Sent()))
		})
	}
}

// checkArticles asserts that the records are exactly the site's articles,
// once each, each complete.
func checkArticles(t *testing.T, base string, site *testsite.Site, recs []*Record) {
	t.Helper()
	want := make(map[string]bool)
	for _, a := range site.Articles() {
		want[base+a.Path] = true
	}
	syndicated := base + testsite.SyndicatedPath
	original := base + site.Articles()[testsite.SyndicatedID].Path

	got := make(map[string]int)
	for _, r := range recs {
		got[r.URL]++
	}
	// Identical bodies give one record: the original or its syndicated
	// copy, whichever came first.
	if got[syndicated] == 1 && got[original] == 0 {
		delete(got, syndicated)
		got[original] = 1
	}
	for u, n := range got {
		switch {
		case !want[u]:
			t.Errorf("emitted %s, which is not an article of the site", u)
		case n > 1:
			t.Errorf("emitted %s %d times", u, n)
		}
	}
	for u := range want {
		if got[u] == 0 {
			t.Errorf("article %s not emitted", u)
		}
	}

	for _, r := range recs {
		if r.ID == "" || r.URL == "" || r.Headline == "" || r.Date == "" || r.Byline == "" ||
			r.Body == "" || r.Section == "" || r.FetchedAt.IsZero() {
			t.Errorf("incomplete record: %+v", r)
		}
		if r.URL != syndicated && (r.CanonicalURL != r.URL || r.ID != extract.ArticleID(r.CanonicalURL)) {
			t.Errorf("record %s: canonical_url %q, id %q; want the URL and its ID", r.URL, r.CanonicalURL, r.ID)
		}
		if strings.Contains(r.URL, "utm_") || strings.Contains(r.URL, "#") || strings.Contains(r.URL, "/amp/") {
			t.Errorf("record URL %s: want the clean, canonical address", r.URL)
		}
	}
}

// checkRequests asserts that nothing robots.txt forbids and nothing on
// another site was requested, and that the traps were cut short.
func checkRequests(t *testing.T, site *testsite.Site, rt *recordingTransport) {
	t.Helper()
	reqs := site.Requested()
	var calendar, search, flaky int
	flakyPath := site.Articles()[testsite.FlakyID].Path
	for _, p := range reqs {
		switch {
		case strings.HasPrefix(p, "/private"):
			t.Errorf("requested %s, which robots.txt disallows", p)
		case strings.HasPrefix(p, "/archive/"):
			calendar++
		case strings.HasPrefix(p, "/search"):
			search++
		case p == flakyPath:
			flaky++
		}
	}
	if off := rt.Off(); len(off) > 0 {
		t.Errorf("requested other sites: %v", off)
	}
	if reqs[0] != "/robots.txt" {
		t.Errorf("first request %s, want /robots.txt", reqs[0])
	}
	if flaky != 2 {
		t.Errorf("the page that answers 503 once was requested %d times, want 2", flaky)
	}
	if calendar == 0 || calendar > 100 {
		t.Errorf("calendar trap: %d requests, want some and at most 100", calendar)
	}
	// The budget is checked when a URL is queued and spent when it is
	// fetched: the URLs queued in between may go a little over it.
	if search == 0 || search > DefaultPatternBudget+DefaultParallel*16 {
		t.Errorf("search pagination trap: %d requests, want some and at most %d", search, DefaultPatternBudget+DefaultParallel*16)
	}
	if len(reqs) > 2*DefaultPatternBudget {
		t.Errorf("%d requests: the traps were not cut short", len(reqs))
	}
}

// checkGaps asserts that request starts are at least gap apart.
func checkGaps(t *testing.T, reqs []sent, gap time.Duration) {
	t.Helper()
	for i := 1; i < len(reqs); i++ {
		if d := reqs[i].at.Sub(reqs[i-1].at); d < gap {
			t.Fatalf("requests %d (%s) and %d (%s) started %s apart, want at least %s",
				i-1, reqs[i-1].url, i, reqs[i].url, d, gap)
		}
	}
}
