package extract

import (
	"net/url"
	"strings"
	"unicode"

	"golang.org/x/net/html"
)

// The vocabulary of boilerplate. Class names, ids, roles and ARIA labels
// are split into lower-case words ("shareBar__item" -> share, bar, item);
// an element is boilerplate when one of its words, or two adjacent words,
// name a kind of page furniture. The words are general, in the languages
// the corpus shows, never the name of one site's class.

var noiseWords = setOf(
	// sharing and social
	"share", "shares", "sharing", "sharebar", "sharetools", "sharethis", "sharedaddy",
	"social", "socials", "socialmedia", "addthis", "follow",
	// consent
	"cookie", "cookies", "consent", "gdpr", "cmp", "onetrust", "didomi",
	// subscriptions and promos
	"newsletter", "newsletters", "subscribe", "subscription", "signup", "paywall",
	"promo", "promos", "promotion", "promoted", "appbanner", "smartbanner",
	// related content
	"related", "recommended", "recommendations", "recommendation", "recirculation",
	"readalso", "readmore", "morestories", "trending", "popular", "mostread", "teasers",
	"outbrain", "taboola", "zergnet", "plista", "ligatus",
	// tags and navigation
	"tag", "tags", "taglist", "tagcloud", "keywords", "breadcrumb", "breadcrumbs", "pagination",
	"pager", "navbar", "nav", "navigation", "menu", "submenu", "sidebar", "masthead",
	"skip", "skiplink", "jump",
	// comments
	"comments", "comment", "commentlist", "disqus", "replies", "respond", "reactions", "reaction",
	// appeals for money
	"donate", "donation", "donations", "support", "supporter", "membership", "contribute",
	// embedded posts from social networks
	"tweet", "twitter", "instagram", "tiktok",
	// ads
	"ad", "ads", "adv", "advert", "adverts", "advertisement", "advertising", "adslot",
	"adunit", "adsense", "dfp", "gpt", "sponsor", "sponsored", "sponsors", "werbung", "anzeige",
	"publicite", "publicidad", "banner",
	// page furniture around the text
	"byline", "dateline", "timestamp", "caption", "captions", "credit", "credits",
	"figcaption", "copyright", "disclaimer", "toolbar", "tools", "widget",
	"modal", "popup", "overlay", "lightbox", "sronly",
	"author", "authors", "bio", "avatar", "meta", "metadata", "footer", "header",
	"readtime", "readingtime", "badge", "rating", "views",
)

// noisePairs are two-word names whose words alone are not noise.
var noisePairs = setOf(
	"read-also", "read-more", "also-read", "more-from", "more-news", "more-on",
	"most-read", "most-popular", "most-viewed", "you-may", "may-like", "next-article",
	"previous-article", "prev-next", "post-navigation", "app-download", "get-app",
	"sr-only", "visually-hidden", "screen-reader", "further-reading", "see-also",
	"lire-aussi", "mehr-zum", "zum-thema", "leer-mas", "top-stories",
	"next-post", "prev-post", "previous-post", "post-nav", "article-nav", "high-views",
	"about-author", "reading-time", "read-time", "download-app", "follow-us", "author-info", "author-box", "in-brief",
)

// keepWords name the article's own container: an element carrying one is
// never dropped by the vocabulary, whatever else its names say
// ("article-header", "entry-content has-share").
var keepWords = setOf("articlebody", "storybody", "entrycontent", "postcontent", "articlecontent",
	"bodytext", "maincontent", "storycontent", "articletext", "storytext", "posttext", "postbody",
	"article-body", "story-body", "entry-content", "post-content", "article-content", "body-text",
	"main-content", "story-content", "article-text", "story-text", "post-text", "post-body",
	"entry-body", "news-body", "news-text", "article-main", "content-body", "text-body")

// negations turn a noise word into its opposite ("non-paywall").
var negations = setOf("non", "no", "not", "without")

// namesArticle reports words that name the article's own container.
func namesArticle(words []string) bool {
	for i, w := range words {
		if keepWords[w] || i > 0 && keepWords[words[i-1]+"-"+w] {
			return true
		}
	}
	return false
}

