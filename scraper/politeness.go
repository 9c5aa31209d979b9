package scraper

import (
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/temoto/robotstxt"
)

// ErrDisallowed is the error of a request that robots.txt forbids. No such
// request is sent.
var ErrDisallowed = errors.New("disallowed by robots.txt")

// politeTransport is the http.RoundTripper under colly's client: every
// request the crawler sends, redirects included, goes through it. Per host
// it checks robots.txt, spaces request starts by the host's delay, caps the
// requests at once, and retries what can be retried.
type politeTransport struct {
	next         http.RoundTripper
	userAgent    string
	delay        time.Duration
	parallel     int
	retries      int
	timeout      time.Duration
	ignoreRobots bool
	clock        clock
	jitter       func() float64 // in [0, 1)
	log          *slog.Logger
	stats        *counters
	history      History // keeps robots.txt files across runs, when set

	mu    sync.Mutex
	hosts map[string]*hostState // by scheme://host[:port]
}

// hostState is what the transport keeps about one host.
type hostState struct {
	slots chan struct{} // one token per request in flight

	mu    sync.Mutex
	next  time.Time     // earliest start of the next request
	delay time.Duration // between request starts

	robotsOnce sync.Once
	robots     *robotstxt.RobotsData
}

func newPoliteTransport(cfg *Config, next http.RoundTripper, clk clock, stats *counters) *politeTransport {
	return &politeTransport{
		next:         next,
		userAgent:    cfg.UserAgent,
		delay:        cfg.Delay,
		parallel:     max(cfg.Parallel, 1),
		retries:      cfg.Retries,
		timeout:      cfg.Timeout,
		ignoreRobots: cfg.IgnoreRobots,
		clock:        clk,
		jitter:       rand.Float64,
		log:          cfg.Logger,
		stats:        stats,
		hosts:        make(map[string]*hostState),
	}
}

func originOf(r *http.Request) string {
	return strings.ToLower(r.URL.Scheme) + "://" + strings.ToLower(r.URL.Host)
}

func (t *politeTransport) host(origin string) *hostState {
	t.mu.Lock()
	defer t.mu.Unlock()
	h := t.hosts[origin]
	if h == nil {
		h = &hostState{slots: make(chan struct{}, t.parallel), delay: t.delay}
		t.hosts[origin] = h
	}
	return h
}

// RoundTrip sends req politely. A request robots.txt forbids fails with
// ErrDisallowed without being sent.
func (t *politeTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	origin := originOf(req)
	h := t.host(origin)
	if !t.ignoreRobots && req.URL.Path != "/robots.txt" {
		rd := t.robotsFor(req.Context(), origin, h)
		if !rd.TestAgent(robotsPath(req), t.userAgent) {
			t.stats.disallowed.Add(1)
			return nil, fmt.Errorf("%s: %w", req.URL, ErrDisallowed)
		}
	}
	return t.send(req, h)
}

// send runs the attempts at req: it waits for a slot and the host's delay,
// then retries timeouts, connection errors, 5xx and 429 answers with
// exponential backoff and jitter, or after the Retry-After of a 429 or 503.
func (t *politeTransport) send(req *http.Request, h *hostState) (*http.Response, error) {
	ctx := req.Context()
	for attempt := 0; ; attempt++ {
		if err := t.acquire(ctx, h); err != nil {
			return nil, err
		}
		actx, cancel := ctx, context.CancelFunc(func() {})
		if t.timeout > 0 {
			actx, cancel = context.WithTimeout(ctx, t.timeout)
		}
		t.stats.request(req.URL.Host)
		// A shallow copy: nothing below changes the request.
		resp, err := t.next.RoundTrip(req.WithContext(actx))
		if err == nil {
			t.stats.response(req.URL.Host, resp.StatusCode)
		}
		release := func() { cancel(); <-h.slots }

		retryable, wait, hostWide := t.shouldRetry(ctx, resp, err, attempt)
		if !retryable || attempt >= t.retries {
			if err != nil {
				release()
				return nil, err
			}
			if ra, ok := retryAfterOf(resp, t.clock.Now()); ok {
				// Retries spent, or a wait too long: still, leave the
				// host alone for as long as it asked, within reason.
				t.pushBack(h, min(ra, MaxRetryAfter))
			}
			resp.Body = &releasingBody{ReadCloser: resp.Body, release: release, read: func(n int) { t.stats.read(req.URL.Host, n) }}
			holdCharset(resp)
			return maybeGunzip(resp)
		}
		if resp != nil {
			drainAndClose(resp.Body)
		}
		release()
		t.stats.retries.Add(1)
		t.log.Debug("retrying", "url", req.URL.String(), "attempt", attempt+1, "wait", wait, "reason", retryReason(resp, err))
		if hostWide {
			// Retry-After speaks for the whole host: the next
			// acquire, this request's or another's, waits for it.
			t.pushBack(h, wait)
			continue
		}
		if err := t.clock.Sleep(ctx, wait); err != nil {
			return nil, err
		}
	}
}

