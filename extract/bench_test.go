package extract

import (
	"bytes"
	"net/url"
	"os"
	"path/filepath"
	"testing"
	"time"

	readability "codeberg.org/readeck/go-readability/v2"
)

// The extraction benchmarks run the testdata pages through newsharvest and
// through go-readability alone (its FromReader, charset guessing
// included, which is what a caller of that library runs), so that the
// ratio is visible in one run:
//
//	go test -run '^$' -bench Extraction ./extract/

type benchPage struct {
	url  string
	data []byte
}

func loadBenchPages(b *testing.B) ([]benchPage, int64) {
	b.Helper()
	files, err := pageFiles()
	if err != nil || len(files) == 0 {
		b.Fatalf("no pages under %s", pagesDir)
	}
	var pages []benchPage
	var total int64
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		pages = append(pages, benchPage{url: "https://news.example/" + filepath.Base(f), data: data})
		total += int64(len(data))
	}
	return pages, total
}

func BenchmarkExtraction(b *testing.B) {
	pages, total := loadBenchPages(b)
	run := func(b *testing.B, extract func(p benchPage)) {
		b.SetBytes(total)
		b.ReportAllocs()
		start := time.Now()
		for i := 0; i < b.N; i++ {
			for _, p := range pages {
				extract(p)
			}
		}
		b.ReportMetric(float64(b.N*len(pages))/time.Since(start).Seconds(), "pages/s")
	}
	b.Run("newsharvest", func(b *testing.B) {
		run(b, func(p benchPage) {
			if _, err := FromBytes(p.data, p.url); err != nil {
				b.Fatal(err)
			}
		})
	})
	b.Run("go-readability", func(b *testing.B) {
		run(b, func(p benchPage) {
			u, _ := url.Parse(p.url)
			if _, err := readability.FromReader(bytes.NewReader(p.data), u); err != nil {
				b.Fatal(err)
			}
		})
	})
}

// BenchmarkExtractionRatio interleaves both extractors page by page and
// reports newsharvest's speed as a multiple of go-readability's
// ("x-readability"; above 1 is faster).
func BenchmarkExtractionRatio(b *testing.B) {
	pages, _ := loadBenchPages(b)
	var ours, theirs time.Duration
	for i := 0; i < b.N; i++ {
		for _, p := range pages {
			t0 := time.Now()
			if _, err := FromBytes(p.data, p.url); err != nil {
				b.Fatal(err)
			}
			t1 := time.Now()
			u, _ := url.Parse(p.url)
			if _, err := readability.FromReader(bytes.NewReader(p.data), u); err != nil {
				b.Fatal(err)
			}
			ours += t1.Sub(t0)
			theirs += time.Since(t1)
		}
	}
	b.ReportMetric(theirs.Seconds()/ours.Seconds(), "x-readability")
	b.ReportMetric(float64(b.N*len(pages))/ours.Seconds(), "pages/s")
	b.ReportMetric(float64(b.N*len(pages))/theirs.Seconds(), "readability-pages/s")
}
