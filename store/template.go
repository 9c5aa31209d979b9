package store

import (
	"bytes"
	"fmt"
	"net/url"
	"strings"
	"text/template"
	"time"
)

// Vars are the fields an output path template may use.
type Vars struct {
	// Host is the article's host, lowercase, without port or "www.".
	Host string
	// Date is the day the article was fetched, YYYY-MM-DD (UTC); Year,
	// Month and Day are its parts.
	Date, Year, Month, Day string
	// Published is the article's publication day, YYYY-MM-DD, or
	// "undated".
	Published string
}

// Item is one record for a Sink.
type Item struct {
	// ID identifies the record across runs; it must equal the "id" member
	// of Value's JSON, which reconciliation reads back. An empty ID is
	// written without deduplication.
	ID string
	// URL, Published (ISO 8601) and FetchedAt fill the template's Vars.
	URL       string
	Published string
	FetchedAt time.Time
	// Value is the record, marshalled as one JSON object.
	Value any
}

// vars returns it's template fields.
func (it *Item) vars() Vars {
	t := it.FetchedAt.UTC()
	if it.FetchedAt.IsZero() {
		t = time.Now().UTC()
	}
	v := Vars{Date: t.Format(time.DateOnly), Year: t.Format("2006"), Month: t.Format("01"), Day: t.Format("02"), Published: "undated", Host: "unknown-host"}
	if u, err := url.Parse(it.URL); err == nil && u.Hostname() != "" {
		v.Host = strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
	}
	if len(it.Published) >= 10 {
		if _, err := time.Parse(time.DateOnly, it.Published[:10]); err == nil {
			v.Published = it.Published[:10]
		}
	}
	return v
}

// PathTemplate turns records into output paths, such as
// "out/{{.Host}}/{{.Date}}.jsonl". See Vars for the fields.
type PathTemplate struct {
	src  string
	tmpl *template.Template
}

// IsTemplate reports whether an output name is a template: whether it
// holds "{{".
func IsTemplate(s string) bool { return strings.Contains(s, "{{") }

// ParsePathTemplate parses an output path template and checks it on a
// sample record.
func ParsePathTemplate(src string) (*PathTemplate, error) {
	t, err := template.New("output").Option("missingkey=error").Parse(src)
	if err != nil {
		return nil, fmt.Errorf("output template %q: %w", src, err)
	}
	pt := &PathTemplate{src: src, tmpl: t}
	if _, err := pt.Path(Vars{Host: "news.example", Date: "2024-05-01", Year: "2024", Month: "05", Day: "01", Published: "2024-05-01"}); err != nil {
		return nil, err
	}
	return pt, nil
}

// Path returns the path for v.
func (pt *PathTemplate) Path(v Vars) (string, error) {
	var b bytes.Buffer
	if err := pt.tmpl.Execute(&b, v); err != nil {
		return "", fmt.Errorf("output template %q: %w", pt.src, err)
	}
	p := b.String()
	if strings.TrimSpace(p) == "" {
		return "", fmt.Errorf("output template %q: gives an empty path", pt.src)
	}
	return p, nil
}
