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
			if err = j.Append(line); err == nil {
				err = j.flush(false)
			}
			if err != nil {
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

// TestJSONLBatches checks that lines wait in memory until FlushSize of
// them, a Flush or a Close, reach the file in one write, and that a batch
// the disk has no room for is cut off whole and reported as lost.
func TestJSONLBatches(t *testing.T) {
	t.Parallel()
	line := []byte(`{"id":"0123456789"}`) // 20 bytes with the newline
	d := &fullDisk{room: 1 << 20}
	j := NewJSONL("out.jsonl", d, 0)
	for range 3 {
		if err := j.Append(line); err != nil {
			t.Fatal(err)
		}
	}
	if d.writes != 0 || d.buf.Len() != 0 || j.Size() != 60 {
		t.Fatalf("after 3 appends: %d writes, %d bytes in the file, Size %d; want none yet, Size 60", d.writes, d.buf.Len(), j.Size())
	}
	if err := j.Flush(); err != nil {
		t.Fatal(err)
	}
	if d.writes != 1 || d.buf.Len() != 60 {
		t.Fatalf("after Flush: %d writes, %d bytes; want 1 write of 60", d.writes, d.buf.Len())
	}
	// FlushSize of lines go out without being asked.
	for range FlushSize/20 + 2 { // the one before last fills the batch
		if err := j.Append(line); err != nil {
			t.Fatal(err)
		}
	}
	if d.writes != 2 || int64(d.buf.Len()) != j.Size()-20 {
		t.Fatalf("past FlushSize: %d writes, %d bytes, Size %d; want 2 writes and one line waiting", d.writes, d.buf.Len(), j.Size())
	}

	// A batch the disk takes half of.
	d = &fullDisk{room: 70}
	j = NewJSONL("out.jsonl", d, 0)
	j.Append(line)
	j.Flush()
	for range 3 {
		j.Append(line)
	}
	err := j.Flush()
	if !errors.Is(err, syscall.ENOSPC) || !errors.Is(err, ErrLinesLost) {
		t.Fatalf("err = %v, want ENOSPC and ErrLinesLost", err)
	}
	if d.buf.String() != string(line)+"\n" || j.Size() != 20 {
		t.Errorf("file %q, Size %d; want the first line alone", d.buf.String(), j.Size())
	}
	// A line that fills the batch past FlushSize on a full disk loses
	// those before it too.
	big := []byte(`"` + strings.Repeat("x", FlushSize) + `"`)
	j.Append(line)
	if err := j.Append(big); !errors.Is(err, ErrLinesLost) {
		t.Errorf("Append past FlushSize on a full disk: %v, want ErrLinesLost", err)
	}
	if d.buf.String() != string(line)+"\n" {
		t.Errorf("file %q, want the first line alone", tail(d.buf.Bytes()))
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
