// Package store makes newsharvest's output crash-safe and its crawls
// resumable and incremental.
//
// It has two halves:
//
//   - JSONL, a JSON Lines file that is appended whole lines at a time
//     (gathered in memory up to FlushSize), repaired on open when a crash
//     left a torn last line, and synced on request; and Output, which
//     routes records to such files by a path template
//     (out/{{.Host}}/{{.Date}}.jsonl) or writes them to a stream.
//   - State, the crawl's memory between runs in a directory, on
//     go.etcd.io/bbolt: the frontier (pending requests, taken ones
//     included), the seen set, the articles emitted, the fetch times of
//     listings, sitemaps and feeds, and robots.txt files. A lock file keeps
//     a second process out and names the first.
//
// Sink joins them in the one order that survives a kill -9 at any moment:
// records' lines are written whole; at a checkpoint the lines still in
// memory are written and the output files fsynced, and only then are the
// state's changes (the records' ids among them) committed, in one bbolt
// transaction. When a State is opened, the output files it knows are
// reconciled first: a torn last line is cut, and the id of every line
// written after the last checkpoint is marked emitted, so that the record
// is not written twice.
// A request taken from the frontier stays there until it is acknowledged,
// so that the next run fetches again every page whose outcome was not
// checkpointed.
//
// State keeps its contents in memory and writes its changes at
// checkpoints; it implements colly's queue.Storage (with acknowledgement)
// and storage.Storage, so that the scraper package runs on it unchanged.
package store
