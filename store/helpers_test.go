package store

import (
	"bytes"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// testLogger logs to the test's log, and counts the warnings.
func testLogger(t *testing.T) *slog.Logger {
	t.Helper()
	return slog.New(slog.NewTextHandler(testWriter{t}, &slog.HandlerOptions{Level: slog.LevelDebug}))
}

type testWriter struct{ t *testing.T }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Helper()
	w.t.Log(strings.TrimSuffix(string(p), "\n"))
	return len(p), nil
}

// logBuffer returns a logger writing to a buffer, to assert on its logs.
func logBuffer() (*slog.Logger, *bytes.Buffer) {
	var b bytes.Buffer
	return slog.New(slog.NewTextHandler(&b, nil)), &b
}

func openState(t *testing.T, dir string) *State {
	t.Helper()
	st, err := OpenState(dir, Options{Logger: testLogger(t)})
	if err != nil {
		t.Fatalf("OpenState: %v", err)
	}
	return st
}

type rec struct {
	ID  string `json:"id"`
	URL string `json:"url"`
}

func item(id string) Item {
	u := "https://news.example/" + id
	return Item{ID: id, URL: u, Published: "2024-05-01T10:00:00Z", FetchedAt: time.Date(2024, 5, 2, 3, 4, 5, 0, time.UTC), Value: rec{ID: id, URL: u}}
}

// readIDs reads a JSON Lines file, failing on a line that does not parse
// or a missing final newline, and returns its ids in order.
func readIDs(t *testing.T, path string) []string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return parseIDs(t, data)
}

func parseIDs(t *testing.T, data []byte) []string {
	t.Helper()
	if len(data) == 0 {
		return nil
	}
	if data[len(data)-1] != '\n' {
		t.Fatalf("output does not end with a newline: %q", tail(data))
	}
	var ids []string
	for i, line := range strings.Split(strings.TrimSuffix(string(data), "\n"), "\n") {
		var r rec
		if err := jsonUnmarshal([]byte(line), &r); err != nil {
			t.Fatalf("line %d %q: %v", i+1, line, err)
		}
		ids = append(ids, r.ID)
	}
	return ids
}

func tail(b []byte) []byte { return b[max(len(b)-60, 0):] }

// fullDisk is a File that takes room bytes, then fails as a full disk
// does, having written part of the buffer it was given.
type fullDisk struct {
	buf    bytes.Buffer
	room   int
	writes int
}

func (d *fullDisk) Write(p []byte) (int, error) {
	d.writes++
	if len(p) <= d.room {
		d.room -= len(p)
		return d.buf.Write(p)
	}
	n := d.room
	d.buf.Write(p[:n])
	d.room = 0
	return n, &os.PathError{Op: "write", Path: "out.jsonl", Err: syscall.ENOSPC}
}

func (d *fullDisk) Truncate(size int64) error {
	d.room += d.buf.Len() - int(size)
	d.buf.Truncate(int(size))
	return nil
}

func (d *fullDisk) Sync() error  { return nil }
func (d *fullDisk) Close() error { return nil }

var _ io.Writer = (*fullDisk)(nil)

func writeFile(t *testing.T, path, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}
