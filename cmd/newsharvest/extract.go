package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/newsharvest/newsharvest/extract"
)

func init() { registerCommand(newExtractCmd) }

// Defaults of the extract flags.
const (
	defaultTimeout = 30 * time.Second
	defaultMaxBody = 10 << 20 // 10 MiB
)

// stdinName is how the input "-" is named in messages.
const stdinName = "stdin"

type extractFlags struct {
	pageURL    string
	timeout    time.Duration
	maxBody    byteSize
	userAgent  string
	bodyFormat string
	format     extract.BodyFormat
}

func newExtractCmd(a *app) *cobra.Command {
	fl := &extractFlags{
		timeout:   defaultTimeout,
		maxBody:   defaultMaxBody,
		userAgent: userAgent(a.version),
	}
	cmd := &cobra.Command{
		Use:   "extract [--url URL] INPUT...",
		Short: "Extract the article from web pages",
		Long: `Extract the article from each INPUT and write it to standard output as one
JSON object per line, in input order.

An INPUT is a file path, an http or https URL, or - for standard input.
URL inputs are fetched; the address after redirects becomes the article's
url and resolves its relative links.

--url gives the address a file or standard-input page was read from: it
resolves the page's relative links and becomes the article's url. With
several file inputs, --url applies to every one of them, so give each page
that needs its own address a command of its own. URL inputs ignore it.

--max-body caps every document read, from a URL, a file or standard input.
Sizes take a unit: 512KiB, 10MiB, 1GiB (or plain bytes).

A failed input gets one line on standard error naming it; the other inputs
are still written, and the exit status is 1. Usage errors exit with 2.`,
		Example: `  # A saved page
  newsharvest extract testdata/pages/seed-world-news.html

  # A saved page, with the address it came from
  newsharvest extract --url https://news.example/a.html page.html

  # From standard input
  curl -s https://news.example/a.html | newsharvest extract --url https://news.example/a.html -

  # Fetch and extract
  newsharvest extract https://news.example/article`,
		Args: func(_ *cobra.Command, args []string) error {
			return checkInputs(args)
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := fl.check(); err != nil {
				return err
			}
			return runExtract(cmd.Context(), a, fl, args)
		},
	}
	f := cmd.Flags()
	f.StringVar(&fl.pageURL, "url", "", "`URL` the file and stdin inputs were read from (all of them)")
	f.DurationVar(&fl.timeout, "timeout", fl.timeout, "time limit for fetching one URL input, redirects and body included (0: none)")
	f.Var(&fl.maxBody, "max-body", "largest document read from a URL, file or stdin")
	f.StringVar(&fl.userAgent, "user-agent", fl.userAgent, "User-Agent header sent with requests")
	f.StringVar(&fl.bodyFormat, "body-format", "text", "form of the body: `text`, markdown or html")
	return cmd
}

// checkInputs validates the INPUT arguments.
func checkInputs(args []string) error {
	if len(args) == 0 {
		return usageErrorf("no input: give a file, an http(s) URL, or - for standard input")
	}
	stdin := 0
	for _, arg := range args {
		if arg == "" {
			return usageErrorf("empty input name")
		}
		if arg == "-" {
			stdin++
		}
	}
	if stdin > 1 {
		return usageErrorf("- (standard input) given %d times: it can be read only once", stdin)
	}
	return nil
}

// bodyFormatFlag reads --body-format, for extract and crawl alike.
func bodyFormatFlag(v string) (extract.BodyFormat, error) {
	f, err := extract.ParseBodyFormat(v)
	if err != nil {
		return f, usageErrorf("invalid --body-format: %v", err)
	}
	return f, nil
}

func (fl *extractFlags) check() error {
	if fl.pageURL != "" {
		u, err := url.Parse(fl.pageURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return usageErrorf("invalid --url %q: want an absolute http or https URL", fl.pageURL)
		}
	}
	if fl.timeout < 0 {
		return usageErrorf("invalid --timeout %s: must not be negative", fl.timeout)
	}
	f, err := bodyFormatFlag(fl.bodyFormat)
	if err != nil {
		return err
	}
	fl.format = f
	if fl.maxBody <= 0 {
		return usageErrorf("invalid --max-body %s: must be positive", fl.maxBody.String())
	}
	return nil
}

