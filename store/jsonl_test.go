package store

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

func TestOpenJSONLRepairsTornLine(t *testing.T) {
	t.Parallel()
	whole := `{"id":"a"}` + "\n" + `{"id":"b"}` + "\n"
	long := strings.Repeat("x", 100<<10) // longer than the chunk read backwards
	tests := []struct {
		name    string
		content string
		want    string
		cut     bool
	}{
		{"empty", "", "", false},
		{"whole lines", whole, whole, false},
		{"torn last line", whole + `{"id":"c","bo`, whole, true},
		{"torn line only", `{"id":"c"`, "", true},
		{"long torn line", whole + `{"id":"c","body":"` + long, whole, true},
		{"torn line after a long line", `{"id":"a","body":"` + long + `"}` + "\n" + `{"i`, `{"id":"a","body":"` + long + `"}` + "\n", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			path := filepath.Join(t.TempDir(), "out.jsonl")
			writeFile(t, path, tt.content)
			log, logs := logBuffer()
			j, err := OpenJSONL(path, log)
			if err != nil {
				t.Fatal(err)
			}
			if j.Size() != int64(len(tt.want)) {
				t.Errorf("Size = %d, want %d", j.Size(), len(tt.want))
			}
			if err := j.Append([]byte(`{"id":"z"}`)); err != nil {
				t.Fatal(err)
			}
			if err := j.Close(); err != nil {
				t.Fatal(err)
			}
			got, _ := os.ReadFile(path)
			if want := tt.want + `{"id":"z"}` + "\n"; string(got) != want {
				t.Errorf("file = %q, want %q", tail(got), tail([]byte(want)))
			}
			if logged := strings.Contains(logs.String(), "cut a torn last line"); logged != tt.cut {
				t.Errorf("cut logged: %v, want %v; logs: %s", logged, tt.cut, logs)
			}
		})
	}
}

func TestJSONLAppendOnFullDisk(t *testing.T) {
	t.Parallel()
	line := []byte(`{"id":"0123456789"}`) // 19 bytes, 20 with the newline
	tests := []struct {
		room      int
		wantLines int
	}{
		{room: 0, wantLines: 0},
		{room: 5, wantLines: 0},
		{room: 20, wantLines: 1},
		{room: 45, wantLines: 2},
		{room: 60, wantLines: 3},
	}
	for _, tt := range tests {
		d := &fullDisk{room: tt.room}
		j := NewJSONL("out.jsonl", d, 0)
		var err error
		n := 0
		for ; n < 5; n++ {
			if err = j.Append(line); err != nil {
				break
			}
		}
		if n != tt.wantLines || !errors.Is(err, syscall.ENOSPC) {
			t.Errorf("room %d: %d lines written, err %v; want %d and ENOSPC", tt.room, n, err, tt.wantLines)
		}
		if want := strings.Repeat(string(line)+"\n", tt.wantLines); d.buf.String() != want {
			t.Errorf("room %d: file %q, want %q: the partial line must be cut", tt.room, d.buf.String(), want)
		}
		if j.Size() != int64(d.buf.Len()) {
			t.Errorf("room %d: Size %d, file holds %d", tt.room, j.Size(), d.buf.Len())
		}
	}
}

func TestJSONLRefusesNewlines(t *testing.T) {
	t.Parallel()
	j := NewJSONL("x", &fullDisk{room: 100}, 0)
	if err := j.Append([]byte("{}\n{}")); err == nil {
		t.Error("a record with a newline was accepted")
	}
}

func TestOpenJSONLUnwritable(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "file"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	// A directory where a regular file is in the way.
	if _, err := OpenJSONL(filepath.Join(dir, "file", "out.jsonl"), nil); err == nil || !strings.Contains(err.Error(), "output") {
		t.Errorf("err = %v, want an output error", err)
	}
}
