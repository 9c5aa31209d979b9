package scraper

import (
	"strings"
	"testing"
)

func TestParseSitemap(t *testing.T) {
	t.Parallel()
	const news = `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
 <url><loc> https://n.example/a </loc><lastmod>2024-03-02</lastmod>
  <news:news><news:publication><news:name>N</news:name></news:publication>
  <news:publication_date>2024-03-01T10:00:00Z</news:publication_date><news:title>Ferry &amp; bridge</news:title></news:news></url>
 <url><loc>https://n.example/b</loc></url>
 <url><lastmod>2024-01-01</lastmod></url>
</urlset>`
	sm, err := parseSitemap(strings.NewReader(news))
	if err != nil {
		t.Fatal(err)
	}
	want := []sitemapEntry{
		{loc: "https://n.example/a", lastmod: "2024-03-02", newsTitle: "Ferry & bridge", newsDate: "2024-03-01T10:00:00Z"},
		{loc: "https://n.example/b"},
	}
	if sm.index || len(sm.entries) != len(want) {
		t.Fatalf("got index=%v %+v, want a urlset of %+v", sm.index, sm.entries, want)
	}
	for i := range want {
		if sm.entries[i] != want[i] {
			t.Errorf("entry %d: %+v, want %+v", i, sm.entries[i], want[i])
		}
	}

	idx, err := parseSitemap(strings.NewReader(`<sitemapindex><sitemap><loc>https://n.example/s1.xml.gz</loc></sitemap></sitemapindex>`))
	if err != nil || !idx.index || len(idx.entries) != 1 || idx.entries[0].loc != "https://n.example/s1.xml.gz" {
		t.Errorf("index: %+v, %v", idx, err)
	}
	if _, err := parseSitemap(strings.NewReader(`<rss><channel/></rss>`)); err == nil {
		t.Error("an RSS document parsed as a sitemap")
	}
}

func TestSniff(t *testing.T) {
	t.Parallel()
	tests := []struct {
		mt, body string
		kind     docKind
		want     docKind
	}{
		{"text/html", "<urlset>", kindPage, kindPage},
		{"application/xml", `<?xml version="1.0"?><urlset>`, kindPage, kindSitemap},
		{"text/xml", `<sitemapindex>`, kindPage, kindSitemap},
		{"application/rss+xml", `<?xml version="1.0"?><rss version="2.0">`, kindPage, kindFeed},
		{"", `<feed xmlns="http://www.w3.org/2005/Atom">`, kindPage, kindFeed},
		{"application/feed+json", `{"version":"https://jsonfeed.org/version/1.1"}`, kindPage, kindFeed},
		{"", `<!DOCTYPE html><html>`, kindPage, kindPage},
		{"text/plain", "https://n.example/a\n", kindSitemap, kindSitemap},
	}
	for _, tt := range tests {
		if got := sniff(tt.mt, []byte(tt.body), tt.kind); got != tt.want {
			t.Errorf("sniff(%q, %q) = %c, want %c", tt.mt, tt.body, got, tt.want)
		}
	}
}

func TestParseFeed(t *testing.T) {
	t.Parallel()
	feeds := map[string]string{
		"rss":  `<rss version="2.0"><channel><title>N</title><item><title>A story</title><link>https://n.example/a</link><pubDate>Fri, 01 Mar 2024 10:00:00 +0000</pubDate></item></channel></rss>`,
		"atom": `<feed xmlns="http://www.w3.org/2005/Atom"><title>N</title><entry><title>A story</title><link href="https://n.example/a"/><published>2024-03-01T10:00:00Z</published></entry></feed>`,
		"json": `{"version":"https://jsonfeed.org/version/1.1","title":"N","items":[{"id":"1","url":"https://n.example/a","title":"A story","date_published":"2024-03-01T10:00:00Z"}]}`,
	}
	for name, src := range feeds {
		items, err := parseFeed([]byte(src))
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		want := feedEntry{link: "https://n.example/a", title: "A story", date: "2024-03-01T10:00:00Z"}
		if len(items) != 1 || items[0] != want {
			t.Errorf("%s: %+v, want [%+v]", name, items, want)
		}
	}
}
