package main

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/newsharvest/newsharvest/scraper"
)

// Outcomes of a crawl, in the summary and the stats file.
const (
	outcomeCompleted   = "completed"       // ran to its end
	outcomeNoFetch     = "nothing_fetched" // ran to its end, but no document could be fetched
	outcomeInterrupted = "interrupted"     // stopped by a signal
	outcomeFailed      = "failed"          // a fatal error
	outcomeNotRun      = "not_run"         // a job file's site after an interruption
)

// runReport is the --stats file: what a crawl command did.
type runReport struct {
	// Outcome is the run's: completed, nothing_fetched, interrupted or
	// failed, the worst of its sites'.
	Outcome  string    `json:"outcome"`
	ExitCode int       `json:"exit_code"`
	Started  time.Time `json:"started"`
	Finished time.Time `json:"finished"`
	Duration float64   `json:"duration_seconds"`
	// Written is the number of articles written to the output.
	Written int64 `json:"written"`
	// Totals adds up the sites' figures.
	Totals scraper.Stats `json:"totals"`
	Sites  []siteReport  `json:"sites"`
}

// siteReport is one site's part of a runReport.
type siteReport struct {
	Name     string   `json:"name,omitempty"`
	Seeds    []string `json:"seeds"`
	Outcome  string   `json:"outcome"`
	Error    string   `json:"error,omitempty"`
	Duration float64  `json:"duration_seconds"`
	Written  int64    `json:"written"`
	// Recovered is the number of articles found in the output after a
	// crash and counted as written by it.
	Recovered int64 `json:"recovered,omitempty"`
	// Unfinished is the number of requests left in --state for the next
	// run.
	Unfinished int           `json:"unfinished,omitempty"`
	StateDir   string        `json:"state,omitempty"`
	Stats      scraper.Stats `json:"stats"`
}

// nothingFetched reports whether a crawl that ran to its end tried to
// fetch and got no document: every request failed, answered an error
// status, or was disallowed by robots.txt.
func nothingFetched(s scraper.Stats) bool {
	return s.Fetched == 0 && (s.Requests > 0 || s.Disallowed > 0)
}

// errorCount is the number of documents lost to errors.
func errorCount(s scraper.Stats) int64 {
	var n int64
	for _, v := range s.Errors {
		n += v
	}
	return n
}

// addStats adds b's figures to a.
func addStats(a *scraper.Stats, b scraper.Stats) {
	a.Requests += b.Requests
	a.Fetched += b.Fetched
	a.Articles += b.Articles
	a.Duplicates += b.Duplicates
	a.NotArticles += b.NotArticles
	a.Skipped += b.Skipped
	a.Failed += b.Failed
	a.Retries += b.Retries
	a.Disallowed += b.Disallowed
	a.Filtered += b.Filtered
	a.Trapped += b.Trapped
	a.Queued += b.Queued
	a.Bytes += b.Bytes
	a.Status = addMap(a.Status, b.Status)
	a.Errors = addMap(a.Errors, b.Errors)
	for host, h := range b.Hosts {
		if a.Hosts == nil {
			a.Hosts = make(map[string]scraper.HostStats)
		}
		sum := a.Hosts[host]
		sum.Requests += h.Requests
		sum.Fetched += h.Fetched
		sum.Articles += h.Articles
		sum.Errors += h.Errors
		sum.Bytes += h.Bytes
		sum.Status = addMap(sum.Status, h.Status)
		a.Hosts[host] = sum
	}
}

func addMap[K comparable](a, b map[K]int64) map[K]int64 {
	if len(b) == 0 {
		return a
	}
	if a == nil {
		a = make(map[K]int64, len(b))
	}
	for k, v := range b {
		a[k] += v
	}
	return a
}

// siteLine is the one-line summary of a site's crawl.
func siteLine(r *siteReport) string {
	how := "done"
	switch r.Outcome {
	case outcomeInterrupted:
		how = "interrupted"
	case outcomeFailed:
		how = "failed"
	case outcomeNoFetch:
		how = "fetched nothing"
	}
	s := r.Stats
	msg := fmt.Sprintf("crawl %s: %d articles written, %d duplicates, %d filtered, %d documents fetched, %d failed",
		how, r.Written, s.Duplicates, s.Filtered, s.Fetched, s.Failed)
	if r.Recovered > 0 {
		msg += fmt.Sprintf(", %d found in the output after a crash", r.Recovered)
	}
	if r.StateDir != "" {
		msg += fmt.Sprintf("; %d requests left for the next run in %s", r.Unfinished, r.StateDir)
	}
	if r.Name != "" {
		msg = "site " + r.Name + ": " + msg
	}
	return msg
}

