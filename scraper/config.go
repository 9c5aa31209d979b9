package scraper

import (
	"errors"
	"fmt"
	"log/slog"
	"math"
	"regexp"
	"time"

	"github.com/gocolly/colly/v2/queue"
	"github.com/gocolly/colly/v2/storage"

	"github.com/newsharvest/newsharvest/extract"
)

// Defaults of Config's fields, applied when a field is left at its zero
// value.
const (
	DefaultMaxDepth       = 5
	DefaultMaxPages       = 100_000
	DefaultDelay          = time.Second
	DefaultParallel       = 1
	DefaultRetries        = 2
	DefaultTimeout        = 30 * time.Second
	DefaultMaxBody        = 10 << 20 // 10 MiB
	DefaultMaxRedirects   = 10
	DefaultMaxURLLength   = 1024
	DefaultMaxQueryParams = 3
	DefaultPatternBudget  = 1000

	// MaxCrawlDelay caps a robots.txt Crawl-delay, as Apache Nutch does.
	MaxCrawlDelay = 30 * time.Second
	// MaxRetryAfter is the longest Retry-After the crawler waits for
	// before retrying; a request told to wait longer is given up.
	MaxRetryAfter = 5 * time.Minute
)

// DefaultUserAgent is the User-Agent sent when Config.UserAgent is empty.
const DefaultUserAgent = "newsharvest/dev (+https://github.com/newsharvest/newsharvest)"

// UserAgent returns the User-Agent newsharvest sends for a version:
// "newsharvest/VERSION (+https://github.com/newsharvest/newsharvest)".
func UserAgent(version string) string {
	return "newsharvest/" + version + " (+https://github.com/newsharvest/newsharvest)"
}

// Config configures a Crawler. The zero value of a field means its
// default; a negative value, where one is allowed, switches the limit off.
type Config struct {
	// Seeds are the URLs the crawl starts from: home pages, section pages,
	// sitemaps or feeds. At least one is required.
	Seeds []string

	// AllowedDomains adds domains to the scope: a domain admits itself and
	// its subdomains. The seeds' hosts (with or without "www.") are always
	// in scope.
	AllowedDomains []string
	// Include, when not empty, restricts the discovered URLs followed to
	// those matching at least one of its expressions. Seeds are exempt.
	Include []*regexp.Regexp
	// Exclude drops the discovered URLs matching any of its expressions.
	Exclude []*regexp.Regexp
	// ArticlePattern, when set, decides alone which pages are articles:
	// those whose URL matches it.
	ArticlePattern *regexp.Regexp

	// MaxDepth is the number of hops from a seed the crawl goes (default
	// DefaultMaxDepth; negative: no limit). Following a listing's pagination, or from a
	// sitemap index to its sitemaps, is not a hop; a sitemap's or feed's
	// entries are one hop from it.
	MaxDepth int
	// MaxPages caps the documents fetched, robots.txt files aside
	// (default DefaultMaxPages; negative: no cap).
	MaxPages int

	// Delay is the least time between the starts of two requests to one
	// host (default DefaultDelay; negative: none). A longer robots.txt
	// Crawl-delay wins, up to MaxCrawlDelay.
	Delay time.Duration
	// Parallel is the number of requests to one host at once (default
	// DefaultParallel).
	Parallel int
	// UserAgent is sent with every request (default DefaultUserAgent). Its
	// first word is the name robots.txt groups are matched against.
	UserAgent string
	// Retries is the number of times a request is retried after a
	// timeout, a connection error, a 5xx or a 429 (default DefaultRetries;
	// negative: none).
	Retries int
	// Timeout limits one attempt at a request, body included (default
	// DefaultTimeout; negative: none).
	Timeout time.Duration
	// MaxBody is the largest response body read (default DefaultMaxBody).
	// Larger pages are skipped.
	MaxBody int64
	// MaxRedirects is the number of redirects followed for one request
	// (default DefaultMaxRedirects).
	MaxRedirects int
	// IgnoreRobots disables robots.txt: its rules, its Crawl-delay and its
	// Sitemap lines.
	IgnoreRobots bool

	// MaxURLLength drops longer URLs (default DefaultMaxURLLength).
	MaxURLLength int
	// MaxQueryParams drops discovered URLs with more query parameters,
	// tracking parameters aside (default DefaultMaxQueryParams; negative:
	// no limit).
	MaxQueryParams int
	// PatternBudget is the number of non-article pages fetched for one
	// URL pattern of a host (the path with its numbers blanked out, and
	// the names of its query parameters) before links of that pattern stop
	// being followed (default DefaultPatternBudget; negative: no limit). It
	// ends calendar and faceted-search traps.
	PatternBudget int

	// BodyFormat is the form of the articles' bodies: extract.Text (the
	// default), extract.Markdown or extract.HTML.
	BodyFormat extract.BodyFormat

	// Sink receives every article. It is required unless OnArticle is set.
	Sink Sink
	// OnArticle, when set, is called with every article, after Sink.
	OnArticle func(*Record)

	// Since, when not zero, keeps the articles published before its day
	// (in its location) from being emitted. Articles whose date is
	// unknown are emitted, unless DropUndated.
	Since time.Time
	// DropUndated, with Since, drops the articles whose date is unknown.
	DropUndated bool

	// Frontier holds the URLs waiting to be fetched (default: in memory).
	// One that implements Acker keeps each request until the crawler is
	// done with it, so that a crawl killed midway can be resumed.
	Frontier queue.Storage
	// Seen remembers the URLs already queued and the articles already
	// emitted, as 64-bit hashes (default: in memory). It also keeps the
	// cookies.
	Seen storage.Storage
	// History, when set, remembers listings' fetch times and robots.txt
	// files across runs, so that a crawl on a persistent Frontier and Seen
	// set reads its listings again (see History).
	History History
	// RevisitAfter is the least time between two fetches of a listing, a
	// sitemap or a feed by two runs sharing a History (default
	// DefaultRevisitAfter; negative: every run).
	RevisitAfter time.Duration

	// Logger receives the crawl's logs (default: slog.Default()).
	Logger *slog.Logger
}

