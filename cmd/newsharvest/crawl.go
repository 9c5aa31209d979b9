package main

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

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
	bodyFormat     string
}

// runFlags are the crawl command's flags that concern the whole run
// rather than a site: they cannot be set in a job file.
type runFlags struct {
	config        string
	stats         string
	progressEvery time.Duration
	check         bool
}

// newSiteFlags returns the flags of one site, at their built-in defaults,
// on fs (a new flag set when fs is nil).
func newSiteFlags(a *app, fs *pflag.FlagSet) (*crawlFlags, *pflag.FlagSet) {
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
		bodyFormat:   "text",
	}
	if fs == nil {
		fs = pflag.NewFlagSet("site", pflag.ContinueOnError)
	}
	f := fs
	f.StringVarP(&fl.output, "output", "o", "", "append records to `FILE` or path template (- or absent: standard output)")
	f.StringVar(&fl.state, "state", "", "keep the crawl's state in `DIR`: resume, and write only new articles (with --config: DIR/<site name>)")
	f.DurationVar(&fl.revisitAfter, "revisit-after", fl.revisitAfter, "with --state, read a listing, feed or sitemap again only this long after the last time")
	f.StringVar(&fl.since, "since", "", "write only articles published on or after `DATE` (YYYY-MM-DD); undated ones are kept")
	f.BoolVar(&fl.dropUndated, "drop-undated", false, "with --since, drop the articles whose date is unknown")
	f.DurationVar(&fl.syncEvery, "sync-every", fl.syncEvery, "time between two checkpoints: the output written and synced, the state saved (0: after every record)")
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
	f.StringVar(&fl.bodyFormat, "body-format", fl.bodyFormat, "form of the articles' body: `text`, markdown or html")
	return fl, fs
}

func newCrawlCmd(a *app) *cobra.Command {
	rf := &runFlags{progressEvery: 30 * time.Second}
	var fl *crawlFlags
	cmd := &cobra.Command{
		Use:   "crawl [flags] SEED... | crawl --config FILE [flags]",
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
opened.

With --state DIR the crawl keeps its frontier, the URLs it has seen, the
articles it has written, robots.txt files and when it last read each
listing in DIR. Running the same command again resumes a crawl that was
stopped or killed, or, after a finished crawl, reads the home pages,
sections, feeds and sitemaps again (when --revisit-after has passed) and
writes only the articles not written before. With -o FILE the output
holds every article once, whatever moment a crash comes at; on standard
output an article in flight at a crash may come twice. One process at a
time may use DIR.

With --config FILE the sites of a YAML job file are crawled one after
another, in the file's order, each with its seeds and settings (see
examples/jobs.yaml and the README). Every setting is a flag of this
command spelt with underscores (max_depth for --max-depth); flags given
on the command line override the file for every site. With --state DIR,
each site keeps its state in DIR/<site name>. --check validates the file
and prints each site's settings, as JSON lines, without crawling.

Logs, progress and a closing summary go to standard error. On a terminal
a status line shows pages fetched, queued, articles, errors, pages/s and
the time elapsed; elsewhere a progress record is logged every
--progress-every. --stats FILE writes the summary as JSON.

Exit status: 0 when the crawl completed (failed pages are counted in the
summary); 1 on a fatal error (output or state unusable); 2 on a usage or
job file error; 3 when the crawl completed but no document could be
fetched: every request failed, answered an error status or was
disallowed by robots.txt (the site is down or blocks us); 130 or 143 on
SIGINT or SIGTERM: the crawl stops taking work, abandons the requests in
flight (within 10s), syncs the output, saves the state and prints its
summary.`,
		Example: `  # Crawl a site politely into a file
  newsharvest crawl https://news.example/ -o articles.jsonl

  # From a sitemap, only its /politics/ section, faster on your own server
  newsharvest crawl --include '/politics/' --delay 0 --parallel 8 https://news.example/sitemap.xml

  # Articles as Markdown, at most 200 pages, with a JSON run summary
  newsharvest crawl --body-format markdown --max-pages 200 --stats run.json https://news.example/

  # Every hour from cron: only new articles, one file a day, alert on exit 3
  newsharvest crawl --state ~/.newsharvest/example -o 'out/{{.Host}}/{{.Date}}.jsonl' https://news.example/

  # The sites of a job file; a flag overrides the file for every site
  newsharvest crawl --config jobs.yaml --state ~/.newsharvest --delay 5s

  # Check a job file and show each site's settings without crawling
  newsharvest crawl --config jobs.yaml --check

  # Quiet in cron, JSON logs for a log collector
  newsharvest crawl -q --stats /var/log/newsharvest/last.json https://news.example/
  newsharvest crawl --log-format json --log-level info https://news.example/`,
		Args: func(cmd *cobra.Command, args []string) error {
			if rf.config != "" {
				if len(args) > 0 {
					return usageErrorf("SEED arguments and --config exclude each other: put the seeds in the job file")
				}
				return nil
			}
			if rf.check {
				return usageErrorf("--check needs --config")
			}
			return checkSeeds(args)
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if rf.progressEvery < 0 {
				return usageErrorf("invalid --progress-every %s: must not be negative", rf.progressEvery)
			}
			jobs, err := planCrawl(a, cmd, fl, rf, args)
			if err != nil {
				return err
			}
			if rf.check {
				return printPlan(a, jobs)
			}
			return runJobs(cmd.Context(), a, rf, jobs)
		},
	}
	fl, _ = newSiteFlags(a, cmd.Flags())
	f := cmd.Flags()
	f.StringVarP(&rf.config, "config", "c", "", "crawl the sites of the YAML job `FILE`; flags given override it")
	f.BoolVar(&rf.check, "check", false, "with --config, check the job file, print each site's settings and exit")
	f.StringVar(&rf.stats, "stats", "", "write the run's summary as JSON to `FILE`")
	f.DurationVar(&rf.progressEvery, "progress-every", rf.progressEvery, "when standard error is no terminal, log progress this often (0: never)")
	return cmd
}

