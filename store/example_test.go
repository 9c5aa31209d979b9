package store_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/newsharvest/newsharvest/store"
)

// A crawl writes its records through a Sink on a State: a record written
// by an earlier run is refused, so that a re-run adds only new ones.
func Example() {
	dir, _ := os.MkdirTemp("", "newsharvest-example")
	defer os.RemoveAll(dir)
	type record struct {
		ID       string `json:"id"`
		Headline string `json:"headline"`
	}
	for run := 1; run <= 2; run++ {
		st, err := store.OpenState(filepath.Join(dir, "state"), store.Options{})
		if err != nil {
			fmt.Println(err)
			return
		}
		out, _ := store.NewFileOutput(filepath.Join(dir, "out", "{{.Host}}.jsonl"), nil)
		sink, err := store.NewSink(out, st, store.SinkOptions{})
		if err != nil {
			fmt.Println(err)
			return
		}
		for _, r := range []record{{"a1", "Ferry returns"}, {"b2", "Bridge reopens"}} {
			err := sink.Write(context.Background(), store.Item{ID: r.ID, URL: "https://news.example/" + r.ID, Value: r})
			switch {
			case errors.Is(err, store.ErrAlreadyEmitted):
				fmt.Printf("run %d: %s already written\n", run, r.ID)
			case err != nil:
				fmt.Println(err)
			default:
				fmt.Printf("run %d: wrote %s\n", run, r.ID)
			}
		}
		sink.Close()
		st.Close()
	}
	data, _ := os.ReadFile(filepath.Join(dir, "out", "news.example.jsonl"))
	fmt.Print(string(data))
	// Output:
	// run 1: wrote a1
	// run 1: wrote b2
	// run 2: a1 already written
	// run 2: b2 already written
	// {"id":"a1","headline":"Ferry returns"}
	// {"id":"b2","headline":"Bridge reopens"}
}
