// Package extract turns a news page's HTML into one clean Article: its
// headline, dates, byline, section, tags and the article's text, with the
// share bars, cookie banners, app promos, related links, captions and ads
// of the page left behind.
//
// The pipeline parses the page once. It reads the metadata from the
// untouched tree (JSON-LD, OpenGraph, article:* and Dublin Core meta,
// microdata, <time>, rel=author, visible bylines and datelines, the
// URL), removes page furniture by general rules (the class, id, role and
// ARIA vocabulary of boilerplate, share and app-store links, short
// link-dense blocks), finds the main text with readability
// (codeberg.org/readeck/go-readability/v2) and tidies the result.
//
// FromReader and FromBytes take a whole document; Parse and FromDocument
// serve callers that need the parsed tree themselves. Options set the
// HTTP Content-Type (for the charset), a size limit and the form of the
// body (text, Markdown or sanitised HTML).
package extract
