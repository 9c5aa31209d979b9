package extract

import (
	"strings"
	"testing"
	"time"

	"github.com/itlightning/dateparse"
)

// dateCase is one input and the expected when.String(); want "" means the
// input must be rejected.
type dateCase struct{ in, want string }

func runDateCases(t *testing.T, fn func(string) (when, bool), cases []dateCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.in, func(t *testing.T) {
			w, ok := fn(c.in)
			switch {
			case c.want == "" && ok:
				t.Errorf("got %s, want no date", w)
			case c.want != "" && !ok:
				t.Errorf("got no date, want %s", c.want)
			case ok && w.String() != c.want:
				t.Errorf("got %s, want %s", w, c.want)
			case ok && w.IsZero():
				t.Errorf("ok but IsZero")
			}
		})
	}
}

func TestParseWhenISO(t *testing.T) {
	runDateCases(t, parseWhen, []dateCase{
		{"2023-07-23T06:12:00+03:00", "2023-07-23T06:12:00+03:00"},
		{"2023-07-23T06:12:00Z", "2023-07-23T06:12:00+00:00"},
		{"2023-07-23t06:12:00z", "2023-07-23T06:12:00+00:00"},
		{"2023-07-23T06:12:00.123Z", "2023-07-23T06:12:00+00:00"},
		{"2023-07-23T06:12:00,5+02:00", "2023-07-23T06:12:00+02:00"},
		{"2023-07-23T06:12:00.123456789-04:00", "2023-07-23T06:12:00-04:00"},
		{"2023-07-23T06:12+0300", "2023-07-23T06:12:00+03:00"},
		{"2023-07-23T06:12:00+03", "2023-07-23T06:12:00+03:00"},
		{"2023-07-23T06:12:00+05:30", "2023-07-23T06:12:00+05:30"},
		{"2023-07-23T06:12:00−05:00", "2023-07-23T06:12:00-05:00"}, // U+2212 minus
		{"2023-07-23T06:12:00", "2023-07-23T06:12:00"},
		{"2023-07-23T06:12", "2023-07-23T06:12:00"},
		{"2023-07-23 06:12:00", "2023-07-23T06:12:00"},
		{"2023-07-23 06:12", "2023-07-23T06:12:00"},
		{"2023-07-23 06:12:00 +0300", "2023-07-23T06:12:00+03:00"},
		{"2023-07-23 06:12:00+03:00", "2023-07-23T06:12:00+03:00"},
		{"2023-07-23 06:12+03:00", "2023-07-23T06:12:00+03:00"},
		{"2023-07-23 06:12:00-05", "2023-07-23T06:12:00-05:00"},
		{"2023-07-23 06:12-0500", "2023-07-23T06:12:00-05:00"},
		{"2023-07-23T06:12:00+03:00[Europe/Moscow]", "2023-07-23T06:12:00+03:00"},
		{"2023-07-23 06:12:00.000 +0000 UTC", "2023-07-23T06:12:00+00:00"},
		{"2023-07-23 06:12:00 +0300 +03", "2023-07-23T06:12:00+03:00"}, // Go's time.String
		{"2023-07-23 06:12:00 UTC", "2023-07-23T06:12:00+00:00"},
		{"2023-07-23", "2023-07-23"},
		{"2023-7-3", "2023-07-03"},
		{"  2023-07-23\n", "2023-07-23"},
		{"20230723T061200Z", "2023-07-23T06:12:00+00:00"},
		{"20230723T0612", "2023-07-23T06:12:00"},
		{"20230723", "2023-07-23"},
		{"20230723061200", "2023-07-23T06:12:00"},
		{"2023/07/23", "2023-07-23"},
		{"2023/07/23 06:12", "2023-07-23T06:12:00"},
		{"2023.07.23", "2023-07-23"},
	})
}

