package store

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"slices"
)

// reconcile brings the state up to date with the output files it knows:
// each that grew since its last checkpoint is repaired and adopted.
func (s *Sink) reconcile() error {
	files := s.st.outputFiles()
	paths := make([]string, 0, len(files))
	for p := range files {
		paths = append(paths, p)
	}
	slices.Sort(paths)
	for _, p := range paths {
		fi, err := os.Stat(p)
		if errors.Is(err, fs.ErrNotExist) {
			s.log.Warn("output file of an earlier run is gone; its articles stay marked emitted", "file", p)
			continue
		}
		if err != nil {
			return fmt.Errorf("reconcile %s: %w", p, err)
		}
		if fi.Size() == files[p] {
			continue
		}
		j, err := OpenJSONL(p, s.log)
		if err != nil {
			return fmt.Errorf("reconcile: %w", err)
		}
		err = s.adopt(p, j)
		j.dirty = true // sync what an earlier process wrote before the marks are committed
		if cerr := j.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// adopt makes the state know the output file abs, opened as j, and marks
// emitted every id in the part of it not yet reconciled.
func (s *Sink) adopt(abs string, j *JSONL) error {
	off, known := s.st.outputOffset(abs)
	if !known {
		if err := s.st.registerOutput(abs); err != nil {
			return err
		}
	}
	size := j.Size()
	if size < off {
		s.log.Warn("output file is shorter than at the last checkpoint: reading it all again", "file", abs, "size", size, "checkpointed", off)
		off = 0
	}
	if size == off || !j.file {
		return nil
	}
	n, bad, err := s.markIDs(abs, off, size)
	if err != nil {
		return fmt.Errorf("reconcile %s: %w", abs, err)
	}
	if bad > 0 {
		s.log.Warn("output file holds lines that are not JSON objects", "file", abs, "lines", bad)
	}
	if n > 0 {
		s.log.Warn("records found in the output file marked emitted: they will not be written again", "file", abs, "records", n)
	}
	s.adopted += int64(n)
	s.st.setOutputOffset(abs, size)
	return nil
}

// markIDs marks emitted the ids of the lines in [from, to) of the file at
// path. It returns the number of ids new to the state and the number of
// lines that are not JSON objects.
func (s *Sink) markIDs(path string, from, to int64) (n, bad int, err error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, 0, err
	}
	defer f.Close()
	r := bufio.NewReaderSize(io.NewSectionReader(f, from, to-from), 256<<10)
	for {
		line, err := r.ReadBytes('\n')
		if len(line) > 0 && line[len(line)-1] == '\n' {
			var rec struct {
				ID string `json:"id"`
			}
			if jerr := json.Unmarshal(line, &rec); jerr != nil {
				bad++
			} else if rec.ID != "" && s.st.markEmitted(rec.ID) {
				n++
			}
		}
		if errors.Is(err, io.EOF) {
			return n, bad, nil
		}
		if err != nil {
			return n, bad, err
		}
	}
}
