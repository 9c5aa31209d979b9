package scraper

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"sync"
	"testing"
	"time"
)

// fakeClock is a clock that never sleeps: Sleep records the wait and moves
// the clock forward by it.
type fakeClock struct {
	mu     sync.Mutex
	now    time.Time
	sleeps []time.Duration
}

func newFakeClock() *fakeClock {
	return &fakeClock{now: time.Date(2024, 4, 1, 12, 0, 0, 0, time.UTC)}
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Sleep(ctx context.Context, d time.Duration) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.sleeps = append(c.sleeps, d)
	c.now = c.now.Add(d)
	return nil
}

func (c *fakeClock) Sleeps() []time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]time.Duration(nil), c.sleeps...)
}

// sent is one request that reached the network, at the fake time it
// started.
type sent struct {
	url string
	at  time.Time
}

// recordingTransport records every request the crawler sends and refuses
// any to a host other than the test server's, so that a test can assert
// what was and was not requested.
type recordingTransport struct {
	host  string // the only host allowed
	clock clock
	next  http.RoundTripper

	mu   sync.Mutex
	sent []sent
	off  []string // refused: other hosts
}

func (rt *recordingTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	rt.mu.Lock()
	if req.URL.Host != rt.host {
		rt.off = append(rt.off, req.URL.String())
		rt.mu.Unlock()
		return nil, fmt.Errorf("test: request to another host: %s", req.URL)
	}
	rt.sent = append(rt.sent, sent{url: req.URL.String(), at: rt.clock.Now()})
	rt.mu.Unlock()
	return rt.next.RoundTrip(req)
}

func (rt *recordingTransport) Sent() []sent {
	rt.mu.Lock()
	defer rt.mu.Unlock()
	return append([]sent(nil), rt.sent...)
}

func (rt *recordingTransport) Off() []string {
	rt.mu.Lock()
	defer rt.mu.Unlock()
	return append([]string(nil), rt.off...)
}

// instrument makes c use clk and send through a recording transport that
// admits only serverURL's host.
func instrument(t *testing.T, c *Crawler, clk clock, serverURL string) *recordingTransport {
	t.Helper()
	u, err := url.Parse(serverURL)
	if err != nil {
		t.Fatal(err)
	}
	rt := &recordingTransport{host: u.Host, clock: clk, next: c.transport.next}
	c.transport.next = rt
	c.clock = clk
	c.transport.clock = clk
	c.transport.jitter = func() float64 { return 0.5 }
	return rt
}

// collect returns a Sink that keeps the records, and a function to read
// them.
func collect() (Sink, func() []*Record) {
	var mu sync.Mutex
	var recs []*Record
	sink := SinkFunc(func(_ context.Context, r *Record) error {
		mu.Lock()
		defer mu.Unlock()
		recs = append(recs, r)
		return nil
	})
	return sink, func() []*Record {
		mu.Lock()
		defer mu.Unlock()
		return append([]*Record(nil), recs...)
	}
}

// testLogger logs to t at debug level when -v is given, else nowhere.
func testLogger(t *testing.T) *slog.Logger {
	t.Helper()
	if !testing.Verbose() {
		return slog.New(slog.DiscardHandler)
	}
	return slog.New(slog.NewTextHandler(t.Output(), &slog.HandlerOptions{Level: slog.LevelWarn}))
}

func mustURL(t *testing.T, s string) *url.URL {
	t.Helper()
	u, err := url.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return u
}
