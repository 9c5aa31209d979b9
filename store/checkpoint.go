package store

import (
	"encoding/binary"
	"encoding/json"
	"fmt"

	bolt "go.etcd.io/bbolt"
)

var jsonUnmarshal = json.Unmarshal

// syncer is what must be made durable before a checkpoint commits: the
// output files a Sink writes. lockAndSync blocks the writers, syncs, and
// returns the function that lets them go on.
type syncer interface {
	lockAndSync() (unlock func(), err error)
}

// Checkpoint makes the state's changes since the last checkpoint durable,
// in one transaction. When a Sink writes records for this state, its
// output files are synced first, with its writers held, so that no record
// is marked emitted before its line is on disk. After a failed commit the
// file is left as of the last good checkpoint and every later checkpoint
// fails: committing later changes without the lost ones could mark done a
// request whose records were never marked.
func (s *State) Checkpoint() error {
	s.ckptMu.Lock()
	defer s.ckptMu.Unlock()
	s.mu.Lock()
	sy := s.syncer
	s.mu.Unlock()
	if sy == nil {
		return s.commit(s.takeDelta())
	}
	unlock, err := sy.lockAndSync()
	if err != nil {
		return err
	}
	d := s.takeDelta()
	unlock()
	return s.commit(d)
}

func (s *State) setSyncer(sy syncer) {
	s.mu.Lock()
	s.syncer = sy
	s.mu.Unlock()
}

// takeDelta returns the changes since the last checkpoint and starts a
// new set.
func (s *State) takeDelta() delta {
	s.mu.Lock()
	defer s.mu.Unlock()
	d := s.d
	s.d = newDelta()
	return d
}

// commit writes d in one transaction.
func (s *State) commit(d delta) error {
	s.mu.Lock()
	failed := s.failed
	s.mu.Unlock()
	if failed != nil {
		return fmt.Errorf("state %s: an earlier checkpoint failed: %w", s.path, failed)
	}
	if d.empty() || s.db == nil {
		return nil
	}
	err := s.db.Update(func(tx *bolt.Tx) error {
		fr := tx.Bucket(bucketFrontier)
		for seq := range d.del {
			if err := fr.Delete(u64(seq)); err != nil {
				return err
			}
		}
		for seq, data := range d.put {
			if err := fr.Put(u64(seq), data); err != nil {
				return err
			}
		}
		seen := tx.Bucket(bucketSeen)
		for _, k := range d.seen {
			if err := seen.Put(u64(k), nil); err != nil {
				return err
			}
		}
		em := tx.Bucket(bucketEmitted)
		for _, id := range d.emitted {
			if err := em.Put([]byte(id), nil); err != nil {
				return err
			}
		}
		fe := tx.Bucket(bucketFetched)
		for u, t := range d.fetched {
			if err := fe.Put([]byte(u), u64(uint64(t.UnixNano()))); err != nil {
				return err
			}
		}
		rb := tx.Bucket(bucketRobots)
		for origin, rf := range d.robots {
			data, err := json.Marshal(rf)
			if err != nil {
				return err
			}
			if err := rb.Put([]byte(origin), data); err != nil {
				return err
			}
		}
		out := tx.Bucket(bucketOutputs)
		for p, off := range d.outputs {
			if err := out.Put([]byte(p), binary.BigEndian.AppendUint64(nil, uint64(off))); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		s.mu.Lock()
		s.failed = err
		s.mu.Unlock()
		return fmt.Errorf("checkpoint state %s: %w", s.path, err)
	}
	return nil
}
