package extract

import (
	"strings"
	"testing"
)

func TestHeadlineChoice(t *testing.T) {
	body := "<p>" + strings.Repeat("Body text of the article, long enough to count as one. ", 12) + "</p>"
	for _, tc := range []struct {
		name, url, page, want string
	}{
		{
			name: "logo h1 linking home, headline in an h2 that is part of the title",
			url:  "https://t4t.example/2013/08/07/cinemas-go-digital/",
			page: `<head><title>Time for talks » Archive » Cinemas go digital at last</title></head>
				<h1><a href="https://t4t.example/">Time for talks</a></h1>
				<h2 class="widget">Search</h2><div class="post"><h2><a href="/2013/08/07/cinemas-go-digital/">Cinemas go digital at last</a></h2>` + body + `</div>`,
			want: "Cinemas go digital at last",
		},
		{
			name: "section h1, headline in an h2 that starts the og:title",
			url:  "https://mag.example/literature/book-of-the-week",
			page: `<head><meta property="og:title" content="Book of the week - Jane Doe (ed.) • 1619"></head>
				<h1><a href="/literature/">Literature</a></h1><h2>Book of the week</h2>` + body,
			want: "Book of the week",
		},
		{
			name: "no h1, an h2 with the og:title less its issue number",
			page: `<head><meta property="og:title" content="The historic somersault (2021/5)"></head>
				<h2> The historic somersault </h2>` + body,
			want: "The historic somersault",
		},
		{
			name: "h1 inside a block named teaser that shows the og:title",
			page: `<head><script type="application/ld+json">{"@type":"NewsArticle","headline":"Town - How the auction went"}</script>
				<meta property="og:title" content="How the auction went"></head>
				<div class="article-teaser"><h1><span>How the auction went</span></h1></div>` + body,
			want: "How the auction went",
		},
		{
			name: "article filed under a popular-posts category, main inside a sidebar wrap",
			page: `<head><meta property="og:title" content="Ideas for a small nursery"></head>
				<div class="content-sidebar-wrap"><main><article class="post category-popular-posts entry">
				<h1 class="entry-title">Twenty clever small nursery ideas when space is tight</h1>` + body + `</article></main>
				<aside>Sidebar</aside></div>`,
			want: "Twenty clever small nursery ideas when space is tight",
		},
		{
			name: "an h1 that only links to a section is no headline",
			url:  "https://news.example/politics/2024/vote-ends",
			page: `<head><title>Vote ends in a tie | News Example</title></head>
				<h1><a href="/politics/">Politics and more news of the day</a></h1>` + body,
			want: "Vote ends in a tie",
		},
		{
			name: "a label h1 and an h2 that is the page's title",
			page: `<head><title>Superbugs: what they are and how you get them</title></head>
				<h1>Information and Resources</h1><h2>Superbugs: what they are and how you get them</h2>` + body,
			want: "Superbugs: what they are and how you get them",
		},
		{
			name: "a blog's name in the h1 shares one word with the headline",
			page: `<head><meta property="og:title" content="Blockcraft 1.8 - The Bountiful Update"></head>
				<h1>Blockcraft News</h1>` + body,
			want: "Blockcraft 1.8 - The Bountiful Update",
		},
		{
			name: "an h1 that is one end of the title beats a JSON-LD description",
			page: `<head><title>Hermitian matrix - Encyclopedia</title>
				<script type="application/ld+json">{"@type":"Article","headline":"matrix equal to its conjugate-transpose"}</script></head>
				<h1>Hermitian matrix</h1>` + body,
			want: "Hermitian matrix",
		},
		{
			name: "a kicker the page marks as one in another heading",
			page: `<head><meta property="og:title" content="Covid-19: Can the spread still be controlled?"></head>
				<h1>Covid-19: Can the spread still be controlled?</h1>
				<article><h2><span class="content__kicker">Covid-19</span><span class="sr-only">: </span>
				<span>Can the spread still be controlled?</span></h2>` + body + `</article>`,
			want: "Can the spread still be controlled?",
		},
		{
			name: "a colon in a headline with no marked kicker stays",
			page: `<head><meta property="og:title" content="Brexit: what happens next for the ports"></head>
				<h1>Brexit: what happens next for the ports</h1>` + body,
			want: "Brexit: what happens next for the ports",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a, err := FromBytes([]byte("<html>"+tc.page+"</html>"), tc.url)
			if err != nil {
				t.Fatal(err)
			}
			if a.Headline != tc.want {
				t.Errorf("headline %q, want %q", a.Headline, tc.want)
			}
		})
	}
}
