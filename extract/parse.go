package extract

import (
	"bytes"
	"fmt"
	"io"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// parseDepth is the element nesting kept when a document nests deeper
// than the HTML parser accepts (golang.org/x/net/html refuses more than
// 512 open elements).
const parseDepth = 200

// Parse decodes an HTML document to UTF-8 and parses it, as FromBytes
// does: the charset comes from contentType (an HTTP Content-Type header,
// may be empty), a byte-order mark or a <meta> declaration, and only when
// all are silent from a statistical guess. A document nested deeper than
// the HTML parser accepts keeps its text. Callers that need the tree
// themselves, such as a crawler reading links, parse once with Parse and
// pass the tree to FromDocument with Consume.
func Parse(data []byte, contentType string) (*html.Node, error) {
	if err := sniff(data); err != nil {
		return nil, err
	}
	text, err := decode(data, contentType)
	if err != nil {
		return nil, err
	}
	return parse(text)
}

// parse parses a UTF-8 document. A document the parser refuses for its
// nesting is parsed again with the tags past parseDepth dropped, so its
// text survives.
func parse(text []byte) (*html.Node, error) {
	doc, err := html.Parse(bytes.NewReader(text))
	if err == nil {
		return doc, nil
	}
	doc, err2 := html.Parse(bytes.NewReader(shallow(text, parseDepth)))
	if err2 != nil {
		return nil, fmt.Errorf("parse HTML: %w", err)
	}
	return doc, nil
}

// shallow re-serialises a document without the start and end tags of
// elements nested deeper than limit, keeping all text.
func shallow(text []byte, limit int) []byte {
	z := html.NewTokenizer(bytes.NewReader(text))
	var out bytes.Buffer
	out.Grow(len(text))
	depth := 0
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			if z.Err() == io.EOF {
				return out.Bytes()
			}
			return out.Bytes()
		case html.StartTagToken:
			name, _ := z.TagName()
			if voidElement(atom.Lookup(name)) {
				out.Write(z.Raw())
				continue
			}
			depth++
			if depth <= limit {
				out.Write(z.Raw())
			}
		case html.EndTagToken:
			if depth <= limit {
				out.Write(z.Raw())
			}
			if depth > 0 {
				depth--
			}
		default:
			out.Write(z.Raw())
		}
	}
}

func voidElement(a atom.Atom) bool {
	switch a {
	case atom.Area, atom.Base, atom.Br, atom.Col, atom.Embed, atom.Hr, atom.Img, atom.Input,
		atom.Link, atom.Meta, atom.Source, atom.Track, atom.Wbr, atom.Param:
		return true
	}
	return false
}
