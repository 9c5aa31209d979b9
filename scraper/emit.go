package scraper

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"

	"github.com/newsharvest/newsharvest/extract"
)

// minBodyForHash is the body length from which two identical bodies are
// taken for one article. Shorter ones (a stub, a teaser) may be shared by
// different articles.
const minBodyForHash = 200

// emitArticle extracts an article page and hands it to the Sink, unless it
// defers to its canonical URL or duplicates an article already emitted.
func (c *Crawler) emitArticle(e *entry, final *url.URL, doc *html.Node, info *pageInfo, fetchedAt time.Time) {
	self, _ := normalizeURL(final)
	declared := resolve(final, info.canonical)

	// An AMP twin, a second section's copy or any other alias names its
	// canonical page: fetch that one instead, so that the record holds
	// the canonical page as fetched.
	if e.flags&flagViaCanonical == 0 {
		if canon := declared; canon != "" && canon != self && saneCanonical(canon, final) {
			cu, _ := url.Parse(canon)
			if cu != nil && c.scope.hostAllowed(cu.Hostname()) {
				queued, v := c.enqueue(&entry{url: canon, depth: e.depth, kind: kindPage, flags: flagViaCanonical, title: e.title, date: e.date})
				if queued || v == alreadySeen {
					// Queued now, or queued before: the canonical
					// page will be (or was) emitted.
					c.stats.duplicates.Add(1)
					c.log.Debug("deferred to canonical URL", "url", self, "canonical", canon)
					return
				}
				// Out of scope by a rule: keep this copy.
			}
		}
	}

	// The tree is not used after extraction: its links were read by scanPage.
	art, err := extract.FromDocument(doc, final.String(), extract.Consume(), extract.WithBodyFormat(c.cfg.BodyFormat))
	if err != nil {
		c.stats.skipped.Add(1)
		c.log.Warn("extraction failed", "url", final.String(), "err", err)
		return
	}
	art.URL = final.String()
	if art.Headline == "" {
		art.Headline = e.title
	}
	if art.Date == "" {
		art.Date = e.date
	}
	if art.Headline == "" && art.Body == "" {
		c.stats.notArticles.Add(1)
		c.log.Debug("article page with no headline and no body", "url", art.URL)
		return
	}

	if !c.publishedSince(art.Date) {
		c.stats.filtered.Add(1)
		c.log.Debug("article outside --since", "url", art.URL, "date", art.Date)
		return
	}

	key := self
	canon := declared
	if art.CanonicalURL != info.canonical { // the extractor read another
		canon = resolve(final, art.CanonicalURL)
	}
	if canon != "" && saneCanonical(canon, final) {
		key = canon
	}
	// The body's key: its words, white space collapsed, hashed in place
	// rather than joined into a copy of the body first.
	var bodyKey uint64
	hasBodyKey := len(art.Body) >= minBodyForHash
	if hasBodyKey {
		bodyKey = hashFields("b", art.Body)
	}

	rec := &Record{Article: *art, FetchedAt: fetchedAt.UTC().Truncate(time.Second)}
	c.emitMu.Lock()
	defer c.emitMu.Unlock()
	if c.isSeen("c", key) || (hasBodyKey && c.isSeenHash(bodyKey)) {
		c.stats.duplicates.Add(1)
		c.log.Debug("duplicate article", "url", art.URL, "canonical", key)
		return
	}
	// The article counts as emitted once the Sink has it, and not
	// before: a record the Sink failed to write must not be skipped as a
	// duplicate by the run that resumes this one.
	markEmitted := func() {
		c.markSeen("c", key)
		if hasBodyKey {
			c.markSeenHash("b", bodyKey)
		}
	}
	ctx := c.collector.Context
	if c.cfg.Sink != nil {
		if err := c.cfg.Sink.Write(ctx, rec); err != nil {
			if errors.Is(err, ErrDuplicate) {
				markEmitted()
				c.stats.duplicates.Add(1)
				c.log.Debug("article written by an earlier run", "url", art.URL)
				return
			}
			c.cancel(fmt.Errorf("write %s: %w", art.URL, err))
			return
		}
	}
	markEmitted()
	if c.cfg.OnArticle != nil {
		c.cfg.OnArticle(rec)
	}
	c.stats.article(final)
	c.log.Debug("article", "url", art.URL, "headline", art.Headline)
}

// saneCanonical reports whether a page at page may be identified by its
// declared canonical URL canon. A canonical pointing at a site's home page
// from a deeper page is a common template bug, not an identity.
func saneCanonical(canon string, page *url.URL) bool {
	cu, err := url.Parse(canon)
	if err != nil {
		return false
	}
	if strings.Trim(cu.Path, "/") == "" && strings.Trim(page.Path, "/") != "" {
		return false
	}
	return true
}

// publishedSince reports whether an article dated date (ISO 8601) may be
// emitted under Config.Since and DropUndated.
func (c *Crawler) publishedSince(date string) bool {
	if c.cfg.Since.IsZero() {
		return true
	}
	if len(date) < 10 {
		return !c.cfg.DropUndated
	}
	day, err := time.Parse(time.DateOnly, date[:10])
	if err != nil {
		return !c.cfg.DropUndated
	}
	return day.Format(time.DateOnly) >= c.cfg.Since.Format(time.DateOnly)
}

// hashFields returns hashKey(ns, strings.Join(strings.Fields(s), " "))
// without building the joined string.
func hashFields(ns, s string) uint64 {
	h := fnvAddByte(fnvAdd(fnvOffset64, ns), 0)
	started := false // a word has been hashed
	sep := false     // a space is due before the next word
	for i := 0; i < len(s); {
		b := s[i]
		size := 1
		if b < utf8.RuneSelf {
			if asciiSpace[b] {
				sep = started
				i++
				continue
			}
		} else {
			var r rune
			r, size = utf8.DecodeRuneInString(s[i:])
			if unicode.IsSpace(r) {
				sep = started
				i += size
				continue
			}
		}
		if sep {
			h = fnvAddByte(h, ' ')
			sep = false
		}
		started = true
		if b >= utf8.RuneSelf { // a non-space rune, or an invalid byte
			h = fnvAdd(h, s[i:i+size])
			i += size
			continue
		}
		// A run of ASCII non-space bytes, the bulk of a body, in a tight
		// loop.
		for ; i < len(s) && s[i] < utf8.RuneSelf && !asciiSpace[s[i]]; i++ {
			h ^= uint64(s[i])
			h *= fnvPrime64
		}
	}
	return h
}

// asciiSpace holds the ASCII bytes unicode.IsSpace reports.
var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}
