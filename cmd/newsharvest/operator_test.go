package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/creack/pty"
)

// exitCode runs cmd and returns its exit status.
func exitCode(t *testing.T, cmd *exec.Cmd) int {
	t.Helper()
	err := cmd.Run()
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return ee.ExitCode()
	}
	if err != nil {
		t.Fatal(err)
	}
	return 0
}

// readStats decodes a --stats file.
func readStats(t *testing.T, path string) runReport {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var rep runReport
	if err := json.Unmarshal(data, &rep); err != nil {
		t.Fatalf("stats file: %v\n%s", err, data)
	}
	return rep
}

// downSite answers status to everything, and robotsStatus to robots.txt.
func downSite(t *testing.T, status, robotsStatus int) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			w.WriteHeader(robotsStatus)
			return
		}
		w.WriteHeader(status)
	}))
	t.Cleanup(srv.Close)
	return srv
}

// TestOperatorBinary runs the real binary for each exit status, the stats
// file and the progress output.
func TestOperatorBinary(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	t.Parallel()
	bin := buildBinary(t, t.TempDir())
	fast := []string{"crawl", "--delay", "0", "--retries", "0", "--max-depth", "1"}

	t.Run("exit codes", func(t *testing.T) {
		t.Parallel()
		site := newsSite(t)
		dir := t.TempDir()
		notADir := writeFile(t, dir, "file", "x")
		badJob := writeFile(t, dir, "bad.yaml", "sites:\n  - name: x\n    seeds: [https://a.example/]\n    delay: soon\n")
		tests := []struct {
			name       string
			args       []string
			want       int
			wantStderr string
		}{
			{"completed", append(fast, site.URL+"/"), exitOK, "crawl done: 2 articles written"},
			{"completed with failed pages", append(fast, site.URL+"/", downSite(t, 404, 404).URL+"/gone"), exitOK, "crawl done: 2 articles written"},
			{"fatal: state unusable", append(fast, "--state", notADir, site.URL+"/"), exitFailure, "newsharvest: "},
			{"usage: unknown flag", append(fast, "--nope", site.URL+"/"), exitUsage, "unknown flag: --nope"},
			{"usage: bad job file", []string{"crawl", "--config", badJob}, exitUsage, badJob + `:4: delay: invalid value "soon"`},
			{"every page 404", append(fast, downSite(t, 404, 404).URL+"/"), exitNoFetch, "no document could be fetched"},
			{"every page 503", append(fast, downSite(t, 503, 404).URL+"/"), exitNoFetch, "no document could be fetched"},
			{"robots.txt 503 blocks all", append(fast, downSite(t, 200, 503).URL+"/"), exitNoFetch, "no document could be fetched"},
			{"quiet still says why", append(fast, "-q", downSite(t, 500, 404).URL+"/"), exitNoFetch, "newsharvest: no document could be fetched"},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				t.Parallel()
				var stdout, stderr bytes.Buffer
				cmd := exec.Command(bin, tt.args...)
				cmd.Stdout, cmd.Stderr = &stdout, &stderr
				if code := exitCode(t, cmd); code != tt.want {
					t.Errorf("exit %d, want %d; stderr:\n%s", code, tt.want, stderr.String())
				}
				if !strings.Contains(stderr.String(), tt.wantStderr) {
					t.Errorf("stderr lacks %q:\n%s", tt.wantStderr, stderr.String())
				}
			})
		}
	})

	t.Run("interrupted", func(t *testing.T) {
		t.Parallel()
		for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
			g, srv := newGazette(t, 40)
			g.blockAfter.Store(1)
			stats := filepath.Join(t.TempDir(), "stats.json")
			p := start(t, bin, append(fast, "--parallel", "2", "--stats", stats, srv.URL+"/")...)
			select {
			case <-g.blocked:
			case <-p.done:
				t.Fatalf("the crawl ended first: stderr:\n%s", p.stderr.String())
			case <-time.After(30 * time.Second):
				t.Fatal("no request held")
			}
			p.cmd.Process.Signal(sig)
			if code := p.wait(t); code != 128+int(sig) {
				t.Errorf("%v: exit %d, want %d; stderr:\n%s", sig, code, 128+int(sig), p.stderr.String())
			}
			if rep := readStats(t, stats); rep.Outcome != outcomeInterrupted || rep.ExitCode != 128+int(sig) || rep.Totals.Fetched < 1 {
				t.Errorf("%v: stats file says %s, exit %d, %d fetched", sig, rep.Outcome, rep.ExitCode, rep.Totals.Fetched)
			}
		}
	})

	t.Run("stats file", func(t *testing.T) {
		t.Parallel()
		site := newsSite(t)
		down := downSite(t, 404, 404)
		dir := t.TempDir()
		job := writeFile(t, dir, "jobs.yaml", fmt.Sprintf(`
defaults:
  delay: 0s
  retries: 0
sites:
  - name: news
    seeds: [%s/]
  - name: gone
    seeds: [%s/]
`, site.URL, down.URL))
		stats := filepath.Join(dir, "stats.json")
		out := filepath.Join(dir, "out.jsonl")
		cmd := exec.Command(bin, "crawl", "--config", job, "--stats", stats, "-o", out)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if code := exitCode(t, cmd); code != exitNoFetch {
			t.Fatalf("exit %d, want %d (one site fetched nothing); stderr:\n%s", code, exitNoFetch, stderr.String())
		}
		rep := readStats(t, stats)
		if rep.Outcome != outcomeNoFetch || rep.ExitCode != exitNoFetch || rep.Written != 2 || len(rep.Sites) != 2 {
			t.Fatalf("stats file: %+v", rep)
		}
		if rep.Duration <= 0 || rep.Finished.Before(rep.Started) {
			t.Errorf("duration %v from %v to %v", rep.Duration, rep.Started, rep.Finished)
		}
		news, gone := rep.Sites[0], rep.Sites[1]
		if news.Name != "news" || news.Outcome != outcomeCompleted || news.Written != 2 || news.Stats.Articles != 2 {
			t.Errorf("site news: %+v", news)
		}
		s := news.Stats
		host := strings.TrimPrefix(site.URL, "http://")
		// robots.txt, the home page and two articles; /sitemap.xml is
		// missing, and robots.txt forbids a link.
		if s.Status[200] != 4 || s.Status[404] != 1 || s.Bytes <= 0 || s.Disallowed != 1 || s.Requests != 5 || s.Fetched != 3 || len(s.Errors) != 0 {
			t.Errorf("site news: status %v, %d bytes, %d disallowed, %d requests, %d fetched, errors %v", s.Status, s.Bytes, s.Disallowed, s.Requests, s.Fetched, s.Errors)
		}
		if h := s.Hosts[host]; h.Articles != 2 || h.Fetched != s.Fetched || h.Bytes != s.Bytes || h.Requests != s.Requests {
			t.Errorf("host %s: %+v, want the site's figures; hosts %v", host, h, s.Hosts)
		}
		if gone.Outcome != outcomeNoFetch || gone.Stats.Fetched != 0 || gone.Stats.Status[404] < 1 || gone.Stats.Errors["http_4xx"] < 1 {
			t.Errorf("site gone: %+v", gone)
		}
		if rep.Totals.Status[404] != gone.Stats.Status[404]+s.Status[404] || rep.Totals.Articles != 2 {
			t.Errorf("totals %+v do not add up the sites", rep.Totals)
		}
		for _, want := range []string{"site news: crawl done: 2 articles written", "site gone: crawl fetched nothing", "responses:", "errors:     http_4xx ×", host} {
			if !strings.Contains(stderr.String(), want) {
				t.Errorf("stderr lacks %q:\n%s", want, stderr.String())
			}
		}
	})

	t.Run("status line on a terminal", func(t *testing.T) {
		t.Parallel()
		site := newsSite(t)
		ptmx, tty, err := pty.Open()
		if err != nil {
			t.Skip("no pseudo-terminal:", err)
		}
		defer ptmx.Close()
		cmd := exec.Command(bin, append(fast, site.URL+"/")...)
		cmd.Env = append(os.Environ(), "TERM=xterm")
		cmd.Stderr = tty
		var stdout bytes.Buffer
		cmd.Stdout = &stdout
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		tty.Close()
		got := make(chan string)
		go func() {
			b, _ := io.ReadAll(ptmx) // ends with EIO when the child is gone
			got <- string(b)
		}()
		if err := cmd.Wait(); err != nil {
			t.Fatalf("crawl: %v", err)
		}
		var out string
		select {
		case out = <-got:
		case <-time.After(30 * time.Second):
			t.Fatal("terminal output not closed")
		}
		for _, want := range []string{"\r", "pages fetched, ", " queued, ", " articles, ", " errors, ", " pages/s, ", eraseLine, "crawl done: 2 articles written"} {
			if !strings.Contains(out, want) {
				t.Errorf("terminal output lacks %q:\n%q", want, out)
			}
		}
		if i, j := strings.LastIndex(out, "pages fetched"), strings.Index(out, "crawl done"); i > j {
			t.Errorf("status line drawn after the summary:\n%q", out)
		}
		if strings.Count(stdout.String(), "\n") != 2 {
			t.Errorf("stdout: %q, want 2 records", stdout.String())
		}
	})

	t.Run("no status line off a terminal", func(t *testing.T) {
		t.Parallel()
		site := newsSite(t)
		var stderr bytes.Buffer
		cmd := exec.Command(bin, append(fast, site.URL+"/")...)
		cmd.Env = append(os.Environ(), "TERM=xterm")
		cmd.Stderr = &stderr
		if code := exitCode(t, cmd); code != exitOK {
			t.Fatalf("exit %d; stderr:\n%s", code, stderr.String())
		}
		for _, bad := range []string{"\r", "\x1b", "pages fetched"} {
			if strings.Contains(stderr.String(), bad) {
				t.Errorf("stderr holds %q:\n%q", bad, stderr.String())
			}
		}
	})

	t.Run("progress log off a terminal", func(t *testing.T) {
		t.Parallel()
		for _, format := range []string{"text", "json"} {
			// The crawl waits on an article until the test has seen a
			// progress record.
			release := make(chan struct{})
			_, srv := newGazette(t, 3)
			held := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if strings.HasPrefix(r.URL.Path, "/news/2024/") {
					select {
					case <-release:
					case <-r.Context().Done():
						return
					}
				}
				srv.Config.Handler.ServeHTTP(w, r)
			}))
			t.Cleanup(held.Close)
			cmd := exec.Command(bin, append(fast, "--progress-every", "20ms", "--log-format", format, held.URL+"/")...)
			pr, err := cmd.StderrPipe()
			if err != nil {
				t.Fatal(err)
			}
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			var progress string
			var all strings.Builder
			sc := bufio.NewScanner(pr)
			for sc.Scan() {
				all.WriteString(sc.Text() + "\n")
				if progress == "" && strings.Contains(sc.Text(), "progress") {
					progress = sc.Text()
					close(release)
				}
			}
			if err := cmd.Wait(); err != nil {
				t.Fatalf("%s: %v; stderr:\n%s", format, err, all.String())
			}
			if progress == "" {
				t.Fatalf("%s: no progress record; stderr:\n%s", format, all.String())
			}
			if format == "text" {
				for _, want := range []string{"level=INFO msg=progress pages=", " queued=", " articles=", " errors=", " pages_per_s=", " elapsed="} {
					if !strings.Contains(progress, want) {
						t.Errorf("progress line %q lacks %q", progress, want)
					}
				}
				continue
			}
			var rec map[string]any
			if err := json.Unmarshal([]byte(progress), &rec); err != nil || rec["msg"] != "progress" || rec["pages"] == nil || rec["queued"] == nil {
				t.Errorf("progress record %q: %v", progress, err)
			}
			last := strings.Split(strings.TrimSpace(all.String()), "\n")
			if err := json.Unmarshal([]byte(last[len(last)-1]), &rec); err != nil || rec["msg"] != "summary" {
				t.Errorf("last stderr line %q: want the JSON summary (%v)", last[len(last)-1], err)
			}
		}
	})
}
