package extract

import (
	"fmt"
	"strings"
)

// Option adjusts one extraction.
type Option func(*config)

type config struct {
	contentType string
	maxBytes    int64
	consume     bool
	format      BodyFormat
}

// BodyFormat is the form of Article.Body.
type BodyFormat int

const (
	// Text is plain text, paragraphs separated by a blank line (the default).
	Text BodyFormat = iota
	// Markdown keeps headings, lists, links, quotes and emphasis.
	Markdown
	// HTML is the cleaned article fragment, sanitised: no scripts, no
	// event handlers, no styles, no javascript: URLs.
	HTML
)

// ParseBodyFormat reads "text", "markdown" (or "md") or "html".
func ParseBodyFormat(s string) (BodyFormat, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "text", "txt", "":
		return Text, nil
	case "markdown", "md":
		return Markdown, nil
	case "html":
		return HTML, nil
	}
	return Text, fmt.Errorf("unknown body format %q (want text, markdown or html)", s)
}

func (f BodyFormat) String() string {
	switch f {
	case Markdown:
		return "markdown"
	case HTML:
		return "html"
	}
	return "text"
}

// WithBodyFormat sets the form of Article.Body: Text (the default),
// Markdown or HTML. The same paragraphs are kept in every form.
func WithBodyFormat(f BodyFormat) Option {
	return func(c *config) { c.format = f }
}

// DefaultMaxBytes is the largest document FromReader reads: 16 MiB. Larger
// inputs fail with ErrTooLarge rather than exhausting memory.
const DefaultMaxBytes = 16 << 20

func newConfig(opts []Option) *config {
	c := &config{maxBytes: DefaultMaxBytes}
	for _, o := range opts {
		o(c)
	}
	return c
}

// WithContentType passes the HTTP Content-Type header the document came
// with. Its charset parameter outranks any declaration inside the page.
func WithContentType(ct string) Option {
	return func(c *config) { c.contentType = ct }
}

// WithMaxBytes sets the largest input FromReader accepts (DefaultMaxBytes
// when n <= 0).
func WithMaxBytes(n int64) Option {
	return func(c *config) {
		if n > 0 {
			c.maxBytes = n
		}
	}
}

// Consume lets FromDocument take the document apart instead of working on
// a copy, which saves a deep copy of the tree. Use it when the caller has
// no further use for the tree.
func Consume() Option {
	return func(c *config) { c.consume = true }
}
