package main

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

// planned is a site's settings as printed by crawl --check.
type planned struct {
	Name         string   `json:"name"`
	Seeds        []string `json:"seeds"`
	Output       string   `json:"output"`
	State        string   `json:"state"`
	Include      []string `json:"include"`
	Exclude      []string `json:"exclude"`
	MaxDepth     int      `json:"max_depth"`
	MaxPages     int      `json:"max_pages"`
	Delay        string   `json:"delay"`
	Parallel     int      `json:"parallel"`
	Retries      int      `json:"retries"`
	MaxBody      string   `json:"max_body"`
	BodyFormat   string   `json:"body_format"`
	IgnoreRobots bool     `json:"ignore_robots"`
}

// checkPlan runs crawl --check with args and decodes its sites.
func checkPlan(t *testing.T, args ...string) []planned {
	t.Helper()
	r := runCLI(t, "", append([]string{"crawl", "--check"}, args...)...)
	if r.code != exitOK {
		t.Fatalf("crawl --check %v: exit %d, stderr:\n%s", args, r.code, r.stderr)
	}
	var out []planned
	for _, line := range strings.Split(strings.TrimSpace(r.stdout), "\n") {
		var p planned
		if err := json.Unmarshal([]byte(line), &p); err != nil {
			t.Fatalf("line %q: %v", line, err)
		}
		out = append(out, p)
	}
	return out
}

func TestJobFileErrors(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	tests := []struct {
		name, yaml string
		line       int    // 0: no line
		want       string // after "FILE:LINE: "
	}{
		{"unknown site key", "sites:\n  - name: a\n    seeds: [https://a.example/]\n    dealy: 2s\n", 4, `unknown key "dealy"`},
		{"unknown default key", "defaults:\n  delay: 1s\n  paralel: 2\nsites:\n  - seeds: [https://a.example/]\n", 3, `unknown key "paralel"`},
		{"unknown top key", "site:\n  - seeds: [https://a.example/]\n", 1, `unknown key "site": want defaults or sites`},
		{"bad duration", "defaults:\n  delay: 3x\nsites:\n  - seeds: [https://a.example/]\n", 2, `delay: invalid value "3x": time: unknown unit`},
		{"bad int", "sites:\n  - seeds: [https://a.example/]\n    max_depth: deep\n", 3, `max_depth: invalid value "deep"`},
		{"bad regex in a list", "sites:\n  - seeds: [https://a.example/]\n    include:\n      - /ok/\n      - '('\n", 5, `include: invalid regular expression "("`},
		{"bad article pattern", "sites:\n  - seeds: [https://a.example/]\n    article_pattern: '[a-'\n", 3, `article_pattern: invalid regular expression`},
		{"missing seed", "sites:\n  - name: lonely\n    delay: 1s\n", 2, `site "lonely" has no seeds`},
		{"bad seed", "sites:\n  - seeds:\n      - https://a.example/\n      - a.example\n", 4, `invalid seed "a.example"`},
		{"no sites", "defaults:\n  delay: 1s\n", 1, "no sites"},
		{"no value", "sites:\n  - seeds: [https://a.example/]\n    delay:\n", 3, "delay: no value"},
		{"list for a scalar", "sites:\n  - seeds: [https://a.example/]\n    delay: [1s]\n", 3, "delay: want a single value"},
		{"duplicate name", "sites:\n  - seeds: [https://a.example/]\n  - seeds: [https://a.example/b/]\n", 3, `site name "a.example" already used at line 2`},
		{"bad name", "sites:\n  - name: ../up\n    seeds: [https://a.example/]\n", 2, `name "../up"`},
		{"semantic check", "sites:\n  - name: s\n    seeds: [https://a.example/]\n    parallel: 0\n", 2, `site "s": invalid --parallel 0`},
		{"bad body format", "sites:\n  - name: s\n    seeds: [https://a.example/]\n    body_format: pdf\n", 2, `site "s": invalid --body-format`},
		{"syntax error", "sites:\n  - name: s\n  seeds: x\n", 1, "did not find expected"},
		{"not a mapping", "- https://a.example/\n", 1, "want a mapping"},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			path := writeFile(t, dir, strings.ReplaceAll(tt.name, " ", "-")+".yaml", tt.yaml)
			r := runCLI(t, "", "crawl", "--config", path)
			if r.code != exitUsage {
				t.Errorf("case %d: exit %d, want %d; stderr %q", i, r.code, exitUsage, r.stderr)
			}
			lines := stderrLines(r.stderr)
			prefix := "newsharvest: " + path + ":"
			if tt.line > 0 {
				prefix += fmt.Sprintf("%d: ", tt.line)
			}
			if len(lines) == 0 || !strings.HasPrefix(lines[0], prefix) || !strings.Contains(lines[0], tt.want) {
				t.Errorf("stderr %q: want a first line starting %q and holding %q", r.stderr, prefix, tt.want)
			}
		})
	}
	t.Run("missing file", func(t *testing.T) {
		t.Parallel()
		missing := filepath.Join(dir, "nope.yaml")
		r := runCLI(t, "", "crawl", "--config", missing)
		if r.code != exitUsage || !strings.Contains(r.stderr, missing) {
			t.Errorf("exit %d, stderr %q; want %d and the file's name", r.code, r.stderr, exitUsage)
		}
	})
	t.Run("seeds and config", func(t *testing.T) {
		t.Parallel()
		path := writeFile(t, dir, "ok.yaml", "sites:\n  - seeds: [https://a.example/]\n")
		r := runCLI(t, "", "crawl", "--config", path, "https://b.example/")
		if r.code != exitUsage || !strings.Contains(r.stderr, "exclude each other") {
			t.Errorf("exit %d, stderr %q", r.code, r.stderr)
		}
	})
}

