package store

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

func TestStateLock(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	st := openState(t, dir)
	_, err := OpenState(dir, Options{})
	var le *LockedError
	if !errors.As(err, &le) || !errors.Is(err, ErrLocked) {
		t.Fatalf("second OpenState: %v, want a *LockedError", err)
	}
	host, _ := os.Hostname()
	if le.Holder.PID != os.Getpid() || le.Holder.Host != host || le.Holder.Started.IsZero() {
		t.Errorf("holder = %+v, want this process", le.Holder)
	}
	for _, want := range []string{dir, "in use by pid", host} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not name %q", err, want)
		}
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	st2 := openState(t, dir) // released
	st2.Close()
}

func TestStateLockReleasedByCrash(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	openState(t, dir).abandon() // the lock file stays, with its holder
	st := openState(t, dir)
	st.Close()
}

func TestStateRefusesOtherStates(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		setup func(t *testing.T, path string)
		check func(err error) bool
		want  []string
	}{
		{
			name: "other version",
			setup: func(t *testing.T, path string) {
				db, err := bolt.Open(path, 0o644, nil)
				if err != nil {
					t.Fatal(err)
				}
				defer db.Close()
				if err := db.Update(func(tx *bolt.Tx) error {
					b, err := tx.CreateBucket(bucketMeta)
					if err != nil {
						return err
					}
					return b.Put(keyVersion, []byte("99"))
				}); err != nil {
					t.Fatal(err)
				}
			},
			check: func(err error) bool { var ie *IncompatibleError; return errors.As(err, &ie) },
			want:  []string{"version 99", "reads version 1", "new --state directory"},
		},
		{
			name: "not a newsharvest state",
			setup: func(t *testing.T, path string) {
				db, err := bolt.Open(path, 0o644, nil)
				if err != nil {
					t.Fatal(err)
				}
				defer db.Close()
				if err := db.Update(func(tx *bolt.Tx) error { _, err := tx.CreateBucket([]byte("users")); return err }); err != nil {
					t.Fatal(err)
				}
			},
			check: func(err error) bool { var ie *IncompatibleError; return errors.As(err, &ie) },
			want:  []string{"not a newsharvest state file"},
		},
		{
			name: "garbage",
			setup: func(t *testing.T, path string) {
				writeFile(t, path, strings.Repeat("not a database ", 2000))
			},
			check: func(err error) bool { var ce *CorruptError; return errors.As(err, &ce) },
			want:  []string{"is damaged", "mv ", ".bad", "start the crawl afresh"},
		},
		{
			name: "truncated",
			setup: func(t *testing.T, path string) {
				st, err := OpenState(filepath.Dir(path), Options{})
				if err != nil {
					t.Fatal(err)
				}
				st.AddRequest([]byte("x"))
				st.Close()
				data, _ := os.ReadFile(path)
				writeFile(t, path, string(data[:100]))
			},
			check: func(err error) bool { var ce *CorruptError; return errors.As(err, &ce) },
			want:  []string{"is damaged"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			path := filepath.Join(dir, StateFileName)
			tt.setup(t, path)
			_, err := OpenState(dir, Options{})
			if err == nil || !tt.check(err) {
				t.Fatalf("OpenState: %v (%T)", err, err)
			}
			for _, w := range append(tt.want, path) {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q lacks %q", err, w)
				}
			}
			// The lock is released: the error left nothing held.
			if _, err := lockDir(dir); err != nil {
				t.Errorf("lock after a failed open: %v", err)
			}
		})
	}
}

// TestFrontierResume checks that a request taken but not acknowledged
// before a crash is pending again, in order, and that acknowledged ones
// are gone.
func TestFrontierResume(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	st := openState(t, dir)
	for _, r := range []string{"a", "b", "c", "d"} {
		st.AddRequest([]byte(r))
	}
	get := func(st *State) string {
		t.Helper()
		data, err := st.GetRequest()
		if err != nil {
			t.Fatal(err)
		}
		return string(data)
	}
	if got := get(st); got != "a" {
		t.Fatalf("first request %q", got)
	}
	st.Ack([]byte("a"))
	if got := get(st); got != "b" { // taken, never acknowledged
		t.Fatalf("second request %q", got)
	}
	if err := st.Checkpoint(); err != nil {
		t.Fatal(err)
	}
	get(st) // c, taken and acknowledged after the checkpoint: lost with the crash
	st.Ack([]byte("c"))
	st.AddRequest([]byte("e")) // not checkpointed either
	st.abandon()

	st = openState(t, dir)
	defer st.Close()
	if n, _ := st.QueueSize(); n != 3 || st.Unfinished() != 3 {
		t.Fatalf("after the crash: %d pending, %d unfinished; want b, c, d", n, st.Unfinished())
	}
	for _, want := range []string{"b", "c", "d", ""} {
		if got := get(st); got != want {
			t.Errorf("request %q, want %q", got, want)
		}
	}
}

func TestStatePersists(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	at := time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)
	st := openState(t, dir)
	st.Visited(42)
	st.SetFetched("https://news.example/", at)
	st.SetRobots("https://news.example", 200, []byte("User-agent: *\nDisallow: /x\n"), at)
	st.markEmitted("id1")
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}

	st = openState(t, dir)
	defer st.Close()
	if ok, _ := st.IsVisited(42); !ok {
		t.Error("seen key lost")
	}
	if ok, _ := st.IsVisited(43); ok {
		t.Error("unknown key seen")
	}
	if got, ok := st.LastFetched("https://news.example/"); !ok || !got.Equal(at) {
		t.Errorf("LastFetched = %v %v", got, ok)
	}
	if status, body, got, ok := st.Robots("https://news.example"); !ok || status != 200 || !strings.Contains(string(body), "Disallow: /x") || !got.Equal(at) {
		t.Errorf("Robots = %d %q %v %v", status, body, got, ok)
	}
	if !st.IsEmitted("id1") || st.IsEmitted("id2") || st.Emitted() != 1 {
		t.Error("emitted set not kept")
	}
}
