package scraper

import "sync/atomic"

// Stats counts what a crawl did.
type Stats struct {
	// Requests is the number of HTTP requests sent, retries, redirects and
	// robots.txt included.
	Requests int64
	// Fetched is the number of documents received whole: pages, sitemaps
	// and feeds.
	Fetched int64
	// Articles is the number of records emitted.
	Articles int64
	// Duplicates is the number of article pages not emitted because their
	// canonical URL or their body had been emitted already, or because
	// they deferred to their canonical URL (AMP twins, aliases).
	Duplicates int64
	// NotArticles is the number of HTML pages classified as something
	// other than an article.
	NotArticles int64
	// Skipped is the number of responses dropped unread or unused: not
	// HTML by their type, too large, errors (4xx, 5xx).
	Skipped int64
	// Failed is the number of requests that failed (network, timeout,
	// retries exhausted).
	Failed int64
	// Retries is the number of retried attempts.
	Retries int64
	// Disallowed is the number of URLs robots.txt kept the crawler from.
	Disallowed int64
	// Filtered is the number of articles not emitted for Config.Since:
	// published before it, or undated with DropUndated.
	Filtered int64
	// Trapped is the number of discovered URLs dropped by the trap
	// guards: URL length, query parameters, repeated path segments,
	// pattern budgets.
	Trapped int64
}

// counters is Stats, updated atomically.
type counters struct {
	requests, fetched, articles, duplicates, notArticles atomic.Int64
	skipped, failed, retries, disallowed, trapped        atomic.Int64
	filtered                                             atomic.Int64
}

func (c *counters) snapshot() Stats {
	return Stats{
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
	}
}
