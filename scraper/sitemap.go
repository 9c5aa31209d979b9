package scraper

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
)

// sitemapEntry is one <url> of a urlset or one <sitemap> of an index.
type sitemapEntry struct {
	loc     string
	lastmod string
	// From a news sitemap's <news:news>.
	newsTitle string
	newsDate  string
}

// sitemap is a parsed sitemap: a urlset, or an index of sitemaps.
type sitemap struct {
	index   bool
	entries []sitemapEntry
}

// maxSitemapEntries caps the entries read from one sitemap, as the
// protocol does.
const maxSitemapEntries = 50_000

var errNotSitemap = errors.New("not a sitemap")

// parseSitemap reads a sitemap or sitemap index (the protocol's XML form,
// news extensions included) with a streaming decoder.
func parseSitemap(r io.Reader) (*sitemap, error) {
	dec := xml.NewDecoder(r)
	dec.Strict = false
	dec.CharsetReader = func(_ string, in io.Reader) (io.Reader, error) { return in, nil }
	sm := &sitemap{}
	var root bool
	var cur *sitemapEntry
	var text strings.Builder
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			if root {
				return sm, nil // keep what was read before the damage
			}
			return nil, fmt.Errorf("parse sitemap: %w", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			name := strings.ToLower(t.Name.Local)
			if !root {
				switch name {
				case "urlset":
				case "sitemapindex":
					sm.index = true
				default:
					return nil, errNotSitemap
				}
				root = true
				continue
			}
			switch name {
			case "url", "sitemap":
				cur = &sitemapEntry{}
			}
			text.Reset()
		case xml.CharData:
			text.Write(t)
		case xml.EndElement:
			if cur == nil {
				continue
			}
			v := strings.TrimSpace(text.String())
			text.Reset()
			switch strings.ToLower(t.Name.Local) {
			case "loc":
				if cur.loc == "" {
					cur.loc = v
				}
			case "lastmod":
				cur.lastmod = v
			case "title":
				cur.newsTitle = v
			case "publication_date":
				cur.newsDate = v
			case "url", "sitemap":
				if cur.loc != "" && len(sm.entries) < maxSitemapEntries {
					sm.entries = append(sm.entries, *cur)
				}
				cur = nil
			}
		}
	}
	if !root {
		return nil, errNotSitemap
	}
	return sm, nil
}

// xmlRoot returns the lowercase local name of an XML document's root
// element, or "" when data does not start like XML.
func xmlRoot(data []byte) string {
	data = bytes.TrimLeft(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")), " \t\r\n")
	if len(data) == 0 || data[0] != '<' {
		return ""
	}
	dec := xml.NewDecoder(bytes.NewReader(data[:min(len(data), 4096)]))
	dec.Strict = false
	dec.CharsetReader = func(_ string, in io.Reader) (io.Reader, error) { return in, nil }
	for {
		tok, err := dec.Token()
		if err != nil {
			return ""
		}
		if t, ok := tok.(xml.StartElement); ok {
			return strings.ToLower(t.Name.Local)
		}
	}
}
