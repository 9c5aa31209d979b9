package store

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"
)

// ErrAlreadyEmitted is the error of Sink.Write for a record whose id was
// emitted before: the record is not written.
var ErrAlreadyEmitted = errors.New("record already emitted")

var errSinkClosed = errors.New("sink closed")

// SinkOptions configure a Sink.
type SinkOptions struct {
	// SyncEvery is the time between two checkpoints made by Write: the
	// output files are written and synced, then the State's changes
	// committed. Zero makes one after every record. Lines reach the file
	// at checkpoints and whenever FlushSize of them wait (see JSONL): a
	// crash of the process loses those not yet written, a crash of the
	// machine those not yet synced. Neither loses a record for good with
	// a State: the pages of records not committed are fetched again.
	SyncEvery time.Duration
	// Logger receives the sink's logs (default: slog.Default()).
	Logger *slog.Logger
}

// Sink writes records to an Output and, when it has a State, writes each
// record at most once across runs. Its methods are safe for concurrent
// use.
//
// Order of operations, with a State: a record whose id is emitted is
// refused; its line is appended (and reaches the file, whole, at the
// latest at the next checkpoint); its id is marked emitted in memory. A
// checkpoint holds the writers, syncs the files, takes the State's
// changes, lets the writers go, and commits the changes. On start, and
// when it first opens a file, the Sink reconciles: every id in the file
// past the part known to be reconciled is marked emitted.
type Sink struct {
	out  *Output
	st   *State
	opts SinkOptions
	log  *slog.Logger

	mu       sync.Mutex
	failed   error // a failed sync: nothing written since is known safe
	lastCkpt time.Time
	written  int64
	adopted  int64
}

// NewSink returns a Sink writing to out, deduplicating with st when st is
// not nil. With a State, it first reconciles the output files the state
// knows: each is repaired, and the ids in it that a crash kept from being
// marked emitted are marked.
func NewSink(out *Output, st *State, opts SinkOptions) (*Sink, error) {
	if opts.Logger == nil {
		opts.Logger = slog.Default()
	}
	s := &Sink{out: out, st: st, opts: opts, log: opts.Logger, lastCkpt: time.Now()}
	out.log = opts.Logger
	if st == nil {
		return s, nil
	}
	out.onOpen = s.adopt
	out.onClose = func(abs string, j *JSONL) { st.setOutputOffset(abs, j.Size()) }
	if err := s.reconcile(); err != nil {
		return nil, err
	}
	st.setSyncer(s)
	if err := st.Checkpoint(); err != nil {
		return nil, err
	}
	return s, nil
}

// Write writes it as one line. It returns an error wrapping
// ErrAlreadyEmitted, and writes nothing, when it's ID was emitted before.
// A record whose write fails is not marked emitted, and its partial line
// is cut off again.
func (s *Sink) Write(_ context.Context, it Item) error {
	buf := linePool.Get().(*bytes.Buffer)
	defer putLineBuffer(buf)
	line, err := marshalLine(buf, it.Value)
	if err != nil {
		return fmt.Errorf("encode record %s: %w", it.ID, err)
	}
	s.mu.Lock()
	if s.failed != nil {
		s.mu.Unlock()
		return s.failed
	}
	dedup := s.st != nil && it.ID != ""
	if dedup && s.st.IsEmitted(it.ID) {
		s.mu.Unlock()
		return fmt.Errorf("%s: %w", it.ID, ErrAlreadyEmitted)
	}
	j, err := s.out.file(&it)
	if err != nil {
		if errors.Is(err, ErrLinesLost) { // closing a file to open another
			s.failed = fmt.Errorf("output unusable after a failed write: %w", err)
		}
		s.mu.Unlock()
		return err
	}
	if dedup && s.st.IsEmitted(it.ID) { // found in the file just adopted
		s.mu.Unlock()
		return fmt.Errorf("%s: %w", it.ID, ErrAlreadyEmitted)
	}
	// With a checkpoint due, the line is written now, so that a failed
	// write is this record's alone.
	due := s.opts.SyncEvery <= 0 || time.Since(s.lastCkpt) >= s.opts.SyncEvery
	if due {
		err = j.appendAndFlush(line)
	} else {
		err = j.Append(line)
	}
	if err != nil {
		if errors.Is(err, ErrLinesLost) {
			// Records whose Write returned are not in the file: no
			// checkpoint may commit them now.
			s.failed = fmt.Errorf("output unusable after a failed write: %w", err)
		}
		s.mu.Unlock()
		return err
	}
	if dedup {
		s.st.markEmitted(it.ID)
	}
	s.written++
	s.mu.Unlock()
	if due {
		return s.Checkpoint()
	}
	return nil
}

// Checkpoint syncs the output files and, with a State, commits the
// state's changes.
func (s *Sink) Checkpoint() error {
	if s.st != nil {
		return s.st.Checkpoint()
	}
	unlock, err := s.lockAndSync()
	if err != nil {
		return err
	}
	unlock()
	return nil
}

// CheckpointEvery makes a checkpoint every d until ctx is done, so that
// the frontier is saved while no record comes. It returns the first
// checkpoint error, or nil when ctx is done.
func (s *Sink) CheckpointEvery(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		d = time.Second
	}
	t := time.NewTicker(d)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
			if err := s.Checkpoint(); err != nil {
				return err
			}
		}
	}
}

// lockAndSync implements syncer: it holds the writers, syncs the files
// and records how far each is reconciled.
func (s *Sink) lockAndSync() (func(), error) {
	s.mu.Lock()
	if s.failed != nil {
		s.mu.Unlock()
		return nil, s.failed
	}
	if err := s.out.sync(); err != nil {
		// After a failed fsync the kernel may have dropped the lines:
		// nothing written since the last checkpoint may be marked.
		s.failed = fmt.Errorf("output unusable after a failed sync: %w", err)
		s.mu.Unlock()
		return nil, err
	}
	s.lastCkpt = time.Now()
	if s.st != nil {
		for abs, j := range s.out.files {
			if off, _ := s.st.outputOffset(abs); off != j.Size() {
				s.st.setOutputOffset(abs, j.Size())
			}
		}
	}
	return s.mu.Unlock, nil
}

// Written returns the number of records written.
func (s *Sink) Written() int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.written
}

// Adopted returns the number of records found in output files by
// reconciliation and marked emitted.
func (s *Sink) Adopted() int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.adopted
}

// Close makes a last checkpoint and closes the output files. The State
// stays open.
func (s *Sink) Close() error {
	err := s.Checkpoint()
	if s.st != nil {
		s.st.setSyncer(nil)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if cerr := s.out.Close(); cerr != nil && err == nil {
		err = cerr
	}
	if s.failed == nil {
		s.failed = errSinkClosed // a write abandoned by a stopped crawl comes too late
	}
	if s.st != nil {
		for abs, j := range s.out.files { // left open by a failed close
			s.log.Debug("output left open", "file", abs, "size", j.Size())
		}
	}
	return err
}

// linePool holds the buffers records are encoded into: Append copies a
// line, so its buffer serves the next record instead of being grown anew.
var linePool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// putLineBuffer returns b to linePool, unless a huge record grew it.
func putLineBuffer(b *bytes.Buffer) {
	if b.Cap() > 1<<20 {
		return
	}
	b.Reset()
	linePool.Put(b)
}

// marshalLine encodes v into b as one line of JSON, without HTML escaping,
// and returns the line without its newline. The line is b's: it is valid
// until b is reused.
func marshalLine(b *bytes.Buffer, v any) ([]byte, error) {
	enc := json.NewEncoder(b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}
