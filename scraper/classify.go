package scraper

import (
	"net/url"
	"regexp"
	"strings"
)

// pageKind is what the classifier makes of a page.
type pageKind int

const (
	kindUnknown  pageKind = iota
	kindArticle           // one news story, post or live blog: emitted
	kindHome              // a site's front page
	kindListing           // a section, tag, author, search or pagination page
	kindCalendar          // a date archive
	kindInfo              // about, contact, legal and other site pages
	kindLogin             // sign-in, registration, account pages
	kindError             // a "not found" or error page answered with 200
)

func (k pageKind) String() string {
	return [...]string{"unknown", "article", "home", "listing", "calendar", "info", "login", "error"}[k]
}

// articleTypes are the schema.org types of an article page.
var articleTypes = map[string]bool{
	"Article": true, "NewsArticle": true, "ReportageNewsArticle": true, "AnalysisNewsArticle": true,
	"OpinionNewsArticle": true, "ReviewNewsArticle": true, "BackgroundNewsArticle": true,
	"AskPublicNewsArticle": true, "BlogPosting": true, "LiveBlogPosting": true, "Report": true,
	"SatiricalArticle": true, "TechArticle": true, "ScholarlyArticle": true, "SocialMediaPosting": true,
	"Review": true, "Recipe": true,
}

// listTypes are the schema.org types of pages that are not articles.
var listTypes = map[string]pageKind{
	"CollectionPage": kindListing, "ItemList": kindListing, "SearchResultsPage": kindListing,
	"ProfilePage": kindListing, "Person": kindListing,
	"AboutPage": kindInfo, "ContactPage": kindInfo, "FAQPage": kindInfo, "CheckoutPage": kindInfo,
}

// typedKind reads a page's JSON-LD types: whether one of them is an
// article type, and the kind the first of listTypes among them names
// (kindUnknown when none does).
func typedKind(types []string) (article bool, other pageKind) {
	for _, t := range types {
		if articleTypes[t] {
			article = true
		} else if k, ok := listTypes[t]; ok && other == kindUnknown {
			other = k
		}
	}
	return article, other
}

// URL path segments that name what a page is.
var (
	listingSegments = words("tag tags topic topics author authors category categories section sections " +
		"search archive archives page pages label labels keyword keywords subject subjects latest all-news sitemap")
	calendarSegments = words("calendar day month year date")
	infoSegments     = words("about about-us aboutus contact contact-us contactus impressum imprint privacy " +
		"privacy-policy privacy-notice terms terms-of-use terms-of-service tos cookies cookie-policy legal faq help " +
		"careers jobs advertise advertising subscribe subscription subscriptions newsletter newsletters " +
		"corrections accessibility masthead staff team editorial-standards ethics feedback")
	loginSegments = words("login log-in signin sign-in logout log-out signup sign-up register registration " +
		"account my-account profile password reset-password auth")
)

func words(s string) map[string]bool {
	m := make(map[string]bool)
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// errorWords are what the title of an error page says.
var errorWords = []string{"404", "not found", "error", "no encontrad", "introuvable", "nicht gefunden"}

// errorTitle reports whether a title holds one of errorWords, as words.
func errorTitle(title string) bool {
	t := strings.ToLower(title)
	for _, w := range errorWords {
		for i := 0; ; {
			j := strings.Index(t[i:], w)
			if j < 0 {
				break
			}
			j += i
			end := j + len(w)
			if (j == 0 || !wordByte(t[j-1])) && (end == len(t) || !wordByte(t[end])) {
				return true
			}
			i = j + 1
		}
	}
	return false
}

// wordByte reports a byte that continues a word, as \w does in a regular
// expression: an ASCII letter, digit or underscore.
func wordByte(b byte) bool {
	return b == '_' || '0' <= b && b <= '9' || 'a' <= b && b <= 'z'
}

// The date and number tests run on every segment of every URL a crawl
// meets: plain code, not regular expressions.

// isYear reports a year from 1900 to 2099.
func isYear(s string) bool {
	return len(s) == 4 && (s[:2] == "19" || s[:2] == "20") && isDigits(s[2:])
}

// isMonth reports 1 to 12, with or without a leading zero.
func isMonth(s string) bool {
	n, ok := smallNumber(s)
	return ok && n >= 1 && n <= 12
}

// isDay reports 1 to 31, with or without a leading zero.
func isDay(s string) bool {
	n, ok := smallNumber(s)
	return ok && n >= 1 && n <= 31
}

// smallNumber parses one or two digits.
func smallNumber(s string) (int, bool) {
	if len(s) > 2 || !isDigits(s) {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n, true
}

// hasLongNumber reports a run of five digits or more: an article's id.
func hasLongNumber(s string) bool {
	run := 0
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			run = 0
		} else if run++; run >= 5 {
			return true
		}
	}
	return false
}

