package scraper

import "time"

// DefaultRevisitAfter is the default of Config.RevisitAfter.
const DefaultRevisitAfter = time.Hour

// robotsMaxAge is how long a robots.txt kept by a History is used before
// it is fetched again, as Google does.
const robotsMaxAge = 24 * time.Hour

// History is what a crawl remembers of the runs before it, beside its
// Frontier and Seen set: when each listing was last fetched, and each
// host's robots.txt. The store package keeps one in a directory.
//
// With a History, a URL seen by an earlier run is fetched again when it
// is not an article (a home or section page, a sitemap, a feed, or a page
// that failed) and was last fetched RevisitAfter ago or more. Articles
// are fetched once, ever.
type History interface {
	// LastFetched returns when the document at url was last fetched.
	LastFetched(url string) (time.Time, bool)
	// SetFetched records that the document at url, not an article, was
	// fetched at t.
	SetFetched(url string, t time.Time)
	// Robots returns origin's robots.txt as last fetched.
	Robots(origin string) (status int, body []byte, fetchedAt time.Time, ok bool)
	// SetRobots records origin's robots.txt.
	SetRobots(origin string, status int, body []byte, fetchedAt time.Time)
}

// Acker is implemented by a Frontier (queue.Storage) that keeps the
// requests GetRequest hands out until they are acknowledged: the crawler
// acknowledges a request once its document is done with, articles
// written included. A request never acknowledged, because the crawl was
// stopped or killed first, is the storage's to hand out again.
type Acker interface {
	Ack(request []byte) error
}

// revisitDue reports whether url, seen before, may be queued again: it is
// a document other than an article that an earlier run fetched
// RevisitAfter ago or more, or a seed no run has fetched, and it has not
// been queued by this run.
func (c *Crawler) revisitDue(url string, seed bool) bool {
	h := c.cfg.History
	if h == nil {
		return false
	}
	c.seenMu.Lock()
	_, queued := c.runQueued[hashKey("u", url)]
	c.seenMu.Unlock()
	if queued {
		return false
	}
	t, ok := h.LastFetched(url)
	if !ok {
		return seed
	}
	return c.clock.Now().Sub(t) >= c.cfg.RevisitAfter
}

// claimRevisit marks url queued by this run, and reports whether it was
// not already.
func (c *Crawler) claimRevisit(url string) bool {
	k := hashKey("u", url)
	c.seenMu.Lock()
	defer c.seenMu.Unlock()
	if _, ok := c.runQueued[k]; ok {
		return false
	}
	c.runQueued[k] = struct{}{}
	return true
}

// remember records, after a document that is not an article was done
// with, when it was fetched.
func (c *Crawler) remember(e *entry) {
	if c.cfg.History != nil && !e.article {
		c.cfg.History.SetFetched(e.url, c.clock.Now())
	}
}
