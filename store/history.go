package store

import "time"

// LastFetched returns when the document at u (a listing, sitemap or feed)
// was last fetched, by this run or an earlier one.
func (s *State) LastFetched(u string) (time.Time, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	t, ok := s.fetched[u]
	return t, ok
}

// SetFetched records that the document at u was fetched at t.
func (s *State) SetFetched(u string, t time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.fetched[u] = t
	s.d.fetched[u] = t
}

// Robots returns the robots.txt of origin (scheme://host[:port]) as last
// fetched: its HTTP status, its body and when it was fetched.
func (s *State) Robots(origin string) (status int, body []byte, fetchedAt time.Time, ok bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	rf, ok := s.robots[origin]
	return rf.Status, rf.Body, rf.FetchedAt, ok
}

// SetRobots stores the robots.txt of origin.
func (s *State) SetRobots(origin string, status int, body []byte, fetchedAt time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	rf := robotsFile{Status: status, Body: clone(body), FetchedAt: fetchedAt}
	s.robots[origin] = rf
	s.d.robots[origin] = rf
}
