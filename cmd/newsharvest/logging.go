package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/newsharvest/newsharvest/scraper"
)

// logFlags are the flags every command shares: how much it tells on
// standard error, and in which form.
type logFlags struct {
	quiet  bool
	level  string // debug, info, warn or error
	format string // text or json
}

func addLogFlags(root *cobra.Command, a *app) {
	f := root.PersistentFlags()
	f.BoolVarP(&a.logs.quiet, "quiet", "q", false, "no progress and no summary; only errors are logged (unless --log-level says otherwise)")
	f.StringVar(&a.logs.level, "log-level", a.logs.level, "least severe log records shown: `LEVEL` debug, info, warn or error")
	f.StringVar(&a.logs.format, "log-format", a.logs.format, "form of the logs, progress and summary on standard error: `FORMAT` text or json")
	root.PersistentPreRunE = func(cmd *cobra.Command, _ []string) error {
		if a.logs.quiet && !cmd.Flags().Changed("log-level") {
			a.logs.level = "error"
		}
		return a.setupLogging()
	}
}

// setupLogging builds a.log from a.logs.
func (a *app) setupLogging() error {
	var level slog.Level
	switch strings.ToLower(a.logs.level) {
	case "debug":
		level = slog.LevelDebug
	case "info":
		level = slog.LevelInfo
	case "warn", "warning":
		level = slog.LevelWarn
	case "error":
		level = slog.LevelError
	default:
		return usageErrorf("invalid --log-level %q: want debug, info, warn or error", a.logs.level)
	}
	opts := &slog.HandlerOptions{Level: level}
	switch strings.ToLower(a.logs.format) {
	case "text":
		// No timestamps: a terminal or a job log adds its own.
		opts.ReplaceAttr = func(groups []string, at slog.Attr) slog.Attr {
			if at.Key == slog.TimeKey && len(groups) == 0 {
				return slog.Attr{}
			}
			return at
		}
		a.handler = slog.NewTextHandler(a.stderr, opts)
	case "json":
		a.handler = slog.NewJSONHandler(a.stderr, opts)
	default:
		return usageErrorf("invalid --log-format %q: want text or json", a.logs.format)
	}
	a.log = slog.New(a.handler)
	return nil
}

// jsonLogs reports whether logs are JSON objects.
func (a *app) jsonLogs() bool { return strings.EqualFold(a.logs.format, "json") }

// notice writes an info record whatever the log level: progress and the
// summary, which only --quiet silences.
func (a *app) notice(msg string, attrs ...slog.Attr) {
	r := slog.NewRecord(time.Now(), slog.LevelInfo, msg, 0)
	r.AddAttrs(attrs...)
	_ = a.handler.Handle(context.Background(), r)
}

// isTerminal reports whether w is a terminal that understands the
// carriage return and erase-line sequences of the status line.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return false
	}
	return os.Getenv("TERM") != "dumb"
}

// lineWriter is standard error with, on a terminal, a status line at its
// bottom: what is written goes above it, and the line is drawn again.
type lineWriter struct {
	mu     sync.Mutex
	w      io.Writer
	status string // the status line shown, "" when none
}

// eraseLine moves to the start of the line and clears it.
const eraseLine = "\r\x1b[K"

func (l *lineWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.status == "" {
		return l.w.Write(p)
	}
	io.WriteString(l.w, eraseLine)
	n, err := l.w.Write(p)
	io.WriteString(l.w, l.status)
	return n, err
}

// setStatus draws s as the status line, in place of the last one.
func (l *lineWriter) setStatus(s string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.status = s
	io.WriteString(l.w, "\r"+s+"\x1b[K")
}

// clearStatus erases the status line.
func (l *lineWriter) clearStatus() {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.status != "" {
		io.WriteString(l.w, eraseLine)
		l.status = ""
	}
}

// progress shows how a crawl goes: a status line redrawn on a terminal, a
// log record every so often elsewhere.
type progress struct {
	a     *app
	every time.Duration // between two log records off a terminal; 0: none
	stats func() (site string, s scraper.Stats)
	start time.Time

	stop chan struct{}
	done chan struct{}
}

// statusRedraw is the time between two draws of the status line.
const statusRedraw = 200 * time.Millisecond

// startProgress starts showing progress, unless --quiet. stats returns the
// figures so far. The returned function stops it.
func startProgress(a *app, every time.Duration, stats func() (string, scraper.Stats)) func() {
	if a.logs.quiet || (!a.tty && every <= 0) {
		return func() {}
	}
	p := &progress{a: a, every: every, stats: stats, start: time.Now(), stop: make(chan struct{}), done: make(chan struct{})}
	go p.loop()
	return func() {
		close(p.stop)
		<-p.done
	}
}

func (p *progress) loop() {
	defer close(p.done)
	tick := p.every
	if p.a.tty {
		tick = statusRedraw
		p.draw()
		defer p.a.stderr.clearStatus()
	}
	t := time.NewTicker(tick)
	defer t.Stop()
	for {
		select {
		case <-p.stop:
			if p.a.tty {
				p.draw() // the last figures, until the summary comes
			}
			return
		case <-t.C:
			if p.a.tty {
				p.draw()
			} else {
				p.log()
			}
		}
	}
}

// figures returns what the status line and the log records show.
func (p *progress) figures() (site string, s scraper.Stats, elapsed time.Duration, rate float64) {
	site, s = p.stats()
	elapsed = time.Since(p.start)
	if sec := elapsed.Seconds(); sec > 0 {
		rate = float64(s.Fetched) / sec
	}
	return site, s, elapsed, rate
}

func (p *progress) draw() {
	site, s, elapsed, rate := p.figures()
	line := fmt.Sprintf("%d pages fetched, %d queued, %d articles, %d errors, %.1f pages/s, %s",
		s.Fetched, s.Queued, s.Articles, errorCount(s), rate, elapsed.Round(time.Second))
	if site != "" {
		line = site + ": " + line
	}
	if f, ok := p.a.stderr.w.(*os.File); ok {
		if width, _, err := term.GetSize(int(f.Fd())); err == nil && width > 1 && len(line) >= width {
			line = line[:width-1]
		}
	}
	p.a.stderr.setStatus(line)
}

func (p *progress) log() {
	site, s, elapsed, rate := p.figures()
	attrs := []slog.Attr{}
	if site != "" {
		attrs = append(attrs, slog.String("site", site))
	}
	attrs = append(attrs,
		slog.Int64("pages", s.Fetched),
		slog.Int64("queued", s.Queued),
		slog.Int64("articles", s.Articles),
		slog.Int64("errors", errorCount(s)),
		slog.Float64("pages_per_s", float64(int(rate*10))/10),
		slog.Duration("elapsed", elapsed.Round(time.Second)),
	)
	p.a.notice("progress", attrs...)
}