func TestParseWhenRFC(t *testing.T) {
	ref := time.Date(2023, 7, 23, 6, 12, 0, 0, time.FixedZone("", 3*3600))
	runDateCases(t, parseWhen, []dateCase{
		{ref.In(time.UTC).Format(time.RFC1123), "2023-07-23T03:12:00+00:00"},
		{ref.Format(time.RFC1123Z), "2023-07-23T06:12:00+03:00"},
		{ref.Format(time.RFC3339), "2023-07-23T06:12:00+03:00"},
		{ref.Format(time.RFC3339Nano), "2023-07-23T06:12:00+03:00"},
		{ref.Format(time.RFC822Z), "2023-07-23T06:12:00+03:00"},
		{ref.Format(time.RubyDate), "2023-07-23T06:12:00+03:00"},
		{ref.Format(time.ANSIC), "2023-07-23T06:12:00"},
		{ref.In(time.UTC).Format(time.UnixDate), "2023-07-23T03:12:00+00:00"},
		{ref.In(time.UTC).Format(time.RFC850), "2023-07-23T03:12:00+00:00"},
		{ref.In(time.UTC).Format(time.RFC822), "2023-07-23T03:12:00+00:00"},
		{"Sun, 23 Jul 2023 06:12:00 GMT", "2023-07-23T06:12:00+00:00"},
		{"Sun, 23 Jul 2023 06:12:00 +0300", "2023-07-23T06:12:00+03:00"},
		{"Mon, 02 Jan 2006 15:04:05 EST", "2006-01-02T15:04:05-05:00"},
		{"Sunday, 23-Jul-23 06:12:00 GMT", "2023-07-23T06:12:00+00:00"},
		{"23 Jul 23 06:12 GMT", "2023-07-23T06:12:00+00:00"},
		{"23 Jul 23 06:12 -0700", "2023-07-23T06:12:00-07:00"},
		{"Sun Jul 23 06:12:00 2023", "2023-07-23T06:12:00"},
		{"Sun Jul 23 06:12:00 UTC 2023", "2023-07-23T06:12:00+00:00"},
		{"Sun Jul 23 06:12:00 +0300 2023", "2023-07-23T06:12:00+03:00"},
		{"23-Jul-2023", "2023-07-23"},
	})
}

func TestParseWhenUnix(t *testing.T) {
	runDateCases(t, parseWhen, []dateCase{
		{"1690092720", "2023-07-23T06:12:00+00:00"},
		{"1690092720000", "2023-07-23T06:12:00+00:00"},
		{"999999999", "2001-09-09T01:46:39+00:00"},
		{"169009272", ""},     // 1975
		{"16900927200", ""},   // 11 digits: neither seconds nor milliseconds
		{"12345", ""},         // too short
		{"9999999999999", ""}, // year 2286
		{"1234567890123456", ""},
		{"99999999", ""}, // 8 digits read as yyyymmdd: month 99
	})
}