// withDefaults returns a copy of cfg with its defaults filled in, or an
// error for an invalid configuration.
func (cfg Config) withDefaults() (Config, error) {
	if len(cfg.Seeds) == 0 {
		return cfg, errors.New("no seed")
	}
	if cfg.Sink == nil && cfg.OnArticle == nil {
		return cfg, errors.New("no Sink and no OnArticle: the articles would go nowhere")
	}
	setDefault(&cfg.MaxDepth, DefaultMaxDepth)
	setDefault(&cfg.MaxPages, DefaultMaxPages)
	setDefault(&cfg.Delay, DefaultDelay)
	setDefault(&cfg.Parallel, DefaultParallel)
	setDefault(&cfg.UserAgent, DefaultUserAgent)
	setDefault(&cfg.Retries, DefaultRetries)
	setDefault(&cfg.Timeout, DefaultTimeout)
	setDefault(&cfg.MaxBody, DefaultMaxBody)
	setDefault(&cfg.MaxRedirects, DefaultMaxRedirects)
	setDefault(&cfg.MaxURLLength, DefaultMaxURLLength)
	setDefault(&cfg.MaxQueryParams, DefaultMaxQueryParams)
	setDefault(&cfg.PatternBudget, DefaultPatternBudget)
	setDefault(&cfg.RevisitAfter, DefaultRevisitAfter)
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.MaxDepth < 0 {
		cfg.MaxDepth = math.MaxInt32 // no limit
	}
	switch {
	case cfg.Parallel < 0:
		return cfg, fmt.Errorf("Parallel %d: must be positive", cfg.Parallel)
	case cfg.MaxBody < 0:
		return cfg, fmt.Errorf("MaxBody %d: must be positive", cfg.MaxBody)
	case cfg.MaxRedirects < 0:
		return cfg, fmt.Errorf("MaxRedirects %d: must not be negative", cfg.MaxRedirects)
	}
	// Negative values switch limits off; inside the crawler, 0 means off.
	for _, p := range []*time.Duration{&cfg.Delay, &cfg.Timeout, &cfg.RevisitAfter} {
		*p = max(*p, 0)
	}
	for _, p := range []*int{&cfg.MaxPages, &cfg.Retries, &cfg.MaxQueryParams, &cfg.PatternBudget, &cfg.MaxURLLength} {
		*p = max(*p, 0)
	}
	return cfg, nil
}

func setDefault[T comparable](p *T, def T) {
	var zero T
	if *p == zero {
		*p = def
	}
}
