package scraper_test

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"

	"github.com/newsharvest/newsharvest/scraper"
)

func Example() {
	// A tiny site: a home page that links to one story.
	mux := http.NewServeMux()
	mux.HandleFunc("/{$}", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `<html><head><title>Daily Example</title></head><body>
<h1>Daily Example</h1><a href="/2024/05/01/ferry-service-returns-to-the-islands">Ferry service returns</a></body></html>`)
	})
	mux.HandleFunc("/2024/05/01/ferry-service-returns-to-the-islands", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `<html><head><title>Ferry service returns to the islands</title>
<meta property="og:type" content="article"></head><body><article>
<h1>Ferry service returns to the islands</h1>
<p>The ferry to the outer islands sailed again on Wednesday morning, three weeks after a storm damaged the pier at the harbour.</p>
<p>Islanders who had relied on a borrowed fishing boat for school runs and shopping trips welcomed the crew with coffee and cake.</p>
<p>The operator said the timetable would be back to normal by the weekend once the second vessel returns from the shipyard.</p>
</article></body></html>`)
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()

	c, err := scraper.New(scraper.Config{
		Seeds:  []string{srv.URL + "/"},
		Delay:  -1, // our own test server: no need to wait between requests
		Logger: slog.New(slog.DiscardHandler),
		OnArticle: func(r *scraper.Record) {
			fmt.Println(r.Headline)
		},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	if err := c.Run(context.Background()); err != nil {
		fmt.Println(err)
	}
	fmt.Println("articles:", c.Stats().Articles)
	// Output:
	// Ferry service returns to the islands
	// articles: 1
}