// printSiteSummary tells on standard error, in one line, what a site's
// crawl did.
func printSiteSummary(a *app, r *siteReport) {
	if a.logs.quiet {
		return
	}
	if a.jsonLogs() {
		a.notice("site done", slog.String("site", r.Name), slog.String("outcome", r.Outcome),
			slog.Int64("written", r.Written), slog.Any("stats", r.Stats))
		return
	}
	fmt.Fprintf(a.stderr, "newsharvest: %s\n", siteLine(r))
}

// printSummary tells on standard error what the whole run did: the
// figures a crawl's first line leaves out.
func printSummary(a *app, rep *runReport) {
	if a.logs.quiet {
		return
	}
	if a.jsonLogs() {
		a.notice("summary", slog.Any("run", rep))
		return
	}
	var b strings.Builder
	s := rep.Totals
	if len(rep.Sites) > 1 {
		fmt.Fprintf(&b, "newsharvest: %d sites, %s: %d articles written, %d documents fetched\n",
			len(rep.Sites), rep.Outcome, rep.Written, s.Fetched)
	}
	fmt.Fprintf(&b, "  responses:  %s\n", joinCounts(s.Status, func(k int) string { return fmt.Sprint(k) }))
	fmt.Fprintf(&b, "  errors:     %s\n", joinCounts(s.Errors, func(k string) string { return k }))
	fmt.Fprintf(&b, "  requests:   %d, %d retries, %d blocked by robots.txt, %d trap URLs dropped\n",
		s.Requests, s.Retries, s.Disallowed, s.Trapped)
	fmt.Fprintf(&b, "  read:       %s in %s\n", humanBytes(s.Bytes), time.Duration(rep.Duration*float64(time.Second)).Round(time.Millisecond))
	if len(s.Hosts) > 0 {
		fmt.Fprintf(&b, "  %-32s %8s %8s %8s %8s %10s\n", "host", "requests", "fetched", "articles", "errors", "read")
		for _, host := range slices.Sorted(maps.Keys(s.Hosts)) {
			h := s.Hosts[host]
			fmt.Fprintf(&b, "  %-32s %8d %8d %8d %8d %10s\n", host, h.Requests, h.Fetched, h.Articles, h.Errors, humanBytes(h.Bytes))
		}
	}
	if rep.Outcome == outcomeNoFetch {
		fmt.Fprintf(&b, "newsharvest: no document could be fetched: the site is down or blocks us (exit status %d)\n", exitNoFetch)
	}
	fmt.Fprint(a.stderr, b.String())
}

// joinCounts lists a histogram's entries, by key: "200 ×12, 404 ×1".
func joinCounts[K int | string](m map[K]int64, name func(K) string) string {
	if len(m) == 0 {
		return "none"
	}
	var parts []string
	for _, k := range slices.Sorted(maps.Keys(m)) {
		parts = append(parts, fmt.Sprintf("%s ×%d", name(k), m[k]))
	}
	return strings.Join(parts, ", ")
}

// humanBytes writes n in B, KiB, MiB or GiB.
func humanBytes(n int64) string {
	switch {
	case n < 1<<10:
		return fmt.Sprintf("%d B", n)
	case n < 1<<20:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	case n < 1<<30:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	}
	return fmt.Sprintf("%.2f GiB", float64(n)/(1<<30))
}

// writeStatsFile writes rep as indented JSON to path, atomically: a
// reader never sees half a file.
func writeStatsFile(path string, rep *runReport) error {
	data, err := json.MarshalIndent(rep, "", "  ")
	if err != nil {
		return err
	}
	data = append(data, '\n')
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return fmt.Errorf("--stats: %w", err)
	}
	defer os.Remove(tmp.Name()) // after a successful rename, a no-op
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return fmt.Errorf("--stats: %w", err)
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("--stats: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("--stats: %w", err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("--stats: %w", err)
	}
	return nil
}
