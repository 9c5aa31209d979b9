// Package testsite serves a made-up news site, "The Harbour Ledger", for
// the scraper's end-to-end test and benchmark. Its pages are filled from
// the templates in testdata/site.
//
// The site has a home page, paginated sections, tag and author pages, a
// sitemap index (a news sitemap and a gzipped archive sitemap), an RSS
// feed and robots.txt. With Options.Extras it also has everything that
// trips a crawler up: AMP twins, links with tracking parameters, a short
// link that redirects, a copy of an article under a second section, a
// syndicated copy without canonical, a page that answers 503 once, a 404,
// a PDF, a disallowed area, an endless calendar, endless search
// pagination, faceted query strings and links to other sites.
package testsite

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"html/template"
	"maps"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Options shape a site.
type Options struct {
	// Templates is the directory of the templates (testdata/site).
	Templates string
	// Articles is the number of articles (default 36).
	Articles int
	// Sections are the site's sections (default world, business, tech).
	Sections []string
	// PerPage is the number of articles on a section page (default 2).
	PerPage int
	// NewsSitemap is the number of latest articles in the news sitemap
	// and the feed (default 8).
	NewsSitemap int
	// CrawlDelay, when positive, is robots.txt's Crawl-delay in seconds.
	CrawlDelay int
	// Extras adds the traps and oddities listed in the package comment.
	Extras bool
}

// Article is one article of the site.
type Article struct {
	ID         int
	Section    string
	Path       string
	Headline   string
	Standfirst string
	Author     string
	AuthorSlug string
	Date       string // RFC 3339
	DateText   string
	Tags       []string
	Paragraphs []string
	// Variants, for the classifier: no JSON-LD; neither JSON-LD nor og:type.
	NoJSONLD, NoMeta bool
}

// Site is the site's handler. It records the paths requested.
type Site struct {
	opts     Options
	tmpl     *template.Template
	articles []*Article // newest first
	byPath   map[string]*Article
	bySec    map[string][]*Article
	byTag    map[string][]*Article
	byAuthor map[string][]*Article

	flakyHits atomic.Int64
	mu        sync.Mutex
	requested []string
	cache     sync.Map // request URI -> *cached: pre-rendered documents (see Warm)
}

// cached is a document Warm rendered ahead of time.
type cached struct {
	contentType string
	body        []byte
}

// Paths of the extras.
const (
	PrivatePath    = "/private/insider-report-on-harbour-fees-and-tariffs"
	ShortLinkPath  = "/go/4"
	PDFPath        = "/files/annual-report-2023.pdf"
	MissingPath    = "/world/2024/03/01/this-story-was-never-written-here"
	SyndicatedPath = "/syndication/harbour-ledger-story-seven-full-text"
	FlakyID        = 8 // the article whose page answers 503 once
	AliasID        = 6 // the article also served under a second section
	TrackedID      = 3 // the article linked with tracking parameters
	ShortLinkID    = 4 // the article the short link redirects to
	AMPID          = 0 // the article whose AMP twin is linked
	SyndicatedID   = 7 // the article copied without canonical
)

// New builds a site.
func New(o Options) (*Site, error) {
	if o.Articles == 0 {
		o.Articles = 36
	}
	if len(o.Sections) == 0 {
		o.Sections = []string{"world", "business", "tech"}
	}
	if o.PerPage == 0 {
		o.PerPage = 2
	}
	if o.NewsSitemap == 0 {
		o.NewsSitemap = 8
	}
	funcs := template.FuncMap{"title": func(s string) string {
		if s == "" {
			return s
		}
		return strings.ToUpper(s[:1]) + s[1:]
	}}
	var files []string
	for _, n := range []string{"layout.tmpl", "article.tmpl", "listing.tmpl", "static.tmpl"} {
		files = append(files, filepath.Join(o.Templates, n))
	}
	for _, f := range files {
		if _, err := os.Stat(f); err != nil {
			return nil, fmt.Errorf("testsite: %w", err)
		}
	}
	t, err := template.New("site").Funcs(funcs).ParseFiles(files...)
	if err != nil {
		return nil, fmt.Errorf("testsite: %w", err)
	}
	s := &Site{
		opts: o, tmpl: t,
		byPath: make(map[string]*Article), bySec: make(map[string][]*Article),
		byTag: make(map[string][]*Article), byAuthor: make(map[string][]*Article),
	}
	start := time.Date(2024, 3, 28, 18, 0, 0, 0, time.UTC)
	for i := range o.Articles {
		a := makeArticle(i, o.Sections[i%len(o.Sections)], start.Add(-time.Duration(i)*7*time.Hour))
		if o.Extras {
			a.NoJSONLD = i == 1
			a.NoMeta = i == 2
		}
		s.add(a)
	}
	return s, nil
}