func TestParseWhenEnglish(t *testing.T) {
	runDateCases(t, parseWhen, []dateCase{
		{"July 23, 2023", "2023-07-23"},
		{"July 23 2023", "2023-07-23"},
		{"Jul. 23, 2023", "2023-07-23"},
		{"Sept. 1, 2023", "2023-09-01"},
		{"JULY 23, 2023", "2023-07-23"},
		{"July 23rd, 2023", "2023-07-23"},
		{"Jul 23, 2023 6:12 PM", "2023-07-23T18:12:00"},
		{"Jul 23, 2023, 6:12 p.m.", "2023-07-23T18:12:00"},
		{"Jul 23, 2023 6:12 A.M.", "2023-07-23T06:12:00"},
		{"July 23, 2023 12:05 am", "2023-07-23T00:05:00"},
		{"July 23, 2023 12:05 pm", "2023-07-23T12:05:00"},
		{"July 23, 2023 6pm", "2023-07-23T18:00:00"},
		{"July 23, 2023 6 p.m.", "2023-07-23T18:00:00"},
		{"July 23, 2023 6:12:45 PM", "2023-07-23T18:12:45"},
		{"23 July 2023", "2023-07-23"},
		{"23 July, 2023", "2023-07-23"},
		{"23rd July 2023", "2023-07-23"},
		{"1st July 2023", "2023-07-01"},
		{"2nd Aug 2023", "2023-08-02"},
		{"Sunday 23rd of July 2023 at 6:12pm", "2023-07-23T18:12:00"},
		{"Sunday, July 23, 2023 at 6:12 pm", "2023-07-23T18:12:00"},
		{"Published: 12 March 2024, 18:05 CET", "2024-03-12T18:05:00+01:00"},
		{"Published on 12 March 2024", "2024-03-12"},
		{"Last updated on July 23, 2023", "2023-07-23"},
		{"Updated: Jul 23, 2023 / 06:12 PM EDT", "2023-07-23T18:12:00-04:00"},
		{"Posted at 6:12 pm on July 23, 2023", "2023-07-23T18:12:00"},
		{"6:12 AM EDT, Sun July 23, 2023", "2023-07-23T06:12:00-04:00"},
		{"Updated 11:32 AM EDT, Sun July 23, 2023", "2023-07-23T11:32:00-04:00"},
		{"Sun 23 Jul 2023 06.12 BST", "2023-07-23T06:12:00+01:00"},
		{"Sun 23 Jul 2023 06.12", "2023-07-23T06:12:00"},
		{"2023-07-23 | 06:12", "2023-07-23T06:12:00"},
		{"23 July 2023 - 6:12pm", "2023-07-23T18:12:00"},
		{"23 July 2023 (06:12 GMT)", "2023-07-23T06:12:00+00:00"},
		{"July 23, 2023 at 6:12 pm GMT+2", "2023-07-23T18:12:00+02:00"},
		{"23 July 2023 06:12 UTC+05:30", "2023-07-23T06:12:00+05:30"},
		{"23 July 2023 06:12 GMT-0500", "2023-07-23T06:12:00-05:00"},
		{"23 July 2023 06:12 (IST)", "2023-07-23T06:12:00+05:30"},
		{"23 July 2023 06:12 +05:30", "2023-07-23T06:12:00+05:30"},
		{"Published 23 July 2023, updated 24 July 2023", "2023-07-23"},
		{"Jul 23, 2023 10.05 am", "2023-07-23T10:05:00"},
		{"23 July 2023 13:00 pm", "2023-07-23T13:00:00"},
		{"6:12 PM · Jul 23, 2023", "2023-07-23T18:12:00"},
		{"12:00 12 December 2023", "2023-12-12T12:00:00"},
		{"Thu, 3 Mar 2023 10:00:00 +0000 (UTC)", "2023-03-03T10:00:00+00:00"},
		{"2023-03-03 (Fri)", "2023-03-03"},
	})
}

func TestParseWhenZones(t *testing.T) {
	zones := []struct{ name, off string }{
		{"GMT", "+00:00"}, {"UTC", "+00:00"}, {"BST", "+01:00"}, {"CET", "+01:00"},
		{"CEST", "+02:00"}, {"MEZ", "+01:00"}, {"MESZ", "+02:00"}, {"EST", "-05:00"},
		{"EDT", "-04:00"}, {"CST", "-06:00"}, {"CDT", "-05:00"}, {"MST", "-07:00"},
		{"MDT", "-06:00"}, {"PST", "-08:00"}, {"PDT", "-07:00"}, {"IST", "+05:30"},
		{"JST", "+09:00"}, {"AEST", "+10:00"}, {"MSK", "+03:00"},
		// US zones without the S/D letter follow the US rules for the date.
		{"ET", "-04:00"}, {"CT", "-05:00"}, {"MT", "-06:00"}, {"PT", "-07:00"},
	}
	var cases []dateCase
	for _, z := range zones {
		cases = append(cases, dateCase{"23 Jul 2023 06:12 " + z.name, "2023-07-23T06:12:00" + z.off})
	}
	cases = append(cases,
		dateCase{"January 5, 2023 10:00 am ET", "2023-01-05T10:00:00-05:00"},
		dateCase{"Mar 12, 2023 1:00 am ET", "2023-03-12T01:00:00-05:00"}, // DST starts at 2:00
		dateCase{"Mar 12, 2023 3:00 am ET", "2023-03-12T03:00:00-04:00"},
		dateCase{"Nov 5, 2023 1:30 am ET", "2023-11-05T01:30:00-04:00"}, // DST ends at 2:00
		dateCase{"Nov 5, 2023 3:00 am PT", "2023-11-05T03:00:00-08:00"},
		dateCase{"Apr 2, 2006 3:00 am ET", "2006-04-02T03:00:00-04:00"}, // pre-2007 rules
		dateCase{"Mar 12, 2006 3:00 am ET", "2006-03-12T03:00:00-05:00"},
		dateCase{"Oct 28, 2006 3:00 am PT", "2006-10-28T03:00:00-07:00"},
		dateCase{"Oct 29, 2006 3:00 am PT", "2006-10-29T03:00:00-08:00"},
		// Lower-case words are never zones: German "ist" is "is".
		dateCase{"23.07.2023 14:05 ist", ""},
		dateCase{"23 Jul 2023 06:12 XYZ", ""},
	)
	runDateCases(t, parseWhen, cases)
}

