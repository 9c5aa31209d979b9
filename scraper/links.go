package scraper

import (
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
)

// linkCache remembers how links resolve, so that the menus, section links
// and footers every page of a site repeats are parsed and normalised once
// rather than on every page. Root-relative links ("/world/") are keyed by
// the page's scheme and host, absolute ones by themselves; other relative
// links depend on the page's path and are not cached. The cache is
// bounded: it is dropped whole when full, which keeps memory flat on big
// crawls.
type linkCache struct {
	mu sync.Mutex
	m  map[linkKey]*resolvedLink
}

// resolvedLink is a link resolved, with its seen-set key, and whether it
// was found seen: once seen, a URL stays seen for the rest of the run.
type resolvedLink struct {
	abs  string
	hash uint64 // hashKey("u", abs)
	seen atomic.Bool
}

// linkKey is a link as written and, for a root-relative one, the scheme
// and host of its page. Keeping the two apart spares a concatenation per
// link looked up.
type linkKey struct{ origin, ref string }

const linkCacheMax = 4096

// resolve resolves ref against base. origin is base's scheme and host,
// scheme "://" host: the caller computes it once per page. The link it
// returns is shared.
func (lc *linkCache) resolve(base *url.URL, origin, ref string) *resolvedLink {
	ref = strings.TrimSpace(ref)
	var key linkKey
	switch {
	case strings.HasPrefix(ref, "http://") || strings.HasPrefix(ref, "https://"):
		key = linkKey{ref: ref}
	case strings.HasPrefix(ref, "/") && !strings.HasPrefix(ref, "//") && base != nil:
		key = linkKey{origin: origin, ref: ref}
	default:
		abs := resolve(base, ref)
		return &resolvedLink{abs: abs, hash: hashKey("u", abs)}
	}
	lc.mu.Lock()
	l, ok := lc.m[key]
	lc.mu.Unlock()
	if ok {
		return l
	}
	abs := resolve(base, ref)
	l = &resolvedLink{abs: abs, hash: hashKey("u", abs)}
	lc.mu.Lock()
	if lc.m == nil || len(lc.m) >= linkCacheMax {
		lc.m = make(map[linkKey]*resolvedLink, 1024)
	}
	lc.m[key] = l
	lc.mu.Unlock()
	return l
}

// isSeen reports whether l is in the seen set, and remembers a yes.
func (lc *linkCache) isSeen(c *Crawler, l *resolvedLink) bool {
	if l.seen.Load() {
		return true
	}
	if !c.isSeenHash(l.hash) {
		return false
	}
	l.seen.Store(true)
	return true
}
