package scraper

import (
	"hash/fnv"
	"strings"
	"testing"
)

// The in-place hashes must give the values of hash/fnv over the joined
// key, which seen sets of earlier runs hold.
func TestHashKeyMatchesFNV(t *testing.T) {
	ref := func(ns, key string) uint64 {
		h := fnv.New64a()
		h.Write([]byte(ns))
		h.Write([]byte{0})
		h.Write([]byte(key))
		return h.Sum64()
	}
	for _, s := range []string{"", " ", "a", "https://n.example/world/", "  two  words\n\tand\u00a0more\u2003 ",
		"caf\xe9 invalid \xff utf-8", "\u0085lead\u3000trail\u0085", "one\r\ntwo\vthree\ffour"} {
		if got, want := hashKey("u", s), ref("u", s); got != want {
			t.Errorf("hashKey(%q) = %x, want %x", s, got, want)
		}
		if got, want := hashFields("b", s), ref("b", strings.Join(strings.Fields(s), " ")); got != want {
			t.Errorf("hashFields(%q) = %x, want %x", s, got, want)
		}
	}
}
