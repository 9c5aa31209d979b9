package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"time"

	bolt "go.etcd.io/bbolt"
)

// FormatVersion is the version of the state's layout. A state directory
// of another version is refused with an *IncompatibleError.
const FormatVersion = 1

// StateFileName is the bbolt file of a state directory.
const StateFileName = "state.db"

// Buckets of the state file.
var (
	bucketMeta     = []byte("meta")     // "version" -> decimal FormatVersion
	bucketFrontier = []byte("frontier") // seq (8 bytes, big-endian) -> request
	bucketSeen     = []byte("seen")     // 64-bit key -> ""
	bucketEmitted  = []byte("emitted")  // record id -> ""
	bucketFetched  = []byte("fetched")  // URL -> fetch time (Unix ns)
	bucketRobots   = []byte("robots")   // origin -> JSON robotsFile
	bucketOutputs  = []byte("outputs")  // absolute path -> bytes reconciled
	allBuckets     = [][]byte{bucketMeta, bucketFrontier, bucketSeen, bucketEmitted, bucketFetched, bucketRobots, bucketOutputs}
	keyVersion     = []byte("version")
)

// IncompatibleError is the error of a state directory written by a
// newsharvest with another state layout, or holding something else.
type IncompatibleError struct {
	Path    string
	Version string // "" when the file is not a newsharvest state
}

func (e *IncompatibleError) Error() string {
	if e.Version == "" {
		return fmt.Sprintf("%s is not a newsharvest state file: give --state a directory of its own", e.Path)
	}
	return fmt.Sprintf("state file %s has layout version %s, this newsharvest reads version %d: use a new --state directory, or move %s away to start the crawl afresh (the output files are kept)",
		e.Path, e.Version, FormatVersion, filepath.Dir(e.Path))
}

// CorruptError is the error of a state file that cannot be read.
type CorruptError struct {
	Path string
	Err  error
}

func (e *CorruptError) Error() string {
	return fmt.Sprintf("state file %s is damaged (%v): move it away (mv %s %s.bad) to start the crawl afresh; the output files are kept, and the articles in the current output file are not written again",
		e.Path, e.Err, e.Path, e.Path)
}

func (e *CorruptError) Unwrap() error { return e.Err }

// Options configure OpenState.
type Options struct {
	// Logger receives the state's logs (default: slog.Default()).
	Logger *slog.Logger
	// Now is the clock (default: time.Now).
	Now func() time.Time
}

// robotsFile is a host's robots.txt as last fetched.
type robotsFile struct {
	Status    int       `json:"status"`
	Body      []byte    `json:"body"`
	FetchedAt time.Time `json:"fetched_at"`
}

// State is a crawl's memory between runs, kept in a directory. Its
// contents live in memory; its changes are written to the directory's
// bbolt file by Checkpoint, in one transaction, so that the file always
// holds the state as of some checkpoint. A State is safe for concurrent
// use.
type State struct {
	dir, path string
	db        *bolt.DB
	lock      *dirLock
	log       *slog.Logger
	now       func() time.Time

	ckptMu sync.Mutex // one checkpoint at a time
	syncer syncer     // guarded by mu

	mu       sync.Mutex
	failed   error // a failed commit: the file is behind, and stays so
	nextSeq  uint64
	queue    []uint64          // pending requests, oldest first, from head
	head     int               // index of the next request in queue
	requests map[uint64][]byte // pending and taken requests
	taken    map[string][]uint64
	seen     map[uint64]struct{}
	cookies  map[string]string
	emitted  map[string]struct{}
	fetched  map[string]time.Time
	robots   map[string]robotsFile
	outputs  map[string]int64
	d        delta
}

// delta is what changed since the last checkpoint.
type delta struct {
	put     map[uint64][]byte
	del     map[uint64]struct{}
	seen    []uint64
	emitted []string
	fetched map[string]time.Time
	robots  map[string]robotsFile
	outputs map[string]int64
}

func newDelta() delta {
	return delta{put: map[uint64][]byte{}, del: map[uint64]struct{}{}, fetched: map[string]time.Time{},
		robots: map[string]robotsFile{}, outputs: map[string]int64{}}
}

func (d *delta) empty() bool {
	return len(d.put) == 0 && len(d.del) == 0 && len(d.seen) == 0 && len(d.emitted) == 0 &&
		len(d.fetched) == 0 && len(d.robots) == 0 && len(d.outputs) == 0
}

// OpenState opens the state in dir, creating dir and the state if need
// be. It fails at once with a *LockedError when another process holds
// dir, with an *IncompatibleError for a state of another layout, and with
// a *CorruptError for a damaged state file. Requests taken from the
// frontier by an earlier run and never acknowledged are pending again.
func OpenState(dir string, opts Options) (_ *State, err error) {
	if opts.Logger == nil {
		opts.Logger = slog.Default()
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("state directory: %w", err)
	}
	lock, err := lockDir(dir)
	if err != nil {
		return nil, err
	}
	path := filepath.Join(dir, StateFileName)
	s := &State{
		dir: dir, path: path, lock: lock, log: opts.Logger, now: opts.Now,
		requests: map[uint64][]byte{}, taken: map[string][]uint64{}, seen: map[uint64]struct{}{},
		cookies: map[string]string{}, emitted: map[string]struct{}{}, fetched: map[string]time.Time{},
		robots: map[string]robotsFile{}, outputs: map[string]int64{}, d: newDelta(),
	}
	defer func() {
		if err != nil {
			if s.db != nil {
				s.db.Close()
			}
			lock.unlock()
		}
	}()
	db, err := bolt.Open(path, 0o644, &bolt.Options{Timeout: time.Second})
	if err != nil {
		if errors.Is(err, fs.ErrPermission) || errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("open state: %w", err)
		}
		return nil, &CorruptError{Path: path, Err: err}
	}
	s.db = db
	if err := s.init(); err != nil {
		return nil, err
	}
	if err := s.load(); err != nil {
		return nil, err
	}
	s.log.Debug("state opened", "path", path, "pending", len(s.queue), "seen", len(s.seen), "emitted", len(s.emitted))
	return s, nil
}

