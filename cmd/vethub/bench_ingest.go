package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/vethub/vethub/feed"
)

// ingestMutations maps --department to the batch mutation and its argument.
var ingestMutations = map[string][2]string{
	"veteran": {"upsertVeteranRecords", "records: [VeteranRecordInput!]!"},
	"civil":   {"upsertCivilRecords", "records: [CivilRecordInput!]!"},
	"health":  {"upsertHealthRecords", "records: [HealthRecordInput!]!"},
	"jobs":    {"upsertJobPostings", "postings: [JobPostingInput!]!"},
}

func benchIngest(ctx context.Context, c benchConfig) error {
	m, ok := ingestMutations[strings.ToLower(c.department)]
	if !ok {
		return fmt.Errorf("--department %q: want veteran, civil, health or jobs", c.department)
	}
	batches, lines, err := readBatches(c.file, c.batch)
	if err != nil {
		return err
	}
	arg := strings.SplitN(m[1], ":", 2)[0]
	query := fmt.Sprintf("mutation($%s) { %s(%s: $%s) { summary { created updated unchanged stale rejected } } }",
		m[1], m[0], arg, arg)
	client := &http.Client{Timeout: 5 * time.Minute}
	work := make(chan []json.RawMessage)
	var wg sync.WaitGroup
	var mu sync.Mutex
	var lat []time.Duration
	var failures int64
	start := time.Now()
	for w := 0; w < c.concurrency; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for b := range work {
				body, _ := json.Marshal(map[string]any{"query": query, "variables": map[string]any{arg: b}})
				t0 := time.Now()
				status, resp, err := postGraphQL(ctx, client, c, body)
				mu.Lock()
				if err != nil || status != http.StatusOK || bytes.Contains(resp, []byte(`"errors"`)) {
					failures++
					fmt.Fprintf(os.Stderr, "batch failed: %v %d %.300s\n", err, status, resp)
				} else {
					lat = append(lat, time.Since(t0))
				}
				mu.Unlock()
			}
		}()
	}
	for _, b := range batches {
		work <- b
	}
	close(work)
	wg.Wait()
	took := time.Since(start)
	fmt.Printf("%s: %d records in %d batches of up to %d, %d in flight, in %s: %.0f records/s, %d batches failed\n",
		m[0], lines, len(batches), c.batch, c.concurrency, took.Round(time.Millisecond), float64(lines)/took.Seconds(), failures)
	reportLatencies(m[0]+" batch", lat, failures, took, c.concurrency)
	return nil
}

// readBatches splits an NDJSON feed into batches of raw JSON objects.
func readBatches(path string, size int) ([][]json.RawMessage, int, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, 0, err
	}
	defer f.Close()
	lr := feed.NewLineReader(f)
	var batches [][]json.RawMessage
	var cur []json.RawMessage
	n := 0
	for {
		_, line, err := lr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, 0, fmt.Errorf("read %s: %w", path, err)
		}
		cur = append(cur, json.RawMessage(bytes.Clone(line)))
		n++
		if len(cur) == size {
			batches, cur = append(batches, cur), nil
		}
	}
	if len(cur) > 0 {
		batches = append(batches, cur)
	}
	return batches, n, nil
}
