package extract_test

import (
	"fmt"
	"log"
	"strings"

	"github.com/newsharvest/newsharvest/extract"
)

func ExampleFromReader() {
	page := `<html lang="en"><head>
<title>Harbour reopens after storm repairs | The Coast Gazette</title>
<meta property="article:published_time" content="2024-03-02T09:30:00+01:00">
<meta property="og:site_name" content="The Coast Gazette">
</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article>
  <h1>Harbour reopens after storm repairs</h1>
  <p class="byline">By Jane Doe</p>
  <div class="share"><a href="https://www.facebook.com/sharer/sharer.php?u=x">Share</a></div>
  <p>The harbour reopened on Saturday after three weeks of repairs to the breakwater damaged in the February storm.</p>
  <p>Fishing boats were the first to leave, followed by the ferry to the islands, which had been moored at the naval pier.</p>
</article>
<div class="cookie-banner">We use cookies. <button>Accept</button></div>
</body></html>`
	a, err := extract.FromReader(strings.NewReader(page), "https://gazette.example/2024/03/02/harbour")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(a.Headline)
	fmt.Println(a.Byline)
	fmt.Println(a.Date)
	fmt.Println(a.SiteName)
	fmt.Println(a.Body)
	// Output:
	// Harbour reopens after storm repairs
	// Jane Doe
	// 2024-03-02T09:30:00+01:00
	// The Coast Gazette
	// The harbour reopened on Saturday after three weeks of repairs to the breakwater damaged in the February storm.
	//
	// Fishing boats were the first to leave, followed by the ferry to the islands, which had been moored at the naval pier.
}

func ExampleFromDocument() {
	doc, err := extract.Parse([]byte(`<html><head><meta charset="utf-8">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle",
 "headline":"Council approves new bike lanes","datePublished":"2024-05-06",
 "author":[{"@type":"Person","name":"Ana Ruiz"},{"@type":"Person","name":"Tom Berg"}]}</script>
</head><body><main><h1>Council approves new bike lanes</h1>
<p>The city council voted on Monday to add twelve kilometres of protected bike lanes by the end of next year.</p>
</main></body></html>`), "text/html; charset=utf-8")
	if err != nil {
		log.Fatal(err)
	}
	// The crawler reads links from doc first, then hands it over.
	a, err := extract.FromDocument(doc, "https://city.example/news/bike-lanes", extract.Consume())
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%s | %s | %s\n", a.Headline, a.Byline, a.Date)
	// Output:
	// Council approves new bike lanes | Ana Ruiz, Tom Berg | 2024-05-06
}
