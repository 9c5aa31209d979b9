package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// gazette is a generated news site for the crash tests: a home page, a
// paginated section of n articles (newest first) and the articles. More
// can be added while it runs. Once block is armed, article requests past
// the first blockAfter wait until the client gives up.
type gazette struct {
	mu       sync.Mutex
	n        int
	requests atomic.Int64

	blockAfter atomic.Int64  // article requests served before blocking; 0: never block
	articles   atomic.Int64  // article requests served
	blocked    chan struct{} // closed when a request is first held
	once       sync.Once
}

const perPage = 20

func newGazette(t *testing.T, n int) (*gazette, *httptest.Server) {
	t.Helper()
	g := &gazette{n: n, blocked: make(chan struct{})}
	srv := httptest.NewServer(g)
	t.Cleanup(srv.Close)
	return g, srv
}

func (g *gazette) add(k int) {
	g.mu.Lock()
	g.n += k
	g.mu.Unlock()
}

func (g *gazette) count() int {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.n
}

func articlePath(i int) string {
	day := 28 - i/24%28
	return fmt.Sprintf("/news/2024/05/%02d/story-%04d-harbour-council-reviews-ferry-plan", day, i)
}

// paths returns the paths of the first n articles.
func articlePaths(from, to int) map[string]bool {
	m := map[string]bool{}
	for i := from; i < to; i++ {
		m[articlePath(i)] = true
	}
	return m
}

func (g *gazette) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	g.requests.Add(1)
	n := g.count()
	p := r.URL.Path
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	listing := func(title string, from, to int, next string) {
		var b strings.Builder
		fmt.Fprintf(&b, `<!DOCTYPE html><html lang="en"><head><title>%s</title><script type="application/ld+json">{"@context":"https://schema.org","@type":"CollectionPage"}</script></head><body><h1>%s</h1><ul>`, title, title)
		for i := to - 1; i >= from; i-- {
			fmt.Fprintf(&b, `<li><a href="%s">Story %d</a></li>`, articlePath(i), i)
		}
		b.WriteString(`</ul><a href="/news/">News</a>`)
		if next != "" {
			fmt.Fprintf(&b, ` <a rel="next" href="%s">Older</a>`, next)
		}
		b.WriteString(`</body></html>`)
		w.Write([]byte(b.String()))
	}
	switch {
	case p == "/":
		listing("The Test Gazette", max(n-5, 0), n, "")
	case p == "/news/" || strings.HasPrefix(p, "/news/page/"):
		page := 1
		if s, ok := strings.CutPrefix(p, "/news/page/"); ok {
			var err error
			if page, err = strconv.Atoi(s); err != nil || page < 2 {
				http.NotFound(w, r)
				return
			}
		}
		to := n - (page-1)*perPage
		if to <= 0 {
			http.NotFound(w, r)
			return
		}
		next := ""
		if to-perPage > 0 {
			next = fmt.Sprintf("/news/page/%d", page+1)
		}
		listing(fmt.Sprintf("News, page %d", page), max(to-perPage, 0), to, next)
	case strings.HasPrefix(p, "/news/2024/"):
		var i int
		if _, err := fmt.Sscanf(p[len("/news/2024/05/00/"):], "story-%04d", &i); err != nil || i >= n || articlePath(i) != p {
			http.NotFound(w, r)
			return
		}
		if served := g.articles.Add(1); g.blockAfter.Load() > 0 && served > g.blockAfter.Load() {
			g.once.Do(func() { close(g.blocked) })
			<-r.Context().Done() // held until the client gives up
			return
		}
		fmt.Fprintf(w, `<!DOCTYPE html><html lang="en"><head><title>Council reviews ferry plan, story %[1]d</title>
<link rel="canonical" href="http://%[2]s%[3]s"><meta property="og:type" content="article">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Council reviews ferry plan, story %[1]d","datePublished":"2024-05-%[4]sT08:00:00Z"}</script>
</head><body><article><h1>Council reviews ferry plan, story %[1]d</h1>
<p>The harbour council met on Tuesday to review the ferry plan for the %[1]d time this year, and members said the timetable would change again.</p>
<p>Residents of the outer islands, who rely on the crossing for school runs and shopping, asked for a second vessel before the winter storms of year %[1]d.</p>
<p>The operator said repairs to the pier were on schedule and that fares would stay the same until spring, according to figures released on Wednesday.</p>
</article></body></html>`, i, r.Host, p, p[len("/news/2024/05/"):len("/news/2024/05/00")])
	default:
		http.NotFound(w, r)
	}
}