func TestParseWhenNumeric(t *testing.T) {
	runDateCases(t, parseWhen, []dateCase{
		{"23.07.2023", "2023-07-23"},
		{"3.7.2023", "2023-07-03"},
		{"23.07.2023 14:05", "2023-07-23T14:05:00"},
		{"23.07.2023, 14.05 Uhr", "2023-07-23T14:05:00"},
		{"23.07.2023 14.05", "2023-07-23T14:05:00"},
		{"23/07/2023", "2023-07-23"}, // first > 12: day-first
		{"07/23/2023", "2023-07-23"}, // second > 12: month-first
		{"05/06/2023", "2023-06-05"}, // ambiguous: day-first
		{"12/11/2023", "2023-11-12"}, // ambiguous: day-first
		{"23-07-2023", "2023-07-23"}, // dashes: day-first
		{"07-23-2023", "2023-07-23"}, // unless the second is > 12
		{"23/07/2023 - 18h05", "2023-07-23T18:05:00"},
		{"23/07/2023 18:05:59", "2023-07-23T18:05:59"},
		{"29.02.2024", "2024-02-29"},
		{"29.02.2023", ""}, // not a leap year
		{"23.07.23", ""},   // two-digit years are ambiguous
		{"07/23/23", ""},
		{"23/07/2023 10:00-11:00", ""}, // a range is not an offset (and the rest is noise)
	})
}

