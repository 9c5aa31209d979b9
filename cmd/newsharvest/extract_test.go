package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// want is what one output line must hold.
type want struct {
	url, headline string
}

func checkArticles(t *testing.T, r result, wants []want) {
	t.Helper()
	got := articles(t, r.stdout)
	if len(got) != len(wants) {
		t.Fatalf("%d articles on stdout, want %d:\n%s", len(got), len(wants), r.stdout)
	}
	for i, w := range wants {
		if got[i].URL != w.url || got[i].Headline != w.headline {
			t.Errorf("article %d: url %q, headline %q; want %q, %q", i+1, got[i].URL, got[i].Headline, w.url, w.headline)
		}
	}
}

func TestExtractLocalInputs(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	a := writeFile(t, dir, "a.html", pageHTML("Alpha Park Vote"))
	b := writeFile(t, dir, "b.html", pageHTML("Beta Bridge Opens"))
	missing := filepath.Join(dir, "missing.html")
	const base = "https://news.example/2024/story.html"

	tests := []struct {
		name       string
		stdin      string
		args       []string
		wantCode   int
		want       []want
		wantStderr []string // line prefixes
	}{
		{
			name: "file",
			args: []string{a},
			want: []want{{"", "Alpha Park Vote"}},
		},
		{
			name: "file with --url",
			args: []string{"--url", base, a},
			want: []want{{base, "Alpha Park Vote"}},
		},
		{
			name: "--url applies to every file",
			args: []string{"--url", base, a, b},
			want: []want{{base, "Alpha Park Vote"}, {base, "Beta Bridge Opens"}},
		},
		{
			name:  "stdin",
			stdin: pageHTML("Gamma From Stdin"),
			args:  []string{"--url", base, "-"},
			want:  []want{{base, "Gamma From Stdin"}},
		},
		{
			name:  "stdin between files keeps input order",
			stdin: pageHTML("Gamma From Stdin"),
			args:  []string{b, "-", a},
			want:  []want{{"", "Beta Bridge Opens"}, {"", "Gamma From Stdin"}, {"", "Alpha Park Vote"}},
		},
		{
			name:       "missing file fails alone",
			args:       []string{a, missing, b},
			wantCode:   exitFailure,
			want:       []want{{"", "Alpha Park Vote"}, {"", "Beta Bridge Opens"}},
			wantStderr: []string{"newsharvest: extract " + missing + ": open " + missing + ": no such file or directory"},
		},
		{
			name:       "file over --max-body",
			args:       []string{"--max-body", "100", a, b},
			wantCode:   exitFailure,
			wantStderr: []string{"newsharvest: extract " + a + ": document too large", "newsharvest: extract " + b + ": document too large"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := runCLI(t, tt.stdin, append([]string{"extract"}, tt.args...)...)
			if r.code != tt.wantCode {
				t.Errorf("code = %d, want %d; stderr %q", r.code, tt.wantCode, r.stderr)
			}
			checkArticles(t, r, tt.want)
			checkStderr(t, r.stderr, tt.wantStderr)
		})
	}
}

// checkStderr checks that stderr has one line for each of want, starting
// with it.
func checkStderr(t *testing.T, stderr string, want []string) {
	t.Helper()
	got := stderrLines(stderr)
	if len(got) != len(want) {
		t.Errorf("stderr has %d lines, want %d:\n%s", len(got), len(want), stderr)
		return
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("stderr line %d:\n got %q\nwant %q", i+1, got[i], want[i])
		}
	}
}
