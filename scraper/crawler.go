package scraper

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"sync"
	"sync/atomic"

	"github.com/gocolly/colly/v2"
	"github.com/gocolly/colly/v2/storage"
)

// maxWorkers caps the crawl's goroutines whatever the number of hosts.
const maxWorkers = 64

// acceptHeader prefers HTML and the feed and sitemap types the crawler
// reads.
const acceptHeader = "text/html,application/xhtml+xml,application/xml;q=0.9,application/rss+xml;q=0.9,application/atom+xml;q=0.9,application/feed+json;q=0.9,*/*;q=0.1"

// Crawler crawls the sites of its seeds. Create one with New and start it
// with Run; a Crawler runs once.
type Crawler struct {
	cfg       Config
	seeds     []*url.URL
	scope     *scope
	front     *frontier
	seen      storage.Storage
	seenMu    sync.Mutex // makes check-and-mark on seen atomic
	emitMu    sync.Mutex // one Sink.Write at a time
	transport *politeTransport
	collector *colly.Collector
	clock     clock
	log       *slog.Logger
	stats     counters
	started   atomic.Bool
	pages     atomic.Int64 // documents taken from the frontier
	// runQueued holds the URLs queued by this run, when a History makes
	// URLs seen by earlier runs eligible again; guarded by seenMu.
	runQueued map[uint64]struct{}
	links     linkCache

	// cancel stops the crawl with a cause (a Sink error) during Run.
	cancel context.CancelCauseFunc
}

// New returns a Crawler for cfg, with cfg's defaults applied. It fails on
// a configuration that cannot run: no seed, a seed that is not an absolute
// http(s) URL, no Sink and no OnArticle, a negative size.
func New(cfg Config) (*Crawler, error) {
	cfg, err := cfg.withDefaults()
	if err != nil {
		return nil, fmt.Errorf("scraper: %w", err)
	}
	c := &Crawler{cfg: cfg, clock: realClock{}, log: cfg.Logger, runQueued: make(map[uint64]struct{})}
	for _, s := range cfg.Seeds {
		u, err := url.Parse(s)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return nil, fmt.Errorf("scraper: seed %q: want an absolute http or https URL", s)
		}
		c.seeds = append(c.seeds, u)
	}
	c.scope = newScope(&c.cfg, c.seeds)
	if c.front, err = newFrontier(cfg.Frontier); err != nil {
		return nil, fmt.Errorf("scraper: %w", err)
	}
	c.seen = cfg.Seen
	if c.seen == nil {
		c.seen = &storage.InMemoryStorage{}
	}

	base := http.DefaultTransport.(*http.Transport).Clone()
	base.MaxIdleConnsPerHost = max(cfg.Parallel, 2)
	// A page's headers and body in one read from the connection, rather
	// than through a 4 KiB buffer: fewer system calls per response.
	base.ReadBufferSize = 32 << 10
	c.transport = newPoliteTransport(&c.cfg, base, c.clock, &c.stats)
	c.transport.history = cfg.History

	col := colly.NewCollector(
		colly.UserAgent(cfg.UserAgent),
		colly.MaxBodySize(int(min(cfg.MaxBody+1, int64(^uint(0)>>1)))),
		colly.AllowURLRevisit(), // the crawler keeps its own seen set
		colly.IgnoreRobotsTxt(), // and obeys robots.txt in its transport
	)
	col.WithTransport(c.transport)
	col.SetRequestTimeout(0) // per attempt, in the transport
	if err := col.SetStorage(c.seen); err != nil {
		return nil, fmt.Errorf("scraper: seen set: %w", err)
	}
	col.SetRedirectHandler(c.checkRedirect)
	col.OnResponseHeaders(c.onHeaders)
	col.OnResponse(c.onResponse)
	col.OnError(c.onError)
	c.collector = col
	return c, nil
}

// Stats returns what the crawl has done so far. It may be called at any
// time, from any goroutine, while Run runs.
func (c *Crawler) Stats() Stats {
	s := c.stats.snapshot()
	if n, err := c.front.store.QueueSize(); err == nil {
		s.Queued = int64(n)
	}
	return s
}

// Run crawls until the frontier is empty, MaxPages documents have been
// fetched, ctx is cancelled or the Sink fails. Cancelling ctx stops the
// crawl cleanly: requests in flight are abandoned, no more are sent, and
// Run returns the context's cause.
func (c *Crawler) Run(ctx context.Context) error {
	if !c.started.CompareAndSwap(false, true) {
		return errors.New("scraper: Run called twice")
	}
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	c.cancel = cancel
	stop := c.front.closeOnDone(ctx)
	defer stop()
	c.collector.Context = ctx
	c.transport.clock = c.clock

	origins := c.seedQueue(ctx)

	workers := min(max(c.cfg.Parallel*len(origins), 1), maxWorkers)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for {
				e := c.front.next()
				if e == nil {
					return
				}
				// A document whose crawl was stopped midway stays in a
				// resumable frontier, to be fetched by the next run.
				finished := c.fetch(e) && ctx.Err() == nil
				if finished {
					c.remember(e)
				}
				c.front.done(e, finished)
			}
		})
	}
	wg.Wait()

	st := c.Stats()
	c.log.Info("crawl done", "articles", st.Articles, "fetched", st.Fetched, "requests", st.Requests,
		"duplicates", st.Duplicates, "not_articles", st.NotArticles, "skipped", st.Skipped,
		"failed", st.Failed, "disallowed", st.Disallowed, "trapped", st.Trapped)
	if err := context.Cause(ctx); err != nil {
		return err
	}
	return c.front.error()
}

