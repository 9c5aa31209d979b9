package scraper

import (
	"context"
	"errors"
	"time"

	"github.com/newsharvest/newsharvest/extract"
)

// Record is one article as the crawler emits it.
type Record struct {
	extract.Article
	// FetchedAt is when the page was fetched, in UTC to the second; it
	// marshals as RFC 3339.
	FetchedAt time.Time `json:"fetched_at"`
}

// Sink receives the crawler's records. The crawler calls Write from one
// goroutine at a time, in the order the articles are found; an error stops
// the crawl, and Run returns it, but for one wrapping ErrDuplicate.
type Sink interface {
	Write(ctx context.Context, r *Record) error
}

// ErrDuplicate is returned, wrapped, by a Sink for a record it holds
// already (written by an earlier run): the crawler counts a duplicate and
// goes on.
var ErrDuplicate = errors.New("duplicate record")

// SinkFunc adapts a function to a Sink.
type SinkFunc func(ctx context.Context, r *Record) error

// Write calls f.
func (f SinkFunc) Write(ctx context.Context, r *Record) error { return f(ctx, r) }