// buildBinary builds newsharvest into dir, with the extra go build flags
// in NEWSHARVEST_BUILD_FLAGS (such as -race).
func buildBinary(t *testing.T, dir string) string {
	t.Helper()
	goTool, err := exec.LookPath("go")
	if err != nil {
		goTool = filepath.Join(os.Getenv("GOROOT"), "bin", "go")
	}
	bin := filepath.Join(dir, "newsharvest")
	args := append([]string{"build", "-o", bin}, strings.Fields(os.Getenv("NEWSHARVEST_BUILD_FLAGS"))...)
	cmd := exec.Command(goTool, append(args, ".")...)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// outputCheck is what an output file holds, against the articles wanted.
type outputCheck struct {
	lines, lost, duplicated, torn int
	extra                         []string
}

func checkOutput(t *testing.T, path string, want map[string]bool) outputCheck {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		t.Fatal(err)
	}
	var c outputCheck
	if len(data) > 0 && data[len(data)-1] != '\n' {
		c.torn++
	}
	got := map[string]int{}
	for line := range strings.SplitSeq(strings.TrimSuffix(string(data), "\n"), "\n") {
		if line == "" {
			continue
		}
		c.lines++
		var r struct {
			ID, URL, Headline, FetchedAt string
		}
		if err := json.Unmarshal([]byte(line), &r); err != nil || r.ID == "" || r.URL == "" {
			c.torn++
			continue
		}
		u := r.URL[strings.Index(r.URL[len("http://"):], "/")+len("http://"):]
		got[u]++
	}
	for p := range want {
		if got[p] == 0 {
			c.lost++
		}
	}
	for p, k := range got {
		if k > 1 {
			c.duplicated += k - 1
		}
		if !want[p] {
			c.extra = append(c.extra, p)
		}
	}
	return c
}

// TestCrashSafety runs the real binary: killed with SIGKILL at random
// points and resumed, stopped by signals, two at once on one state, and
// on a full disk.
func TestCrashSafety(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	t.Parallel()
	bin := buildBinary(t, t.TempDir())

	t.Run("kill -9 and resume", func(t *testing.T) {
		t.Parallel()
		testKillAndResume(t, bin)
	})
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		t.Run("lock, then "+sig.String(), func(t *testing.T) {
			t.Parallel()
			testLockAndSignal(t, bin, sig)
		})
	}
	t.Run("full disk", func(t *testing.T) {
		t.Parallel()
		testFullDisk(t, bin)
	})
}

type proc struct {
	cmd    *exec.Cmd
	stderr bytes.Buffer
	done   chan struct{}
	err    error
}

func start(t *testing.T, bin string, args ...string) *proc {
	t.Helper()
	p := &proc{cmd: exec.Command(bin, args...), done: make(chan struct{})}
	p.cmd.Stderr = &p.stderr
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { p.err = p.cmd.Wait(); close(p.done) }()
	t.Cleanup(func() {
		p.cmd.Process.Kill()
		<-p.done
	})
	return p
}

// wait waits for p to end, up to a minute, and returns its exit code.
func (p *proc) wait(t *testing.T) int {
	t.Helper()
	select {
	case <-p.done:
	case <-time.After(time.Minute):
		t.Fatalf("%v still running after a minute; stderr:\n%s", p.cmd.Args, p.stderr.String())
	}
	return p.cmd.ProcessState.ExitCode()
}

func (p *proc) exited() bool {
	select {
	case <-p.done:
		return true
	default:
		return false
	}
}

func crawlArgs(srv *httptest.Server, stateDir, out string, extra ...string) []string {
	return append([]string{"crawl", "--state", stateDir, "-o", out, "--delay", "0", "--parallel", "2", "--max-depth", "0", "--sync-every", "25ms"},
		append(extra, srv.URL+"/")...)
}

