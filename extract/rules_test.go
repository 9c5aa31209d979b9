package extract

import (
	"net/url"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"
)

func TestCleanNames(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"By Jane Doe", "Jane Doe"},
		{"By Jane Doe and John Roe", "Jane Doe, John Roe"},
		{"Von Anna Beispiel, Berlin", "Anna Beispiel, Berlin"},
		{"Par Jean Exemple (Villerance, correspondant)", "Jean Exemple"},
		{"By Margot Ellery in Paris", "Margot Ellery"},
		{"VON MORITZ GATHMANN am 21. April 2020", "MORITZ GATHMANN"},
		{"Lucas Nolan22 Dec 2016651", "Lucas Nolan"},
		{"freeman1984", "freeman1984"},
		{"Posted on September 21, 2020 by Adi Tzlil", "Adi Tzlil"},
		{"Walter von Aachen", "Walter von Aachen"},
		{"unocero - Alberto Ávila", "unocero, Alberto Ávila"},
		{"Ben Silverman Games Editor", "Ben Silverman"},
		{"Evan HalperStaff Writer", "Evan Halper"},
		{"By Daniel Kahn Gillmor, Senior Staff Technologist, ACLU Speech, Privacy, and Technology Project", "Daniel Kahn Gillmor"},
		{"Jose de la Cruz", "Jose de la Cruz"},
		{"Katharina Schmidt Kategorien: Mode", "Katharina Schmidt"},
		{"Grant Tinsley, PhD", "Grant Tinsley"},
		{"@janedoe", ""},
		{"Name *", ""},
		{"By the", ""},
		{"Staff Writer", ""},
	} {
		if got := strings.Join(cleanNames(tc.in), ", "); got != tc.want {
			t.Errorf("cleanNames(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestAgencyCredit(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"AFP", "AFP"},
		{"(Reuters)", "Reuters"},
		{"— AP", "AP"},
		{"© 2012 APA/AP", "APA/AP"},
		{"المصدر: رويترز", "رويترز"},
		{"Source: dpa", "dpa"},
		{"AFP, Reuters", "AFP, Reuters"},
		{"Jane Doe", ""},
		{"Reuters reported on Monday that the talks had stalled", ""},
	} {
		if got := agencyCredit(tc.in); got != tc.want {
			t.Errorf("agencyCredit(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestCleanTitle(t *testing.T) {
	base, _ := url.Parse("https://www.dailyexample.com/2024/05/story")
	for _, tc := range []struct {
		title, site string
		tag         bool
		want        string
	}{
		{"Headline text here - The Daily Example", "The Daily Example", true, "Headline text here"},
		{"Daily Example | Headline text here", "", true, "Headline text here"},
		{"Alles Neue mach der Mai | Bibliothek 2.0 und mehr", "", true, "Alles Neue mach der Mai"},
		{"Würde des Lebens – ein Projekt", "", false, "Würde des Lebens – ein Projekt"},
		{"How to Build a Terrarium | eHow", "eHow", false, "How to Build a Terrarium"},
		{"A plain headline", "", true, "A plain headline"},
	} {
		if got := cleanTitle(tc.title, tc.site, base, tc.tag); got != tc.want {
			t.Errorf("cleanTitle(%q, %q, tag=%v) = %q, want %q", tc.title, tc.site, tc.tag, got, tc.want)
		}
	}
}

func TestShareLinks(t *testing.T) {
	for href, want := range map[string]bool{
		"https://www.facebook.com/sharer/sharer.php?u=x":  true,
		"https://twitter.com/intent/tweet?url=x":          true,
		"https://api.whatsapp.com/send?text=x":            true,
		"whatsapp://send?text=x":                          true,
		"https://t.me/share/url?url=x":                    true,
		"https://play.google.com/store/apps/details?id=x": true,
		"https://apps.apple.com/app/id123":                true,
		"mailto:?subject=Story":                           true,
		"mailto:desk@news.example":                        false,
		"https://twitter.com/someone/status/123":          false,
		"https://news.example/world/story":                false,
	} {
		if got := isShareLink(href); got != want {
			t.Errorf("isShareLink(%q) = %v, want %v", href, got, want)
		}
	}
}

func TestNoiseNames(t *testing.T) {
	for _, tc := range []struct {
		class string
		noise bool
	}{
		{"share-bar", true},
		{"shareBar__item", true},
		{"cookie-banner", true},
		{"related-articles", true},
		{"read-more", true},
		{"newsletter-signup", true},
		{"article-body", false},
		{"entry-content has-share", false},
		{"post tag-politics category-news", false},
		{"non-paywall", false},
		{"field-label-hidden", false},
		{"sr-only", true},
		{"story-text", false},
	} {
		words := []string{}
		for _, tok := range strings.Fields(tc.class) {
			if modifierClass(tok) {
				continue
			}
			if exactOnly[tok] {
				words = append(words, "sronly")
				continue
			}
			words = append(nameWords(tok, words), "|")
		}
		if got := noiseVerdict(words); got != tc.noise {
			t.Errorf("class %q: noise %v, want %v (words %q)", tc.class, got, tc.noise, words)
		}
	}
}

func TestNameWords(t *testing.T) {
	got := nameWords("shareBar__item js-SocialLinks", nil)
	want := []string{"share", "bar", "item", "js", "social", "links"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("nameWords = %q, want %q", got, want)
	}
}

func TestCharset(t *testing.T) {
	latin1, _ := charmap.ISO8859_1.NewEncoder().String("<p>Grüße aus Köln</p>")
	cp1252, _ := charmap.Windows1252.NewEncoder().String("<p>“Quoted” café — 3 €</p>")
	for _, tc := range []struct {
		name, data, contentType, want string
	}{
		{"header wins", latin1, "text/html; charset=iso-8859-1", "Grüße aus Köln"},
		{"meta declaration", `<meta charset="iso-8859-1">` + latin1, "", "Grüße aus Köln"},
		{"meta past the prescan", strings.Repeat("<!-- padding -->", 200) + `<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">` + cp1252, "", "“Quoted” café — 3 €"},
		{"valid UTF-8 beats a false legacy declaration", `<meta charset="gb2312"><p>Grüße — 東京</p>`, "", "Grüße — 東京"},
		{"UTF-8 header contradicted by the bytes", cp1252, "text/html; charset=utf-8", "“Quoted” café — 3 €"},
		{"undeclared windows-1252 is guessed", strings.Repeat("<p>Le café est très bon, à côté de l’église.</p>", 1) + cp1252, "", "“Quoted” café — 3 €"},
		{"BOM", "\xef\xbb\xbf<p>Grüße</p>", "text/html; charset=iso-8859-1", "Grüße"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out, err := decode([]byte(tc.data), tc.contentType)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(out), tc.want) {
				t.Errorf("decoded %q, want it to hold %q", out, tc.want)
			}
		})
	}
}

func TestDatelines(t *testing.T) {
	for _, tc := range []struct{ page, want string }{
		// A modification date before the publication date is skipped.
		{`<h1>Headline of the test</h1><p class="date">Letzte Änderung: 31.10.2023 - 14:49:39 | Erschienen am: 01.11.2023</p>`, "2023-11-01"},
		// A two-digit year in a dateline.
		{`<h1>Headline of the test</h1><div class="article-meta">Von: Jane Doe | 31.10.23</div>`, "2023-10-31"},
		// A UTC time shown as a local time on the previous day takes the
		// publisher's offset.
		{`<head><meta property="article:published_time" content="2022-05-04T02:41:00Z"></head><h1>Headline of the test</h1><h6><a>Jane Doe</a> <span>3/5/2022 22:41</span></h6>`, "2022-05-03T22:41:00-04:00"},
		// The same UTC time with no local dateline stays as it is.
		{`<head><meta property="article:published_time" content="2022-05-04T02:41:00Z"></head><h1>Headline of the test</h1>`, "2022-05-04T02:41:00+00:00"},
	} {
		a, err := FromBytes([]byte("<html>"+tc.page+"<p>"+strings.Repeat("Body text of the article. ", 20)+"</p></html>"), "")
		if err != nil {
			t.Fatal(err)
		}
		if a.Date != tc.want {
			t.Errorf("%s\ndate %q, want %q", tc.page, a.Date, tc.want)
		}
	}
}
