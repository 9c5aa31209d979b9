package scraper

import (
	"mime"
	"net/http"
	"strings"
)

// mediaType returns the lowercase media type of a Content-Type header.
func mediaType(contentType string) string {
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		mt, _, _ = strings.Cut(contentType, ";")
	}
	return strings.ToLower(strings.TrimSpace(mt))
}

// pageContentType is the response header that keeps an HTML page's
// Content-Type as the server sent it, charset included.
const pageContentType = "X-Newsharvest-Content-Type"

// holdCharset takes the charset off an HTML response's Content-Type, and
// keeps the whole header in pageContentType. colly would otherwise convert
// the body to UTF-8 by the header alone; the extractor does better with
// the bytes as sent and the header beside them: it overrules a header the
// bytes contradict, and spares a UTF-8 page a search for its <meta>.
func holdCharset(resp *http.Response) {
	ct := resp.Header.Get("Content-Type")
	mt, params, err := mime.ParseMediaType(ct)
	if err != nil || params["charset"] == "" || !strings.Contains(mt, "html") {
		return
	}
	resp.Header.Set(pageContentType, ct)
	resp.Header.Set("Content-Type", mt)
}

// sentContentType returns a response's Content-Type as the server sent it.
func sentContentType(h http.Header) string {
	if ct := h.Get(pageContentType); ct != "" {
		return ct
	}
	return h.Get("Content-Type")
}