// noiseRoles are ARIA roles of page furniture.
var noiseRoles = setOf("navigation", "banner", "contentinfo", "complementary", "search",
	"dialog", "alertdialog", "menu", "menubar", "toolbar", "alert", "tablist", "form")

func setOf(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// nameWords splits class/id values into lower-case words, at any
// non-letter/digit and at camelCase humps.
func nameWords(s string, out []string) []string {
	start := -1
	var prev rune
	for i, r := range s {
		alnum := unicode.IsLetter(r) || unicode.IsDigit(r)
		if alnum && start >= 0 && unicode.IsUpper(r) && unicode.IsLower(prev) {
			out = append(out, strings.ToLower(s[start:i]))
			start = i
		}
		if alnum && start < 0 {
			start = i
		}
		if !alnum && start >= 0 {
			out = append(out, strings.ToLower(s[start:i]))
			start = -1
		}
		prev = r
	}
	if start >= 0 {
		out = append(out, strings.ToLower(s[start:]))
	}
	return out
}

// classWords appends the words of n's class and id to buf.
func classWords(n *html.Node, buf []string) []string {
	for _, a := range n.Attr {
		if a.Key == "class" || a.Key == "id" {
			buf = nameWords(a.Val, buf)
		}
	}
	return buf
}

// noiseVerdict tells whether the words name page furniture: drop is true
// when a noise word or pair is present and no keep word is.
func noiseVerdict(words []string) (drop bool) {
	for i, w := range words {
		if keepWords[w] || i > 0 && keepWords[words[i-1]+"-"+w] {
			return false
		}
		if noiseWords[w] && (i == 0 || !negations[words[i-1]]) {
			drop = true
		}
		if i > 0 && noisePairs[words[i-1]+"-"+w] {
			drop = true
		}
		// Joined forms: "sharebuttons", "relatedposts", "adcontainer".
		if !drop && len(w) > 6 {
			for _, p := range joinedPrefixes {
				if strings.HasPrefix(w, p) {
					drop = true
					break
				}
			}
		}
	}
	return drop
}

var joinedPrefixes = []string{"share", "social", "cookie", "newsletter", "related", "recommend",
	"breadcrumb", "comment", "advert", "sponsor", "promo", "subscri", "taboola", "outbrain"}

// shareHosts are the endpoints of share buttons and app stores, by host
// and path prefix.
var shareEndpoints = []string{
	"facebook.com/sharer", "facebook.com/share", "facebook.com/dialog/share", "m.facebook.com/sharer",
	"twitter.com/intent", "twitter.com/share", "x.com/intent", "x.com/share",
	"api.whatsapp.com/send", "wa.me/", "web.whatsapp.com/send", "t.me/share", "telegram.me/share",
	"linkedin.com/share", "linkedin.com/sharearticle", "linkedin.com/cws/share",
	"pinterest.com/pin/create", "reddit.com/submit", "tumblr.com/share", "tumblr.com/widgets/share",
	"vk.com/share", "getpocket.com/save", "getpocket.com/edit", "news.ycombinator.com/submitlink",
	"plus.google.com/share", "xing.com/spi/shares", "flipboard.com/bookmarklet",
	"play.google.com/store", "apps.apple.com/", "itunes.apple.com/", "appgallery.huawei.com",
}

// isShareLink reports whether href points at a share endpoint, an app
// store or a share scheme (whatsapp://, fb-messenger://, mailto:?subject).
func isShareLink(href string) bool {
	h := strings.ToLower(strings.TrimSpace(href))
	if h == "" {
		return false
	}
	for _, s := range []string{"whatsapp:", "fb-messenger:", "viber:", "sms:", "tg:"} {
		if strings.HasPrefix(h, s) {
			return true
		}
	}
	if strings.HasPrefix(h, "mailto:") {
		return strings.Contains(h, "subject=") || strings.Contains(h, "body=")
	}
	u, err := url.Parse(h)
	if err != nil || u.Host == "" {
		return false
	}
	hp := strings.TrimPrefix(strings.TrimPrefix(u.Host, "www."), "m.") + u.Path
	if strings.HasPrefix(u.Host, "m.facebook.com") {
		hp = "m." + hp
	}
	for _, s := range shareEndpoints {
		if strings.HasPrefix(hp, s) {
			return true
		}
	}
	return false
}
