// Package scraper crawls news sites and streams their articles.
//
// A Crawler starts from seeds (home pages, section pages, sitemaps or
// feeds), follows links, sitemaps and feeds within its scope, decides for
// every HTML page whether it is an article, and hands each article, once,
// to a Sink as a Record: the extract.Article plus the time it was fetched.
//
// Fetching runs on github.com/gocolly/colly/v2. Politeness is on by
// default: robots.txt is obeyed, its Crawl-delay included (capped at 30 s);
// requests to one host are spaced by Config.Delay and at most
// Config.Parallel run at once; 429 and 503 answers are retried after their
// Retry-After; timeouts, connection errors and 5xx answers are retried with
// exponential backoff and jitter.
//
// The frontier (URLs waiting to be fetched) and the seen set (URLs already
// queued, articles already emitted) sit behind colly's queue.Storage and
// storage.Storage interfaces, with in-memory defaults, so that on-disk or
// shared state can replace them without touching the crawl logic. A
// Frontier that implements Acker keeps each request until the crawler is
// done with it, so that a killed crawl can be resumed; a History makes a
// crawl on such state incremental: listings are read again after
// Config.RevisitAfter, articles are fetched once. The store package
// provides both in a directory.
package scraper
