package extract

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"

	"golang.org/x/net/html"
)

// ErrTooLarge is returned for inputs over the size limit (see WithMaxBytes).
var ErrTooLarge = errors.New("document too large")

// ErrNotHTML is returned for inputs that are not HTML documents, such as
// images, PDFs or other binary data.
var ErrNotHTML = errors.New("not an HTML document")

// FromReader reads an HTML document from r, decodes it to UTF-8 and extracts
// its article. pageURL is the address the document was read from; it
// resolves relative links and is the fallback for the article's ID. It may
// be empty.
func FromReader(r io.Reader, pageURL string, opts ...Option) (*Article, error) {
	cfg := newConfig(opts)
	data, err := io.ReadAll(io.LimitReader(r, cfg.maxBytes+1))
	if err != nil {
		return nil, fmt.Errorf("read document: %w", err)
	}
	if int64(len(data)) > cfg.maxBytes {
		return nil, fmt.Errorf("%w: over %d bytes", ErrTooLarge, cfg.maxBytes)
	}
	return FromBytes(data, pageURL, opts...)
}

// FromBytes is FromReader for a document already in memory.
func FromBytes(data []byte, pageURL string, opts ...Option) (*Article, error) {
	cfg := newConfig(opts)
	if int64(len(data)) > cfg.maxBytes {
		return nil, fmt.Errorf("%w: over %d bytes", ErrTooLarge, cfg.maxBytes)
	}
	doc, err := Parse(data, cfg.contentType)
	if err != nil {
		return nil, err
	}
	return fromNode(doc, pageURL, cfg)
}

// FromDocument extracts the article from a document the caller has already
// parsed, for example with Parse, or from goquery's tree. The document is
// not modified, unless the Consume option says the caller is done with it.
func FromDocument(doc *html.Node, pageURL string, opts ...Option) (*Article, error) {
	if doc == nil {
		return nil, errors.New("extract: nil document")
	}
	cfg := newConfig(opts)
	if !cfg.consume {
		doc = cloneTree(doc)
	}
	return fromNode(doc, pageURL, cfg)
}

// sniff rejects inputs that are plainly not text: images, PDFs, archives,
// executables. It reads the first 512 bytes the way browsers do.
func sniff(data []byte) error {
	if len(bytes.TrimSpace(data)) == 0 {
		return fmt.Errorf("%w: empty input", ErrNotHTML)
	}
	ct := http.DetectContentType(data)
	if strings.HasPrefix(ct, "text/") || strings.Contains(ct, "xml") {
		return nil
	}
	return fmt.Errorf("%w: content looks like %s", ErrNotHTML, ct)
}