// crawlJob is one site to crawl: its name (empty without --config), its
// flags and the scraper configuration they make.
type crawlJob struct {
	name string
	fl   *crawlFlags
	cfg  scraper.Config
}

// planCrawl returns the sites to crawl: the seeds of the command line, or
// the sites of the job file with the flags given over them.
func planCrawl(a *app, cmd *cobra.Command, fl *crawlFlags, rf *runFlags, args []string) ([]*crawlJob, error) {
	if rf.config == "" {
		cfg, err := fl.config(args)
		if err != nil {
			return nil, err
		}
		return []*crawlJob{{fl: fl, cfg: cfg}}, nil
	}
	sites, err := loadJobFile(rf.config, func() (*crawlFlags, *pflag.FlagSet) { return newSiteFlags(a, nil) })
	if err != nil {
		return nil, err
	}
	var jobs []*crawlJob
	for _, s := range sites {
		// The command line wins over the file.
		var ferr error
		cmd.Flags().Visit(func(f *pflag.Flag) {
			target := s.flags.Lookup(f.Name)
			if target == nil || ferr != nil {
				return
			}
			if sv, ok := f.Value.(pflag.SliceValue); ok {
				ferr = target.Value.(pflag.SliceValue).Replace(sv.GetSlice())
			} else {
				ferr = target.Value.Set(f.Value.String())
			}
		})
		if ferr != nil {
			return nil, ferr
		}
		s.fl.state = siteStateDir(s.fl.state, s.name)
		cfg, err := s.fl.config(s.seeds)
		if err != nil {
			return nil, configError(rf.config, s.line, "site %q: %v", s.name, err)
		}
		jobs = append(jobs, &crawlJob{name: s.name, fl: s.fl, cfg: cfg})
	}
	return jobs, nil
}

