// Command crawlbench measures the crawler against a generated local news
// site of several sizes: crawl throughput set against extraction-only
// throughput on the same pages at the same parallelism, and the crawler's
// peak RSS.
//
// Run it from the module root:
//
//	go run ./scraper/internal/crawlbench -sizes 1000,5000,20000
//
// The crawl runs the real newsharvest binary (built into a temporary
// directory) as a subprocess, so that its peak RSS is its own:
// newsharvest crawl --delay 0 --parallel P --max-pages 0 URL. The site is
// served from this process, its article pages rendered ahead of time.
//
// By default (-pin) the site's server runs on a CPU of its own, and the
// crawl and then the extraction-only run get the other CPUs: both measured
// runs have the same cores, and neither shares them with the server, as a
// crawl of a remote site would not. With -pin=false the server shares the
// cores with the crawl, and on a small machine takes a good part of them.
//
// Each size is crawled -runs times, taking turns with as many
// extraction-only runs; the best time of each counts. The spread between
// runs shows in median_ratio, the median of the ratios of each crawl and
// the extraction-only run that follows it.
//
// Columns: crawl_pg/s is HTML pages fetched per second of wall time;
// extract_pg/s is the same pages through extract.FromBytes with as many
// goroutines, per second; ratio is the first over the second. cpu_ratio is
// the extraction-only CPU time over the crawler process's CPU time: the
// crawler's own overhead, whatever the server does. crawl_cpu_s and
// extract_cpu_s are the two CPU times (user and system).
package main

import (
	"bufio"
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/newsharvest/newsharvest/extract"
	"github.com/newsharvest/newsharvest/scraper/internal/testsite"
)

// extraEnv is added to the crawl's environment (-env).
var extraEnv []string

func main() {
	sizes := flag.String("sizes", "1000,5000,20000", "comma-separated numbers of articles")
	parallel := flag.Int("parallel", 8, "--parallel of the crawl, and goroutines of the extraction-only run")
	templates := flag.String("templates", "testdata/site", "directory of the test site's templates")
	bin := flag.String("bin", "", "newsharvest binary (default: build ./cmd/newsharvest)")
	extractFile := flag.String("extract", "", "(internal) extract the pages of `FILE` and exit")
	env := flag.String("env", "", "NAME=VALUE to add to the crawl's environment, e.g. GODEBUG=gctrace=1")
	runs := flag.Int("runs", 5, "crawls and extraction-only runs per size, taking turns; the best of each counts")
	pin := flag.Bool("pin", true, "run the site's server on a CPU of its own (Linux, two CPUs or more)")
	flag.Parse()
	if *env != "" {
		extraEnv = append(extraEnv, *env)
	}
	if *extractFile != "" {
		if err := extractChild(*extractFile, *parallel); err != nil {
			log.Fatal(err)
		}
		return
	}

	if *bin == "" {
		dir, err := os.MkdirTemp("", "crawlbench")
		if err != nil {
			log.Fatal(err)
		}
		defer os.RemoveAll(dir)
		*bin = filepath.Join(dir, "newsharvest")
		build := exec.Command("go", "build", "-o", *bin, "./cmd/newsharvest")
		build.Stdout, build.Stderr = os.Stderr, os.Stderr
		if err := build.Run(); err != nil {
			log.Fatalf("build newsharvest: %v", err)
		}
	}

	var pins *pinning
	if *pin {
		var err error
		if pins, err = newPinning(); err != nil {
			log.Fatal(err)
		}
	}
	if pins != nil {
		fmt.Printf("measured CPUs=%d (the site's server on a CPU of its own) parallel=%d\n", pins.workCPUs(), *parallel)
	} else {
		fmt.Printf("CPUs=%d (shared with the site's server) parallel=%d\n", runtime.NumCPU(), *parallel)
	}
	fmt.Printf("%8s %8s %8s %10s %12s %12s %8s %10s %13s %10s %11s %13s\n",
		"articles", "records", "pages", "crawl_s", "crawl_pg/s", "extract_pg/s", "ratio", "cpu_ratio", "median_ratio", "peak_rss",
		"crawl_cpu_s", "extract_cpu_s")
	for _, s := range strings.Split(*sizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil {
			log.Fatalf("size %q: %v", s, err)
		}
		if err := benchOne(*bin, *templates, n, *parallel, *runs, pins); err != nil {
			log.Fatal(err)
		}
	}
}