func (s *Site) add(a *Article) {
	s.articles = append(s.articles, a)
	s.byPath[a.Path] = a
	s.bySec[a.Section] = append(s.bySec[a.Section], a)
	for _, t := range a.Tags {
		s.byTag[t] = append(s.byTag[t], a)
	}
	s.byAuthor[a.AuthorSlug] = append(s.byAuthor[a.AuthorSlug], a)
}

// Articles returns the site's articles, newest first.
func (s *Site) Articles() []*Article { return s.articles }

// Requested returns the paths (with query) requested so far, in order.
func (s *Site) Requested() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.requested)
}

var (
	words = strings.Fields(`harbour council tariff ferry dockworkers budget election storm
		bridge museum festival rail tunnel fishermen grain shipping mayor river school hospital
		court port tourism housing water energy wind solar market strike union vote
		park library teachers nurses police fire coast lighthouse container cranes freight`)
	verbs = strings.Fields(`approves rejects delays opens closes doubles halves reviews
		questions backs funds blocks delivers expands trims`)
	filler = strings.Fields(`the a new late early local regional national former
		several many few the the its their after before during while since despite
		because although officials residents said on Tuesday Wednesday last week this year
		according to figures released by committee plans would could might further`)
	first = strings.Fields(`Anna Bruno Clara Dmitri Elena Farid Greta Hugo Ines Jonas Keiko Lars`)
	last  = strings.Fields(`Marsh Okafor Lindqvist Duarte Novak Brennan Sato Moreau Haddad Keller`)
)

func pick(r *rand.Rand, list []string) string { return list[r.IntN(len(list))] }

func makeArticle(i int, section string, when time.Time) *Article {
	r := rand.New(rand.NewPCG(uint64(i), 0x5eed))
	subj, verb, obj := pick(r, words), pick(r, verbs), pick(r, words)
	headline := fmt.Sprintf("%s %s %s plan for %s number %d", title(subj), verb, obj, pick(r, words), i)
	slug := strings.ToLower(strings.ReplaceAll(headline, " ", "-"))
	a := &Article{
		ID:         i,
		Section:    section,
		Headline:   headline,
		Path:       fmt.Sprintf("/%s/%s/%s", section, when.Format("2006/01/02"), slug),
		Standfirst: sentence(r, 14),
		Date:       when.Format(time.RFC3339),
		DateText:   when.Format("2 January 2006, 15:04"),
		Tags:       []string{pick(r, words), pick(r, words)},
	}
	if a.Tags[0] == a.Tags[1] {
		a.Tags = a.Tags[:1]
	}
	fn, ln := pick(r, first), pick(r, last)
	a.Author = fn + " " + ln
	a.AuthorSlug = strings.ToLower(fn + "-" + ln)
	for p := range 6 + r.IntN(4) {
		var b strings.Builder
		for range 3 + r.IntN(3) {
			b.WriteString(sentence(r, 12+r.IntN(12)))
			b.WriteByte(' ')
		}
		fmt.Fprintf(&b, "(Story %d, paragraph %d.)", i, p+1)
		a.Paragraphs = append(a.Paragraphs, b.String())
	}
	return a
}

func sentence(r *rand.Rand, n int) string {
	ws := make([]string, n)
	for k := range ws {
		if k%3 == 1 {
			ws[k] = pick(r, words)
		} else {
			ws[k] = pick(r, filler)
		}
	}
	return title(strings.Join(ws, " ")) + "."
}

