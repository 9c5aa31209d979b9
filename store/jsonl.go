package store

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
)

// File is what a JSONL writes to: an *os.File, or a test double.
type File interface {
	io.Writer
	Sync() error
	Close() error
}

// truncater is a File whose end can be cut: a regular file.
type truncater interface {
	Truncate(size int64) error
}

// JSONL is a JSON Lines file opened for appending. Lines reach the file
// whole or not at all: a write that fails half-way is cut off again.
//
// On a regular file, appended lines are held in memory and written
// together, in one write, when they reach FlushSize, on Flush, Sync and
// Close: one system call per line would cost a crawl more than the rest of
// its output does. A crash loses the lines not yet written, as it loses a
// page in flight; a Sink never commits a record to its State before its
// line is written and synced. On a stream (standard output, a pipe) every
// line is written at once, for the reader at the other end.
//
// It is not safe for concurrent use.
type JSONL struct {
	name    string
	f       File
	size    int64  // bytes in the file
	pending []byte // whole lines appended but not yet written
	dirty   bool   // written since the last Sync
	file    bool   // a regular file: its size is known, it can be cut and synced
}

// FlushSize is the amount of appended lines at which a JSONL on a regular
// file writes them.
const FlushSize = 64 << 10

// OpenJSONL opens the JSON Lines file at path for appending, creating it
// and its directory if need be. A file whose last line is torn (it does
// not end in a newline: a crash cut its write short) is repaired: the torn
// tail is cut, and the cut is logged.
func OpenJSONL(path string, log *slog.Logger) (*JSONL, error) {
	if log == nil {
		log = slog.Default()
	}
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, fmt.Errorf("output directory: %w", err)
		}
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("open output: %w", err)
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("open output: %w", err)
	}
	j := &JSONL{name: path, f: f, file: fi.Mode().IsRegular()}
	if !j.file {
		return j, nil // a device or a pipe: nothing to repair
	}
	j.size = fi.Size()
	cut, err := repairTail(f, j.size)
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("repair %s: %w", path, err)
	}
	if cut > 0 {
		j.size -= cut
		log.Warn("cut a torn last line left by an interrupted write", "file", path, "bytes", cut, "kept", j.size)
	}
	return j, nil
}

// NewJSONL returns a JSONL writing to f, which holds size bytes already;
// a File that can be cut (Truncate) is treated as a regular file. It does
// no repair: for streams, and for tests.
func NewJSONL(name string, f File, size int64) *JSONL {
	_, cuttable := f.(truncater)
	return &JSONL{name: name, f: f, size: size, file: cuttable}
}

// repairTail cuts a torn last line off the file of size bytes, and
// returns the number of bytes cut.
func repairTail(f *os.File, size int64) (int64, error) {
	if size == 0 {
		return 0, nil
	}
	const chunk = 64 << 10
	end := size
	for end > 0 {
		start := max(end-chunk, 0)
		buf := make([]byte, end-start)
		if _, err := f.ReadAt(buf, start); err != nil && !errors.Is(err, io.EOF) {
			return 0, err
		}
		if end == size && buf[len(buf)-1] == '\n' {
			return 0, nil // whole
		}
		if i := bytes.LastIndexByte(buf, '\n'); i >= 0 {
			keep := start + int64(i) + 1
			return size - keep, cutAndSync(f, keep)
		}
		end = start
	}
	return size, cutAndSync(f, 0) // a single torn line
}

func cutAndSync(f *os.File, size int64) error {
	if err := f.Truncate(size); err != nil {
		return err
	}
	return f.Sync()
}

// Name returns the file's name.
func (j *JSONL) Name() string { return j.name }

// Size returns the file's size once its lines are written: where the next
// line starts.
func (j *JSONL) Size() int64 { return j.size + int64(len(j.pending)) }

// ErrLinesLost wraps the error of an Append or a Flush whose failed write
// took with it lines appended before: they are not in the file.
var ErrLinesLost = errors.New("lines appended earlier were lost")

// Append adds line, which must be one JSON value without a newline, and a
// newline. On a regular file the line is written with the next flush (see
// JSONL); on a stream it is written now, in one write. On failure, what
// was written is cut off, so that the file ends with a whole line, and the
// error is returned; it wraps ErrLinesLost when lines appended before were
// lost with it.
func (j *JSONL) Append(line []byte) error {
	if bytes.IndexByte(line, '\n') >= 0 {
		return fmt.Errorf("write %s: a record must not contain a newline", j.name)
	}
	if !j.file {
		buf := make([]byte, 0, len(line)+1)
		return j.write(append(append(buf, line...), '\n'), false)
	}
	earlier := len(j.pending) > 0
	j.pending = append(append(j.pending, line...), '\n')
	if len(j.pending) < FlushSize {
		return nil
	}
	return j.flush(earlier)
}

// appendAndFlush is Append, then a write of every line pending: on failure
// the error wraps ErrLinesLost only when lines were pending before line.
func (j *JSONL) appendAndFlush(line []byte) error {
	earlier := len(j.pending) > 0
	if err := j.Append(line); err != nil {
		return err
	}
	return j.flush(earlier)
}

// Flush writes the lines appended since the last write, in one write. On
// failure it cuts off what was written, drops the lines, and returns an
// error wrapping ErrLinesLost.
func (j *JSONL) Flush() error { return j.flush(true) }

// flush is Flush; lost tells whether a failure loses lines whose Append
// has returned, or only the last one's.
func (j *JSONL) flush(lost bool) error {
	if len(j.pending) == 0 {
		return nil
	}
	err := j.write(j.pending, lost)
	j.release()
	return err
}

// release empties the pending lines, and lets a buffer that grew past
// twice FlushSize (a huge record) go.
func (j *JSONL) release() {
	if cap(j.pending) > 2*FlushSize {
		j.pending = nil
		return
	}
	j.pending = j.pending[:0]
}

// write writes buf, whole lines, in one write; lost tells whether a
// failure loses lines whose Append has returned.
func (j *JSONL) write(buf []byte, lost bool) error {
	n, err := j.f.Write(buf)
	if err == nil && n < len(buf) {
		err = io.ErrShortWrite
	}
	if err != nil {
		if t, ok := j.f.(truncater); ok && j.file && n > 0 {
			if terr := t.Truncate(j.size); terr != nil {
				// The torn line stays until the next OpenJSONL cuts it.
				err = fmt.Errorf("%w (and cutting the partial line failed: %v)", err, terr)
			}
		}
		if lost {
			return fmt.Errorf("write %s: %w (%w)", j.name, err, ErrLinesLost)
		}
		return fmt.Errorf("write %s: %w", j.name, err)
	}
	j.size += int64(n)
	j.dirty = true
	return nil
}

// Sync writes the pending lines and makes the lines written so far
// durable (fsync). On a stream it does nothing.
func (j *JSONL) Sync() error {
	if err := j.Flush(); err != nil {
		return err
	}
	if !j.dirty || !j.file {
		return nil
	}
	if err := j.f.Sync(); err != nil {
		return fmt.Errorf("sync %s: %w", j.name, err)
	}
	j.dirty = false
	return nil
}

// Close syncs and closes the file.
func (j *JSONL) Close() error {
	err := j.Sync()
	if cerr := j.f.Close(); cerr != nil && err == nil {
		err = fmt.Errorf("close %s: %w", j.name, cerr)
	}
	return err
}
