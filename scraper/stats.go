package scraper

import (
	"context"
	"errors"
	"maps"
	"net"
	"net/url"
	"sync"
	"sync/atomic"
)

// Stats counts what a crawl did. It is a plain value: a snapshot taken by
// Crawler.Stats, safe to keep, compare and encode as JSON.
type Stats struct {
	// Requests is the number of HTTP requests sent, retries, redirects and
	// robots.txt included.
	Requests int64 `json:"requests"`
	// Fetched is the number of documents received whole: pages, sitemaps
	// and feeds.
	Fetched int64 `json:"fetched"`
	// Articles is the number of records emitted.
	Articles int64 `json:"articles"`
	// Duplicates is the number of article pages not emitted because their
	// canonical URL or their body had been emitted already, or because
	// they deferred to their canonical URL (AMP twins, aliases).
	Duplicates int64 `json:"duplicates"`
	// NotArticles is the number of HTML pages classified as something
	// other than an article.
	NotArticles int64 `json:"not_articles"`
	// Skipped is the number of responses dropped unread or unused: not
	// HTML by their type, too large, errors (4xx, 5xx).
	Skipped int64 `json:"skipped"`
	// Failed is the number of requests that failed (network, timeout,
	// retries exhausted).
	Failed int64 `json:"failed"`
	// Retries is the number of retried attempts.
	Retries int64 `json:"retries"`
	// Disallowed is the number of URLs robots.txt kept the crawler from.
	Disallowed int64 `json:"robots_disallowed"`
	// Filtered is the number of articles not emitted for Config.Since:
	// published before it, or undated with DropUndated.
	Filtered int64 `json:"filtered"`
	// Trapped is the number of discovered URLs dropped by the trap
	// guards: URL length, query parameters, repeated path segments,
	// pattern budgets.
	Trapped int64 `json:"trapped"`
	// Queued is the number of URLs waiting in the frontier when the
	// snapshot was taken.
	Queued int64 `json:"queued"`
	// Bytes is the number of response body bytes read, robots.txt
	// included (a gzipped sitemap counts compressed).
	Bytes int64 `json:"bytes"`
	// Status counts the HTTP responses received by status code: every
	// attempt, retried ones, redirects and robots.txt included.
	Status map[int]int64 `json:"status,omitempty"`
	// Errors counts the documents lost by kind of error (ErrKindTimeout,
	// ErrKindConnection, ErrKindHTTP4xx, ErrKindHTTP5xx, ErrKindOther),
	// retries spent. A guessed /sitemap.xml that is missing is no error.
	Errors map[string]int64 `json:"errors,omitempty"`
	// Hosts holds per-host figures, by host (with its port, if any).
	Hosts map[string]HostStats `json:"hosts,omitempty"`
}

// HostStats is the part of Stats that concerns one host.
type HostStats struct {
	Requests int64         `json:"requests"`
	Fetched  int64         `json:"fetched"`
	Articles int64         `json:"articles"`
	Errors   int64         `json:"errors"`
	Bytes    int64         `json:"bytes"`
	Status   map[int]int64 `json:"status,omitempty"`
}

// Kinds of errors counted in Stats.Errors.
const (
	ErrKindTimeout    = "timeout"    // a request timed out, retries spent
	ErrKindConnection = "connection" // DNS, refused, reset, TLS, retries spent
	ErrKindHTTP4xx    = "http_4xx"   // a document answered 4xx
	ErrKindHTTP5xx    = "http_5xx"   // a document answered 5xx, retries spent
	ErrKindOther      = "other"      // anything else: redirect loops, bad responses
)

var errKinds = [...]string{ErrKindTimeout, ErrKindConnection, ErrKindHTTP4xx, ErrKindHTTP5xx, ErrKindOther}

const (
	errTimeout = iota
	errConnection
	errHTTP4xx
	errHTTP5xx
	errOther
)

// maxStatus bounds the status codes counted one by one; others count as 0.
const maxStatus = 600

