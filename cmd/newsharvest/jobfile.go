package main

import (
	"errors"
	"fmt"
	"maps"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/spf13/pflag"
	"go.yaml.in/yaml/v3"
)

// A job file describes several sites to crawl:
//
//	defaults:          # settings of every site, unless it has its own
//	  delay: 2s
//	sites:
//	  - name: example   # names the site in logs and its --state subdirectory
//	    seeds: [https://news.example/]
//	    include: ['/politics/']
//
// Its settings are the crawl command's flags, spelt with underscores:
// siteKeys maps one to the other.
var siteKeys = map[string]string{
	"output":          "output",
	"state":           "state",
	"revisit_after":   "revisit-after",
	"since":           "since",
	"drop_undated":    "drop-undated",
	"sync_every":      "sync-every",
	"allow_domains":   "allow-domain",
	"include":         "include",
	"exclude":         "exclude",
	"article_pattern": "article-pattern",
	"max_depth":       "max-depth",
	"max_pages":       "max-pages",
	"delay":           "delay",
	"parallel":        "parallel",
	"user_agent":      "user-agent",
	"retries":         "retries",
	"timeout":         "timeout",
	"max_body":        "max-body",
	"ignore_robots":   "ignore-robots",
	"body_format":     "body-format",
}

// listKeys are the settings that take a list.
var listKeys = map[string]bool{"allow_domains": true, "include": true, "exclude": true}

// regexKeys are the settings whose values are regular expressions.
var regexKeys = map[string]bool{"include": true, "exclude": true, "article_pattern": true}