// init checks the layout version, or writes it into a new file.
func (s *State) init() (err error) {
	defer func() {
		if r := recover(); r != nil { // bbolt panics on some damaged pages
			err = &CorruptError{Path: s.path, Err: fmt.Errorf("%v", r)}
		}
	}()
	err = s.db.Update(func(tx *bolt.Tx) error {
		meta := tx.Bucket(bucketMeta)
		if meta == nil {
			empty := true
			_ = tx.ForEach(func([]byte, *bolt.Bucket) error { empty = false; return nil })
			if !empty {
				return &IncompatibleError{Path: s.path}
			}
			for _, b := range allBuckets {
				if _, err := tx.CreateBucket(b); err != nil {
					return err
				}
			}
			return tx.Bucket(bucketMeta).Put(keyVersion, fmt.Appendf(nil, "%d", FormatVersion))
		}
		if v := string(meta.Get(keyVersion)); v != fmt.Sprint(FormatVersion) {
			if v == "" {
				v = "unknown"
			}
			return &IncompatibleError{Path: s.path, Version: v}
		}
		for _, b := range allBuckets {
			if tx.Bucket(b) == nil {
				return &CorruptError{Path: s.path, Err: fmt.Errorf("bucket %s missing", b)}
			}
		}
		return nil
	})
	var ie *IncompatibleError
	var ce *CorruptError
	if err != nil && !errors.As(err, &ie) && !errors.As(err, &ce) {
		err = &CorruptError{Path: s.path, Err: err}
	}
	return err
}

// load reads the whole state into memory.
func (s *State) load() (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = &CorruptError{Path: s.path, Err: fmt.Errorf("%v", r)}
		}
	}()
	err = s.db.View(func(tx *bolt.Tx) error {
		if err := tx.Bucket(bucketFrontier).ForEach(func(k, v []byte) error {
			if len(k) != 8 {
				return fmt.Errorf("frontier key of %d bytes", len(k))
			}
			seq := binary.BigEndian.Uint64(k)
			s.requests[seq] = clone(v)
			s.queue = append(s.queue, seq) // ForEach walks keys in order
			s.nextSeq = seq + 1
			return nil
		}); err != nil {
			return err
		}
		if err := tx.Bucket(bucketSeen).ForEach(func(k, _ []byte) error {
			if len(k) != 8 {
				return fmt.Errorf("seen key of %d bytes", len(k))
			}
			s.seen[binary.BigEndian.Uint64(k)] = struct{}{}
			return nil
		}); err != nil {
			return err
		}
		if err := tx.Bucket(bucketEmitted).ForEach(func(k, _ []byte) error {
			s.emitted[string(k)] = struct{}{}
			return nil
		}); err != nil {
			return err
		}
		if err := tx.Bucket(bucketFetched).ForEach(func(k, v []byte) error {
			if len(v) != 8 {
				return fmt.Errorf("fetch time of %d bytes", len(v))
			}
			s.fetched[string(k)] = time.Unix(0, int64(binary.BigEndian.Uint64(v)))
			return nil
		}); err != nil {
			return err
		}
		if err := tx.Bucket(bucketRobots).ForEach(func(k, v []byte) error {
			var rf robotsFile
			if err := jsonUnmarshal(v, &rf); err != nil {
				return fmt.Errorf("robots.txt of %s: %w", k, err)
			}
			s.robots[string(k)] = rf
			return nil
		}); err != nil {
			return err
		}
		return tx.Bucket(bucketOutputs).ForEach(func(k, v []byte) error {
			if len(v) != 8 {
				return fmt.Errorf("output offset of %d bytes", len(v))
			}
			s.outputs[string(k)] = int64(binary.BigEndian.Uint64(v))
			return nil
		})
	})
	var ce *CorruptError
	if err != nil && !errors.As(err, &ce) {
		err = &CorruptError{Path: s.path, Err: err}
	}
	return err
}

// Dir returns the state's directory.
func (s *State) Dir() string { return s.dir }

// Path returns the state's bbolt file.
func (s *State) Path() string { return s.path }

// Close writes a last checkpoint, closes the file and releases the lock.
func (s *State) Close() error {
	if s.db == nil {
		return nil
	}
	err := s.Checkpoint()
	if cerr := s.db.Close(); cerr != nil && err == nil {
		err = fmt.Errorf("close state: %w", cerr)
	}
	s.db = nil
	if uerr := s.lock.unlock(); uerr != nil && err == nil {
		err = fmt.Errorf("release state lock: %w", uerr)
	}
	return err
}

func u64(v uint64) []byte { return binary.BigEndian.AppendUint64(nil, v) }

func clone(b []byte) []byte { return append([]byte(nil), b...) }

// abandon closes the state as a killed process would leave it: no last
// checkpoint. For tests.
func (s *State) abandon() {
	if s.db != nil {
		s.db.Close()
		s.db = nil
	}
	s.lock.unlock()
}
