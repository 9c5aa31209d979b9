package scraper

import (
	"context"
	"io"
	"net/http"
	"time"

	"github.com/temoto/robotstxt"
)

// maxRobotsBody is the part of a robots.txt read, as Google does (500 KiB).
const maxRobotsBody = 500 << 10

// disallowAll is the rule set of a host whose robots.txt could not be read
// for a server or network error: nothing may be fetched, as Google does.
var disallowAll, _ = robotstxt.FromStatusAndBytes(http.StatusServiceUnavailable, nil)

// robotsFor returns origin's robots.txt, fetching it on first use. The
// fetch goes through the host's slots and delay and is retried like any
// request. A 4xx allows everything; a 5xx or a failure disallows
// everything for the rest of the crawl. The Crawl-delay of the group that
// matches the user agent, capped at MaxCrawlDelay, becomes the host's delay
// when it is longer than the configured one.
func (t *politeTransport) robotsFor(ctx context.Context, origin string, h *hostState) *robotstxt.RobotsData {
	h.robotsOnce.Do(func() {
		h.robots = t.fetchRobots(ctx, origin, h)
		g := h.robots.FindGroup(t.userAgent)
		if g == nil || g.CrawlDelay <= 0 {
			return
		}
		cd := min(g.CrawlDelay, MaxCrawlDelay)
		h.mu.Lock()
		if cd > h.delay {
			// The robots.txt request itself reserved the next start
			// at the old delay: move it to the new one.
			h.next = h.next.Add(cd - h.delay)
			h.delay = cd
		}
		h.mu.Unlock()
		t.log.Debug("robots.txt crawl-delay", "host", origin, "crawl_delay", g.CrawlDelay, "delay", cd)
	})
	return h.robots
}

func (t *politeTransport) fetchRobots(ctx context.Context, origin string, h *hostState) *robotstxt.RobotsData {
	if t.history != nil {
		if status, body, at, ok := t.history.Robots(origin); ok && t.clock.Now().Sub(at) < robotsMaxAge {
			if rd, err := robotstxt.FromStatusAndBytes(status, body); err == nil && rd != nil {
				t.log.Debug("robots.txt from the state", "origin", origin, "fetched_at", at)
				return rd
			}
		}
	}
	u := origin + "/robots.txt"
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return disallowAll
	}
	req.Header.Set("User-Agent", t.userAgent)
	resp, err := t.send(req, h)
	if err != nil {
		t.stats.fail(req.URL, errKindOf(err))
		t.log.Warn("robots.txt unreadable: the host is off limits", "url", u, "err", err)
		return disallowAll
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxRobotsBody))
	if err != nil {
		t.log.Warn("robots.txt unreadable: the host is off limits", "url", u, "err", err)
		return disallowAll
	}
	if t.history != nil && resp.StatusCode < 500 {
		t.history.SetRobots(origin, resp.StatusCode, body, t.clock.Now())
	}
	rd, err := robotstxt.FromStatusAndBytes(resp.StatusCode, body)
	if err != nil || rd == nil {
		// Unparseable rules or an unexpected status (1xx, 3xx beyond the
		// redirects followed): like Google, treat as no rules.
		rd, _ = robotstxt.FromStatusAndBytes(http.StatusNotFound, nil)
	}
	if resp.StatusCode >= 500 {
		t.log.Warn("robots.txt answered a server error: the host is off limits", "url", u, "status", resp.StatusCode)
	}
	return rd
}

// robotsPath is the part of req's URL robots.txt rules match: the escaped
// path and the query.
func robotsPath(req *http.Request) string {
	p := req.URL.EscapedPath()
	if p == "" {
		p = "/"
	}
	if req.URL.RawQuery != "" {
		p += "?" + req.URL.RawQuery
	}
	return p
}

// RobotsInfo is what the crawler learnt from a host's robots.txt.
type robotsInfo struct {
	sitemaps []string
	delay    time.Duration
}

// robotsInfo fetches origin's robots.txt if need be and returns its
// Sitemap lines and the host's delay in force.
func (t *politeTransport) robotsInfo(ctx context.Context, origin string) robotsInfo {
	if t.ignoreRobots {
		return robotsInfo{delay: t.delay}
	}
	h := t.host(origin)
	rd := t.robotsFor(ctx, origin, h)
	return robotsInfo{sitemaps: rd.Sitemaps, delay: t.hostDelay(origin)}
}
