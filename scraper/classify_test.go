package scraper

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/newsharvest/newsharvest/extract"
)

func classifyHTML(t *testing.T, pageURL, src string, pattern *regexp.Regexp) pageKind {
	t.Helper()
	doc, err := extract.Parse([]byte(src), "")
	if err != nil {
		t.Fatal(err)
	}
	u := mustURL(t, pageURL)
	return classify(u, scanPage(doc, u), pattern)
}

// TestClassifyFixtures checks that every article page of testdata/pages,
// made after real sites, is taken for an article.
func TestClassifyFixtures(t *testing.T) {
	t.Parallel()
	files, err := filepath.Glob("../testdata/pages/*.html")
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		name := strings.TrimSuffix(filepath.Base(f), ".html")
		// The fixtures' addresses are in their goldens; a neutral one
		// keeps the URL from deciding.
		if got := classifyHTML(t, "https://news.example/item?id="+name, string(data), nil); got != kindArticle {
			t.Errorf("%s: classified %s, want article", name, got)
		}
	}
}

const teasers = `<ul>` +
	`<li><h2><a href="/world/2024/03/01/harbour-council-approves-new-ferry-plan">Harbour council approves new ferry plan</a></h2><p>The council voted on Tuesday after a long debate over the ferry timetable and its costs.</p></li>` +
	`<li><h2><a href="/world/2024/03/02/dockworkers-strike-ends-after-six-days">Dockworkers strike ends after six days</a></h2><p>Union leaders and the port authority signed an agreement late on Wednesday night.</p></li>` +
	`<li><h2><a href="/world/2024/03/03/storm-closes-coastal-road-for-the-weekend">Storm closes coastal road for the weekend</a></h2><p>Police asked drivers to avoid the coast road until the wind drops on Sunday.</p></li>` +
	`<li><h2><a href="/world/2024/03/04/museum-reopens-with-new-maritime-wing">Museum reopens with new maritime wing</a></h2><p>The new wing shows three centuries of the port's history in ship models and maps.</p></li>` +
	`</ul>`

const prose = `<p>The harbour council approved the new ferry timetable on Tuesday after a debate that ran late into the evening, with members divided over costs.</p>` +
	`<p>Officials said the plan would add two crossings a day in summer and keep the winter service as it is, while fares rise by about five percent.</p>` +
	`<p>Residents of the islands, who rely on the ferry for school and work, had asked for an early morning crossing for years and welcomed the vote.</p>` +
	`<p>The operator said it would need a second vessel by next spring, and that talks with the shipyard had already started on the refit.</p>`

func page(head, body string) string {
	return `<!DOCTYPE html><html><head><meta charset="utf-8">` + head + `</head><body>` +
		`<nav><a href="/">Home</a> <a href="/world/">World</a> <a href="/business/">Business</a></nav>` + body +
		`<footer><a href="/about">About</a> <a href="/contact">Contact</a></footer></body></html>`
}

