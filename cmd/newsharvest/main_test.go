package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsharvest/newsharvest/extract"
)

// result is what one run of the command printed and returned.
type result struct {
	code           int
	stdout, stderr string
}

// runCLI runs the command line args with stdin as standard input.
func runCLI(t *testing.T, stdin string, args ...string) result {
	t.Helper()
	return runCLIContext(t, t.Context(), stdin, args...)
}

func runCLIContext(t *testing.T, ctx context.Context, stdin string, args ...string) result {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run(ctx, args, strings.NewReader(stdin), &stdout, &stderr)
	return result{code: code, stdout: stdout.String(), stderr: stderr.String()}
}

// articles decodes stdout, which must hold one JSON object per line.
func articles(t *testing.T, stdout string) []extract.Article {
	t.Helper()
	if stdout == "" {
		return nil
	}
	if !strings.HasSuffix(stdout, "\n") {
		t.Fatalf("stdout does not end with a newline: %q", stdout)
	}
	var out []extract.Article
	for i, line := range strings.Split(strings.TrimSuffix(stdout, "\n"), "\n") {
		if !json.Valid([]byte(line)) || !strings.HasPrefix(line, "{") {
			t.Fatalf("stdout line %d is not a JSON object: %q", i+1, line)
		}
		var a extract.Article
		if err := json.Unmarshal([]byte(line), &a); err != nil {
			t.Fatalf("stdout line %d: %v", i+1, err)
		}
		out = append(out, a)
	}
	return out
}

// stderrLines splits stderr into its lines.
func stderrLines(stderr string) []string {
	if stderr == "" {
		return nil
	}
	return strings.Split(strings.TrimSuffix(stderr, "\n"), "\n")
}

// pageHTML is a small article page whose headline any extractor finds.
func pageHTML(headline string) string {
	return fmt.Sprintf(`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>%[1]s</title></head>
<body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article>
<h1>%[1]s</h1>
<p>The city council voted on Tuesday to extend the riverside park by two
kilometres, after a year of public hearings in which residents argued over
the cost, the trees and the path of the new cycle lane along the water.</p>
<p>Work is due to start in the spring and to last about eighteen months,
the council said, adding that the old warehouses on the site would be kept
and turned into a market hall, a library and a small museum of the port.</p>
<p>Opponents said they would keep campaigning against the plan, which they
called too expensive for a city that still has to repair many of its
schools, while supporters said the park would pay for itself in visitors.</p>
</article>
<footer>Copyright The Example Times</footer>
</body></html>
`, headline)
}

// writeFile writes content to name in dir and returns its path.
func writeFile(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestVersion(t *testing.T) {
	t.Parallel()
	want := "newsharvest " + resolveVersion() + "\n"
	for _, args := range [][]string{{"version"}, {"--version"}} {
		r := runCLI(t, "", args...)
		if r.code != exitOK || r.stdout != want || r.stderr != "" {
			t.Errorf("%v: got code %d, stdout %q, stderr %q; want 0, %q, nothing", args, r.code, r.stdout, r.stderr, want)
		}
	}
}

func TestUserAgent(t *testing.T) {
	t.Parallel()
	got := userAgent("v1.2.3")
	want := "newsharvest/v1.2.3 (+https://github.com/newsharvest/newsharvest)"
	if got != want {
		t.Errorf("userAgent = %q, want %q", got, want)
	}
}

func TestCompletionKept(t *testing.T) {
	t.Parallel()
	r := runCLI(t, "", "completion", "bash")
	if r.code != exitOK || !strings.Contains(r.stdout, "newsharvest") {
		t.Errorf("completion bash: code %d, stderr %q, %d bytes of script", r.code, r.stderr, len(r.stdout))
	}
}

func TestHelp(t *testing.T) {
	t.Parallel()
	r := runCLI(t, "", "extract", "--help")
	if r.code != exitOK {
		t.Fatalf("extract --help: code %d, stderr %q", r.code, r.stderr)
	}
	for _, want := range []string{
		"Examples:",
		"newsharvest extract testdata/pages/seed-world-news.html",
		"newsharvest extract --url https://news.example/a.html page.html",
		"| newsharvest extract --url",
		"newsharvest extract https://news.example/article",
		"--url applies to every one of them",
		"--max-body", "--timeout", "--user-agent",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("extract --help lacks %q", want)
		}
	}
}

func TestUsageErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		args []string
		want string // in the first stderr line
	}{
		{"no input", []string{"extract"}, "no input"},
		{"unknown flag", []string{"extract", "--bogus", "a.html"}, "unknown flag: --bogus"},
		{"unknown command", []string{"bogus"}, `unknown command "bogus"`},
		{"stdin twice", []string{"extract", "-", "-"}, "standard input"},
		{"relative --url", []string{"extract", "--url", "a/b.html", "a.html"}, "invalid --url"},
		{"ftp --url", []string{"extract", "--url", "ftp://h/a", "a.html"}, "invalid --url"},
		{"bad --max-body", []string{"extract", "--max-body", "ten", "a.html"}, "--max-body"},
		{"zero --max-body", []string{"extract", "--max-body", "0", "a.html"}, "--max-body"},
		{"negative --timeout", []string{"extract", "--timeout", "-1s", "a.html"}, "--timeout"},
		{"version with args", []string{"version", "x"}, "unknown command"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := runCLI(t, "", tt.args...)
			if r.code != exitUsage {
				t.Errorf("code = %d, want %d; stderr %q", r.code, exitUsage, r.stderr)
			}
			if r.stdout != "" {
				t.Errorf("stdout = %q, want nothing", r.stdout)
			}
			lines := stderrLines(r.stderr)
			if len(lines) != 2 || !strings.HasPrefix(lines[0], "newsharvest: ") ||
				!strings.Contains(lines[0], tt.want) || !strings.Contains(lines[1], "--help") {
				t.Errorf("stderr = %q, want an error with %q and a hint at --help", r.stderr, tt.want)
			}
		})
	}
}

