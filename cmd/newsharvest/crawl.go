package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"regexp"
	"time"

	"github.com/spf13/cobra"

	"github.com/newsharvest/newsharvest/scraper"
)

func init() { registerCommand(newCrawlCmd) }

type crawlFlags struct {
	output         string
	allowDomains   []string
	include        []string
	exclude        []string
	articlePattern string
	maxDepth       int
	maxPages       int
	delay          time.Duration
	parallel       int
	userAgent      string
	retries        int
	timeout        time.Duration
	maxBody        byteSize
	ignoreRobots   bool
}

func newCrawlCmd(a *app) *cobra.Command {
	fl := &crawlFlags{
		maxDepth:  scraper.DefaultMaxDepth,
		maxPages:  scraper.DefaultMaxPages,
		delay:     scraper.DefaultDelay,
		parallel:  scraper.DefaultParallel,
		userAgent: userAgent(a.version),
		retries:   scraper.DefaultRetries,
		timeout:   scraper.DefaultTimeout,
		maxBody:   scraper.DefaultMaxBody,
	}
	cmd := &cobra.Command{
		Use:   "crawl [flags] SEED...",
		Short: "Crawl news sites and write their articles",
		Long: `Crawl the site of each SEED and write every article found, once, as one
JSON object per line: the fields of extract plus fetched_at (RFC 3339).
url is the address the page was fetched from, after redirects;
canonical_url is the address the page declares.

A SEED is a home page, a section page, a sitemap or a feed. The crawl
stays on the seeds' hosts (add more with --allow-domain), follows links,
the sitemaps named in robots.txt and /sitemap.xml, and feeds. Home pages,
sections, tag and author pages, pagination, archives, about, contact,
login and error pages are followed but never written.

The crawl is polite by default: it obeys robots.txt and its Crawl-delay
(capped at 30s), waits --delay between requests to a host, sends at most
--parallel requests to a host at once, honours Retry-After on 429 and
503, and retries failures --retries times with exponential backoff.

Records go to -o FILE, opened for appending (never truncated), or to
standard output. Logs go to standard error.`,
		Example: `  # Crawl a site politely into a file
  newsharvest crawl https://news.example/ -o articles.jsonl

  # From a sitemap, only its /politics/ section, faster on your own server
  newsharvest crawl --include '/politics/' --delay 0 --parallel 8 https://news.example/sitemap.xml`,
		Args: func(_ *cobra.Command, args []string) error {
			return checkSeeds(args)
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, err := fl.config(args)
			if err != nil {
				return err
			}
			return runCrawl(cmd.Context(), a, fl, cfg)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&fl.output, "output", "o", "", "append records to `FILE` (- or absent: standard output)")
	f.StringArrayVar(&fl.allowDomains, "allow-domain", nil, "also crawl `DOMAIN` and its subdomains (repeatable)")
	f.StringArrayVar(&fl.include, "include", nil, "follow only discovered URLs matching `REGEX` (repeatable: any one)")
	f.StringArrayVar(&fl.exclude, "exclude", nil, "never follow URLs matching `REGEX` (repeatable)")
	f.StringVar(&fl.articlePattern, "article-pattern", "", "pages whose URL matches `REGEX` are the articles, and no others")
	f.IntVar(&fl.maxDepth, "max-depth", fl.maxDepth, "hops from a seed; pagination is free, sitemap and feed entries are one hop")
	f.IntVar(&fl.maxPages, "max-pages", fl.maxPages, "documents fetched at most (0: no limit)")
	f.DurationVar(&fl.delay, "delay", fl.delay, "time between two requests to one host (robots.txt Crawl-delay wins when longer)")
	f.IntVar(&fl.parallel, "parallel", fl.parallel, "requests to one host at once")
	f.StringVar(&fl.userAgent, "user-agent", fl.userAgent, "User-Agent header sent, and matched against robots.txt")
	f.IntVar(&fl.retries, "retries", fl.retries, "retries after a timeout, connection error, 5xx or 429")
	f.DurationVar(&fl.timeout, "timeout", fl.timeout, "time limit for one request, body included (0: none)")
	f.Var(&fl.maxBody, "max-body", "largest page read; larger ones are skipped")
	f.BoolVar(&fl.ignoreRobots, "ignore-robots", false, "do not read robots.txt: no rules, no Crawl-delay, no sitemaps from it")
	return cmd
}

// checkSeeds validates the SEED arguments.
func checkSeeds(args []string) error {
	if len(args) == 0 {
		return usageErrorf("no seed: give the URL of a home page, section, sitemap or feed")
	}
	for _, s := range args {
		u, err := url.Parse(s)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return usageErrorf("invalid seed %q: want an absolute http or https URL", s)
		}
	}
	return nil
}

