package scraper

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/gocolly/colly/v2"
	"github.com/newsharvest/newsharvest/extract"
)

// Errors that stop a redirect.
var (
	errOffSiteRedirect = errors.New("redirect leaves the crawl's scope")
	errRedirectSeen    = errors.New("redirect to a URL already queued")
)

func entryOf(ctx *colly.Context) *entry {
	if ctx == nil {
		return &entry{}
	}
	if e, ok := ctx.GetAny("entry").(*entry); ok {
		return e
	}
	return &entry{}
}

// checkRedirect follows a redirect within MaxRedirects and the crawl's
// scope, to a URL not already queued. The target is normalised first, so
// that a short link to a tracking URL lands on the clean one.
func (c *Crawler) checkRedirect(req *http.Request, via []*http.Request) error {
	if len(via) > c.cfg.MaxRedirects {
		return fmt.Errorf("stopped after %d redirects", c.cfg.MaxRedirects)
	}
	norm, err := normalizeURL(req.URL)
	if err != nil {
		return fmt.Errorf("redirect to %s: %w", req.URL, err)
	}
	nu, err := url.Parse(norm)
	if err != nil {
		return fmt.Errorf("redirect to %s: %w", req.URL, err)
	}
	if !c.scope.hostAllowed(nu.Hostname()) {
		return fmt.Errorf("%w: %s", errOffSiteRedirect, norm)
	}
	*req.URL = *nu
	req.Host = nu.Host
	first, _ := normalizeURL(via[0].URL)
	if norm != first && !c.markSeen("u", norm) {
		return fmt.Errorf("%w: %s", errRedirectSeen, norm)
	}
	return nil
}

// readable reports whether a response of media type mt may be read: HTML,
// XML, feeds, JSON, or no type at all.
func readable(mt string, kind docKind) bool {
	switch {
	case mt == "", strings.Contains(mt, "html"), strings.Contains(mt, "xml"),
		strings.Contains(mt, "json"), strings.Contains(mt, "rss"), strings.Contains(mt, "atom"):
		return true
	case mt == "text/plain":
		return kind == kindSitemap
	}
	return false
}

// onHeaders drops, before their body is read, error answers, responses
// that are not HTML, XML or feeds (PDF, images, archives), and bodies
// declared larger than MaxBody.
func (c *Crawler) onHeaders(r *colly.Response) {
	e := entryOf(r.Ctx)
	if r.StatusCode < 200 || r.StatusCode > 299 {
		r.Request.Abort()
		c.stats.skipped.Add(1)
		level := c.log.Debug
		if r.StatusCode >= 500 {
			level = c.log.Warn
			c.stats.fail(r.Request.URL, errHTTP5xx)
		} else if r.StatusCode >= 400 && e.flags&flagOptional == 0 {
			c.stats.fail(r.Request.URL, errHTTP4xx)
		}
		if e.flags&flagOptional == 0 {
			level("HTTP error", "url", r.Request.URL.String(), "status", r.StatusCode)
		}
		return
	}
	ct := r.Headers.Get("Content-Type")
	if mt := mediaType(ct); !readable(mt, e.kind) {
		r.Request.Abort()
		c.stats.skipped.Add(1)
		c.log.Debug("skipped by content type", "url", r.Request.URL.String(), "content_type", mt)
		return
	}
	if n, err := strconv.ParseInt(r.Headers.Get("Content-Length"), 10, 64); err == nil && n > c.cfg.MaxBody {
		r.Request.Abort()
		c.stats.skipped.Add(1)
		c.log.Info("skipped: body over --max-body", "url", r.Request.URL.String(), "bytes", n, "max_body", c.cfg.MaxBody)
	}
}