func TestByteSize(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want int64
		str  string
	}{
		{"1000", 1000, "1000"},
		{"512KiB", 512 << 10, "512KiB"},
		{"10MiB", 10 << 20, "10MiB"},
		{"10mib", 10 << 20, "10MiB"},
		{"2M", 2 << 20, "2MiB"},
		{"1GiB", 1 << 30, "1GiB"},
		{"3MB", 3000000, "3000000"},
		{"7B", 7, "7"},
		{"4 KiB", 4 << 10, "4KiB"},
	}
	for _, tt := range tests {
		var s byteSize
		if err := s.Set(tt.in); err != nil {
			t.Errorf("Set(%q): %v", tt.in, err)
			continue
		}
		if int64(s) != tt.want || s.String() != tt.str {
			t.Errorf("Set(%q) = %d (%s), want %d (%s)", tt.in, int64(s), s.String(), tt.want, tt.str)
		}
	}
	for _, bad := range []string{"", "MiB", "-1", "1.5MiB", "12q", "1e3", "99999999999GiB"} {
		var s byteSize
		if err := s.Set(bad); err == nil {
			t.Errorf("Set(%q) = %d, want an error", bad, int64(s))
		}
	}
}

// failWriter fails every write.
type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestStdoutWriteErrorIsFatal(t *testing.T) {
	t.Parallel()
	file := writeFile(t, t.TempDir(), "a.html", pageHTML("Alpha"))
	var stderr bytes.Buffer
	code := run(t.Context(), []string{"extract", file}, strings.NewReader(""), failWriter{}, &stderr)
	if code != exitFailure {
		t.Errorf("code = %d, want %d", code, exitFailure)
	}
	if got := stderr.String(); got != "newsharvest: write output: disk full\n" {
		t.Errorf("stderr = %q", got)
	}
}

func TestInterrupted(t *testing.T) {
	t.Parallel()
	file := writeFile(t, t.TempDir(), "a.html", pageHTML("Alpha"))
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	r := runCLIContext(t, ctx, "", "extract", file)
	if r.code != exitFailure || r.stdout != "" || !strings.Contains(r.stderr, "interrupted") {
		t.Errorf("got code %d, stdout %q, stderr %q; want 1, nothing, interrupted", r.code, r.stdout, r.stderr)
	}
}

// TestBinary builds the real binary and checks its exit statuses end to end.
func TestBinary(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go tool not found:", err)
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "newsharvest")
	build := exec.Command(goTool, "build", "-o", bin, "-ldflags", "-X main.version=v0.0.0-e2e", ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	page := writeFile(t, dir, "page.html", pageHTML("Alpha"))
	missing := filepath.Join(dir, "missing.html")

	tests := []struct {
		name       string
		args       []string
		wantCode   int
		wantStdout string // substring
		wantStderr string // substring
	}{
		{"version", []string{"version"}, 0, "newsharvest v0.0.0-e2e\n", ""},
		{"extract file", []string{"extract", "--url", "https://news.example/a.html", page}, 0, `"url":"https://news.example/a.html"`, ""},
		{"missing file", []string{"extract", page, missing}, 1, `"headline":"Alpha"`, "newsharvest: extract " + missing + ": open " + missing},
		{"no input", []string{"extract"}, 2, "", "no input"},
		{"unknown flag", []string{"extract", "--nope", page}, 2, "", "unknown flag"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			cmd := exec.Command(bin, tt.args...)
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			err := cmd.Run()
			code := 0
			var ee *exec.ExitError
			if errors.As(err, &ee) {
				code = ee.ExitCode()
			} else if err != nil {
				t.Fatal(err)
			}
			if code != tt.wantCode {
				t.Errorf("exit status %d, want %d; stderr %q", code, tt.wantCode, stderr.String())
			}
			if !strings.Contains(stdout.String(), tt.wantStdout) {
				t.Errorf("stdout %q lacks %q", stdout.String(), tt.wantStdout)
			}
			if tt.wantStdout == "" && stdout.Len() != 0 {
				t.Errorf("stdout = %q, want nothing", stdout.String())
			}
			if !strings.Contains(stderr.String(), tt.wantStderr) {
				t.Errorf("stderr %q lacks %q", stderr.String(), tt.wantStderr)
			}
			if tt.wantStderr == "" && stderr.Len() != 0 {
				t.Errorf("stderr = %q, want nothing", stderr.String())
			}
		})
	}
}