// config turns the flags into a scraper configuration.
func (fl *crawlFlags) config(seeds []string) (scraper.Config, error) {
	cfg := scraper.Config{
		Seeds:          seeds,
		AllowedDomains: fl.allowDomains,
		MaxDepth:       fl.maxDepth,
		MaxPages:       fl.maxPages,
		Delay:          fl.delay,
		Parallel:       fl.parallel,
		UserAgent:      fl.userAgent,
		Retries:        fl.retries,
		Timeout:        fl.timeout,
		MaxBody:        int64(fl.maxBody),
		IgnoreRobots:   fl.ignoreRobots,
	}
	switch {
	case fl.maxDepth < 0:
		return cfg, usageErrorf("invalid --max-depth %d: must not be negative", fl.maxDepth)
	case fl.maxPages < 0:
		return cfg, usageErrorf("invalid --max-pages %d: must not be negative", fl.maxPages)
	case fl.delay < 0:
		return cfg, usageErrorf("invalid --delay %s: must not be negative", fl.delay)
	case fl.parallel < 1:
		return cfg, usageErrorf("invalid --parallel %d: must be at least 1", fl.parallel)
	case fl.retries < 0:
		return cfg, usageErrorf("invalid --retries %d: must not be negative", fl.retries)
	case fl.timeout < 0:
		return cfg, usageErrorf("invalid --timeout %s: must not be negative", fl.timeout)
	case fl.maxBody <= 0:
		return cfg, usageErrorf("invalid --max-body %s: must be positive", fl.maxBody.String())
	case fl.userAgent == "":
		return cfg, usageErrorf("invalid --user-agent: must not be empty")
	}
	// The library reads 0 as "default" and a negative value as "none".
	if fl.maxDepth == 0 {
		cfg.MaxDepth = -1
	}
	if fl.maxPages == 0 {
		cfg.MaxPages = -1
	}
	if fl.delay == 0 {
		cfg.Delay = -1
	}
	if fl.retries == 0 {
		cfg.Retries = -1
	}
	if fl.timeout == 0 {
		cfg.Timeout = -1
	}
	var err error
	if cfg.Include, err = compileAll("--include", fl.include); err != nil {
		return cfg, err
	}
	if cfg.Exclude, err = compileAll("--exclude", fl.exclude); err != nil {
		return cfg, err
	}
	if fl.articlePattern != "" {
		if cfg.ArticlePattern, err = regexp.Compile(fl.articlePattern); err != nil {
			return cfg, usageErrorf("invalid --article-pattern %q: %v", fl.articlePattern, err)
		}
	}
	return cfg, nil
}

func compileAll(flag string, exprs []string) ([]*regexp.Regexp, error) {
	var out []*regexp.Regexp
	for _, e := range exprs {
		re, err := regexp.Compile(e)
		if err != nil {
			return nil, usageErrorf("invalid %s %q: %v", flag, e, err)
		}
		out = append(out, re)
	}
	return out, nil
}

// runCrawl crawls and writes the records, one JSON line each, flushed as
// they come so that an interrupted crawl keeps what it found.
func runCrawl(ctx context.Context, a *app, fl *crawlFlags, cfg scraper.Config) error {
	var w io.Writer = a.stdout
	if fl.output != "" && fl.output != "-" {
		f, err := os.OpenFile(fl.output, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
		if err != nil {
			return fmt.Errorf("open output: %w", err)
		}
		defer f.Close()
		w = f
	}
	out := bufio.NewWriter(w)
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	cfg.Sink = scraper.SinkFunc(func(_ context.Context, r *scraper.Record) error {
		if err := enc.Encode(r); err != nil {
			return fmt.Errorf("write output: %w", err)
		}
		if err := out.Flush(); err != nil {
			return fmt.Errorf("write output: %w", err)
		}
		return nil
	})
	cfg.Logger = a.log

	c, err := scraper.New(cfg)
	if err != nil {
		return usageErrorf("%v", err)
	}
	runErr := c.Run(ctx)
	if err := out.Flush(); err != nil && runErr == nil {
		runErr = fmt.Errorf("write output: %w", err)
	}
	if runErr != nil {
		if ctx.Err() != nil && errors.Is(runErr, context.Cause(ctx)) {
			return fmt.Errorf("interrupted: %w", runErr)
		}
		return runErr
	}
	return nil
}
