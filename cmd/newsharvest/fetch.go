package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/newsharvest/newsharvest/extract"
)

// maxRedirects is the number of redirects a fetch follows.
const maxRedirects = 10

// acceptHeader prefers HTML but takes anything: a server that answers with
// something else is judged by its Content-Type.
const acceptHeader = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1"

// fetcher gets URL inputs over HTTP.
type fetcher struct {
	client    *http.Client
	timeout   time.Duration // per URL, body included; 0: none
	maxBody   int64
	userAgent string
	log       *slog.Logger
}

// page is a fetched document.
type page struct {
	url         string // after redirects
	contentType string
	body        []byte
}

func newFetcher(timeout time.Duration, maxBody int64, userAgent string, log *slog.Logger) *fetcher {
	transport := http.DefaultTransport.(*http.Transport).Clone()
	return &fetcher{
		client: &http.Client{
			Transport: transport,
			CheckRedirect: func(_ *http.Request, via []*http.Request) error {
				if len(via) > maxRedirects {
					return fmt.Errorf("stopped after %d redirects", maxRedirects)
				}
				return nil
			},
		},
		timeout:   timeout,
		maxBody:   maxBody,
		userAgent: userAgent,
		log:       log,
	}
}

func (f *fetcher) close() { f.client.CloseIdleConnections() }

// get fetches rawURL. Its errors read "fetch URL: reason", URL being the
// address that failed (after redirects, for an HTTP status).
func (f *fetcher) get(ctx context.Context, rawURL string) (*page, error) {
	if f.timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeoutCause(ctx, f.timeout, errFetchTimeout)
		defer cancel()
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, rawURL, nil)
	if err != nil {
		return nil, fmt.Errorf("fetch %s: %w", rawURL, unwrapURLError(err))
	}
	req.Header.Set("User-Agent", f.userAgent)
	req.Header.Set("Accept", acceptHeader)

	resp, err := f.client.Do(req)
	if err != nil {
		// Name the URL that failed: the input, or the page whose
		// redirect went over the limit.
		failed := rawURL
		if resp != nil && resp.Request != nil {
			failed = resp.Request.URL.String()
		}
		return nil, fmt.Errorf("fetch %s: %w", failed, f.reason(ctx, err))
	}
	defer resp.Body.Close()
	final := resp.Request.URL.String()
	ct := resp.Header.Get("Content-Type")
	f.log.Debug("fetched", "input", rawURL, "url", final, "status", resp.StatusCode, "content_type", ct)

	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		status := fmt.Sprintf("HTTP %d", resp.StatusCode)
		if text := http.StatusText(resp.StatusCode); text != "" {
			status += " " + text
		}
		return nil, fmt.Errorf("fetch %s: %s", final, status)
	}
	if mt, bad := notHTML(ct); bad {
		// Rejected on the header alone: the body is never read.
		return nil, fmt.Errorf("fetch %s: %w: content type %s", final, extract.ErrNotHTML, mt)
	}
	if resp.ContentLength > f.maxBody {
		return nil, fmt.Errorf("fetch %s: %w: body of %d bytes is over the limit of %d bytes (--max-body)",
			final, extract.ErrTooLarge, resp.ContentLength, f.maxBody)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, f.maxBody+1))
	if err != nil {
		return nil, fmt.Errorf("fetch %s: read body: %w", final, f.reason(ctx, err))
	}
	if int64(len(body)) > f.maxBody {
		return nil, fmt.Errorf("fetch %s: %w: body is over the limit of %d bytes (--max-body)",
			final, extract.ErrTooLarge, f.maxBody)
	}
	return &page{url: final, contentType: ct, body: body}, nil
}

// errFetchTimeout is the cause of a fetch's context when --timeout expires.
var errFetchTimeout = errors.New("timeout")

// reason turns a transport error into the reason a user should read.
func (f *fetcher) reason(ctx context.Context, err error) error {
	if errors.Is(context.Cause(ctx), errFetchTimeout) {
		return fmt.Errorf("timed out after %s (--timeout)", f.timeout)
	}
	if ctx.Err() != nil {
		return context.Cause(ctx)
	}
	return unwrapURLError(err)
}

// unwrapURLError drops the `Get "URL": ` prefix of a *url.Error: the
// messages name the URL themselves.
func unwrapURLError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

// notHTML reports whether a Content-Type header names a type that is
// clearly not an HTML page, with the media type to show. A missing or
// unknown type is left to the extractor to judge.
func notHTML(contentType string) (mediaType string, bad bool) {
	if contentType == "" {
		return "", false
	}
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		mt, _, _ = strings.Cut(contentType, ";")
		mt = strings.ToLower(strings.TrimSpace(mt))
	}
	switch {
	case strings.HasPrefix(mt, "image/"),
		strings.HasPrefix(mt, "video/"),
		strings.HasPrefix(mt, "audio/"),
		mt == "application/pdf",
		mt == "application/zip",
		mt == "application/octet-stream":
		return mt, true
	}
	return mt, false
}
