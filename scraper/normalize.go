package scraper

import (
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strings"
)

// errNotHTTP is returned by Normalize for URLs that are not http or https.
var errNotHTTP = errors.New("not an http or https URL")

// trackingParams are query parameters that only track a click or a
// campaign: dropping them does not change the page. Parameters starting
// with one of trackingPrefixes are dropped too.
var trackingParams = map[string]bool{
	"fbclid": true, "gclid": true, "dclid": true, "gbraid": true, "wbraid": true,
	"msclkid": true, "yclid": true, "twclid": true, "ttclid": true, "li_fat_id": true,
	"igshid": true, "mc_cid": true, "mc_eid": true, "_ga": true, "_gl": true,
	"_hsenc": true, "_hsmi": true, "mkt_tok": true, "oly_anon_id": true, "oly_enc_id": true,
	"vero_id": true, "wickedid": true, "rb_clickid": true, "s_cid": true,
	"cmpid": true, "ocid": true, "ncid": true, "sr_share": true, "smid": true,
}

var trackingPrefixes = []string{"utm_", "pk_", "mtm_", "at_", "ga_"}

func isTrackingParam(name string) bool {
	k := strings.ToLower(name)
	if trackingParams[k] {
		return true
	}
	for _, p := range trackingPrefixes {
		if strings.HasPrefix(k, p) {
			return true
		}
	}
	return false
}

// Normalize returns the form of an absolute http(s) URL under which the
// crawler knows it: the fragment dropped; tracking parameters (utm_*,
// fbclid, gclid and the like) dropped and the others sorted by name; scheme
// and host lowercased; the default port and a trailing dot of the host
// dropped; an empty path made "/"; dot segments resolved.
func Normalize(raw string) (string, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return "", fmt.Errorf("normalize %q: %w", raw, err)
	}
	return normalizeURL(u)
}

// normalizeURL is Normalize for a parsed URL. u is not modified.
func normalizeURL(in *url.URL) (string, error) {
	u := *in
	u.Scheme = strings.ToLower(u.Scheme)
	if u.Scheme != "http" && u.Scheme != "https" {
		return "", fmt.Errorf("normalize %q: %w", in.String(), errNotHTTP)
	}
	if u.Host == "" {
		return "", fmt.Errorf("normalize %q: no host", in.String())
	}
	u.User = nil
	u.Fragment, u.RawFragment = "", ""
	u.Opaque = ""

	host, port := u.Hostname(), u.Port()
	host = strings.TrimSuffix(strings.ToLower(host), ".")
	if (u.Scheme == "http" && port == "80") || (u.Scheme == "https" && port == "443") {
		port = ""
	}
	if strings.Contains(host, ":") { // IPv6 literal
		host = "[" + host + "]"
	}
	if port != "" {
		host += ":" + port
	}
	u.Host = host

	// Resolve dot segments.
	if u.Path == "" {
		u.Path, u.RawPath = "/", ""
	} else if strings.Contains(u.Path, "/.") {
		ref := &url.URL{Path: u.Path, RawPath: u.RawPath}
		base := &url.URL{Scheme: u.Scheme, Host: u.Host, Path: "/"}
		r := base.ResolveReference(ref)
		u.Path, u.RawPath = r.Path, r.RawPath
	}

	u.RawQuery = normalizeQuery(u.RawQuery)
	u.ForceQuery = false
	return u.String(), nil
}

// normalizeQuery drops tracking parameters and sorts the others by name,
// keeping the order of repeated names. Parameters are kept as they were
// written, escapes included.
func normalizeQuery(raw string) string {
	if raw == "" {
		return ""
	}
	parts := strings.Split(raw, "&")
	kept := parts[:0]
	for _, p := range parts {
		if p == "" {
			continue
		}
		name, _, _ := strings.Cut(p, "=")
		if n, err := url.QueryUnescape(name); err == nil {
			name = n
		}
		if isTrackingParam(name) {
			continue
		}
		kept = append(kept, p)
	}
	slices.SortStableFunc(kept, func(a, b string) int {
		ka, _, _ := strings.Cut(a, "=")
		kb, _, _ := strings.Cut(b, "=")
		return strings.Compare(ka, kb)
	})
	return strings.Join(kept, "&")
}

// resolve returns the normalised absolute form of a link ref found on a
// page at base, or "" when the link is not a crawlable http(s) URL.
func resolve(base *url.URL, ref string) string {
	ref = strings.TrimSpace(ref)
	if ref == "" || strings.HasPrefix(ref, "#") {
		return ""
	}
	if i := strings.IndexByte(ref, ':'); i > 0 {
		switch strings.ToLower(ref[:i]) {
		case "javascript", "mailto", "tel", "data", "sms", "ftp", "file", "about", "blob":
			return ""
		}
	}
	r, err := url.Parse(ref)
	if err != nil {
		return ""
	}
	abs := r
	if base != nil {
		abs = base.ResolveReference(r)
	}
	s, err := normalizeURL(abs)
	if err != nil {
		return ""
	}
	return s
}