func title(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// ServeHTTP serves the site.
func (s *Site) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	uri := r.URL.RequestURI()
	s.mu.Lock()
	s.requested = append(s.requested, uri)
	s.mu.Unlock()
	// A document Warm rendered ahead of time is served as is (the flaky
	// article still answers 503 once).
	if v, ok := s.cache.Load(uri); ok && !(s.opts.Extras && uri == s.articles[FlakyID].Path) {
		d := v.(*cached)
		writeBody(w, d.contentType, d.body)
		return
	}
	s.serve(w, r)
}

// writeBody answers 200 with body. The Content-Length spares a page
// chunked encoding.
func writeBody(w http.ResponseWriter, contentType string, body []byte) {
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.Write(body)
}

// serve serves a request without recording it or looking in the cache.
func (s *Site) serve(w http.ResponseWriter, r *http.Request) {
	base := "http://" + r.Host
	p := r.URL.Path
	q := r.URL.Query()
	ex := s.opts.Extras

	switch {
	case p == "/robots.txt":
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		fmt.Fprintf(w, "# The Harbour Ledger\nUser-agent: *\n")
		if s.opts.CrawlDelay > 0 {
			fmt.Fprintf(w, "Crawl-delay: %d\n", s.opts.CrawlDelay)
		}
		fmt.Fprintf(w, "Disallow: /private/\nDisallow: /admin\n\nUser-agent: BadBot\nDisallow: /\n\nSitemap: %s/sitemap_index.xml\n", base)
	case p == "/sitemap_index.xml":
		s.sitemapIndex(w, base)
	case p == "/sitemap-news.xml":
		s.newsSitemap(w, base)
	case p == "/sitemap-archive.xml.gz":
		s.archiveSitemap(w, base)
	case p == "/feed.xml":
		s.feed(w, base)
	case p == "/":
		s.home(w, base)
	case ex && p == ShortLinkPath:
		http.Redirect(w, r, s.articles[ShortLinkID].Path+"?utm_source=shortlink&utm_campaign=spring", http.StatusMovedPermanently)
	case ex && p == "/go/private":
		http.Redirect(w, r, PrivatePath, http.StatusFound)
	case ex && p == PDFPath:
		w.Header().Set("Content-Type", "application/pdf")
		w.Header().Set("Content-Length", strconv.Itoa(1<<20))
		w.Write(append([]byte("%PDF-1.7\n"), make([]byte, 1<<20-9)...))
	case ex && strings.HasPrefix(p, "/private"):
		// Never requested by a polite crawler: robots.txt forbids it.
		s.render(w, "article", s.articlePage(base, &Article{ID: 999, Section: "private", Path: PrivatePath,
			Headline: "Insider report on harbour fees", Paragraphs: []string{strings.Repeat("Secret. ", 40)}}, false))
	case ex && p == "/about", ex && p == "/privacy":
		s.render(w, "about", s.listingPage("About", nil))
	case ex && p == "/contact":
		s.render(w, "contact", s.listingPage("Contact", nil))
	case ex && (p == "/login" || p == "/register"):
		s.render(w, "login", s.listingPage("Sign in", nil))
	case ex && strings.HasPrefix(p, "/archive/"):
		s.calendar(w, p)
	case ex && p == "/search":
		s.search(w, q)
	case ex && p == SyndicatedPath:
		a := *s.articles[SyndicatedID]
		a.Path = SyndicatedPath
		s.render(w, "article", s.articlePage("", &a, false))
	case ex && strings.HasPrefix(p, "/amp/"):
		a := s.byPath[strings.TrimPrefix(p, "/amp")]
		if a == nil {
			http.NotFound(w, r)
			return
		}
		s.render(w, "article", s.articlePage(base, a, true))
	case strings.HasPrefix(p, "/tag/"):
		s.tagPage(w, strings.TrimPrefix(p, "/tag/"), q)
	case strings.HasPrefix(p, "/author/"):
		list := s.byAuthor[strings.TrimPrefix(p, "/author/")]
		s.render(w, "listing", s.listingPage("Stories by "+strings.TrimPrefix(p, "/author/"), list[:min(3, len(list))]))
	default:
		if a := s.byPath[p]; a != nil {
			if ex && a.ID == FlakyID && s.flakyHits.Add(1) == 1 {
				w.Header().Set("Retry-After", "1")
				http.Error(w, "busy", http.StatusServiceUnavailable)
				return
			}
			s.render(w, "article", s.articlePage(base, a, false))
			return
		}
		if ex {
			// The alias: an article of one section under another.
			al := s.articles[AliasID]
			if p == s.aliasPath() {
				page := s.articlePage(base, al, false)
				s.render(w, "article", page)
				return
			}
		}
		if s.section(w, base, p, q) {
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(http.StatusNotFound)
		fmt.Fprint(w, "<!DOCTYPE html><html><head><title>Page not found</title></head><body><h1>Page not found</h1><p><a href=\"/\">Home</a></p></body></html>")
	}
}

// aliasPath is where the alias article is served under a second section.
func (s *Site) aliasPath() string {
	al := s.articles[AliasID]
	other := s.opts.Sections[(slices.Index(s.opts.Sections, al.Section)+1)%len(s.opts.Sections)]
	return "/" + other + strings.TrimPrefix(al.Path, "/"+al.Section)
}

// page is the data of every template.
type page struct {
	Title, Canonical, AMPHref, Prev, Next, OGType, Intro string
	AMP                                                  bool
	JSONLD                                               template.JS
	Sections                                             []string
	MostRead, Related, Items                             []*Article
	Extra                                                []extraLink
	A                                                    *Article
	Days                                                 []extraLink
}

type extraLink struct{ Href, Text string }

func (s *Site) base(title string) *page {
	return &page{Title: title, Sections: s.opts.Sections, MostRead: s.articles[:min(3, len(s.articles))]}
}

func (s *Site) articlePage(base string, a *Article, amp bool) *page {
	pg := s.base(a.Headline)
	pg.A = a
	pg.AMP = amp
	if base != "" {
		pg.Canonical = base + a.Path
	}
	if !amp && base != "" && s.opts.Extras {
		pg.AMPHref = "/amp" + a.Path
	}
	if !a.NoMeta {
		pg.OGType = "article"
	}
	if !a.NoJSONLD && !a.NoMeta {
		ld := map[string]any{
			"@context": "https://schema.org", "@type": "NewsArticle",
			"headline": a.Headline, "datePublished": a.Date,
			"author":         map[string]any{"@type": "Person", "name": a.Author},
			"articleSection": a.Section, "keywords": strings.Join(a.Tags, ", "),
			"publisher": map[string]any{"@type": "Organization", "name": "The Harbour Ledger"},
		}
		if pg.Canonical != "" {
			ld["mainEntityOfPage"] = pg.Canonical
		}
		b, _ := json.Marshal(ld)
		pg.JSONLD = template.JS(b)
	}
	sec := s.bySec[a.Section]
	pg.Related = sec[:min(2, len(sec))]
	return pg
}

func (s *Site) listingPage(title string, items []*Article) *page {
	pg := s.base(title)
	pg.Items = items
	pg.OGType = "website"
	pg.JSONLD = `{"@context":"https://schema.org","@type":"CollectionPage","name":"The Harbour Ledger"}`
	return pg
}

func (s *Site) render(w http.ResponseWriter, name string, data *page) {
	var buf bytes.Buffer
	if err := s.tmpl.ExecuteTemplate(&buf, name, data); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	writeBody(w, "text/html; charset=utf-8", buf.Bytes())
}

func (s *Site) home(w http.ResponseWriter, base string) {
	pg := s.listingPage("The Harbour Ledger: news from the port city", s.articles[:min(5, len(s.articles))])
	pg.Canonical = base + "/"
	pg.JSONLD = `{"@context":"https://schema.org","@type":"WebSite","name":"The Harbour Ledger"}`
	if s.opts.Extras {
		pg.Extra = []extraLink{
			{s.articles[TrackedID].Path + "?utm_source=homepage&utm_medium=web&fbclid=IwAR0abc", "Tracked link"},
			{s.articles[TrackedID].Path + "#comments", "Comments"},
			{ShortLinkPath, "Short link"},
			{"/amp" + s.articles[AMPID].Path, "AMP version"},
			{s.aliasPath(), "Also in another section"},
			{SyndicatedPath, "Syndicated"},
			{PrivatePath, "Insider report"},
			{"/go/private", "Insider short link"},
			{MissingPath, "Missing story"},
			{PDFPath, "Annual report (PDF)"},
			{"/archive/2024/03", "Archive"},
			{"/search?q=harbour", "Search"},
			{"/world/?sort=newest&type=video", "Videos"},
			{"https://other.example/world/2024/03/01/a-story-on-another-site", "Elsewhere"},
			{"http://partner.example/", "Our partner"},
			{"javascript:void(0)", "Menu"},
			{"mailto:news@harbour.example", "Write to us"},
		}
	}
	s.render(w, "listing", pg)
}

// section serves /SECTION/ and /SECTION/page/N, and the faceted variants
// of /SECTION/?... . It reports whether p was a section page.
func (s *Site) section(w http.ResponseWriter, base, p string, q map[string][]string) bool {
	parts := strings.Split(strings.Trim(p, "/"), "/")
	sec := parts[0]
	list, ok := s.bySec[sec]
	if !ok {
		return false
	}
	n := 1
	switch {
	case len(parts) == 1:
	case len(parts) == 3 && parts[1] == "page":
		var err error
		if n, err = strconv.Atoi(parts[2]); err != nil || n < 1 {
			return false
		}
	default:
		return false
	}
	pages := (len(list) + s.opts.PerPage - 1) / s.opts.PerPage
	if n > pages {
		return false
	}
	lo := (n - 1) * s.opts.PerPage
	pg := s.listingPage(title(sec)+" news", list[lo:min(lo+s.opts.PerPage, len(list))])
	if n > 1 {
		pg.Canonical = fmt.Sprintf("%s/%s/page/%d", base, sec, n)
		pg.Prev = fmt.Sprintf("/%s/page/%d", sec, n-1)
		if n == 2 {
			pg.Prev = "/" + sec + "/"
		}
	} else {
		pg.Canonical = base + "/" + sec + "/"
	}
	if n < pages {
		pg.Next = fmt.Sprintf("/%s/page/%d", sec, n+1)
	}
	if s.opts.Extras {
		// Faceted navigation: every filter combination links to more.
		region, _ := strconv.Atoi(first1(q["region"]))
		pg.Extra = []extraLink{
			{fmt.Sprintf("/%s/?region=%d&sort=newest&type=video", sec, region+1), "Next region"},
			{fmt.Sprintf("/%s/?lang=en&region=%d&sort=oldest&type=photo", sec, region), "Photos in English"},
		}
	}
	s.render(w, "listing", pg)
	return true
}

func first1(v []string) string {
	if len(v) == 0 {
		return ""
	}
	return v[0]
}

func (s *Site) tagPage(w http.ResponseWriter, tag string, q map[string][]string) {
	list := s.byTag[tag]
	pg := s.listingPage("Stories tagged "+tag, list[:min(3, len(list))])
	s.render(w, "listing", pg)
}

// search is an endless trap: every results page links to the next one.
func (s *Site) search(w http.ResponseWriter, q map[string][]string) {
	n, _ := strconv.Atoi(first1(q["page"]))
	n = max(n, 1)
	pg := s.listingPage("Search results", s.articles[:min(3, len(s.articles))])
	pg.Next = fmt.Sprintf("/search?page=%d&q=%s", n+1, first1(q["q"]))
	s.render(w, "listing", pg)
}

// calendar is an endless trap: every month links to the one before and
// the one after, and to its days.
func (s *Site) calendar(w http.ResponseWriter, p string) {
	parts := strings.Split(strings.Trim(strings.TrimPrefix(p, "/archive/"), "/"), "/")
	y, _ := strconv.Atoi(parts[0])
	m := 1
	if len(parts) > 1 {
		m, _ = strconv.Atoi(parts[1])
	}
	t := time.Date(y, time.Month(m), 1, 0, 0, 0, 0, time.UTC)
	pg := s.base("Archive " + t.Format("January 2006"))
	pg.OGType = "website"
	pg.Prev = t.AddDate(0, -1, 0).Format("/archive/2006/01")
	pg.Next = t.AddDate(0, 1, 0).Format("/archive/2006/01")
	for d := 1; d <= 3; d++ {
		pg.Days = append(pg.Days, extraLink{t.AddDate(0, 0, d-1).Format("/archive/2006/01/02"), strconv.Itoa(d)})
	}
	s.render(w, "calendar", pg)
}

func (s *Site) sitemapIndex(w http.ResponseWriter, base string) {
	w.Header().Set("Content-Type", "application/xml")
	fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>%s/sitemap-news.xml</loc></sitemap>
<sitemap><loc>%s/sitemap-archive.xml.gz</loc><lastmod>2024-03-01</lastmod></sitemap>
</sitemapindex>`, base, base)
}

func (s *Site) newsSitemap(w http.ResponseWriter, base string) {
	w.Header().Set("Content-Type", "application/xml")
	fmt.Fprint(w, `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
`)
	for _, a := range s.articles[:min(s.opts.NewsSitemap, len(s.articles))] {
		fmt.Fprintf(w, `<url><loc>%s%s</loc><news:news><news:publication><news:name>The Harbour Ledger</news:name><news:language>en</news:language></news:publication><news:publication_date>%s</news:publication_date><news:title>%s</news:title></news:news></url>
`, base, a.Path, a.Date, template.HTMLEscapeString(a.Headline))
	}
	if s.opts.Extras {
		fmt.Fprintf(w, "<url><loc>%s%s</loc></url>\n", base, PrivatePath)
	}
	fmt.Fprint(w, "</urlset>\n")
}

// archiveSitemap lists every fourth article, gzipped, served as
// application/gzip the way many servers do.
func (s *Site) archiveSitemap(w http.ResponseWriter, base string) {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	fmt.Fprint(zw, `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
`)
	for i, a := range s.articles {
		if i%4 == 0 {
			fmt.Fprintf(zw, "<url><loc>%s%s</loc><lastmod>%s</lastmod></url>\n", base, a.Path, a.Date)
		}
	}
	fmt.Fprint(zw, "</urlset>\n")
	zw.Close()
	w.Header().Set("Content-Type", "application/gzip")
	w.Write(buf.Bytes())
}

func (s *Site) feed(w http.ResponseWriter, base string) {
	w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
	fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>The Harbour Ledger</title><link>%s/</link><description>Latest news</description>
`, base)
	for _, a := range s.articles[:min(5, len(s.articles))] {
		t, _ := time.Parse(time.RFC3339, a.Date)
		fmt.Fprintf(w, "<item><title>%s</title><link>%s%s</link><pubDate>%s</pubDate></item>\n",
			template.HTMLEscapeString(a.Headline), base, a.Path, t.Format(time.RFC1123Z))
	}
	fmt.Fprint(w, "</channel></rss>\n")
}

