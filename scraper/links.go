package scraper

import (
	"net/url"
	"strings"
	"sync"
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
	m  map[linkKey]string
}

// linkKey is a link as written and, for a root-relative one, the scheme
// and host of its page. Keeping the two apart spares a concatenation per
// link looked up.
type linkKey struct{ origin, ref string }

const linkCacheMax = 4096

// resolve resolves ref against base. origin is base's scheme and host,
// scheme "://" host: the caller computes it once per page.
func (lc *linkCache) resolve(base *url.URL, origin, ref string) string {
	ref = strings.TrimSpace(ref)
	var key linkKey
	switch {
	case strings.HasPrefix(ref, "http://") || strings.HasPrefix(ref, "https://"):
		key = linkKey{ref: ref}
	case strings.HasPrefix(ref, "/") && !strings.HasPrefix(ref, "//") && base != nil:
		key = linkKey{origin: origin, ref: ref}
	default:
		return resolve(base, ref)
	}
	lc.mu.Lock()
	abs, ok := lc.m[key]
	lc.mu.Unlock()
	if ok {
		return abs
	}
	abs = resolve(base, ref)
	lc.mu.Lock()
	if lc.m == nil || len(lc.m) >= linkCacheMax {
		lc.m = make(map[linkKey]string, 1024)
	}
	lc.m[key] = abs
	lc.mu.Unlock()
	return abs
}