// counters is Stats, updated atomically; per-host figures under a mutex.
type counters struct {
	requests, fetched, articles, duplicates, notArticles atomic.Int64
	skipped, failed, retries, disallowed, trapped        atomic.Int64
	filtered, bytes                                      atomic.Int64
	status                                               [maxStatus]atomic.Int64
	errs                                                 [len(errKinds)]atomic.Int64

	hostMu sync.Mutex
	hosts  map[string]*HostStats
}

// host returns the figures of host, creating them; c.hostMu is held.
func (c *counters) host(host string) *HostStats {
	if c.hosts == nil {
		c.hosts = make(map[string]*HostStats)
	}
	h := c.hosts[host]
	if h == nil {
		h = &HostStats{}
		c.hosts[host] = h
	}
	return h
}

// request counts a request sent to host.
func (c *counters) request(host string) {
	c.requests.Add(1)
	c.hostMu.Lock()
	c.host(host).Requests++
	c.hostMu.Unlock()
}

// response counts a response of host with its status code.
func (c *counters) response(host string, status int) {
	if status < 0 || status >= maxStatus {
		status = 0
	}
	c.status[status].Add(1)
	c.hostMu.Lock()
	h := c.host(host)
	if h.Status == nil {
		h.Status = make(map[int]int64)
	}
	h.Status[status]++
	c.hostMu.Unlock()
}

// read counts n body bytes read from host.
func (c *counters) read(host string, n int) {
	c.bytes.Add(int64(n))
	c.hostMu.Lock()
	c.host(host).Bytes += int64(n)
	c.hostMu.Unlock()
}

// fetchedFrom counts a document of u received whole.
func (c *counters) fetchedFrom(u *url.URL) {
	c.fetched.Add(1)
	c.hostMu.Lock()
	c.host(u.Host).Fetched++
	c.hostMu.Unlock()
}

// article counts an article of u emitted.
func (c *counters) article(u *url.URL) {
	c.articles.Add(1)
	c.hostMu.Lock()
	c.host(u.Host).Articles++
	c.hostMu.Unlock()
}

// fail counts a document of u lost to an error of the given kind.
func (c *counters) fail(u *url.URL, kind int) {
	c.errs[kind].Add(1)
	if u == nil {
		return
	}
	c.hostMu.Lock()
	c.host(u.Host).Errors++
	c.hostMu.Unlock()
}

// errKindOf tells the kind of a failed request's error.
func errKindOf(err error) int {
	var ne net.Error
	switch {
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &ne) && ne.Timeout():
		return errTimeout
	case errors.As(err, new(*net.OpError)), errors.As(err, new(*net.DNSError)):
		return errConnection
	}
	return errOther
}

func (c *counters) snapshot() Stats {
	s := Stats{
		Requests:    c.requests.Load(),
		Fetched:     c.fetched.Load(),
		Articles:    c.articles.Load(),
		Duplicates:  c.duplicates.Load(),
		NotArticles: c.notArticles.Load(),
		Skipped:     c.skipped.Load(),
		Failed:      c.failed.Load(),
		Retries:     c.retries.Load(),
		Disallowed:  c.disallowed.Load(),
		Trapped:     c.trapped.Load(),
		Filtered:    c.filtered.Load(),
		Bytes:       c.bytes.Load(),
	}
	for code := range c.status {
		if n := c.status[code].Load(); n > 0 {
			if s.Status == nil {
				s.Status = make(map[int]int64)
			}
			s.Status[code] = n
		}
	}
	for i, kind := range errKinds {
		if n := c.errs[i].Load(); n > 0 {
			if s.Errors == nil {
				s.Errors = make(map[string]int64)
			}
			s.Errors[kind] = n
		}
	}
	c.hostMu.Lock()
	defer c.hostMu.Unlock()
	if len(c.hosts) > 0 {
		s.Hosts = make(map[string]HostStats, len(c.hosts))
		for name, h := range c.hosts {
			hs := *h
			hs.Status = maps.Clone(h.Status)
			s.Hosts[name] = hs
		}
	}
	return s
}