// siteNameRE is what a site's name may be: it names a directory.
var siteNameRE = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]*$`)

// jobSite is one site of a job file, its settings applied to a flag set
// of its own, over the built-in defaults.
type jobSite struct {
	name  string
	line  int // of the site in the file
	seeds []string
	fl    *crawlFlags
	flags *pflag.FlagSet
}

// configError is a mistake in a job file: it names the file and the line.
func configError(path string, line int, format string, args ...any) error {
	if line > 0 {
		return usageErrorf("%s:%d: %s", path, line, fmt.Sprintf(format, args...))
	}
	return usageErrorf("%s: %s", path, fmt.Sprintf(format, args...))
}

var yamlLineRE = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// loadJobFile reads and checks the job file at path. newSite returns the
// flags of a site, at their built-in defaults.
func loadJobFile(path string, newSite func() (*crawlFlags, *pflag.FlagSet)) ([]*jobSite, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, usageErrorf("--config: %v", err)
	}
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		if m := yamlLineRE.FindStringSubmatch(err.Error()); m != nil {
			line, _ := strconv.Atoi(m[1])
			return nil, configError(path, line, "%s", m[2])
		}
		return nil, configError(path, 0, "%v", strings.TrimPrefix(err.Error(), "yaml: "))
	}
	if len(root.Content) == 0 {
		return nil, configError(path, 0, "empty: want a sites list")
	}
	doc := root.Content[0]
	if doc.Kind != yaml.MappingNode {
		return nil, configError(path, doc.Line, "want a mapping with the keys defaults and sites")
	}
	var defaults, sites *yaml.Node
	for i := 0; i+1 < len(doc.Content); i += 2 {
		k, v := doc.Content[i], doc.Content[i+1]
		switch k.Value {
		case "defaults":
			if v.Kind != yaml.MappingNode && v.Tag != "!!null" {
				return nil, configError(path, v.Line, "defaults: want a mapping of settings")
			}
			defaults = v
		case "sites":
			if v.Kind != yaml.SequenceNode {
				return nil, configError(path, v.Line, "sites: want a list of sites")
			}
			sites = v
		default:
			return nil, configError(path, k.Line, "unknown key %q: want defaults or sites", k.Value)
		}
	}
	if sites == nil || len(sites.Content) == 0 {
		return nil, configError(path, doc.Line, "no sites")
	}
	var out []*jobSite
	names := map[string]int{}
	for _, sn := range sites.Content {
		if sn.Kind != yaml.MappingNode {
			return nil, configError(path, sn.Line, "a site must be a mapping with at least seeds")
		}
		fl, fs := newSite()
		s := &jobSite{line: sn.Line, fl: fl, flags: fs}
		if defaults != nil && defaults.Kind == yaml.MappingNode {
			if err := applySettings(path, defaults, fs, nil); err != nil {
				return nil, err
			}
		}
		if err := applySettings(path, sn, fs, s); err != nil {
			return nil, err
		}
		if len(s.seeds) == 0 {
			what := "a site"
			if s.name != "" {
				what = fmt.Sprintf("site %q", s.name)
			}
			return nil, configError(path, sn.Line, "%s has no seeds", what)
		}
		if s.name == "" {
			u, _ := url.Parse(s.seeds[0])
			s.name = strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
		}
		if prev, ok := names[s.name]; ok {
			return nil, configError(path, sn.Line, "site name %q already used at line %d: give each site its own name", s.name, prev)
		}
		names[s.name] = sn.Line
		out = append(out, s)
	}
	return out, nil
}

// applySettings applies the settings of the mapping m to fs; site, when
// not nil, takes the keys only a site has: name and seeds.
func applySettings(path string, m *yaml.Node, fs *pflag.FlagSet, site *jobSite) error {
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		key := k.Value
		if v.Tag == "!!null" {
			return configError(path, k.Line, "%s: no value", key)
		}
		if site != nil {
			switch key {
			case "name":
				if v.Kind != yaml.ScalarNode || !siteNameRE.MatchString(v.Value) || v.Value == "." || v.Value == ".." {
					return configError(path, v.Line, "name %q: want letters, digits, dots, dashes and underscores: it names a directory", v.Value)
				}
				site.name = v.Value
				continue
			case "seeds":
				seeds, err := stringList(path, key, v)
				if err != nil {
					return err
				}
				for j, s := range seeds {
					if err := checkSeeds([]string{s}); err != nil {
						return configError(path, itemLine(v, j), "%v", err)
					}
				}
				site.seeds = seeds
				continue
			}
		}
		flagName, ok := siteKeys[key]
		if !ok {
			known := slices.Sorted(maps.Keys(siteKeys))
			if site != nil {
				known = append([]string{"name", "seeds"}, known...)
			}
			return configError(path, k.Line, "unknown key %q; known keys: %s", key, strings.Join(known, ", "))
		}
		if listKeys[key] {
			vals, err := stringList(path, key, v)
			if err != nil {
				return err
			}
			for j, val := range vals {
				if regexKeys[key] {
					if _, err := regexp.Compile(val); err != nil {
						return configError(path, itemLine(v, j), "%s: invalid regular expression %q: %v", key, val, err)
					}
				}
			}
			sv := fs.Lookup(flagName).Value.(pflag.SliceValue)
			if err := sv.Replace(vals); err != nil {
				return configError(path, v.Line, "%s: %v", key, err)
			}
			continue
		}
		if v.Kind != yaml.ScalarNode {
			return configError(path, v.Line, "%s: want a single value", key)
		}
		if regexKeys[key] {
			if _, err := regexp.Compile(v.Value); err != nil {
				return configError(path, v.Line, "%s: invalid regular expression %q: %v", key, v.Value, err)
			}
		}
		if err := fs.Lookup(flagName).Value.Set(v.Value); err != nil {
			return configError(path, v.Line, "%s: invalid value %q: %v", key, v.Value, unwrapFlagError(err))
		}
	}
	return nil
}

// unwrapFlagError drops the wrapping a flag's parse error may carry.
func unwrapFlagError(err error) error {
	var ne *strconv.NumError
	if errors.As(err, &ne) {
		return ne.Err
	}
	return err
}

// stringList reads a list of strings, or a single string as a list of one.
func stringList(path, key string, v *yaml.Node) ([]string, error) {
	switch v.Kind {
	case yaml.ScalarNode:
		return []string{v.Value}, nil
	case yaml.SequenceNode:
		out := make([]string, 0, len(v.Content))
		for _, it := range v.Content {
			if it.Kind != yaml.ScalarNode {
				return nil, configError(path, it.Line, "%s: want a list of strings", key)
			}
			out = append(out, it.Value)
		}
		return out, nil
	}
	return nil, configError(path, v.Line, "%s: want a list of strings", key)
}

// itemLine is the line of the j-th item of a sequence, or of the value.
func itemLine(v *yaml.Node, j int) int {
	if v.Kind == yaml.SequenceNode && j < len(v.Content) {
		return v.Content[j].Line
	}
	return v.Line
}

// siteStateDir is the --state directory of a job file's site: a
// subdirectory of the directory given, named after the site.
func siteStateDir(dir, name string) string {
	if dir == "" {
		return ""
	}
	return filepath.Join(dir, name)
}