// isURLInput reports whether an INPUT names an http or https URL rather
// than a file.
func isURLInput(arg string) bool {
	lower := strings.ToLower(arg)
	return strings.HasPrefix(lower, "http://") || strings.HasPrefix(lower, "https://")
}

// runExtract extracts every input in order and writes one JSON line for
// each that succeeds. A failed input is reported on stderr and skipped; a
// failed write to stdout stops everything.
func runExtract(ctx context.Context, a *app, fl *extractFlags, inputs []string) error {
	if fl.pageURL != "" && !hasLocalInput(inputs) {
		a.log.Warn("--url is ignored: it applies to file and stdin inputs only", "url", fl.pageURL)
	}
	fetch := newFetcher(fl.timeout, int64(fl.maxBody), fl.userAgent, a.log)
	defer fetch.close()

	out := bufio.NewWriter(a.stdout)
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)

	failed := false
	for _, in := range inputs {
		if ctx.Err() != nil {
			break
		}
		art, err := extractInput(ctx, a, fl, fetch, in)
		if err != nil {
			name := in
			if in == "-" {
				name = stdinName
			}
			fmt.Fprintf(a.stderr, "newsharvest: extract %s: %v\n", name, err)
			failed = true
			continue
		}
		if err := enc.Encode(art); err != nil {
			return fmt.Errorf("write output: %w", err)
		}
	}
	if err := out.Flush(); err != nil {
		return fmt.Errorf("write output: %w", err)
	}
	if err := context.Cause(ctx); err != nil {
		return fmt.Errorf("interrupted: %w", err)
	}
	if failed {
		return errReported
	}
	return nil
}

func hasLocalInput(inputs []string) bool {
	for _, in := range inputs {
		if !isURLInput(in) {
			return true
		}
	}
	return false
}

// extractInput reads and extracts one INPUT.
func extractInput(ctx context.Context, a *app, fl *extractFlags, fetch *fetcher, in string) (*extract.Article, error) {
	maxBytes := extract.WithMaxBytes(int64(fl.maxBody))
	format := extract.WithBodyFormat(fl.format)
	switch {
	case in == "-":
		return extract.FromReader(a.stdin, fl.pageURL, maxBytes, format)
	case isURLInput(in):
		p, err := fetch.get(ctx, in)
		if err != nil {
			return nil, err
		}
		return extract.FromBytes(p.body, p.url, extract.WithContentType(p.contentType), maxBytes, format)
	default:
		f, err := os.Open(in)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		return extract.FromReader(f, fl.pageURL, maxBytes, format)
	}
}

// byteSize is a flag value counting bytes, written as plain bytes or with a
// binary (KiB, MiB, GiB) or decimal (kB, MB, GB) unit.
type byteSize int64

var byteUnits = []struct {
	suffix string
	n      int64
}{
	// Longer suffixes first: "KiB" before "B".
	{"kib", 1 << 10}, {"mib", 1 << 20}, {"gib", 1 << 30},
	{"kb", 1000}, {"mb", 1000 * 1000}, {"gb", 1000 * 1000 * 1000},
	{"k", 1 << 10}, {"m", 1 << 20}, {"g", 1 << 30},
	{"b", 1},
}

func (s *byteSize) Set(v string) error {
	t := strings.ToLower(strings.TrimSpace(v))
	mult := int64(1)
	for _, u := range byteUnits {
		if strings.HasSuffix(t, u.suffix) {
			t, mult = strings.TrimSpace(strings.TrimSuffix(t, u.suffix)), u.n
			break
		}
	}
	n, err := strconv.ParseInt(t, 10, 64)
	if err != nil || n < 0 {
		return errors.New("want a size such as 1048576, 512KiB or 10MiB")
	}
	if n > (1<<63-1)/mult {
		return errors.New("size too large")
	}
	*s = byteSize(n * mult)
	return nil
}

func (s *byteSize) String() string {
	n := int64(*s)
	switch {
	case n != 0 && n%(1<<30) == 0:
		return fmt.Sprintf("%dGiB", n>>30)
	case n != 0 && n%(1<<20) == 0:
		return fmt.Sprintf("%dMiB", n>>20)
	case n != 0 && n%(1<<10) == 0:
		return fmt.Sprintf("%dKiB", n>>10)
	}
	return fmt.Sprintf("%d", n)
}

func (s *byteSize) Type() string { return "size" }
