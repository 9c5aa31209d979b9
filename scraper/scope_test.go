package scraper

import (
	"net/url"
	"regexp"
	"strings"
	"testing"
)

func TestScopeCheck(t *testing.T) {
	t.Parallel()
	cfg, err := Config{
		Seeds:          []string{"https://www.news.example/"},
		AllowedDomains: []string{"cdn-news.example"},
		Include:        []*regexp.Regexp{regexp.MustCompile(`/(news|world|archive|shop)\b`)},
		Exclude:        []*regexp.Regexp{regexp.MustCompile(`/print/`)},
		OnArticle:      func(*Record) {},
		PatternBudget:  2,
	}.withDefaults()
	if err != nil {
		t.Fatal(err)
	}
	s := newScope(&cfg, []*url.URL{mustURL(t, cfg.Seeds[0])})
	tests := []struct {
		url  string
		want verdict
	}{
		{"https://www.news.example/world/story", follow},
		{"https://news.example/world/story", follow},
		{"https://img.cdn-news.example/news/x", follow},
		{"https://other.example/news/x", offSite},
		{"https://www.news.example/sports/x", notIncluded},
		{"https://www.news.example/news/print/x", excluded},
		{"https://www.news.example/news/" + strings.Repeat("x", DefaultMaxURLLength), trapLength},
		{"https://www.news.example/shop?a=1&b=2&c=3", follow},
		{"https://www.news.example/shop?a=1&b=2&c=3&d=4", trapQuery},
		{"https://www.news.example/news/a/b/a/b/a/", trapRepeats},
	}
	for _, tt := range tests {
		if got := s.check(mustURL(t, tt.url), tt.url); got != tt.want {
			t.Errorf("check(%s) = %q, want %q", tt.url, got, tt.want)
		}
	}

	// Pattern budget: two non-article pages of /archive/N/N spend it.
	for _, u := range []string{"https://news.example/archive/2024/01", "https://news.example/archive/2023/12"} {
		s.spend(mustURL(t, u))
	}
	if got := s.check(mustURL(t, "https://news.example/archive/1999/05"), "https://news.example/archive/1999/05"); got != trapBudget {
		t.Errorf("third calendar page: %q, want %q", got, trapBudget)
	}
	if got := s.check(mustURL(t, "https://news.example/archive/2024/01/02"), "https://news.example/archive/2024/01/02"); got != follow {
		t.Errorf("day page, another pattern: %q, want to follow", got)
	}
}

func TestPatternKey(t *testing.T) {
	t.Parallel()
	same := [][2]string{
		{"https://n.example/archive/2024/03", "https://n.example/archive/1999/12"},
		{"https://n.example/shop?color=red&size=m", "https://n.example/shop?size=xl&color=blue"},
		{"https://n.example/search?page=2&q=a", "https://n.example/search?page=900&q=b"},
	}
	for _, p := range same {
		if a, b := patternKey(mustURL(t, p[0])), patternKey(mustURL(t, p[1])); a != b {
			t.Errorf("patternKey: %s and %s differ (%q, %q), want one pattern", p[0], p[1], a, b)
		}
	}
	diff := [][2]string{
		{"https://n.example/tag/ferry", "https://n.example/tag/harbour"},
		{"https://n.example/shop?color=red", "https://n.example/shop?size=m"},
		{"https://a.example/archive/2024", "https://b.example/archive/2024"},
	}
	for _, p := range diff {
		if a, b := patternKey(mustURL(t, p[0])), patternKey(mustURL(t, p[1])); a == b {
			t.Errorf("patternKey: %s and %s share %q, want two patterns", p[0], p[1], a)
		}
	}
}

func TestIsPagination(t *testing.T) {
	t.Parallel()
	tests := []struct {
		from, to string
		want     bool
	}{
		{"https://n.example/world/", "https://n.example/world/page/2", true},
		{"https://n.example/world/page/2", "https://n.example/world/page/3", true},
		{"https://n.example/world/page/2", "https://n.example/world/", true},
		{"https://n.example/tag/x", "https://n.example/tag/x?page=2", true},
		{"https://n.example/search?page=2&q=a", "https://n.example/search?page=3&q=a", true},
		{"https://n.example/news?p=4", "https://n.example/news?p=5", true},
		{"https://n.example/world/", "https://n.example/business/page/2", false},
		{"https://n.example/world/", "https://n.example/world/2024/03/01/story", false},
		{"https://n.example/archive/2024/03", "https://n.example/archive/2024/04", false},
		{"https://n.example/search?q=a", "https://n.example/search?page=2&q=b", false},
	}
	for _, tt := range tests {
		if got := isPagination(mustURL(t, tt.from), mustURL(t, tt.to)); got != tt.want {
			t.Errorf("isPagination(%s, %s) = %v, want %v", tt.from, tt.to, got, tt.want)
		}
	}
}
