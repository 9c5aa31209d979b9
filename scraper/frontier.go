package scraper

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"

	"github.com/gocolly/colly/v2/queue"
)

// docKind is what the crawler expects a URL to hold, from where it was
// found. The response decides in the end: a "page" that answers with a
// feed is read as a feed.
type docKind byte

const (
	kindPage    docKind = 'p'
	kindSitemap docKind = 's'
	kindFeed    docKind = 'f'
)

// entry flags.
const (
	// flagSeed marks a seed: exempt from Include and Exclude.
	flagSeed = 1 << iota
	// flagViaCanonical marks a URL queued because a page named it as its
	// canonical address: its page is emitted even if it names yet another.
	flagViaCanonical
	// flagOptional marks a URL guessed rather than found (/sitemap.xml):
	// its absence is not worth a warning.
	flagOptional
)

// entry is one URL in the frontier, with what the crawler knows of it.
type entry struct {
	url   string
	depth int
	kind  docKind
	flags int
	// Hints from a sitemap or feed, used when the page lacks them.
	title, date string

	// Set while the entry is crawled, not stored:
	raw     []byte // as stored, for Acker.Ack
	article bool   // the page turned out to be an article
}

// marshal encodes e compactly: the frontier of a large site holds many.
func (e *entry) marshal() []byte {
	var b strings.Builder
	b.Grow(len(e.url) + len(e.title) + len(e.date) + 16)
	b.WriteByte('1') // format version
	b.WriteByte(byte(e.kind))
	b.WriteString(strconv.Itoa(e.depth))
	b.WriteByte('\x00')
	b.WriteString(strconv.Itoa(e.flags))
	b.WriteByte('\x00')
	b.WriteString(e.url)
	b.WriteByte('\x00')
	b.WriteString(e.title)
	b.WriteByte('\x00')
	b.WriteString(e.date)
	return []byte(b.String())
}

func unmarshalEntry(data []byte) (*entry, error) {
	s := string(data)
	if len(s) < 2 || s[0] != '1' {
		return nil, errors.New("frontier entry: unknown format")
	}
	e := &entry{kind: docKind(s[1])}
	parts := strings.SplitN(s[2:], "\x00", 5)
	if len(parts) != 5 {
		return nil, errors.New("frontier entry: truncated")
	}
	var err error
	if e.depth, err = strconv.Atoi(parts[0]); err != nil {
		return nil, fmt.Errorf("frontier entry: depth: %w", err)
	}
	if e.flags, err = strconv.Atoi(parts[1]); err != nil {
		return nil, fmt.Errorf("frontier entry: flags: %w", err)
	}
	e.url, e.title, e.date = parts[2], parts[3], parts[4]
	return e, nil
}

// frontier hands queued entries to the crawl's workers and knows when the
// crawl is over: nothing queued and nothing in flight.
type frontier struct {
	store queue.Storage
	acker Acker // store, when it keeps requests until acknowledged

	mu       sync.Mutex
	cond     *sync.Cond
	inFlight int
	closed   bool // cancelled, or the page cap reached
	err      error
}

func newFrontier(store queue.Storage) (*frontier, error) {
	if store == nil {
		store = &queue.InMemoryQueueStorage{}
	}
	if err := store.Init(); err != nil {
		return nil, fmt.Errorf("frontier: init: %w", err)
	}
	f := &frontier{store: store}
	f.acker, _ = store.(Acker)
	f.cond = sync.NewCond(&f.mu)
	return f, nil
}

// push queues e.
func (f *frontier) push(e *entry) error {
	if err := f.store.AddRequest(e.marshal()); err != nil {
		return fmt.Errorf("frontier: add %s: %w", e.url, err)
	}
	f.mu.Lock()
	f.cond.Signal()
	f.mu.Unlock()
	return nil
}

// next returns the next entry to fetch, waiting while the frontier is
// empty but fetches in flight may still add to it. It returns nil when
// the crawl is over. Every entry returned must be given back to done.
func (f *frontier) next() *entry {
	f.mu.Lock()
	defer f.mu.Unlock()
	for {
		if f.closed {
			return nil
		}
		size, err := f.store.QueueSize()
		if err != nil {
			f.fail(fmt.Errorf("frontier: size: %w", err))
			return nil
		}
		if size > 0 {
			data, err := f.store.GetRequest()
			if err != nil {
				f.fail(fmt.Errorf("frontier: get: %w", err))
				return nil
			}
			if data != nil {
				e, err := unmarshalEntry(data)
				if err != nil {
					continue // not ours, or damaged: skip it
				}
				e.raw = data
				f.inFlight++
				return e
			}
		}
		if f.inFlight == 0 {
			f.closed = true
			f.cond.Broadcast()
			return nil
		}
		f.cond.Wait()
	}
}

// done tells the frontier that an entry from next has been handled, and,
// when finished, that an acknowledging store may forget it.
func (f *frontier) done(e *entry, finished bool) {
	var ackErr error
	if finished && f.acker != nil {
		ackErr = f.acker.Ack(e.raw)
	}
	f.mu.Lock()
	if ackErr != nil {
		f.fail(fmt.Errorf("frontier: ack %s: %w", e.url, ackErr))
	}
	f.inFlight--
	f.cond.Broadcast()
	f.mu.Unlock()
}

// close ends the crawl: next returns nil from now on.
func (f *frontier) close() {
	f.mu.Lock()
	f.closed = true
	f.cond.Broadcast()
	f.mu.Unlock()
}

// fail closes the frontier with an error; f.mu is held.
func (f *frontier) fail(err error) {
	if f.err == nil {
		f.err = err
	}
	f.closed = true
	f.cond.Broadcast()
}

func (f *frontier) error() error {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.err
}

// closeOnDone closes f when ctx is done; the returned function stops it.
func (f *frontier) closeOnDone(ctx context.Context) func() bool {
	return context.AfterFunc(ctx, f.close)
}
