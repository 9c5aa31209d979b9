package store

import (
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"syscall"
)

// maxOpenFiles is the number of output files an Output keeps open; past
// it, the others are synced and closed (a template by host and day can
// name many).
const maxOpenFiles = 64

// Output routes records to JSON Lines: to one file, to the file a path
// template names for each record, or to a stream such as standard output.
// It is not safe for concurrent use: a Sink serialises its use.
type Output struct {
	log    *slog.Logger
	stream *JSONL
	path   string
	tmpl   *PathTemplate
	files  map[string]*JSONL // by absolute path

	// Hooks set by a Sink with a State.
	onOpen  func(abs string, j *JSONL) error
	onClose func(abs string, j *JSONL)
}

// NewFileOutput returns an Output appending to the file named, or, when
// name holds "{{", to the files the path template name gives (see Vars).
// Files are opened, and repaired, when their first record comes.
func NewFileOutput(name string, log *slog.Logger) (*Output, error) {
	if log == nil {
		log = slog.Default()
	}
	o := &Output{log: log, files: map[string]*JSONL{}}
	if IsTemplate(name) {
		t, err := ParsePathTemplate(name)
		if err != nil {
			return nil, err
		}
		o.tmpl = t
		return o, nil
	}
	if name == "" {
		return nil, errors.New("output: no file name")
	}
	o.path = name
	return o, nil
}

// NewStreamOutput returns an Output writing to w, such as os.Stdout. A
// stream is never cut, repaired or reconciled.
func NewStreamOutput(name string, w io.Writer) *Output {
	return &Output{log: slog.Default(), stream: NewJSONL(name, streamFile{w}, 0), files: map[string]*JSONL{}}
}

// NewJSONLOutput returns an Output writing every record to j.
func NewJSONLOutput(j *JSONL) *Output {
	return &Output{log: slog.Default(), stream: j, files: map[string]*JSONL{}}
}

// file returns the file for it, opening it if need be.
func (o *Output) file(it *Item) (*JSONL, error) {
	if o.stream != nil {
		return o.stream, nil
	}
	p := o.path
	if o.tmpl != nil {
		var err error
		if p, err = o.tmpl.Path(it.vars()); err != nil {
			return nil, err
		}
	}
	abs, err := filepath.Abs(p)
	if err != nil {
		return nil, fmt.Errorf("output %s: %w", p, err)
	}
	if j := o.files[abs]; j != nil {
		return j, nil
	}
	if len(o.files) >= maxOpenFiles {
		if err := o.closeFiles(); err != nil {
			return nil, err
		}
	}
	j, err := OpenJSONL(abs, o.log)
	if err != nil {
		return nil, err
	}
	if o.onOpen != nil {
		if err := o.onOpen(abs, j); err != nil {
			j.Close()
			return nil, err
		}
	}
	o.files[abs] = j
	return j, nil
}

// sync syncs every open file.
func (o *Output) sync() error {
	if o.stream != nil {
		return o.stream.Sync()
	}
	for _, j := range o.files {
		if err := j.Sync(); err != nil {
			return err
		}
	}
	return nil
}

// closeFiles syncs and closes the open files.
func (o *Output) closeFiles() error {
	var errs []error
	for abs, j := range o.files {
		if err := j.Close(); err != nil {
			errs = append(errs, err)
			continue
		}
		if o.onClose != nil {
			o.onClose(abs, j)
		}
		delete(o.files, abs)
	}
	return errors.Join(errs...)
}

// Close syncs and closes the Output's files; a stream is synced, not
// closed.
func (o *Output) Close() error {
	if o.stream != nil {
		return o.stream.Sync()
	}
	return o.closeFiles()
}

// streamFile is a File on a stream: it cannot be cut, its Sync is the
// file's when it has one, and Close leaves it open.
type streamFile struct{ w io.Writer }

func (s streamFile) Write(p []byte) (int, error) { return s.w.Write(p) }

func (s streamFile) Sync() error {
	if f, ok := s.w.(*os.File); ok {
		if err := f.Sync(); err != nil && !errors.Is(err, syscall.EINVAL) && !errors.Is(err, syscall.ENOTSUP) {
			return err
		}
	}
	return nil
}

func (s streamFile) Close() error { return nil }
