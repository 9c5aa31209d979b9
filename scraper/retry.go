package scraper

import (
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Backoff bounds: the first retry waits about backoffBase, each next one
// twice as long, never more than backoffMax.
const (
	backoffBase = time.Second
	backoffMax  = time.Minute
)

// backoff returns the wait before retry attempt+1: exponential, with
// "equal jitter" (half fixed, half random) so that requests that failed
// together do not come back together. jitter returns a number in [0, 1).
func backoff(attempt int, jitter func() float64) time.Duration {
	d := backoffBase << min(attempt, 16)
	d = min(d, backoffMax)
	half := d / 2
	return half + time.Duration(jitter()*float64(half))
}

// retryAfterOf returns the wait a 429 or 503 response asks for in its
// Retry-After header, given as seconds or as an HTTP date.
func retryAfterOf(resp *http.Response, now time.Time) (time.Duration, bool) {
	if resp == nil || (resp.StatusCode != http.StatusTooManyRequests && resp.StatusCode != http.StatusServiceUnavailable) {
		return 0, false
	}
	return parseRetryAfter(resp.Header.Get("Retry-After"), now)
}

// parseRetryAfter parses a Retry-After value: delay-seconds or an
// HTTP-date. A date in the past means no wait.
func parseRetryAfter(v string, now time.Time) (time.Duration, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if n, err := strconv.ParseInt(v, 10, 64); err == nil {
		if n < 0 {
			return 0, false
		}
		if n > int64(24*time.Hour/time.Second) {
			n = int64(24 * time.Hour / time.Second)
		}
		return time.Duration(n) * time.Second, true
	}
	t, err := http.ParseTime(v)
	if err != nil {
		return 0, false
	}
	return max(t.Sub(now), 0), true
}