func testKillAndResume(t *testing.T, bin string) {
	const articles, kills = 300, 40
	seed := uint64(time.Now().UnixNano())
	if s := os.Getenv("NEWSHARVEST_KILL_SEED"); s != "" {
		v, err := strconv.ParseUint(s, 10, 64)
		if err != nil {
			t.Fatalf("NEWSHARVEST_KILL_SEED=%q: %v", s, err)
		}
		seed = v
	}
	t.Logf("kill seed %d (replay with NEWSHARVEST_KILL_SEED=%d)", seed, seed)
	rng := rand.New(rand.NewPCG(seed, 0))

	g, srv := newGazette(t, articles)
	dir := t.TempDir()
	stateDir, out := filepath.Join(dir, "state"), filepath.Join(dir, "out", "articles.jsonl")
	args := crawlArgs(srv, stateDir, out)

	killed, injected, repaired, adopted := 0, 0, 0, 0
	torn := map[int]bool{} // torn tails left, by file size: one stays until a run repairs it
	adoptedIn := func(stderr string) int {
		n := 0
		for _, line := range strings.Split(stderr, "\n") {
			if _, rest, ok := strings.Cut(line, "records found in the output file marked emitted"); ok {
				if _, v, ok := strings.Cut(rest, "records="); ok {
					k, _ := strconv.Atoi(strings.Fields(v)[0])
					n += k
				}
			}
		}
		return n
	}
	var linesAt []int // lines in the output after each kill
	for killed < kills {
		// The kill comes after a random number of article requests:
		// at any point of a fetch, an extraction, a write, a flush of
		// the output or a checkpoint.
		// Or after a dozen more lines in the output, so that the kills
		// spread over the whole crawl on a fast machine too.
		target := g.articles.Load() + 8 + int64(rng.IntN(30))
		var off int64
		lines := 0
		countLines(out, &off, &lines)
		maxLines := lines + 12
		p := start(t, bin, args...)
		deadline := time.Now().Add(30 * time.Second)
		for g.articles.Load() < target && lines < maxLines && !p.exited() && time.Now().Before(deadline) {
			time.Sleep(time.Millisecond) // polling the site's counter and the output
			countLines(out, &off, &lines)
		}
		if p.exited() {
			if code := p.wait(t); code != 0 {
				t.Fatalf("run %d: exit %d, stderr:\n%s", killed+1, code, p.stderr.String())
			}
			break // the crawl finished before this kill point
		}
		p.cmd.Process.Signal(syscall.SIGKILL)
		p.wait(t)
		killed++
		if killed%5 == 0 {
			// A kill in the middle of a write, which a real kill
			// rarely hits: the start of a line, without its end.
			if data, err := os.ReadFile(out); err == nil && len(data) > 100 && data[len(data)-1] == '\n' {
				f, err := os.OpenFile(out, os.O_WRONLY|os.O_APPEND, 0)
				if err != nil {
					t.Fatal(err)
				}
				f.Write(data[bytes.LastIndexByte(data[:len(data)-1], '\n')+1:][:40])
				f.Close()
				injected++
			}
		}
		if data, err := os.ReadFile(out); err == nil && len(data) > 0 && data[len(data)-1] != '\n' {
			torn[len(data)] = true
		}
		repaired += strings.Count(p.stderr.String(), "cut a torn last line")
		adopted += adoptedIn(p.stderr.String())
		if data, err := os.ReadFile(out); err == nil {
			linesAt = append(linesAt, bytes.Count(data, []byte("\n")))
		}
	}
	p := start(t, bin, args...)
	if code := p.wait(t); code != 0 {
		t.Fatalf("last run: exit %d, stderr:\n%s", code, p.stderr.String())
	}
	repaired += strings.Count(p.stderr.String(), "cut a torn last line")
	adopted += adoptedIn(p.stderr.String())
	c := checkOutput(t, out, articlePaths(0, articles))
	t.Logf("kill points %d, articles %d, lines %d, lost %d, duplicated %d, torn lines in the output %d (torn tails left by kills %d, of them injected %d; repairs logged %d; records written but not checkpointed when killed, found by reconciliation %d)",
		killed, articles, c.lines, c.lost, c.duplicated, c.torn, len(torn), injected, repaired, adopted)
	t.Logf("lines in the output after each kill: %v", linesAt)
	if killed < 20 {
		t.Errorf("only %d kill points before the crawl finished: want 20 or more", killed)
	}
	if len(linesAt) == 0 || linesAt[len(linesAt)-1] < articles/2 {
		t.Errorf("lines after each kill %v: want kills in the second half of the crawl too", linesAt)
	}
	if c.lost != 0 || c.duplicated != 0 || c.torn != 0 || len(c.extra) != 0 || c.lines != articles {
		t.Fatalf("output: %+v; want each of the %d articles once", c, articles)
	}
	if injected > 0 && repaired == 0 {
		t.Errorf("%d torn tails left, no repair logged", len(torn))
	}

	// A run right after a finished crawl: nothing is due, nothing fetched.
	before := g.requests.Load()
	if p := start(t, bin, args...); p.wait(t) != 0 {
		t.Fatalf("re-run: stderr:\n%s", p.stderr.String())
	}
	if n := g.requests.Load() - before; n != 0 {
		t.Errorf("a re-run within --revisit-after sent %d requests, want none (robots.txt and listings are fresh)", n)
	}

	// With --revisit-after 0 the listings are read again: nothing new.
	again := crawlArgs(srv, stateDir, out, "--revisit-after", "0")
	before = g.requests.Load()
	if p := start(t, bin, again...); p.wait(t) != 0 {
		t.Fatalf("re-run: stderr:\n%s", p.stderr.String())
	} else if !strings.Contains(p.stderr.String(), "0 articles written") {
		t.Errorf("re-run summary: %s", p.stderr.String())
	}
	if n := g.requests.Load() - before; n < int64(articles/perPage) {
		t.Errorf("a re-run with --revisit-after 0 sent %d requests: want the listings read again", n)
	}
	if c := checkOutput(t, out, articlePaths(0, articles)); c.lines != articles {
		t.Errorf("after a re-run: %+v", c)
	}

	// New articles: the next run writes exactly those.
	g.add(7)
	if p := start(t, bin, again...); p.wait(t) != 0 {
		t.Fatalf("run after new articles: stderr:\n%s", p.stderr.String())
	}
	if c := checkOutput(t, out, articlePaths(0, articles+7)); c.lines != articles+7 || c.lost != 0 || c.duplicated != 0 || c.torn != 0 {
		t.Errorf("after 7 new articles: %+v", c)
	}
}