func benchOne(bin, templates string, n, parallel, runs int, pins *pinning) error {
	site, err := testsite.New(testsite.Options{
		Templates:   templates,
		Articles:    n,
		Sections:    []string{"world", "business", "tech", "culture", "sport"},
		PerPage:     20,
		NewsSitemap: 1000,
	})
	if err != nil {
		return err
	}
	srv := httptest.NewServer(site)
	defer srv.Close()
	if err := site.Warm(srv.URL); err != nil {
		return err
	}

	// The crawl and the extraction-only run take turns, runs times each;
	// the best of each counts, as in go test -bench -count: on a shared
	// machine, interference only ever slows a run down.
	var crawlBest, extractBest run
	var ratios []float64 // of each crawl and the extraction-only run after it
	var rss int64
	records, pages := 0, 0
	pagesFile := ""
	defer func() {
		if pagesFile != "" {
			os.Remove(pagesFile)
		}
	}()
	for i := range runs {
		c, recs, peak, err := crawlOnce(bin, srv.URL, parallel, pins)
		if err != nil {
			return fmt.Errorf("crawl %d: %w", n, err)
		}
		records, rss = recs, max(rss, peak)
		crawlBest = crawlBest.best(c)
		if i == 0 {
			// The HTML pages the crawl fetched, rendered again into a
			// file that a fresh process extracts, streaming: like the
			// crawler, it starts with a small heap, so both pay the
			// same garbage collection.
			if pagesFile, pages, err = writePages(site, srv.URL); err != nil {
				return err
			}
		}
		x, err := extractOnce(pagesFile, parallel, pins)
		if err != nil {
			return fmt.Errorf("extract-only %d: %w", n, err)
		}
		extractBest = extractBest.best(x)
		ratios = append(ratios, x.wall.Seconds()/c.wall.Seconds())
	}

	crawlRate := float64(pages) / crawlBest.wall.Seconds()
	extractRate := float64(pages) / extractBest.wall.Seconds()
	fmt.Printf("%8d %8d %8d %10.2f %12.1f %12.1f %8.3f %10.3f %13.3f %8.1fMB %11.2f %13.2f\n",
		n, records, pages, crawlBest.wall.Seconds(), crawlRate, extractRate, crawlRate/extractRate,
		extractBest.cpu.Seconds()/crawlBest.cpu.Seconds(), median(ratios), float64(rss)/(1<<20),
		crawlBest.cpu.Seconds(), extractBest.cpu.Seconds())
	return nil
}

// median returns the median of xs, which it sorts.
func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	slices.Sort(xs)
	if n := len(xs); n%2 == 0 {
		return (xs[n/2-1] + xs[n/2]) / 2
	}
	return xs[len(xs)/2]
}

// run is the wall and CPU time (user and system) of one process.
type run struct{ wall, cpu time.Duration }

// best keeps the shorter of each time.
func (r run) best(o run) run {
	if r.wall == 0 || o.wall < r.wall {
		r.wall = o.wall
	}
	if r.cpu == 0 || o.cpu < r.cpu {
		r.cpu = o.cpu
	}
	return r
}

// crawlOnce crawls the site at base into a fresh file and returns its
// times, the records written and the crawler's peak RSS.
func crawlOnce(bin, base string, parallel int, pins *pinning) (run, int, int64, error) {
	out, err := os.CreateTemp("", "crawlbench-*.jsonl")
	if err != nil {
		return run{}, 0, 0, err
	}
	out.Close()
	defer os.Remove(out.Name())

	cmd := exec.Command(bin, "crawl", "--delay", "0", "--parallel", strconv.Itoa(parallel),
		"--max-pages", "0", "-o", out.Name(), base+"/")
	cmd.Stderr = os.Stderr
	cmd.Env = append(os.Environ(), extraEnv...)
	start := time.Now()
	if err := pins.start(cmd); err != nil {
		return run{}, 0, 0, err
	}
	// Peak RSS: VmHWM, sampled until the process ends. (ru_maxrss of a
	// child counts the memory of this process it was forked from.)
	done := make(chan struct{})
	hwm := make(chan int64, 1)
	go func() {
		var peak int64
		for {
			if v := vmHWM(cmd.Process.Pid); v > peak {
				peak = v
			}
			select {
			case <-done:
				hwm <- peak
				return
			case <-time.After(20 * time.Millisecond):
			}
		}
	}()
	err = cmd.Wait()
	close(done)
	if err != nil {
		return run{}, 0, 0, err
	}
	r := run{wall: time.Since(start), cpu: cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()}
	rss := <-hwm
	records, err := countLines(out.Name())
	return r, records, rss, err
}