func TestClassify(t *testing.T) {
	t.Parallel()
	jsonLD := func(typ string) string {
		return `<script type="application/ld+json">{"@context":"https://schema.org","@type":"` + typ + `"}</script>`
	}
	og := func(typ string) string { return `<meta property="og:type" content="` + typ + `">` }
	tests := []struct {
		name    string
		url     string
		html    string
		pattern string
		want    pageKind
	}{
		{"JSON-LD NewsArticle", "https://n.example/x", page(jsonLD("NewsArticle"), "<h1>T</h1>"+prose), "", kindArticle},
		{"JSON-LD in @graph", "https://n.example/x", page(`<script type="application/ld+json">{"@graph":[{"@type":"WebPage"},{"@type":["BlogPosting"]}]}</script>`, prose), "", kindArticle},
		{"JSON-LD LiveBlogPosting, short text", "https://n.example/live", page(jsonLD("LiveBlogPosting"), "<p>Updates follow.</p>"), "", kindArticle},
		{"og:type article", "https://n.example/x", page(og("article"), "<h1>T</h1>"+prose), "", kindArticle},
		{"prose, no metadata", "https://n.example/x", page("", "<h1>T</h1>"+prose), "", kindArticle},
		{"story URL, two paragraphs", "https://n.example/2024/03/01/ferry-plan-approved-by-council", page("", prose[:strings.Index(prose, "<p>Residents")]), "", kindArticle},
		{"home page", "https://n.example/", page(jsonLD("NewsArticle"), prose), "", kindHome},
		{"CollectionPage", "https://n.example/world/", page(jsonLD("CollectionPage"), teasers), "", kindListing},
		{"ItemList of articles is a listing", "https://n.example/best", page(`<script type="application/ld+json">{"@type":"ItemList","itemListElement":[{"@type":"ListItem","item":{"@type":"NewsArticle"}}]}</script>`, teasers), "", kindListing},
		{"section of teasers, og website", "https://n.example/world/", page(og("website"), teasers), "", kindListing},
		{"section of teasers, no metadata", "https://n.example/world/", page("", teasers), "", kindListing},
		{"tag page", "https://n.example/tag/harbour", page(og("article"), teasers), "", kindListing},
		{"author page", "https://n.example/author/anna-marsh", page("", teasers+prose), "", kindListing},
		{"pagination", "https://n.example/world/page/7", page("", teasers), "", kindListing},
		{"calendar", "https://n.example/archive/2024/03", page("", "<table><tr><td><a href='/archive/2024/03/01'>1</a></td></tr></table>"), "", kindCalendar},
		{"day archive", "https://n.example/2024/03/12", page("", teasers), "", kindCalendar},
		{"about, long text", "https://n.example/about", page("", "<h1>About us</h1>"+prose), "", kindInfo},
		{"AboutPage type", "https://n.example/who-we-are", page(jsonLD("AboutPage"), prose), "", kindInfo},
		{"contact", "https://n.example/contact-us", page("", "<form><textarea></textarea></form>"), "", kindInfo},
		{"login form", "https://n.example/account/welcome", page("", `<form><input type="password"></form>`+prose), "", kindLogin},
		{"login URL", "https://n.example/login", page("", "<p>Sign in</p>"), "", kindLogin},
		{"soft 404", "https://n.example/some/where", page("<title>Page not found</title>", "<h1>Sorry</h1>"), "", kindError},
		{"search results", "https://n.example/search?q=ferry", page("", teasers), "", kindListing},
		{"pattern forces an article", "https://n.example/p/123", page("", "<p>short</p>"), `/p/\d+$`, kindArticle},
		{"pattern refuses a typed article", "https://n.example/2024/03/01/ferry-plan-approved-by-council", page(jsonLD("NewsArticle"), prose), `/p/\d+$`, kindListing},
	}
	for _, tt := range tests {
		var re *regexp.Regexp
		if tt.pattern != "" {
			re = regexp.MustCompile(tt.pattern)
		}
		if got := classifyHTML(t, tt.url, tt.html, re); got != tt.want {
			t.Errorf("%s: classified %s, want %s", tt.name, got, tt.want)
		}
	}
}

func TestURLKind(t *testing.T) {
	t.Parallel()
	tests := []struct {
		url  string
		want pageKind
	}{
		{"https://n.example/", kindHome},
		{"https://n.example/index.html", kindHome},
		{"https://n.example/?s=ferry", kindListing},
		{"https://n.example/world/2024/03/01/ferry-plan-approved-by-council", kindArticle},
		{"https://n.example/news/ferry-plan-approved-by-the-council", kindArticle},
		{"https://n.example/news/article-1234567.html", kindArticle},
		{"https://n.example/tag/ferry", kindListing},
		{"https://n.example/world/page/3", kindListing},
		{"https://n.example/author/anna-marsh", kindListing},
		{"https://n.example/archive/2024/03", kindCalendar},
		{"https://n.example/2024/03/01", kindCalendar},
		{"https://n.example/2024", kindCalendar},
		{"https://n.example/about", kindInfo},
		{"https://n.example/privacy-policy", kindInfo},
		{"https://n.example/login", kindLogin},
		{"https://n.example/world/", kindUnknown},
	}
	for _, tt := range tests {
		if got := urlKind(mustURL(t, tt.url)); got != tt.want {
			t.Errorf("urlKind(%s) = %s, want %s", tt.url, got, tt.want)
		}
	}
}

