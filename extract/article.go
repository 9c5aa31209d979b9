package extract

import (
	"crypto/sha256"
	"encoding/hex"
)

// Article is one clean, structured news article: the record newsharvest
// writes, one JSON object per line. Empty fields are omitted from JSON.
type Article struct {
	// ID is stable across runs: the first 16 hex digits of the SHA-256 of
	// CanonicalURL (or of URL when the page declares no canonical address).
	ID string `json:"id,omitempty"`
	// URL is the address the page was read from.
	URL string `json:"url,omitempty"`
	// CanonicalURL is the address the page declares for itself
	// (rel=canonical, og:url, JSON-LD url), resolved against URL.
	CanonicalURL string `json:"canonical_url,omitempty"`
	// Headline is the article's own headline, without the site's name.
	Headline string `json:"headline,omitempty"`
	// Date is the publication date in ISO 8601: with the UTC offset when
	// the page gives one, a local date-time when only that is known, the
	// date alone when only the day is known.
	Date string `json:"date,omitempty"`
	// DateModified is the last modification date, in the same form as Date.
	DateModified string `json:"date_modified,omitempty"`
	// Byline names the authors ("Jane Doe, John Roe"), or the agency when
	// the page credits only one ("AFP").
	Byline string `json:"byline,omitempty"`
	// Tags are the article's keywords and topic links, deduplicated, in
	// page order.
	Tags []string `json:"tags,omitempty"`
	// Section is the part of the site the article belongs to ("World News").
	Section string `json:"section,omitempty"`
	// Body is the article's text: one paragraph per block, paragraphs
	// separated by one blank line.
	Body string `json:"body,omitempty"`
	// Description is the page's summary (og:description, meta description).
	Description string `json:"description,omitempty"`
	// Image is the lead image's absolute URL.
	Image string `json:"image,omitempty"`
	// Lang is the page's language code, such as "en" or "pt-BR".
	Lang string `json:"lang,omitempty"`
	// SiteName is the publication's name.
	SiteName string `json:"site_name,omitempty"`
}

// ArticleID returns the stable identifier of the article whose canonical
// address is u: the first 16 hex digits of its SHA-256.
func ArticleID(u string) string {
	if u == "" {
		return ""
	}
	sum := sha256.Sum256([]byte(u))
	return hex.EncodeToString(sum[:8])
}
