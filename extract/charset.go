package extract

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/gogs/chardet"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/unicode"
)

// Charset detection follows the order browsers use: a byte-order mark, the
// HTTP Content-Type header, then a <meta charset> or http-equiv
// declaration in the page. Only when all of them are silent do we guess:
// valid UTF-8 is taken as UTF-8 (cheap, and right for nearly every modern
// page), and anything else goes to gogs/chardet's statistical detector.
// A declaration that the bytes plainly contradict (a page that says
// ISO-8859-1 but is valid multi-byte UTF-8, or says UTF-8 but is not) is
// overruled, as real pages often lie.

// metaCharset finds a charset declaration anywhere in the head, for pages
// whose <meta> sits past the 1024 bytes the HTML prescan looks at.
var metaCharset = regexp.MustCompile(`(?i)<meta[^>]+charset\s*=\s*["']?\s*([a-z0-9_:.\-]+)`)

// decode returns the document converted to UTF-8.
func decode(data []byte, contentType string) ([]byte, error) {
	enc, name := detectCharset(data, contentType)
	if enc == nil || name == "utf-8" {
		return stripBOM(data), nil
	}
	out, err := enc.NewDecoder().Bytes(stripBOM(data))
	if err != nil {
		return nil, fmt.Errorf("decode %s: %w", name, err)
	}
	return out, nil
}

func stripBOM(b []byte) []byte {
	return bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
}

// detectCharset returns the document's encoding and its canonical name.
func detectCharset(data []byte, contentType string) (encoding.Encoding, string) {
	// BOM and Content-Type header.
	if e, name, certain := charset.DetermineEncoding(data, contentType); certain {
		if bom(data) || !contradicts(name, data) {
			return e, name
		}
	}
	// <meta charset> or http-equiv, searched further than the 1024-byte
	// prescan since real pages put big comments and scripts before it.
	head := data[:min(len(data), 32<<10)]
	if m := metaCharset.FindSubmatch(head); m != nil {
		if e, name := charset.Lookup(string(m[1])); e != nil && !contradicts(name, data) {
			return e, name
		}
	}
	if utf8.Valid(data) {
		return unicode.UTF8, "utf-8"
	}
	if r, err := chardet.NewHtmlDetector().DetectBest(data); err == nil {
		if e, name := charset.Lookup(r.Charset); e != nil && name != "utf-8" {
			return e, name
		}
	}
	e, name := charset.Lookup("windows-1252")
	return e, name
}

func bom(data []byte) bool {
	return bytes.HasPrefix(data, []byte("\xef\xbb\xbf")) ||
		bytes.HasPrefix(data, []byte("\xfe\xff")) || bytes.HasPrefix(data, []byte("\xff\xfe"))
}

// contradicts reports whether the bytes plainly are not in the named
// charset: UTF-8 claimed for invalid UTF-8, or a legacy charset claimed
// for text that is valid UTF-8 with multi-byte sequences.
func contradicts(name string, data []byte) bool {
	switch {
	case name == "utf-8":
		return !utf8.Valid(data) && invalidShare(data) > 0.001
	case strings.HasPrefix(name, "utf-16"):
		return false
	}
	// Any other charset: legacy single- and multi-byte encodings almost
	// never produce valid multi-byte UTF-8 across a whole page, so such
	// bytes are UTF-8 whatever the page says.
	return hasMultibyte(data) && utf8.Valid(data)
}

// invalidShare is the share of bytes that do not form valid UTF-8.
func invalidShare(data []byte) float64 {
	bad := 0
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n == 1 {
			bad++
		}
		i += n
	}
	return float64(bad) / float64(max(len(data), 1))
}

func hasMultibyte(data []byte) bool {
	for _, c := range data {
		if c >= 0x80 {
			return true
		}
	}
	return false
}