// extractOnce extracts the pages of a writePages file in a fresh process.
func extractOnce(pagesFile string, parallel int, pins *pinning) (run, error) {
	self, err := os.Executable()
	if err != nil {
		return run{}, err
	}
	ext := exec.Command(self, "-extract", pagesFile, "-parallel", strconv.Itoa(parallel))
	ext.Stderr = os.Stderr
	ext.Env = append(os.Environ(), extraEnv...)
	start := time.Now()
	if err := pins.start(ext); err != nil {
		return run{}, err
	}
	if err := ext.Wait(); err != nil {
		return run{}, err
	}
	return run{wall: time.Since(start), cpu: ext.ProcessState.UserTime() + ext.ProcessState.SystemTime()}, nil
}

// vmHWM returns the peak resident set of process pid in bytes, or 0.
func vmHWM(pid int) int64 {
	st, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for _, l := range strings.Split(string(st), "\n") {
		if v, ok := strings.CutPrefix(l, "VmHWM:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			return kb * 1024
		}
	}
	return 0
}

// writePages writes the HTML pages the crawl fetched (all but robots.txt,
// sitemaps and the feed), as served at base, to a temporary file: for each
// page its URL, its length and its bytes, on lines of their own.
func writePages(site *testsite.Site, base string) (string, int, error) {
	f, err := os.CreateTemp("", "crawlbench-pages-*")
	if err != nil {
		return "", 0, err
	}
	defer f.Close()
	w := bufio.NewWriter(f)
	n := 0
	for _, p := range site.Requested() {
		if p == "/robots.txt" || strings.Contains(p, "sitemap") || strings.HasPrefix(p, "/feed") {
			continue
		}
		rec := httptest.NewRecorder()
		site.ServeHTTP(rec, httptest.NewRequestWithContext(context.Background(), http.MethodGet, base+p, nil))
		if rec.Code != http.StatusOK {
			continue
		}
		fmt.Fprintf(w, "%s\n%d\n", base+p, rec.Body.Len())
		w.Write(rec.Body.Bytes())
		w.WriteByte('\n')
		n++
	}
	if err := w.Flush(); err != nil {
		return "", 0, err
	}
	return f.Name(), n, nil
}

// extractChild streams the pages of a writePages file through
// extract.FromBytes with parallel goroutines.
func extractChild(name string, parallel int) error {
	f, err := os.Open(name)
	if err != nil {
		return err
	}
	defer f.Close()
	r := bufio.NewReader(f)
	type job struct {
		url  string
		body []byte
	}
	jobs := make(chan job, parallel)
	var wg sync.WaitGroup
	for range parallel {
		wg.Go(func() {
			for j := range jobs {
				_, _ = extract.FromBytes(j.body, j.url, extract.WithContentType("text/html; charset=utf-8"))
			}
		})
	}
	defer func() { close(jobs); wg.Wait() }()
	for {
		u, err := r.ReadString('\n')
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		ls, err := r.ReadString('\n')
		if err != nil {
			return err
		}
		size, err := strconv.Atoi(strings.TrimSpace(ls))
		if err != nil {
			return err
		}
		body := make([]byte, size+1)
		if _, err := io.ReadFull(r, body); err != nil {
			return err
		}
		jobs <- job{url: strings.TrimSpace(u), body: body[:size]}
	}
}

func countLines(name string) (int, error) {
	data, err := os.ReadFile(name)
	if err != nil {
		return 0, err
	}
	n := 0
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		n++
	}
	return n, sc.Err()
}