func TestParseWhenLanguages(t *testing.T) {
	runDateCases(t, parseWhen, []dateCase{
		// German
		{"23. Juli 2023", "2023-07-23"},
		{"Veröffentlicht am 23. Juli 2023, 14:05 Uhr", "2023-07-23T14:05:00"},
		{"Stand: 23.07.2023 14:05 Uhr", "2023-07-23T14:05:00"},
		{"aktualisiert am 23.07.2023 um 14 Uhr", "2023-07-23T14:00:00"},
		{"23. März 2023", "2023-03-23"},
		{"23. Maerz 2023", "2023-03-23"},
		{"1. Dez. 2023", "2023-12-01"},
		{"5. Januar 2024", "2024-01-05"},
		{"3. Jänner 2024", "2024-01-03"},
		{"12. Mai 2024 18:05 MESZ", "2024-05-12T18:05:00+02:00"},
		{"Sonntag, 23. Juli 2023", "2023-07-23"},
		{"So., 23.07.2023", "2023-07-23"},
		// French
		{"Publié le 23 juillet 2023 à 06h12", "2023-07-23T06:12:00"},
		{"Publié le 12 mars 2024 à 18h05, mis à jour le 13 mars 2024 à 08h00", "2024-03-12T18:05:00"},
		{"1er août 2023", "2023-08-01"},
		{"12 janv. 2024", "2024-01-12"},
		{"3 févr. 2024 à 18h", "2024-02-03T18:00:00"},
		{"3 fevrier 2024", "2024-02-03"},
		{"23 décembre 2023", "2023-12-23"},
		{"23 DÉCEMBRE 2023", "2023-12-23"},
		{"mis à jour le 23/07/2023 à 18h05", "2023-07-23T18:05:00"},
		{"dimanche 23 juillet 2023 à 18 h 05", "2023-07-23T18:05:00"},
		{"mar. 23 juil. 2024", "2024-07-23"},
		// Spanish
		{"23 de julio de 2023", "2023-07-23"},
		{"Publicado el 23 de julio de 2023 a las 18:05 CEST", "2023-07-23T18:05:00+02:00"},
		{"1 de septiembre de 2023", "2023-09-01"},
		{"1 de setiembre de 2023", "2023-09-01"},
		{"1º de enero de 2024", "2024-01-01"},
		{"julio 23 de 2023", "2023-07-23"},
		{"23 dic. 2023", "2023-12-23"},
		{"domingo, 23 de julio de 2023, 18:05 hs", "2023-07-23T18:05:00"},
		// Italian
		{"23 luglio 2023", "2023-07-23"},
		{"Pubblicato il 23 luglio 2023 alle 18:05", "2023-07-23T18:05:00"},
		{"23 gennaio 2024 ore 18:05", "2024-01-23T18:05:00"},
		{"1 settembre 2023", "2023-09-01"},
		// Portuguese
		{"23 de julho de 2023 às 18h05", "2023-07-23T18:05:00"},
		{"Atualizado em 3 de março de 2024", "2024-03-03"},
		{"3 de fevereiro de 2024", "2024-02-03"},
		{"10 de outubro de 2023", "2023-10-10"},
		// Dutch
		{"23 juli 2023 om 18:05", "2023-07-23T18:05:00"},
		{"Gepubliceerd op 3 maart 2024", "2024-03-03"},
		{"12 mei 2024", "2024-05-12"},
		{"1 okt. 2023", "2023-10-01"},
		{"zondag 23 juli 2023, 18:05", "2023-07-23T18:05:00"},
	})
}

func TestParseWhenCJK(t *testing.T) {
	runDateCases(t, parseWhen, []dateCase{
		{"2023年7月23日", "2023-07-23"},
		{"2023年07月23日 06:12", "2023-07-23T06:12:00"},
		{"2023年7月23日 6時12分", "2023-07-23T06:12:00"},
		{"2023年7月23日 6時12分30秒", "2023-07-23T06:12:30"},
		{"2023年7月23日(日) 午後6時12分", "2023-07-23T18:12:00"},
		{"2023年7月23日（日）18:12", "2023-07-23T18:12:00"},
		{"公開日：2023年7月23日", "2023-07-23"},
		{"发布时间：2023-07-23 06:12", "2023-07-23T06:12:00"},
		{"2023年7月23日 下午6点12分", "2023-07-23T18:12:00"},
		{"2023년 7월 23일 오후 6:12", "2023-07-23T18:12:00"},
		{"2023年13月23日", ""},
	})
}