// Warm renders robots.txt, the sitemaps, the feed, every article page and
// every listing page (home, section pages, tag and author pages) as served
// at base ahead of time, so that a benchmark measures the crawler rather
// than the templates: the server then only copies bytes. The documents are
// the very ones a live render gives.
func (s *Site) Warm(base string) error {
	u, err := url.Parse(base)
	if err != nil {
		return err
	}
	paths := []string{"/robots.txt", "/sitemap_index.xml", "/sitemap-news.xml", "/sitemap-archive.xml.gz", "/feed.xml", "/"}
	for _, a := range s.articles {
		paths = append(paths, a.Path)
	}
	for _, sec := range s.opts.Sections {
		paths = append(paths, "/"+sec+"/")
		pages := (len(s.bySec[sec]) + s.opts.PerPage - 1) / s.opts.PerPage
		for n := 2; n <= pages; n++ {
			paths = append(paths, fmt.Sprintf("/%s/page/%d", sec, n))
		}
	}
	for _, tag := range slices.Sorted(maps.Keys(s.byTag)) {
		paths = append(paths, "/tag/"+tag)
	}
	for _, a := range slices.Sorted(maps.Keys(s.byAuthor)) {
		paths = append(paths, "/author/"+a)
	}
	for _, p := range paths {
		rec := httptest.NewRecorder()
		req := httptest.NewRequest(http.MethodGet, p, nil)
		req.Host = u.Host
		s.serve(rec, req)
		if rec.Code != http.StatusOK {
			return fmt.Errorf("testsite: warm %s: status %d", p, rec.Code)
		}
		s.cache.Store(p, &cached{contentType: rec.Header().Get("Content-Type"), body: rec.Body.Bytes()})
	}
	return nil
}