// TestJobFilePrecedence checks built-in defaults < the file's defaults <
// a site's settings < command-line flags.
func TestJobFilePrecedence(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	path := writeFile(t, dir, "jobs.yaml", `
defaults:
  delay: 3s
  parallel: 2
  max_depth: 4
  include: ['/news/']
  state: from-file
  body_format: markdown
sites:
  - name: first
    seeds: [https://a.example/]
    max_depth: 9
    include: ['/politics/', '/world/']
  - seeds: [https://www.b.example/feed.xml]
    output: b.jsonl
`)
	tests := []struct {
		name  string
		flags []string
		want  []planned
	}{
		{"file only", nil, []planned{
			{Name: "first", Seeds: []string{"https://a.example/"}, State: "from-file/first", Include: []string{"/politics/", "/world/"},
				MaxDepth: 9, MaxPages: 100000, Delay: "3s", Parallel: 2, Retries: 2, MaxBody: "10MiB", BodyFormat: "markdown"},
			{Name: "b.example", Seeds: []string{"https://www.b.example/feed.xml"}, Output: "b.jsonl", State: "from-file/b.example", Include: []string{"/news/"},
				MaxDepth: 4, MaxPages: 100000, Delay: "3s", Parallel: 2, Retries: 2, MaxBody: "10MiB", BodyFormat: "markdown"},
		}},
		{"flags win", []string{"--delay", "7s", "--max-depth", "1", "--include", "/only/", "--state", "cli", "-o", "all.jsonl", "--body-format", "html", "--ignore-robots", "--max-body", "1MiB"}, []planned{
			{Name: "first", Seeds: []string{"https://a.example/"}, Output: "all.jsonl", State: "cli/first", Include: []string{"/only/"},
				MaxDepth: 1, MaxPages: 100000, Delay: "7s", Parallel: 2, Retries: 2, MaxBody: "1MiB", BodyFormat: "html", IgnoreRobots: true},
			{Name: "b.example", Seeds: []string{"https://www.b.example/feed.xml"}, Output: "all.jsonl", State: "cli/b.example", Include: []string{"/only/"},
				MaxDepth: 1, MaxPages: 100000, Delay: "7s", Parallel: 2, Retries: 2, MaxBody: "1MiB", BodyFormat: "html", IgnoreRobots: true},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := checkPlan(t, append([]string{"--config", path}, tt.flags...)...)
			gj, _ := json.Marshal(got)
			wj, _ := json.Marshal(tt.want)
			if string(gj) != string(wj) {
				t.Errorf("sites:\n got %s\nwant %s", gj, wj)
			}
		})
	}
}

// TestExampleJobFile checks that the job file shipped under examples/
// parses and says what its comments say.
func TestExampleJobFile(t *testing.T) {
	t.Parallel()
	sites := checkPlan(t, "--config", filepath.Join("..", "..", "examples", "jobs.yaml"))
	if len(sites) != 3 {
		t.Fatalf("%d sites, want 3: %+v", len(sites), sites)
	}
	if s := sites[2]; s.Name != "gazette" || s.Delay != "5s" || s.BodyFormat != "text" || s.State != filepath.Join("state", "gazette") {
		t.Errorf("gazette: %+v", s)
	}
	if s := sites[0]; s.Delay != "2s" || s.BodyFormat != "markdown" || s.MaxPages != 5000 {
		t.Errorf("example-news does not take the defaults: %+v", s)
	}
}

// TestHelpExamples checks that every command's --help has examples.
func TestHelpExamples(t *testing.T) {
	t.Parallel()
	tests := []struct {
		args []string
		want []string
	}{
		{[]string{"--help"}, []string{"Examples:", "newsharvest crawl --config jobs.yaml", "3 when a crawl completed"}},
		{[]string{"crawl", "--help"}, []string{"Examples:", "newsharvest crawl --config jobs.yaml --check", "--body-format markdown",
			"--stats", "--quiet", "--log-format", "--progress-every", "Exit status:", "3 when the crawl completed"}},
		{[]string{"version", "--help"}, []string{"Examples:", "newsharvest version"}},
		{[]string{"completion", "--help"}, []string{"Examples:", "newsharvest completion bash"}},
	}
	for _, tt := range tests {
		r := runCLI(t, "", tt.args...)
		if r.code != exitOK {
			t.Errorf("%v: exit %d, stderr %q", tt.args, r.code, r.stderr)
		}
		for _, want := range tt.want {
			if !strings.Contains(r.stdout, want) {
				t.Errorf("%v lacks %q", tt.args, want)
			}
		}
	}
}