func TestParseWhenRejects(t *testing.T) {
	now := time.Now()
	runDateCases(t, parseWhen, []dateCase{
		{"", ""},
		{"   ", ""},
		{"2023", ""},
		{"July 2023", ""},
		{"23 July", ""},
		{"23 July 14:05", ""},
		{"Hello world", ""},
		{"Page 2023 of 10", ""},
		{"Page 2 of July 23, 2023", ""},
		{"+1 (555) 123-4567", ""},
		{"555-123-4567", ""},
		{"0044 20 7946 0958", ""},
		{"030 12345678", ""},
		{"12:30", ""},
		{"Version 1.2.2023", ""},
		{"2023-13-01", ""},
		{"2023-02-30", ""},
		{"2023-00-10", ""},
		{"2023-07-00", ""},
		{"30.02.2023", ""},
		{"31/04/2023", ""},
		{"Jul 32, 2023", ""},
		{"1989-12-31", ""},
		{"1850-01-01", ""},
		{"2023-07-23T25:00:00Z", ""},
		{"2023-07-23 24:00", ""},
		{"2023-07-23T06:61:00Z", ""},
		{"2023-07-23T06:12:00+15:00", ""},
		{"23 July 2023 10", ""},
		{"The meeting on 23 July 2023 was about budgets", ""},
		{"Photo: Jane Doe, 23 July 2023", ""},
		{"23.07.2023 14:05 ist", ""},
		{strings.Repeat("x", 300) + " 2023-07-23", ""},
		{now.AddDate(2, 0, 0).Format("2006-01-02"), ""},
		{now.AddDate(1, 1, 0).Format("January 2, 2006"), ""},
	})
	// Up to a year ahead is allowed (scheduled articles, wrong clocks).
	runDateCases(t, parseWhen, []dateCase{
		{now.AddDate(0, 6, 0).Format("2006-01-02"), now.AddDate(0, 6, 0).Format("2006-01-02")},
	})
}

func TestFindWhen(t *testing.T) {
	runDateCases(t, findWhen, []dateCase{
		{"By Jane Doe | July 23, 2023 6:12 am", "2023-07-23T06:12:00"},
		{"By Jane Doe, Reuters\nUpdated 11:32 AM EDT, Sun July 23, 2023", "2023-07-23T11:32:00-04:00"},
		{"Jane Doe · 23 July 2023 · 5 min read", "2023-07-23"},
		{"Von Max Mustermann, dpa · 23.07.2023, 14:05 Uhr · 3 Min. Lesezeit", "2023-07-23T14:05:00"},
		{"Par Jean Dupont, publié le 23 juillet 2023 à 06h12, mis à jour le 24 juillet 2023 à 08h00", "2023-07-23T06:12:00"},
		{"Sun 23 Jul 2023 06.12 BST Last modified on Sun 23 Jul 2023 08.00 BST", "2023-07-23T06:12:00+01:00"},
		{"Am 23.07.2023 um 14:05 ist es passiert", "2023-07-23T14:05:00"},
		{"Jane Doe July 23, 2023 10.50 euros were raised", "2023-07-23"},
		{"Schedule: 23 July 2023 09:00-10:00, main hall", "2023-07-23T09:00:00"},
		{"Schedule: 2023-07-23 09:00-10:00, main hall", "2023-07-23T09:00:00"},
		{"14:05 am 23.07.2023", "2023-07-23T14:05:00"},
		{"log timestamp=2023-07-23T06:12:00Z; level=info", "2023-07-23T06:12:00+00:00"},
		{"Updated: 2023年7月23日 6時12分 by staff", "2023-07-23T06:12:00"},
		{"Feb 30, 2023 and March 1, 2023", "2023-03-01"},
		{"Price 23.07 EUR, date 23.07.2023", "2023-07-23"},
		{"Posted by admin on Sunday, 23rd of July 2023", "2023-07-23"},
		{"PUBLISHED 06:12 BST, 23 July 2023 | UPDATED 08:00 BST, 23 July 2023", "2023-07-23T06:12:00+01:00"},
		{"Publicado el domingo 23 de julio de 2023 a las 18:05 por Redacción", "2023-07-23T18:05:00"},
		{"Gepubliceerd: 23 juli 2023 18:05 | Laatst bijgewerkt: 24 juli 2023", "2023-07-23T18:05:00"},
		{"By JANE DOE. Posted 3 hours ago", ""},
		{"Page 2023 of 10", ""},
		{"Call +1 555 123 4567 or +44 20 7946 0958", ""},
		{"By Jane Doe and John Roe, 2 comments", ""},
		{"Version 1.2.3 released in 2023", ""},
		{"(c) 2023 Example News. All rights reserved.", ""},
		{"12/10 people agreed", ""},
		{"", ""},
	})
}