func TestDateSegments(t *testing.T) {
	for _, tc := range []struct {
		s                        string
		year, month, day, longID bool
	}{
		{"2024", true, false, false, false},
		{"1999", true, false, false, false},
		{"2124", false, false, false, false},
		{"05", false, true, true, false},
		{"5", false, true, true, false},
		{"12", false, true, true, false},
		{"13", false, false, true, false},
		{"31", false, false, true, false},
		{"32", false, false, false, false},
		{"00", false, false, false, false},
		{"0", false, false, false, false},
		{"story-12345", false, false, false, true},
		{"a1234b5678", false, false, false, false},
		{"", false, false, false, false},
	} {
		if got := isYear(tc.s); got != tc.year {
			t.Errorf("isYear(%q) = %v", tc.s, got)
		}
		if got := isMonth(tc.s); got != tc.month {
			t.Errorf("isMonth(%q) = %v", tc.s, got)
		}
		if got := isDay(tc.s); got != tc.day {
			t.Errorf("isDay(%q) = %v", tc.s, got)
		}
		if got := hasLongNumber(tc.s); got != tc.longID {
			t.Errorf("hasLongNumber(%q) = %v", tc.s, got)
		}
	}
}

func TestErrorTitle(t *testing.T) {
	re := regexp.MustCompile(`(?i)\b(404|page not found|not found|error|no encontrad|introuvable|nicht gefunden)\b`)
	for _, title := range []string{"404 - Page Not Found", "Seite nicht gefunden", "Page introuvable | Le Site",
		"Error", "Terrors of the deep", "Trial and error: a history", "Errors and omissions", "Página no encontrada",
		"Not Founded", "Room 4040", "The 404", "x_error", "Fehler: NICHT GEFUNDEN", "", "Ferry timetable changes"} {
		if got, want := errorTitle(title), re.MatchString(title); got != want {
			t.Errorf("errorTitle(%q) = %v, the regular expression says %v", title, got, want)
		}
	}
}

// TestScanCountsTextWhereNeeded checks that the text of a page its head
// types as an article is not counted, and that it is when the page also
// has a listing type, or an error page's title.
func TestScanCountsTextWhereNeeded(t *testing.T) {
	prose := `<p>` + strings.Repeat("The harbour council met again on Tuesday. ", 5) + `</p>`
	for _, tc := range []struct {
		name, page string
		counted    bool
	}{
		{"typed article", `<head><script type="application/ld+json">{"@type":"NewsArticle"}</script></head><body>` + prose, false},
		{"typed article with an error title", `<head><title>Error 404</title><script type="application/ld+json">{"@type":"NewsArticle"}</script></head><body>` + prose, true},
		{"article and list types", `<head><script type="application/ld+json">{"@type":"NewsArticle"}</script></head><body>` + prose + `<script type="application/ld+json">{"@type":"ItemList"}</script>`, true},
		{"untyped page", `<head></head><body>` + prose, true},
	} {
		doc, err := html.Parse(strings.NewReader("<html>" + tc.page + "</html>"))
		if err != nil {
			t.Fatal(err)
		}
		info := scanPage(doc, mustURL(t, "https://n.example/a/story-about-the-harbour"))
		if info.counted != tc.counted || (info.textLen > 0) != tc.counted {
			t.Errorf("%s: counted %v, text %d; want counted %v", tc.name, info.counted, info.textLen, tc.counted)
		}
	}
}