// countLines counts the newlines in the file, reading on from *off.
func countLines(path string, off *int64, lines *int) {
	f, err := os.Open(path)
	if err != nil {
		return
	}
	defer f.Close()
	if _, err := f.Seek(*off, 0); err != nil {
		return
	}
	r := bufio.NewReader(f)
	for {
		b, err := r.ReadBytes('\n')
		if err != nil {
			return // a partial line is read again next time
		}
		*off += int64(len(b))
		*lines++
	}
}

// testLockAndSignal starts a crawl that hangs on a request, checks that a
// second process on the same state fails at once naming the first, stops
// the first with sig, and resumes.
func testLockAndSignal(t *testing.T, bin string, sig syscall.Signal) {
	const articles, first = 60, 10
	g, srv := newGazette(t, articles)
	g.blockAfter.Store(first)
	dir := t.TempDir()
	stateDir, out := filepath.Join(dir, "state"), filepath.Join(dir, "articles.jsonl")
	args := crawlArgs(srv, stateDir, out, "--parallel", "1")
	a := start(t, bin, args...)
	select {
	case <-g.blocked:
	case <-a.done:
		t.Fatalf("the crawl ended first: stderr:\n%s", a.stderr.String())
	case <-time.After(30 * time.Second):
		t.Fatal("no request held after 30s")
	}

	b := start(t, bin, args...)
	if code := b.wait(t); code != exitFailure {
		t.Errorf("second process: exit %d, want %d", code, exitFailure)
	}
	want := fmt.Sprintf("is in use by pid %d on host", a.cmd.Process.Pid)
	if !strings.Contains(b.stderr.String(), want) || !strings.Contains(b.stderr.String(), stateDir) {
		t.Errorf("second process stderr %q: want %q and the directory", b.stderr.String(), want)
	}

	a.cmd.Process.Signal(sig)
	if code := a.wait(t); code != 128+int(sig) {
		t.Errorf("after %v: exit %d, want %d; stderr:\n%s", sig, code, 128+int(sig), a.stderr.String())
	}
	if s := a.stderr.String(); !strings.Contains(s, "crawl interrupted: 10 articles written") || !strings.Contains(s, "requests left for the next run") {
		t.Errorf("no summary after %v: stderr:\n%s", sig, s)
	}
	if c := checkOutput(t, out, articlePaths(articles-first, articles)); c.lines != first || c.lost != 0 {
		t.Errorf("after %v: %+v, want the first %d articles", sig, c, first)
	}

	g.blockAfter.Store(0) // the server serves everything again
	r := start(t, bin, args...)
	if code := r.wait(t); code != 0 {
		t.Fatalf("resume: exit %d, stderr:\n%s", code, r.stderr.String())
	}
	if c := checkOutput(t, out, articlePaths(0, articles)); c.lines != articles || c.lost != 0 || c.duplicated != 0 || c.torn != 0 {
		t.Errorf("after resuming: %+v", c)
	}
}

// testFullDisk writes to /dev/full: the crawl fails with a clear error,
// and the articles it could not write are written by the next run.
func testFullDisk(t *testing.T, bin string) {
	if _, err := os.Stat("/dev/full"); err != nil {
		t.Skip("no /dev/full")
	}
	const articles = 30
	_, srv := newGazette(t, articles)
	dir := t.TempDir()
	stateDir := filepath.Join(dir, "state")
	p := start(t, bin, crawlArgs(srv, stateDir, "/dev/full")...)
	if code := p.wait(t); code != exitFailure || !strings.Contains(p.stderr.String(), "no space left on device") {
		t.Fatalf("exit %d, stderr:\n%s\nwant %d and the error", code, p.stderr.String(), exitFailure)
	}
	out := filepath.Join(dir, "articles.jsonl")
	p = start(t, bin, crawlArgs(srv, stateDir, out)...)
	if code := p.wait(t); code != 0 {
		t.Fatalf("second run: exit %d, stderr:\n%s", code, p.stderr.String())
	}
	if c := checkOutput(t, out, articlePaths(0, articles)); c.lines != articles || c.lost != 0 {
		t.Errorf("after a full disk: %+v; want every article, none taken for written", c)
	}
}
