package main

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"time"

	"github.com/spf13/cobra"

	"github.com/newsharvest/newsharvest/scraper"
	"github.com/newsharvest/newsharvest/store"
)

// shutdownGrace bounds the wait for requests in flight after a signal:
// past it they are abandoned (their pages stay in the frontier).
const shutdownGrace = 10 * time.Second

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
	state          string
	revisitAfter   time.Duration
	since          string
	dropUndated    bool
	syncEvery      time.Duration
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

		revisitAfter: scraper.DefaultRevisitAfter,
		syncEvery:    time.Second,
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
standard output. FILE may be a template such as 'out/{{.Host}}/{{.Date}}.jsonl'
with the fields Host (without www.), Date, Year, Month, Day (the day of the
fetch, UTC) and Published (the article's day, or "undated"). Each record
is one whole line; a line torn by a crash is cut when the file is next
opened. Logs and a closing summary go to standard error.

With --state DIR the crawl keeps its frontier, the URLs it has seen, the
articles it has written, robots.txt files and when it last read each
listing in DIR. Running the same command again resumes a crawl that was
stopped or killed, or, after a finished crawl, reads the home pages,
sections, feeds and sitemaps again (when --revisit-after has passed) and
writes only the articles not written before. With -o FILE the output
holds every article once, whatever moment a crash comes at; on standard
output an article in flight at a crash may come twice. One process at a
time may use DIR.

On SIGINT or SIGTERM the crawl stops taking work, abandons the requests
in flight (within 10s), syncs the output, saves the state, prints its
summary and exits 130 or 143.`,
		Example: `  # Crawl a site politely into a file
  newsharvest crawl https://news.example/ -o articles.jsonl

  # From a sitemap, only its /politics/ section, faster on your own server
  newsharvest crawl --include '/politics/' --delay 0 --parallel 8 https://news.example/sitemap.xml

  # Every hour from cron: only new articles, one file a day
  newsharvest crawl --state ~/.newsharvest/example -o 'out/{{.Host}}/{{.Date}}.jsonl' https://news.example/`,
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
	f.StringVarP(&fl.output, "output", "o", "", "append records to `FILE` or path template (- or absent: standard output)")
	f.StringVar(&fl.state, "state", "", "keep the crawl's state in `DIR`: resume, and write only new articles")
	f.DurationVar(&fl.revisitAfter, "revisit-after", fl.revisitAfter, "with --state, read a listing, feed or sitemap again only this long after the last time")
	f.StringVar(&fl.since, "since", "", "write only articles published on or after `DATE` (YYYY-MM-DD); undated ones are kept")
	f.BoolVar(&fl.dropUndated, "drop-undated", false, "with --since, drop the articles whose date is unknown")
	f.DurationVar(&fl.syncEvery, "sync-every", fl.syncEvery, "time between two syncs of the output and saves of the state (0: after every record)")
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
	case fl.revisitAfter < 0:
		return cfg, usageErrorf("invalid --revisit-after %s: must not be negative", fl.revisitAfter)
	case fl.syncEvery < 0:
		return cfg, usageErrorf("invalid --sync-every %s: must not be negative", fl.syncEvery)
	case fl.dropUndated && fl.since == "":
		return cfg, usageErrorf("--drop-undated needs --since")
	}
	if fl.since != "" {
		t, err := time.Parse(time.DateOnly, fl.since)
		if err != nil {
			return cfg, usageErrorf("invalid --since %q: want a date, YYYY-MM-DD", fl.since)
		}
		cfg.Since, cfg.DropUndated = t, fl.dropUndated
	}
	cfg.RevisitAfter = fl.revisitAfter
	if fl.revisitAfter == 0 {
		cfg.RevisitAfter = -1
	}
	if fl.output != "" && store.IsTemplate(fl.output) {
		if _, err := store.ParsePathTemplate(fl.output); err != nil {
			return cfg, usageErrorf("invalid --output: %v", err)
		}
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

// runCrawl crawls and writes the records, one JSON line each, through a
// store.Sink: with --state, resumable and each article once.
func runCrawl(ctx context.Context, a *app, fl *crawlFlags, cfg scraper.Config) (err error) {
	var st *store.State
	if fl.state != "" {
		if st, err = store.OpenState(fl.state, store.Options{Logger: a.log}); err != nil {
			return err
		}
		defer func() {
			if cerr := st.Close(); cerr != nil && err == nil {
				err = cerr
			}
		}()
		cfg.Frontier, cfg.Seen, cfg.History = st, st, st
	}
	var out *store.Output
	syncEvery := fl.syncEvery
	if fl.output == "" || fl.output == "-" {
		out = store.NewStreamOutput("standard output", a.stdout)
		if st != nil {
			syncEvery = 0 // a stream cannot be reconciled: mark each record at once
		}
	} else if out, err = store.NewFileOutput(fl.output, a.log); err != nil {
		return usageErrorf("invalid --output: %v", err)
	}
	sink, err := store.NewSink(out, st, store.SinkOptions{SyncEvery: syncEvery, Logger: a.log})
	if err != nil {
		return err
	}
	cfg.Sink = scraper.SinkFunc(func(ctx context.Context, r *scraper.Record) error {
		err := sink.Write(ctx, store.Item{ID: r.ID, URL: r.URL, Published: r.Date, FetchedAt: r.FetchedAt, Value: r})
		if errors.Is(err, store.ErrAlreadyEmitted) {
			return fmt.Errorf("%w: %w", scraper.ErrDuplicate, err)
		}
		return err
	})
	cfg.Logger = a.log

	c, err := scraper.New(cfg)
	if err != nil {
		sink.Close()
		return usageErrorf("%v", err)
	}

	// Checkpoints while the crawl runs, so that the frontier is saved
	// even while no article comes.
	ckCtx, stopCk := context.WithCancel(context.Background())
	ckDone := make(chan error, 1)
	go func() { ckDone <- sink.CheckpointEvery(ckCtx, max(fl.syncEvery, 100*time.Millisecond)) }()

	runDone := make(chan error, 1)
	go func() { runDone <- c.Run(ctx) }()
	var runErr error
	select {
	case runErr = <-runDone:
	case <-ctx.Done():
		select {
		case runErr = <-runDone:
		case <-time.After(shutdownGrace):
			a.log.Warn("requests in flight did not stop in time: abandoned", "grace", shutdownGrace)
			runErr = context.Cause(ctx)
		}
	}
	stopCk()
	if ckErr := <-ckDone; ckErr != nil && runErr == nil {
		runErr = ckErr
	}
	if cerr := sink.Close(); cerr != nil && runErr == nil {
		runErr = cerr
	}
	if st != nil {
		if cerr := st.Close(); cerr != nil && runErr == nil {
			runErr = cerr
		}
	}
	interrupted := ctx.Err() != nil && runErr != nil && errors.Is(runErr, context.Cause(ctx))
	printSummary(a, c.Stats(), sink, st, runErr, interrupted)
	if runErr != nil {
		if interrupted {
			return fmt.Errorf("interrupted: %w", runErr)
		}
		return runErr
	}
	return nil
}

// printSummary tells on standard error what the crawl did.
func printSummary(a *app, s scraper.Stats, sink *store.Sink, st *store.State, runErr error, interrupted bool) {
	how := "done"
	switch {
	case interrupted:
		how = "interrupted"
	case runErr != nil:
		how = "failed"
	}
	msg := fmt.Sprintf("crawl %s: %d articles written, %d duplicates, %d filtered, %d documents fetched, %d failed",
		how, sink.Written(), s.Duplicates, s.Filtered, s.Fetched, s.Failed)
	if n := sink.Adopted(); n > 0 {
		msg += fmt.Sprintf(", %d found in the output after a crash", n)
	}
	if st != nil {
		msg += fmt.Sprintf("; %d requests left for the next run in %s", st.Unfinished(), st.Dir())
	}
	fmt.Fprintf(a.stderr, "newsharvest: %s\n", msg)
}
