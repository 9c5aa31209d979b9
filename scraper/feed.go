package scraper

import (
	"bytes"
	"fmt"
	"time"

	"github.com/mmcdole/gofeed"
)

// feedEntry is one item of a feed: its link, with the title and date as
// hints.
type feedEntry struct {
	link, title, date string
}

// parseFeed reads an RSS, Atom or JSON feed.
func parseFeed(data []byte) ([]feedEntry, error) {
	f, err := gofeed.NewParser().Parse(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("parse feed: %w", err)
	}
	out := make([]feedEntry, 0, len(f.Items))
	for _, it := range f.Items {
		if it == nil {
			continue
		}
		e := feedEntry{link: it.Link, title: it.Title}
		if e.link == "" && len(it.Links) > 0 {
			e.link = it.Links[0]
		}
		if it.PublishedParsed != nil {
			e.date = it.PublishedParsed.Format(time.RFC3339)
		}
		if e.link != "" {
			out = append(out, e)
		}
	}
	return out, nil
}

// looksLikeJSONFeed reports a JSON Feed document.
func looksLikeJSONFeed(data []byte) bool {
	data = bytes.TrimSpace(data[:min(len(data), 512)])
	return len(data) > 0 && data[0] == '{' && bytes.Contains(data, []byte("jsonfeed.org"))
}
