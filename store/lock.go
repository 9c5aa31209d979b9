package store

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"syscall"
	"time"
)

// lockFileName is the lock file of a state directory.
const lockFileName = "lock"

// Holder describes the process that holds a state directory.
type Holder struct {
	PID     int       `json:"pid"`
	Host    string    `json:"host"`
	Started time.Time `json:"started"`
}

func (h Holder) String() string {
	return fmt.Sprintf("pid %d on host %s, since %s", h.PID, h.Host, h.Started.Format(time.RFC3339))
}

// LockedError is the error of opening a state directory that another
// process holds.
type LockedError struct {
	Dir    string
	Holder Holder // zero when the holder could not be read
}

func (e *LockedError) Error() string {
	who := "another process"
	if e.Holder.PID != 0 {
		who = e.Holder.String()
	}
	return fmt.Sprintf("state directory %s is in use by %s: wait for that crawl to end, or stop it, before starting another on the same --state", e.Dir, who)
}

// ErrLocked matches a *LockedError with errors.Is.
var ErrLocked = errors.New("state directory locked")

// Is makes errors.Is(err, ErrLocked) true.
func (e *LockedError) Is(target error) bool { return target == ErrLocked }

// dirLock is an exclusive flock on DIR/lock, which holds the holder's
// description. The kernel drops the lock when the process dies, however it
// dies, so that a lock file left by a killed process is no obstacle.
type dirLock struct{ f *os.File }

// lockDir takes dir's lock at once or fails with a *LockedError.
func lockDir(dir string) (*dirLock, error) {
	path := filepath.Join(dir, lockFileName)
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("open lock file: %w", err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		defer f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			le := &LockedError{Dir: dir}
			if data, rerr := os.ReadFile(path); rerr == nil {
				_ = json.Unmarshal(data, &le.Holder)
			}
			return nil, le
		}
		return nil, fmt.Errorf("lock %s: %w", path, err)
	}
	host, _ := os.Hostname()
	data, _ := json.Marshal(Holder{PID: os.Getpid(), Host: host, Started: time.Now().UTC().Truncate(time.Second)})
	if err := f.Truncate(0); err == nil {
		_, err = f.WriteAt(append(data, '\n'), 0)
		if err != nil {
			f.Close()
			return nil, fmt.Errorf("write lock file %s: %w", path, err)
		}
	}
	return &dirLock{f: f}, nil
}

// unlock releases the lock. The file stays: removing it would let a
// process that opened it before the removal lock a file nobody else sees.
func (l *dirLock) unlock() error {
	if l == nil || l.f == nil {
		return nil
	}
	_ = l.f.Truncate(0)
	err := l.f.Close() // closing drops the flock
	l.f = nil
	return err
}