// shouldRetry tells whether an attempt's outcome is worth another try, and
// how long to wait before it; hostWide is true for a Retry-After, which
// holds back every request to the host.
func (t *politeTransport) shouldRetry(ctx context.Context, resp *http.Response, err error, attempt int) (retry bool, wait time.Duration, hostWide bool) {
	if ctx.Err() != nil {
		return false, 0, false
	}
	if err != nil {
		if errors.Is(err, ErrDisallowed) {
			return false, 0, false
		}
		return true, backoff(attempt, t.jitter), false
	}
	if resp.StatusCode != http.StatusTooManyRequests && resp.StatusCode < 500 {
		return false, 0, false
	}
	if resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode == http.StatusServiceUnavailable {
		if ra, ok := retryAfterOf(resp, t.clock.Now()); ok {
			if ra > MaxRetryAfter {
				return false, 0, false
			}
			return true, ra, true
		}
	}
	return true, backoff(attempt, t.jitter), false
}

func retryReason(resp *http.Response, err error) string {
	if err != nil {
		return err.Error()
	}
	return resp.Status
}

// acquire waits for a free slot on h, then for h's next start time, and
// reserves the start after it.
func (t *politeTransport) acquire(ctx context.Context, h *hostState) error {
	select {
	case h.slots <- struct{}{}:
	case <-ctx.Done():
		return context.Cause(ctx)
	}
	h.mu.Lock()
	now := t.clock.Now()
	start := now
	if h.next.After(now) {
		start = h.next
	}
	h.next = start.Add(h.delay)
	h.mu.Unlock()
	if wait := start.Sub(now); wait > 0 {
		if err := t.clock.Sleep(ctx, wait); err != nil {
			<-h.slots
			return err
		}
	}
	return nil
}

// pushBack keeps every request to h from starting before d from now.
func (t *politeTransport) pushBack(h *hostState, d time.Duration) {
	h.mu.Lock()
	if until := t.clock.Now().Add(d); until.After(h.next) {
		h.next = until
	}
	h.mu.Unlock()
}

// hostDelay returns the delay in force for origin's host.
func (t *politeTransport) hostDelay(origin string) time.Duration {
	h := t.host(origin)
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.delay
}

// releasingBody frees the request's host slot and cancels its attempt's
// context when the body is closed, and counts the bytes read.
type releasingBody struct {
	io.ReadCloser
	once    sync.Once
	release func()
	read    func(n int)
}

func (b *releasingBody) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	if n > 0 {
		b.read(n)
	}
	return n, err
}

func (b *releasingBody) Close() error {
	err := b.ReadCloser.Close()
	b.once.Do(b.release)
	return err
}

func drainAndClose(body io.ReadCloser) {
	_, _ = io.CopyN(io.Discard, body, 64<<10)
	_ = body.Close()
}

// maybeGunzip decompresses a gzipped document that the HTTP layer left
// compressed, such as a sitemap.xml.gz served as application/gzip, so that
// the body limit applies to the decompressed bytes.
func maybeGunzip(resp *http.Response) (*http.Response, error) {
	if resp.Uncompressed || resp.StatusCode < 200 || resp.StatusCode > 299 || resp.Header.Get("Content-Encoding") != "" {
		return resp, nil
	}
	ct := strings.ToLower(resp.Header.Get("Content-Type"))
	gz := strings.Contains(ct, "gzip") ||
		(strings.HasSuffix(strings.ToLower(resp.Request.URL.Path), ".gz") && !strings.Contains(ct, "html") && !strings.Contains(ct, "xml"))
	if !gz {
		return resp, nil
	}
	zr, err := gzip.NewReader(resp.Body)
	if err != nil {
		_ = resp.Body.Close()
		return nil, fmt.Errorf("%s: gunzip: %w", resp.Request.URL, err)
	}
	resp.Body = &gzipBody{Reader: zr, raw: resp.Body}
	resp.Uncompressed = true
	resp.ContentLength = -1
	resp.Header = resp.Header.Clone()
	resp.Header.Del("Content-Length")
	resp.Header.Set("Content-Type", "application/xml")
	return resp, nil
}

type gzipBody struct {
	*gzip.Reader
	raw io.ReadCloser
}

func (b *gzipBody) Close() error {
	_ = b.Reader.Close()
	return b.raw.Close()
}
