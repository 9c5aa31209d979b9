package store

import "net/url"

// The State is a colly storage.Storage: a set of 64-bit keys, kept, and
// cookies, which are not (they live as long as the process).

// Visited adds key to the seen set.
func (s *State) Visited(key uint64) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.seen[key]; !ok {
		s.seen[key] = struct{}{}
		s.d.seen = append(s.d.seen, key)
	}
	return nil
}

// IsVisited reports whether key is in the seen set.
func (s *State) IsVisited(key uint64) (bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, ok := s.seen[key]
	return ok, nil
}

// Cookies returns the cookies stored for u's host.
func (s *State) Cookies(u *url.URL) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.cookies[u.Host]
}

// SetCookies stores the cookies of u's host for this process.
func (s *State) SetCookies(u *url.URL, cookies string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.cookies[u.Host] = cookies
}
