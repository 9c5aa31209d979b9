package store

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
)

func newSink(t *testing.T, out *Output, st *State) *Sink {
	t.Helper()
	s, err := NewSink(out, st, SinkOptions{SyncEvery: 0, Logger: testLogger(t)})
	if err != nil {
		t.Fatalf("NewSink: %v", err)
	}
	return s
}

// flushAll writes the lines a Sink's files hold in memory.
func flushAll(s *Sink) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, j := range s.out.files {
		j.Flush()
	}
}

func fileOutput(t *testing.T, name string) *Output {
	t.Helper()
	out, err := NewFileOutput(name, testLogger(t))
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// write writes ids and asserts which were written and which refused as
// emitted before.
func write(t *testing.T, s *Sink, ids ...string) (written, refused []string) {
	t.Helper()
	for _, id := range ids {
		err := s.Write(context.Background(), item(id))
		switch {
		case err == nil:
			written = append(written, id)
		case errors.Is(err, ErrAlreadyEmitted):
			refused = append(refused, id)
		default:
			t.Fatalf("Write %s: %v", id, err)
		}
	}
	return written, refused
}

func TestSinkWritesOnceAcrossRuns(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	out := filepath.Join(dir, "out.jsonl")
	runs := []struct {
		ids         []string
		wantWritten []string
	}{
		{[]string{"a", "b", "a"}, []string{"a", "b"}},
		{[]string{"b", "c", "a"}, []string{"c"}},
		{[]string{"a", "b", "c"}, nil},
	}
	for i, run := range runs {
		st := openState(t, filepath.Join(dir, "state"))
		s := newSink(t, fileOutput(t, out), st)
		written, _ := write(t, s, run.ids...)
		if !slices.Equal(written, run.wantWritten) {
			t.Errorf("run %d wrote %v, want %v", i+1, written, run.wantWritten)
		}
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
		if err := st.Close(); err != nil {
			t.Fatal(err)
		}
	}
	if got := readIDs(t, out); !slices.Equal(got, []string{"a", "b", "c"}) {
		t.Errorf("output holds %v", got)
	}
}

// TestSinkReconcilesAfterCrash kills the writer between writing lines and
// checkpointing them, with a torn line after them, and checks that the
// next run cuts the torn line, takes the written records for emitted and
// writes the rest.
func TestSinkReconcilesAfterCrash(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	out := filepath.Join(dir, "out.jsonl")
	stateDir := filepath.Join(dir, "state")

	st := openState(t, stateDir)
	s, err := NewSink(fileOutput(t, out), st, SinkOptions{SyncEvery: 1 << 62, Logger: testLogger(t)})
	if err != nil {
		t.Fatal(err)
	}
	write(t, s, "a")
	if err := s.Checkpoint(); err != nil {
		t.Fatal(err)
	}
	write(t, s, "b", "c") // written, not checkpointed
	flushAll(s)           // as when FlushSize of lines wait
	write(t, s, "e")      // in memory only when the crash comes
	f, err := os.OpenFile(out, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString(`{"id":"d","url":"https://news.exa`) // the kill came mid-write
	f.Close()
	st.abandon()

	st = openState(t, stateDir)
	defer st.Close()
	if st.IsEmitted("b") {
		t.Fatal("b was marked without a checkpoint: the test does not test reconciliation")
	}
	log, logs := logBuffer()
	s, err = NewSink(fileOutput(t, out), st, SinkOptions{Logger: log})
	if err != nil {
		t.Fatal(err)
	}
	if s.Adopted() != 2 || !strings.Contains(logs.String(), "cut a torn last line") {
		t.Errorf("adopted %d records, logs %s; want b and c, and the torn line cut", s.Adopted(), logs)
	}
	written, refused := write(t, s, "a", "b", "c", "d", "e")
	if !slices.Equal(written, []string{"d", "e"}) || !slices.Equal(refused, []string{"a", "b", "c"}) {
		t.Errorf("wrote %v, refused %v", written, refused)
	}
	s.Close()
	if got := readIDs(t, out); !slices.Equal(got, []string{"a", "b", "c", "d", "e"}) {
		t.Errorf("output holds %v", got)
	}
}

// TestSinkAdoptsExistingFile checks that records in an output file the
// state has never seen are not written again.
func TestSinkAdoptsExistingFile(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	out := filepath.Join(dir, "out.jsonl")
	writeFile(t, out, `{"id":"a"}`+"\n"+`not json`+"\n"+`{"url":"no id"}`+"\n")
	st := openState(t, filepath.Join(dir, "state"))
	defer st.Close()
	s := newSink(t, fileOutput(t, out), st)
	written, refused := write(t, s, "a", "b")
	if !slices.Equal(written, []string{"b"}) || !slices.Equal(refused, []string{"a"}) {
		t.Errorf("wrote %v, refused %v", written, refused)
	}
	s.Close()
}

// TestSinkFullDisk checks that a record the disk had no room for is
// neither left half-written nor marked emitted, and that the next run
// writes it.
func TestSinkFullDisk(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	disk := &fullDisk{room: 100}
	st := openState(t, dir)
	s := newSink(t, NewJSONLOutput(NewJSONL("out.jsonl", disk, 0)), st)
	var err error
	var written []string
	for _, id := range []string{"a", "b", "c", "d", "e"} {
		if err = s.Write(context.Background(), item(id)); err != nil {
			break
		}
		written = append(written, id)
	}
	if !errors.Is(err, syscall.ENOSPC) || !strings.Contains(err.Error(), "out.jsonl") {
		t.Fatalf("err = %v, want ENOSPC naming the file", err)
	}
	if len(written) == 0 || len(written) == 5 {
		t.Fatalf("wrote %v: the disk should fill up midway", written)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	if got := parseIDs(t, disk.buf.Bytes()); !slices.Equal(got, written) {
		t.Errorf("the disk holds %v, want %v", got, written)
	}

	st = openState(t, dir)
	defer st.Close()
	for _, id := range []string{"a", "b", "c", "d", "e"} {
		if want := slices.Contains(written, id); st.IsEmitted(id) != want {
			t.Errorf("%s emitted: %v, want %v", id, !want, want)
		}
	}
}

func TestSinkTemplate(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	st := openState(t, filepath.Join(dir, "state"))
	defer st.Close()
	s := newSink(t, fileOutput(t, filepath.Join(dir, "out", "{{.Host}}", "{{.Date}}-{{.Published}}.jsonl")), st)
	it := item("a")
	it.URL = "https://www.News.example:8080/x"
	undated := item("b")
	undated.Published = ""
	for _, it := range []Item{it, undated} {
		if err := s.Write(context.Background(), it); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()
	for path, want := range map[string]string{
		"out/news.example/2024-05-02-2024-05-01.jsonl": "a",
		"out/news.example/2024-05-02-undated.jsonl":    "b",
	} {
		if got := readIDs(t, filepath.Join(dir, path)); !slices.Equal(got, []string{want}) {
			t.Errorf("%s holds %v, want %s", path, got, want)
		}
	}
}

func TestParsePathTemplate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		src, want, err string
	}{
		{src: "out/{{.Host}}/{{.Date}}.jsonl", want: "out/news.example/2024-05-01.jsonl"},
		{src: "{{.Year}}/{{.Month}}/{{.Day}}.jsonl", want: "2024/05/01.jsonl"},
		{src: "{{.Published}}.jsonl", want: "2024-05-01.jsonl"},
		{src: "{{.Nope}}.jsonl", err: "Nope"},
		{src: "{{.Host", err: "output template"},
		{src: "{{if false}}x{{end}}", err: "empty path"},
	}
	for _, tt := range tests {
		pt, err := ParsePathTemplate(tt.src)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("%q: err %v, want %q", tt.src, err, tt.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%q: %v", tt.src, err)
			continue
		}
		if got, _ := pt.Path(Vars{Host: "news.example", Date: "2024-05-01", Year: "2024", Month: "05", Day: "01", Published: "2024-05-01"}); got != tt.want {
			t.Errorf("%q gives %q, want %q", tt.src, got, tt.want)
		}
	}
}

func TestSinkStream(t *testing.T) {
	t.Parallel()
	var b bytes.Buffer
	st := openState(t, t.TempDir())
	defer st.Close()
	s := newSink(t, NewStreamOutput("stdout", &b), st)
	written, refused := write(t, s, "a", "b", "a")
	if !slices.Equal(written, []string{"a", "b"}) || !slices.Equal(refused, []string{"a"}) {
		t.Errorf("wrote %v, refused %v", written, refused)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if got := parseIDs(t, b.Bytes()); !slices.Equal(got, []string{"a", "b"}) {
		t.Errorf("stream holds %v", got)
	}
}