func isDigit(b byte) bool { return '0' <= b && b <= '9' }

// urlKind guesses a page's kind from its URL alone: kindUnknown when the
// URL says nothing, kindArticle for a URL shaped like a story's (a date
// then a slug, a long slug, a long number).
func urlKind(u *url.URL) pageKind {
	path := strings.ToLower(strings.Trim(u.Path, "/"))
	for _, idx := range []string{"index.html", "index.htm", "index.php", "default.aspx", "home"} {
		if path == idx {
			path = ""
		}
	}
	if path == "" {
		if u.RawQuery == "" {
			return kindHome
		}
		return kindListing // /?s=query, /?cat=3
	}
	segs := strings.Split(path, "/")
	last := segs[len(segs)-1]
	last = strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(last, ".html"), ".htm"), ".php")

	for _, s := range segs {
		switch {
		case loginSegments[s]:
			return kindLogin
		case infoSegments[s] && len(segs) <= 2:
			return kindInfo
		case calendarSegments[s]:
			return kindCalendar
		}
	}
	// A path that ends in a date (/2024, /2024/05, /archive/2024/05/12):
	// a date archive.
	if isYear(last) || endsWithDate(segs) {
		return kindCalendar
	}
	articleish := isSlug(last) || hasLongNumber(last) || hasDatePrefix(segs)
	for _, s := range segs[:len(segs)-1] {
		if listingSegments[s] && !articleish {
			return kindListing
		}
	}
	if listingSegments[last] {
		return kindListing
	}
	if articleish {
		return kindArticle
	}
	return kindUnknown
}

// endsWithDate reports a path whose last segments are a year and a month
// (and a day).
func endsWithDate(segs []string) bool {
	n := len(segs)
	if n >= 2 && isYear(segs[n-2]) && isMonth(segs[n-1]) {
		return true
	}
	return n >= 3 && isYear(segs[n-3]) && isMonth(segs[n-2]) && isDay(segs[n-1])
}

// hasDatePrefix reports a year/month followed by more path: the shape of
// /2024/05/12/some-story.
func hasDatePrefix(segs []string) bool {
	for i := 0; i+2 < len(segs); i++ {
		if isYear(segs[i]) && isMonth(segs[i+1]) {
			return true
		}
	}
	return false
}

// isSlug reports a path segment made of at least four words joined by
// hyphens or underscores: a story's title.
func isSlug(s string) bool {
	return strings.Count(s, "-")+strings.Count(s, "_") >= 3 && len(s) >= 20
}

// classify decides what page info is. pattern, when not nil, decides alone
// whether it is an article.
func classify(u *url.URL, info *pageInfo, pattern *regexp.Regexp) pageKind {
	byURL := urlKind(u)
	if pattern != nil {
		if pattern.MatchString(u.String()) {
			return kindArticle
		}
		if byURL == kindArticle || byURL == kindUnknown {
			return kindListing
		}
		return byURL
	}
	if info.password {
		return kindLogin
	}
	if errorTitle(info.title) && info.longParas < 3 {
		return kindError
	}
	if byURL == kindHome {
		return kindHome
	}

	typedArticle, typedOther := typedKind(info.jsonTypes)
	switch {
	case typedArticle && typedOther == kindUnknown:
		return kindArticle
	case typedOther != kindUnknown && !typedArticle:
		if byURL != kindUnknown && byURL != kindArticle {
			return byURL
		}
		return typedOther
	}

	if byURL != kindUnknown && byURL != kindArticle {
		return byURL
	}

	density := 0.0
	if info.textLen > 0 {
		density = float64(info.linkTextLen) / float64(info.textLen)
	}
	prose := info.longParas >= 3 && info.longText >= 400
	switch info.ogType {
	case "article", "news", "blog", "blogposting", "newsarticle":
		if info.longParas >= 1 || byURL == kindArticle || density < 0.5 {
			return kindArticle
		}
		return kindListing
	case "website", "profile", "book", "video.other", "music.song", "product":
		if prose && density < 0.3 && byURL == kindArticle {
			return kindArticle
		}
		return kindListing
	}
	if prose && density < 0.35 {
		return kindArticle
	}
	if byURL == kindArticle && info.longParas >= 2 && density < 0.5 {
		return kindArticle
	}
	return kindListing
}
