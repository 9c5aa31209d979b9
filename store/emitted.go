package store

// IsEmitted reports whether the record with this id was written by an
// earlier checkpointed write, or found by reconciliation in an output
// file.
func (s *State) IsEmitted(id string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, ok := s.emitted[id]
	return ok
}

// Emitted returns the number of records marked emitted.
func (s *State) Emitted() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.emitted)
}

// markEmitted marks id emitted; the mark is made durable by the next
// checkpoint. It reports whether id was new.
func (s *State) markEmitted(id string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.emitted[id]; ok {
		return false
	}
	s.emitted[id] = struct{}{}
	s.d.emitted = append(s.d.emitted, id)
	return true
}

// outputOffset returns how much of the output file at path (absolute) is
// known to be reconciled: every id in it marked emitted.
func (s *State) outputOffset(path string) (int64, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	off, ok := s.outputs[path]
	return off, ok
}

// outputs returns the output files the state knows, with their offsets.
func (s *State) outputFiles() map[string]int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	m := make(map[string]int64, len(s.outputs))
	for p, off := range s.outputs {
		m[p] = off
	}
	return m
}

// setOutputOffset records, for the next checkpoint, that path is
// reconciled up to off.
func (s *State) setOutputOffset(path string, off int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.outputs[path] = off
	s.d.outputs[path] = off
}

// registerOutput makes the state know the output file at path before a
// line is written to it, at once and durably, so that reconciliation after
// a crash looks at it.
func (s *State) registerOutput(path string) error {
	s.mu.Lock()
	_, known := s.outputs[path]
	if !known {
		s.outputs[path] = 0
	}
	s.mu.Unlock()
	if known {
		return nil
	}
	d := newDelta()
	d.outputs[path] = 0
	return s.commit(d)
}
