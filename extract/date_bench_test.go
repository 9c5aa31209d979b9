package extract

import (
	"testing"

	"github.com/itlightning/dateparse"
)

// dateSamples are realistic date strings from metadata and datelines, with
// what parseWhen must make of them. BenchmarkParseWhen runs both parsers on
// them and TestDateparseComparison records where dateparse goes wrong.
var dateSamples = []struct{ in, want string }{
	{"2023-07-23T06:12:00+03:00", "2023-07-23T06:12:00+03:00"},
	{"2023-07-23T06:12:00Z", "2023-07-23T06:12:00+00:00"},
	{"2023-07-23T06:12:00.000Z", "2023-07-23T06:12:00+00:00"},
	{"2023-07-23T06:12:00.123456-04:00", "2023-07-23T06:12:00-04:00"},
	{"2023-07-23T06:12:00", "2023-07-23T06:12:00"},
	{"2023-07-23 06:12:00", "2023-07-23T06:12:00"},
	{"2023-07-23", "2023-07-23"},
	{"Sun, 23 Jul 2023 06:12:00 GMT", "2023-07-23T06:12:00+00:00"},
	{"Sun, 23 Jul 2023 06:12:00 +0300", "2023-07-23T06:12:00+03:00"},
	{"1690092720", "2023-07-23T06:12:00+00:00"},
	{"1690092720000", "2023-07-23T06:12:00+00:00"},
	{"July 23, 2023", "2023-07-23"},
	{"Jul 23, 2023 6:12 PM", "2023-07-23T18:12:00"},
	{"23 July 2023", "2023-07-23"},
	{"23rd July 2023", "2023-07-23"},
	{"2023/07/23", "2023-07-23"},
	{"23.07.2023", "2023-07-23"},
	{"23.07.2023, 14.05 Uhr", "2023-07-23T14:05:00"},
	{"23/07/2023", "2023-07-23"},
	{"07/23/2023", "2023-07-23"},
	{"05/06/2023", "2023-06-05"},
	{"Sun 23 Jul 2023 06.12 BST", "2023-07-23T06:12:00+01:00"},
	{"Published: 12 March 2024, 18:05 CET", "2024-03-12T18:05:00+01:00"},
	{"2023-07-23 | 06:12", "2023-07-23T06:12:00"},
	{"23. Juli 2023", "2023-07-23"},
	{"Publié le 23 juillet 2023 à 06h12", "2023-07-23T06:12:00"},
	{"23 de julio de 2023", "2023-07-23"},
	{"23 luglio 2023", "2023-07-23"},
	{"23 juli 2023 om 18:05", "2023-07-23T18:05:00"},
	{"2023年7月23日 6時12分", "2023-07-23T06:12:00"},
	{"Jul 23, 2023 6:12 PM EDT", "2023-07-23T18:12:00-04:00"},
	{"Sunday, July 23, 2023 at 6:12 pm", "2023-07-23T18:12:00"},
}

// dateparseTuned are the options that make dateparse fastest and closest to
// parseWhen: short errors, day-first, retry with the other order.
var dateparseTuned = []dateparse.ParserOption{
	dateparse.SimpleErrorMessages(true),
	dateparse.PreferMonthFirst(false),
	dateparse.RetryAmbiguousDateWithSwap(true),
}

func BenchmarkParseWhen(b *testing.B) {
	b.Run("parseWhen", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			for _, c := range dateSamples {
				parseWhen(c.in)
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(dateSamples)), "ns/input")
	})
	b.Run("dateparse", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			for _, c := range dateSamples {
				_, _ = dateparse.ParseAny(c.in)
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(dateSamples)), "ns/input")
	})
	b.Run("dateparse-tuned", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			for _, c := range dateSamples {
				_, _ = dateparse.ParseAny(c.in, dateparseTuned...)
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(dateSamples)), "ns/input")
	})
}

// BenchmarkParseWhenString includes formatting the result, as the extractor
// does for every date it keeps.
func BenchmarkParseWhenString(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		for _, c := range dateSamples {
			if w, ok := parseWhen(c.in); ok {
				_ = w.String()
			}
		}
	}
}

var bylineSamples = []string{
	"By Jane Doe | July 23, 2023 6:12 am",
	"By Jane Doe, Reuters\nUpdated 11:32 AM EDT, Sun July 23, 2023",
	"Von Max Mustermann, dpa · 23.07.2023, 14:05 Uhr · 3 Min. Lesezeit",
	"Par Jean Dupont, publié le 23 juillet 2023 à 06h12, mis à jour à 08h00",
	"Jane Doe and John Roe, Washington Post. Share this article on Twitter. 12 comments. Read more about politics and the economy.",
}

func BenchmarkFindWhen(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		for _, s := range bylineSamples {
			findWhen(s)
		}
	}
}

func BenchmarkDateFromURL(b *testing.B) {
	urls := []string{
		"https://www.example.com/news/2021/09/14/some-long-article-slug/",
		"https://www.theguardian.com/world/2023/jul/23/some-slug",
		"https://example.com/politics/some-long-article-slug-without-a-date-1234567",
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, u := range urls {
			dateFromURL(u)
		}
	}
}
