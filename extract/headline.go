package extract

import (
	"net/url"
	"strings"
	"unicode"
)

// headline picks the article's own headline. A visible <h1> wins when a
// metadata title confirms it; otherwise the metadata title (JSON-LD,
// OpenGraph, Twitter, microdata, Dublin Core) is used with the site name
// cut off; a lone <h1> and the cleaned <title> come last.
func (p *page) headline(site string) string {
	metaTitle := p.ld.str("headline")
	if metaTitle == "" {
		metaTitle = p.meta("og:title", "twitter:title", "headline", "dc.title", "dcterms.title",
			"parsely-title", "sailthru.title", "title")
	}
	if metaTitle == "" {
		for _, n := range p.itemprops["headline"] {
			if t := textOf(n); t != "" {
				metaTitle = t
				break
			}
		}
	}
	metaTitle = collapseSpace(metaTitle)
	var h1s []string
	for _, n := range p.h1s {
		if t := textOf(n); t != "" && len(t) < 400 {
			h1s = append(h1s, t)
		}
	}
	cleanTag := cleanTitle(p.title, site, p.base)
	for _, h := range h1s {
		if sameText(h, metaTitle) || sameText(h, cleanTag) || sameText(h, p.title) {
			return h
		}
	}
	for _, h := range h1s {
		if wordCount(h) >= 3 && (containsText(p.title, h) || containsText(metaTitle, h)) {
			return h
		}
	}
	if metaTitle != "" {
		return cleanTitle(metaTitle, site, p.base)
	}
	if len(h1s) == 1 && wordCount(h1s[0]) >= 2 {
		return h1s[0]
	}
	return cleanTag
}

var titleSeparators = []string{" | ", " - ", " – ", " — ", " :: ", " » ", " · ", " // ", " • ", " ~ ", " / "}

// cleanTitle cuts the site's name off a title ("Headline | Site",
// "Site - Headline"). Without a known site name a short end part (three
// words or fewer) is cut when the rest is a real headline.
func cleanTitle(t, site string, base *url.URL) string {
	t = collapseSpace(t)
	if t == "" {
		return ""
	}
	host := ""
	if base != nil {
		host = strings.TrimPrefix(strings.ToLower(base.Hostname()), "www.")
	}
	for _, sep := range titleSeparators {
		if !strings.Contains(t, sep) {
			continue
		}
		parts := strings.Split(t, sep)
		// Drop parts naming the site, from either end.
		for len(parts) > 1 && isSiteName(parts[len(parts)-1], site, host) {
			parts = parts[:len(parts)-1]
		}
		for len(parts) > 1 && isSiteName(parts[0], site, host) {
			parts = parts[1:]
		}
		if len(parts) == 1 {
			return strings.TrimSpace(parts[0])
		}
		last := parts[len(parts)-1]
		rest := strings.Join(parts[:len(parts)-1], sep)
		if wordCount(last) <= 3 && wordCount(rest) >= 3 {
			return strings.TrimSpace(rest)
		}
		first := parts[0]
		rest = strings.Join(parts[1:], sep)
		if wordCount(first) <= 2 && wordCount(rest) >= 4 && len(parts) == 2 {
			return strings.TrimSpace(rest)
		}
		return strings.Join(parts, sep)
	}
	return t
}

// isSiteName reports whether part names the site: its og:site_name, or
// its host name ("nytimes.com", "NYTimes").
func isSiteName(part, site, host string) bool {
	k := squash(part)
	if k == "" {
		return false
	}
	if s := squash(site); s != "" && (k == s || strings.HasPrefix(k, s) && len(k)-len(s) < 8 || strings.HasPrefix(s, k) && len(k) > 3) {
		return true
	}
	if host != "" {
		h := squash(host)
		label := host
		if i := strings.LastIndexByte(label, '.'); i > 0 {
			label = label[:i]
		}
		if i := strings.LastIndexByte(label, '.'); i > 0 {
			label = label[i+1:]
		}
		l := squash(label)
		if k == h || l != "" && (k == l || len(l) >= 4 && strings.Contains(k, l) && wordCount(part) <= 4) {
			return true
		}
	}
	return false
}

// squash lower-cases s and keeps only letters and digits.
func squash(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// sameText compares two strings ignoring case, spacing and punctuation.
func sameText(a, b string) bool {
	if a == "" || b == "" {
		return false
	}
	return squash(a) == squash(b)
}

func containsText(hay, needle string) bool {
	n := squash(needle)
	return n != "" && strings.Contains(squash(hay), n)
}

func wordCount(s string) int {
	return len(strings.Fields(s))
}