func TestDateFromURL(t *testing.T) {
	runDateCases(t, dateFromURL, []dateCase{
		{"https://www.example.com/news/2021/09/14/some-slug", "2021-09-14"},
		{"https://www.example.com/2021/09/14/some-slug.html", "2021-09-14"},
		{"https://www.example.com/news/2021/09/14", "2021-09-14"},
		{"https://www.example.com/2021/09/14.html", "2021-09-14"},
		{"https://www.example.com/2021/9/4/slug", "2021-09-04"},
		{"https://www.theguardian.com/world/2023/jul/23/some-slug", "2023-07-23"},
		{"https://example.com/news/2021-09-14/slug", "2021-09-14"},
		{"https://example.com/news/slug-2021-09-14", "2021-09-14"},
		{"https://example.com/news/2021-09-14-slug", "2021-09-14"},
		{"https://example.com/news/2021_09_14_slug", "2021-09-14"},
		{"https://example.com/20210914/slug", "2021-09-14"},
		{"https://example.com/news/article_20210914.html", "2021-09-14"},
		{"http://www.news.cn/2021-09/14/c_1127862.htm", "2021-09-14"},
		{"http://politics.people.com.cn/n1/2021/0914/c1001-32227400.html", "2021-09-14"},
		{"https://example.com/202109/14/slug", "2021-09-14"},
		{"/2021/09/14/slug", "2021-09-14"},
		{"//cdn.example.com/2021/09/14/x", "2021-09-14"},
		{"https://example.com/news/2021/09/14/slug?utm=2020-01-01#2019-01-01", "2021-09-14"},
		{"https://example.com/v2/section/2021/09/14/slug", "2021-09-14"},
		// Not dates.
		{"https://example.com/2023/", ""},
		{"https://example.com/page/2021/", ""},
		{"https://example.com/2021/09/", ""},
		{"https://example.com/2021/09/slug", ""},
		{"https://example.com/2021/09/10-things-to-know/", ""}, // WordPress /yyyy/mm/slug
		{"https://example.com/article/20210914123456", ""},     // an ID, not a date
		{"https://example.com/story/12345678", ""},
		{"https://example.com/2021/13/01/", ""},
		{"https://example.com/2021/02/30/", ""},
		{"https://example.com/1989/01/01/", ""},
		{"https://2021-09-14.example.com/x", ""},
		{"https://example.com/search?date=2021-09-14", ""},
		{"https://example.com/", ""},
		{"https://example.com", ""},
		{"", ""},
	})
}

func TestWhenString(t *testing.T) {
	t3 := time.FixedZone("", 3*3600)
	cases := []struct {
		w    when
		want string
	}{
		{when{}, ""},
		{when{t: time.Date(2023, 7, 23, 6, 12, 0, 0, t3), hasTime: true, hasZone: true}, "2023-07-23T06:12:00+03:00"},
		{when{t: time.Date(2023, 7, 23, 6, 12, 0, 0, time.UTC), hasTime: true, hasZone: true}, "2023-07-23T06:12:00+00:00"},
		{when{t: time.Date(2023, 7, 23, 6, 12, 0, 5e8, time.UTC), hasTime: true}, "2023-07-23T06:12:00"},
		{when{t: time.Date(2023, 7, 23, 6, 12, 9, 0, time.FixedZone("", -(3*3600+1800))), hasTime: true, hasZone: true}, "2023-07-23T06:12:09-03:30"},
		{when{t: time.Date(1999, 12, 31, 23, 59, 59, 0, time.FixedZone("NPT", 5*3600+45*60)), hasTime: true, hasZone: true}, "1999-12-31T23:59:59+05:45"},
		{when{t: time.Date(2023, 7, 23, 0, 0, 0, 0, time.UTC)}, "2023-07-23"},
	}
	for _, c := range cases {
		t.Run(c.want, func(t *testing.T) {
			if got := c.w.String(); got != c.want {
				t.Errorf("got %q, want %q", got, c.want)
			}
			if c.w.IsZero() != (c.want == "") {
				t.Errorf("IsZero = %v", c.w.IsZero())
			}
		})
	}
}