// onError logs what went wrong with a request, and counts it.
func (c *Crawler) onError(r *colly.Response, err error) {
	u := ""
	if r != nil && r.Request != nil && r.Request.URL != nil {
		u = r.Request.URL.String()
	}
	switch {
	case errors.Is(err, colly.ErrAbortedAfterHeaders), errors.Is(err, colly.ErrAbortedBeforeRequest):
		// Counted by onHeaders.
	case r != nil && r.StatusCode != 0:
		// An HTTP error status: counted by onHeaders.
	case errors.Is(err, ErrDisallowed):
		c.log.Debug("disallowed by robots.txt", "url", u)
	case errors.Is(err, errRedirectSeen):
		c.stats.duplicates.Add(1)
		c.log.Debug("redirect to a URL already queued", "url", u, "err", err)
	case errors.Is(err, errOffSiteRedirect):
		c.stats.skipped.Add(1)
		c.log.Debug("off-site redirect", "url", u, "err", err)
	case c.collector.Context.Err() != nil:
		// Cancelled: Run reports it.
	default:
		c.stats.failed.Add(1)
		var ru *url.URL
		if r != nil && r.Request != nil {
			ru = r.Request.URL
		}
		c.stats.fail(ru, errKindOf(err))
		c.log.Warn("fetch failed", "url", u, "err", err)
	}
}

// onResponse reads a document: a sitemap, a feed or an HTML page.
func (c *Crawler) onResponse(r *colly.Response) {
	e := entryOf(r.Ctx)
	final := r.Request.URL
	if int64(len(r.Body)) > c.cfg.MaxBody {
		c.stats.skipped.Add(1)
		c.log.Info("skipped: body over --max-body", "url", final.String(), "max_body", c.cfg.MaxBody)
		return
	}
	c.stats.fetchedFrom(final)
	fetchedAt := c.clock.Now()
	ct := r.Headers.Get("Content-Type")
	mt := mediaType(ct)

	switch sniff(mt, r.Body, e.kind) {
	case kindSitemap:
		c.handleSitemap(e, final, r.Body, mt)
	case kindFeed:
		c.handleFeed(e, final, r.Body)
	default:
		c.handleHTML(e, final, r.Body, sentContentType(*r.Headers), fetchedAt)
	}
}

// sniff decides what a document is from its media type and first bytes.
func sniff(mt string, body []byte, kind docKind) docKind {
	if strings.Contains(mt, "html") {
		return kindPage
	}
	switch root := xmlRoot(body); root {
	case "urlset", "sitemapindex":
		return kindSitemap
	case "rss", "feed", "rdf":
		return kindFeed
	case "html":
		return kindPage
	}
	if strings.Contains(mt, "json") || looksLikeJSONFeed(body) {
		return kindFeed
	}
	if mt == "text/plain" && kind == kindSitemap {
		return kindSitemap
	}
	return kindPage
}

// handleSitemap queues a sitemap's entries: the sitemaps of an index at
// the index's depth, the pages of a urlset one hop further, with their
// news title, publication date and lastmod as hints.
func (c *Crawler) handleSitemap(e *entry, final *url.URL, body []byte, mt string) {
	var sm *sitemap
	if mt == "text/plain" && xmlRoot(body) == "" {
		sm = parseTextSitemap(body)
	} else {
		var err error
		if sm, err = parseSitemap(bytes.NewReader(body)); err != nil {
			c.stats.skipped.Add(1)
			c.log.Warn("unreadable sitemap", "url", final.String(), "err", err)
			return
		}
	}
	queued := 0
	for _, se := range sm.entries {
		abs := resolve(final, se.loc)
		if abs == "" {
			continue
		}
		var ne *entry
		if sm.index {
			ne = &entry{url: abs, depth: e.depth, kind: kindSitemap}
		} else {
			ne = &entry{url: abs, depth: e.depth + 1, kind: kindPage, title: se.newsTitle, date: cmp.Or(se.newsDate, se.lastmod)}
		}
		if ok, _ := c.enqueue(ne); ok {
			queued++
		}
	}
	c.log.Debug("sitemap", "url", final.String(), "index", sm.index, "entries", len(sm.entries), "queued", queued)
}