// printPlan writes each job's settings as a JSON line on standard output.
func printPlan(a *app, jobs []*crawlJob) error {
	enc := json.NewEncoder(a.stdout)
	for _, j := range jobs {
		fl := j.fl
		err := enc.Encode(map[string]any{
			"name": j.name, "seeds": j.cfg.Seeds, "output": fl.output, "state": fl.state,
			"revisit_after": fl.revisitAfter.String(), "since": fl.since, "drop_undated": fl.dropUndated,
			"sync_every": fl.syncEvery.String(), "allow_domains": fl.allowDomains, "include": fl.include,
			"exclude": fl.exclude, "article_pattern": fl.articlePattern, "max_depth": fl.maxDepth,
			"max_pages": fl.maxPages, "delay": fl.delay.String(), "parallel": fl.parallel,
			"user_agent": fl.userAgent, "retries": fl.retries, "timeout": fl.timeout.String(),
			"max_body": fl.maxBody.String(), "ignore_robots": fl.ignoreRobots, "body_format": fl.bodyFormat,
		})
		if err != nil {
			return fmt.Errorf("write output: %w", err)
		}
	}
	return nil
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
	bf, err := bodyFormatFlag(fl.bodyFormat)
	if err != nil {
		return cfg, err
	}
	cfg.BodyFormat = bf
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

// noFetchError ends a crawl that completed without fetching a document:
// exit status 3.
type noFetchError struct{ sites []string }

func (e noFetchError) Error() string {
	if len(e.sites) == 0 {
		return "no document could be fetched: the site is down or blocks us"
	}
	return "no document could be fetched from " + strings.Join(e.sites, ", ") + ": down or blocking us"
}
func (noFetchError) ExitCode() int { return exitNoFetch }

// runJobs crawls the jobs one after another, shows progress, and prints
// and writes the summary. A fatal error on a site does not keep the next
// ones from running; an interruption does.
func runJobs(ctx context.Context, a *app, rf *runFlags, jobs []*crawlJob) error {
	rep := &runReport{Started: time.Now().UTC()}
	var (
		mu      sync.Mutex
		done    scraper.Stats // the sites finished
		current *scraper.Crawler
		site    string
	)
	stopProgress := startProgress(a, rf.progressEvery, func() (string, scraper.Stats) {
		mu.Lock()
		defer mu.Unlock()
		var s scraper.Stats
		addStats(&s, done)
		if current != nil {
			addStats(&s, current.Stats())
		}
		return site, s
	})
	var (
		firstErr, stopErr error
		noFetch           []string
	)
	for i, j := range jobs {
		if i > 0 && ctx.Err() != nil {
			rep.Sites = append(rep.Sites, siteReport{Name: j.name, Seeds: j.cfg.Seeds, Outcome: outcomeNotRun})
			continue
		}
		mu.Lock()
		site = j.name
		mu.Unlock()
		r, err := runCrawl(ctx, a, j, func(c *scraper.Crawler) {
			mu.Lock()
			current = c
			mu.Unlock()
		})
		mu.Lock()
		addStats(&done, r.Stats)
		done.Queued -= r.Stats.Queued // a finished site queues nothing
		current = nil
		mu.Unlock()
		if len(jobs) > 1 || a.jsonLogs() {
			a.stderr.clearStatus()
			printSiteSummary(a, &r)
		} else if !a.logs.quiet {
			stopProgress()
			stopProgress = func() {}
			fmt.Fprintf(a.stderr, "newsharvest: %s\n", siteLine(&r))
		}
		rep.Sites = append(rep.Sites, r)
		switch {
		case err != nil && r.Outcome == outcomeInterrupted:
			stopErr = err
		case err != nil && firstErr == nil:
			firstErr = err
			if len(jobs) > 1 && r.Outcome == outcomeFailed {
				a.log.Error("site failed", "site", j.name, "err", err)
			}
		case r.Outcome == outcomeNoFetch:
			noFetch = append(noFetch, cmp.Or(j.name, j.cfg.Seeds[0]))
		}
	}
	stopProgress()

	rep.Finished = time.Now().UTC()
	rep.Duration = rep.Finished.Sub(rep.Started).Seconds()
	rep.Outcome = outcomeCompleted
	for _, r := range rep.Sites {
		addStats(&rep.Totals, r.Stats)
		rep.Written += r.Written
		if outcomeRank(r.Outcome) > outcomeRank(rep.Outcome) {
			rep.Outcome = r.Outcome
		}
	}
	var err error
	switch {
	case stopErr != nil:
		err = stopErr
	case firstErr != nil:
		err = firstErr
	case len(noFetch) > 0:
		err = noFetchError{sites: noFetch}
		if len(jobs) == 1 {
			err = noFetchError{}
		}
	}
	rep.ExitCode = exitOK
	if err != nil {
		rep.ExitCode = exitCodeOf(err)
	}
	printSummary(a, rep)
	if rf.stats != "" {
		if werr := writeStatsFile(rf.stats, rep); werr != nil && err == nil {
			err = werr
		}
	}
	if _, ok := err.(noFetchError); ok && !a.logs.quiet {
		return errReportedWith{err} // the summary said it
	}
	return err
}

// errReportedWith is an error already told on standard error by the
// summary: run prints nothing more, but its exit status stands.
type errReportedWith struct{ err error }

func (e errReportedWith) Error() string { return e.err.Error() }
func (e errReportedWith) Unwrap() []error {
	return []error{errReported, e.err}
}

// outcomeRank orders outcomes from best to worst: the run's is its
// sites' worst.
func outcomeRank(o string) int {
	switch o {
	case outcomeNoFetch:
		return 1
	case outcomeFailed:
		return 2
	case outcomeNotRun, outcomeInterrupted:
		return 3
	}
	return 0
}

// runCrawl crawls one job and writes the records, one JSON line each,
// through a store.Sink: with --state, resumable and each article once.
// started is called with the crawler before it runs.
func runCrawl(ctx context.Context, a *app, j *crawlJob, started func(*scraper.Crawler)) (rep siteReport, err error) {
	fl, cfg := j.fl, j.cfg
	t0 := time.Now()
	rep = siteReport{Name: j.name, Seeds: cfg.Seeds, Outcome: outcomeFailed}
	defer func() {
		rep.Duration = time.Since(t0).Seconds()
		if err != nil && rep.Error == "" {
			rep.Error = err.Error()
		}
	}()
	log := a.log
	if j.name != "" {
		log = log.With("site", j.name)
	}
	var st *store.State
	if fl.state != "" {
		if st, err = store.OpenState(fl.state, store.Options{Logger: log}); err != nil {
			return rep, err
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
	} else if out, err = store.NewFileOutput(fl.output, log); err != nil {
		return rep, usageErrorf("invalid --output: %v", err)
	}
	sink, err := store.NewSink(out, st, store.SinkOptions{SyncEvery: syncEvery, Logger: log})
	if err != nil {
		return rep, err
	}
	cfg.Sink = scraper.SinkFunc(func(ctx context.Context, r *scraper.Record) error {
		err := sink.Write(ctx, store.Item{ID: r.ID, URL: r.URL, Published: r.Date, FetchedAt: r.FetchedAt, Value: r})
		if errors.Is(err, store.ErrAlreadyEmitted) {
			return fmt.Errorf("%w: %w", scraper.ErrDuplicate, err)
		}
		return err
	})
	cfg.Logger = log

	c, err := scraper.New(cfg)
	if err != nil {
		sink.Close()
		return rep, usageErrorf("%v", err)
	}
	started(c)

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
			log.Warn("requests in flight did not stop in time: abandoned", "grace", shutdownGrace)
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
	rep.Stats = c.Stats()
	rep.Written, rep.Recovered = sink.Written(), sink.Adopted()
	if st != nil {
		rep.StateDir, rep.Unfinished = st.Dir(), st.Unfinished()
	}
	switch {
	case interrupted:
		rep.Outcome = outcomeInterrupted
		return rep, fmt.Errorf("interrupted: %w", runErr)
	case runErr != nil:
		return rep, runErr
	case nothingFetched(rep.Stats):
		rep.Outcome = outcomeNoFetch
	default:
		rep.Outcome = outcomeCompleted
	}
	return rep, nil
}