// TestParseWhenNoAlloc guards the scanner's allocation-free path.
func TestParseWhenNoAlloc(t *testing.T) {
	if testing.Short() {
		t.Skip("allocation counting")
	}
	for _, c := range dateSamples {
		if n := testing.AllocsPerRun(20, func() { parseWhen(c.in) }); n != 0 {
			t.Errorf("parseWhen(%q): %v allocs", c.in, n)
		}
	}
}

// TestDateparseComparison checks parseWhen on dateSamples and logs how
// github.com/itlightning/dateparse v0.2.1 does on them (go test -v), giving
// it the benefit of the doubt on precision: it cannot report whether a time
// or an offset was given, so a date-only answer is compared on the date
// alone and a local time on the wall clock alone. Measured with TZ=UTC and
// default options it gets 14 of the 32 wrong:
//
//	"23.07.2023", "23/07/2023"           error: month out of range (no swap by default)
//	"05/06/2023"                         2023-05-06: month-first
//	"23.07.2023, 14.05 Uhr"              error
//	"Sun 23 Jul 2023 06.12 BST"          error (dotted time)
//	"Published: 12 March 2024, 18:05 CET" error (label)
//	"2023-07-23 | 06:12"                 error
//	"23. Juli 2023"                      error
//	"Publié le 23 juillet 2023 à 06h12"  error
//	"23 de julio de 2023"                error
//	"23 luglio 2023"                     error
//	"23 juli 2023 om 18:05"              error
//	"2023年7月23日 6時12分"                error
//	"Jul 23, 2023 6:12 PM EDT"           2023-07-23T18:12:00+00:00: EDT taken as UTC
//
// With PreferMonthFirst(false) and RetryAmbiguousDateWithSwap(true) the
// first three come out right and the other 11 stay wrong.
func TestDateparseComparison(t *testing.T) {
	wrong := map[string]int{}
	for _, opts := range [][]dateparse.ParserOption{nil, dateparseTuned} {
		name := "default"
		if opts != nil {
			name = "tuned"
		}
		for _, c := range dateSamples {
			if w, ok := parseWhen(c.in); !ok || w.String() != c.want {
				t.Errorf("parseWhen(%q) = %s, %v; want %s", c.in, w, ok, c.want)
			}
			got, err := dateparse.ParseAny(c.in, opts...)
			var s string
			switch {
			case err != nil:
				s = "error: " + err.Error()
			case len(c.want) == len("2006-01-02"):
				s = got.Format("2006-01-02")
			case len(c.want) == len("2006-01-02T15:04:05"):
				s = got.Format("2006-01-02T15:04:05")
			default:
				s = got.Format("2006-01-02T15:04:05-07:00")
			}
			if s != c.want {
				wrong[name]++
				t.Logf("dateparse %s: %-40q -> %s (want %s)", name, c.in, s, c.want)
			}
		}
		t.Logf("dateparse %s: %d of %d wrong", name, wrong[name], len(dateSamples))
	}
}

// FuzzParseWhen checks that the scanners never panic and that whatever
// parseWhen accepts formats to a string that parses back to itself.
func FuzzParseWhen(f *testing.F) {
	for _, c := range dateSamples {
		f.Add(c.in)
	}
	for _, s := range bylineSamples {
		f.Add(s)
	}
	f.Add("https://www.theguardian.com/world/2023/jul/23/slug")
	f.Add("2023年7月23日(日) 午後6時12分")
	f.Add("Sunday, 23-Jul-23 06:12:00 GMT")
	f.Fuzz(func(t *testing.T, s string) {
		findWhen(s)
		dateFromURL(s)
		w, ok := parseWhen(s)
		if !ok {
			return
		}
		str := w.String()
		w2, ok := parseWhen(str)
		if !ok || w2.String() != str || w2.hasTime != w.hasTime || w2.hasZone != w.hasZone {
			t.Errorf("parseWhen(%q) = %s, but parseWhen(%q) = %s, %v", s, str, str, w2, ok)
		}
	})
}