// seedQueue queues the seeds, then for every seed's host the sitemaps its
// robots.txt names and /sitemap.xml. It returns the seeds' origins.
func (c *Crawler) seedQueue(ctx context.Context) []string {
	var origins []string
	have := make(map[string]bool)
	for _, u := range c.seeds {
		norm, err := normalizeURL(u)
		if err != nil {
			continue
		}
		c.enqueue(&entry{url: norm, kind: kindPage, flags: flagSeed})
		origin := u.Scheme + "://" + u.Host
		if nu, err := url.Parse(norm); err == nil {
			origin = nu.Scheme + "://" + nu.Host
		}
		if !have[origin] {
			have[origin] = true
			origins = append(origins, origin)
		}
	}
	for _, origin := range origins {
		info := c.transport.robotsInfo(ctx, origin)
		c.log.Debug("host", "origin", origin, "delay", info.delay, "sitemaps", len(info.sitemaps))
		for _, sm := range info.sitemaps {
			if norm, err := Normalize(sm); err == nil {
				c.enqueue(&entry{url: norm, kind: kindSitemap})
			}
		}
		c.enqueue(&entry{url: origin + "/sitemap.xml", kind: kindSitemap, flags: flagOptional})
	}
	return origins
}

// enqueue queues e unless it is out of scope, too deep, caught by a trap
// guard or seen before. It reports whether e was queued, and why not.
func (c *Crawler) enqueue(e *entry) (bool, verdict) {
	if e.depth > c.cfg.MaxDepth {
		return false, verdictSkipped
	}
	// Most links of a page (navigation, most read) were seen before:
	// look that up first, it is the cheapest test.
	revisit := false
	if c.isSeen("u", e.url) {
		if !c.revisitDue(e.url, e.flags&flagSeed != 0) {
			return false, alreadySeen
		}
		revisit = true // a listing an earlier run fetched
	}
	u, err := url.Parse(e.url)
	if err != nil {
		return false, verdictSkipped
	}
	if e.flags&flagSeed == 0 {
		if v := c.scope.check(u, e.url); v != follow {
			switch v {
			case trapLength, trapQuery, trapRepeats, trapBudget:
				c.stats.trapped.Add(1)
				c.log.Debug("trap guard", "url", e.url, "reason", string(v))
			}
			return false, v
		}
	}
	if revisit {
		if !c.claimRevisit(e.url) {
			return false, alreadySeen
		}
	} else if !c.markSeen("u", e.url) {
		return false, alreadySeen
	}
	if err := c.front.push(e); err != nil {
		c.log.Warn("frontier refused a URL", "url", e.url, "err", err)
		return false, verdictSkipped
	}
	return true, follow
}

// markSeen records key in the seen set under namespace ns and reports
// whether it is new.
func (c *Crawler) markSeen(ns, key string) bool {
	return c.markSeenHash(ns, hashKey(ns, key))
}

// markSeenHash is markSeen for a key already hashed: h is hashKey(ns, key).
func (c *Crawler) markSeenHash(ns string, h uint64) bool {
	c.seenMu.Lock()
	defer c.seenMu.Unlock()
	if seen, err := c.seen.IsVisited(h); err != nil || seen {
		return false
	}
	if err := c.seen.Visited(h); err != nil {
		c.log.Warn("seen set refused a key", "err", err)
	}
	if c.cfg.History != nil && ns == "u" {
		c.runQueued[h] = struct{}{}
	}
	return true
}

// isSeen reports whether key is in the seen set under ns.
func (c *Crawler) isSeen(ns, key string) bool {
	return c.isSeenHash(hashKey(ns, key))
}

// isSeenHash is isSeen for a key already hashed.
func (c *Crawler) isSeenHash(h uint64) bool {
	c.seenMu.Lock()
	defer c.seenMu.Unlock()
	seen, err := c.seen.IsVisited(h)
	return err == nil && seen
}

// hashKey is the 64-bit key of key in namespace ns ("u" for URLs queued,
// "c" for canonical URLs emitted, "b" for bodies emitted): FNV-1a of ns, a
// zero byte and key. It is computed in place, without the allocations of
// hash/fnv and of a []byte copy of key; the values are the same, which
// keeps the seen sets of earlier runs valid.
func hashKey(ns, key string) uint64 {
	h := fnvAdd(fnvOffset64, ns)
	h = fnvAddByte(h, 0)
	return fnvAdd(h, key)
}

// FNV-1a, 64 bits.
const (
	fnvOffset64 uint64 = 14695981039346656037
	fnvPrime64  uint64 = 1099511628211
)

func fnvAdd(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime64
	}
	return h
}

func fnvAddByte(h uint64, b byte) uint64 {
	h ^= uint64(b)
	return h * fnvPrime64
}

// fetch fetches one frontier entry through colly; the callbacks do the
// rest. It reports false when the page cap kept it from fetching.
func (c *Crawler) fetch(e *entry) bool {
	if c.cfg.MaxPages > 0 && c.pages.Add(1) > int64(c.cfg.MaxPages) {
		c.log.Info("page limit reached: stopping", "max_pages", c.cfg.MaxPages)
		c.front.close()
		return false
	}
	cctx := colly.NewContext()
	cctx.Put("entry", e)
	hdr := http.Header{"Accept": []string{acceptHeader}}
	// Errors reach onError; the returned one adds nothing.
	_ = c.collector.Request(http.MethodGet, e.url, nil, cctx, hdr)
	return true
}