// parseTextSitemap reads a text sitemap: one URL a line.
func parseTextSitemap(body []byte) *sitemap {
	sm := &sitemap{}
	for _, line := range strings.Split(string(body), "\n") {
		if line = strings.TrimSpace(line); strings.HasPrefix(line, "http") && len(sm.entries) < maxSitemapEntries {
			sm.entries = append(sm.entries, sitemapEntry{loc: line})
		}
	}
	return sm
}

// handleFeed queues a feed's items one hop further, their titles and
// dates as hints.
func (c *Crawler) handleFeed(e *entry, final *url.URL, body []byte) {
	items, err := parseFeed(body)
	if err != nil {
		c.stats.skipped.Add(1)
		c.log.Warn("unreadable feed", "url", final.String(), "err", err)
		return
	}
	for _, it := range items {
		if abs := resolve(final, it.link); abs != "" {
			c.enqueue(&entry{url: abs, depth: e.depth + 1, kind: kindPage, title: it.title, date: it.date})
		}
	}
	c.log.Debug("feed", "url", final.String(), "items", len(items))
}

// handleHTML classifies a page, emits it if it is an article, and follows
// its links.
func (c *Crawler) handleHTML(e *entry, final *url.URL, body []byte, contentType string, fetchedAt time.Time) {
	// The body is as the server sent it (see holdCharset): extract.Parse
	// decodes it by BOM, header, <meta> or a guess, and overrules a
	// declaration the bytes contradict.
	doc, err := extract.Parse(body, contentType)
	if err != nil {
		c.stats.skipped.Add(1)
		c.log.Warn("unparseable page", "url", final.String(), "err", err)
		return
	}
	info := scanPage(doc, final)
	kind := classify(final, info, c.cfg.ArticlePattern)
	if c.log.Enabled(context.Background(), slog.LevelDebug) { // spares final.String() per page
		c.log.Debug("page", "url", final.String(), "kind", kind.String(), "depth", e.depth)
	}
	if kind == kindArticle {
		e.article = true // never revisited
	}
	switch {
	case kind == kindArticle && !info.noIndex:
		c.emitArticle(e, final, doc, info, fetchedAt)
	case kind == kindArticle:
		c.stats.notArticles.Add(1) // noindex: the site asks not to keep it
	default:
		c.stats.notArticles.Add(1)
		c.scope.spend(final)
	}
	if !info.noFollow {
		c.follow(e, final, info)
	}
}

// follow queues a page's links: pagination at the page's own depth, the
// rest one hop further; feeds it announces at its depth.
func (c *Crawler) follow(e *entry, page *url.URL, info *pageInfo) {
	// The page's own pagination base, needed only once a link is new.
	pageBase, pageNumbered, based := "", false, false
	origin := ""
	if info.base != nil {
		origin = info.base.Scheme + "://" + info.base.Host
	}
	for _, l := range info.links {
		if l.nofollow {
			continue
		}
		rl := c.links.resolve(info.base, origin, l.href)
		abs := rl.abs
		if abs == "" || (c.links.isSeen(c, rl) && !c.revisitDue(abs, false)) {
			continue
		}
		u, err := url.Parse(abs)
		if err != nil {
			continue
		}
		if !based {
			pageBase, pageNumbered = paginationBase(page)
			based = true
		}
		depth := e.depth + 1
		if isPaginationFrom(pageBase, pageNumbered, u) {
			depth = e.depth
		}
		c.enqueue(&entry{url: abs, depth: depth, kind: kindPage})
	}
	// A site's feed is linked from every page: through the cache too.
	for _, f := range info.feeds {
		rl := c.links.resolve(info.base, origin, f)
		if rl.abs != "" && (!c.links.isSeen(c, rl) || c.revisitDue(rl.abs, false)) {
			c.enqueue(&entry{url: rl.abs, depth: e.depth, kind: kindFeed})
		}
	}
}
