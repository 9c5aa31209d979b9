package store

// The State is a colly queue.Storage whose requests stay in the state
// until acknowledged: a request taken by GetRequest and never passed to
// Ack (its crawl was killed, or stopped before its page was done) is
// pending again when the state is next opened.

// Init implements queue.Storage and storage.Storage; the state is ready
// once open.
func (s *State) Init() error { return nil }

// AddRequest queues a request at the back of the frontier.
func (s *State) AddRequest(data []byte) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	seq := s.nextSeq
	s.nextSeq++
	data = clone(data)
	s.requests[seq] = data
	s.queue = append(s.queue, seq)
	s.d.put[seq] = data
	return nil
}

// GetRequest takes the request at the front of the frontier, or returns
// nil when there is none. The request stays in the state until Ack.
func (s *State) GetRequest() ([]byte, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.head >= len(s.queue) {
		return nil, nil
	}
	seq := s.queue[s.head]
	s.head++
	if s.head > 1024 && s.head*2 > len(s.queue) {
		s.queue = append([]uint64(nil), s.queue[s.head:]...)
		s.head = 0
	}
	data := s.requests[seq]
	s.taken[string(data)] = append(s.taken[string(data)], seq)
	return data, nil
}

// Ack removes from the state a request that GetRequest returned and
// that the crawl has finished with.
func (s *State) Ack(data []byte) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	seqs := s.taken[string(data)]
	if len(seqs) == 0 {
		return nil
	}
	seq := seqs[0]
	if len(seqs) == 1 {
		delete(s.taken, string(data))
	} else {
		s.taken[string(data)] = seqs[1:]
	}
	delete(s.requests, seq)
	if _, ok := s.d.put[seq]; ok {
		delete(s.d.put, seq) // added and done between two checkpoints
	} else {
		s.d.del[seq] = struct{}{}
	}
	return nil
}

// QueueSize returns the number of requests waiting to be taken.
func (s *State) QueueSize() (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.queue) - s.head, nil
}

// Unfinished returns the number of requests in the frontier, taken ones
// included: what the next run starts with.
func (s *State) Unfinished() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.requests)
}
