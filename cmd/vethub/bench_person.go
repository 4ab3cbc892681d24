package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"
)

// personQuery reads a person with every department's latest record; %s is
// where an @purpose directive goes.
const personQuery = `query($id: ID!) %s { person(id: $id) {
  id name sex birthDate idNumber regionCode departments
  region { code name parents { code name } }
  veteran { sourceId dischargeMode employmentStatus disabilityGrade entitledGroups skills }
  civil { sourceId perCapitaMonthlyIncome dibaoStatus livingAlone temporaryAssistance { date amount } }
  health { sourceId seriousIllnesses functionalDisability outOfPocket }
} }`

func benchPerson(ctx context.Context, c benchConfig) error {
	ids, err := randomPersonIDs(ctx, c.dbURL, c.ids, c.regionPrefix)
	if err != nil {
		return err
	}
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: c.concurrency}}
	var (
		mu        sync.Mutex
		latencies []time.Duration
		failures  atomic.Int64
		wg        sync.WaitGroup
	)
	deadline := time.Now().Add(c.duration)
	start := time.Now()
	for w := 0; w < c.concurrency; w++ {
		wg.Add(1)
		go func(seed uint64) {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(seed, 7))
			var mine []time.Duration
			for time.Now().Before(deadline) && ctx.Err() == nil {
				id := ids[rng.IntN(len(ids))]
				t0 := time.Now()
				if err := postPerson(ctx, client, c, id); err != nil {
					failures.Add(1)
					continue
				}
				mine = append(mine, time.Since(t0))
			}
			mu.Lock()
			latencies = append(latencies, mine...)
			mu.Unlock()
		}(uint64(w))
	}
	wg.Wait()
	reportLatencies("person(id)", latencies, failures.Load(), time.Since(start), c.concurrency)
	return nil
}

func postPerson(ctx context.Context, client *http.Client, c benchConfig, id string) error {
	directive := ""
	if c.purpose != "" {
		directive = "@purpose(reason: $why)"
	}
	q := fmt.Sprintf(personQuery, directive)
	if c.purpose != "" {
		q = strings.Replace(q, "query($id: ID!)", "query($id: ID!, $why: String!)", 1)
	}
	vars := map[string]any{"id": id}
	if c.purpose != "" {
		vars["why"] = c.purpose
	}
	body, _ := json.Marshal(map[string]any{"query": q, "variables": vars})
	status, resp, err := postGraphQL(ctx, client, c, body)
	if err != nil {
		return err
	}
	if status != http.StatusOK || bytes.Contains(resp, []byte(`"errors"`)) || !bytes.Contains(resp, []byte(`"id"`)) {
		return fmt.Errorf("status %d: %.200s", status, resp)
	}
	return nil
}

func postGraphQL(ctx context.Context, client *http.Client, c benchConfig, body []byte) (int, []byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.url, bytes.NewReader(body))
	if err != nil {
		return 0, nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+c.token)
	res, err := client.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	return res.StatusCode, b, err
}

// randomPersonIDs samples live persons that have records, so every request
// does the full work.
func randomPersonIDs(ctx context.Context, dbURL string, n int, regionPrefix string) ([]string, error) {
	conn, err := pgx.Connect(ctx, dbURL)
	if err != nil {
		return nil, fmt.Errorf("person ids: %w", err)
	}
	defer conn.Close(ctx)
	rows, err := conn.Query(ctx, `SELECT id::text FROM persons WHERE merged_into IS NULL AND record_count > 0
		AND starts_with(region_code, $2) ORDER BY random() LIMIT $1`, n, regionPrefix)
	if err != nil {
		return nil, fmt.Errorf("person ids: %w", err)
	}
	ids, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err == nil && len(ids) == 0 {
		err = fmt.Errorf("person ids: the database has no linked persons; import data first")
	}
	return ids, err
}

func reportLatencies(what string, lat []time.Duration, failures int64, took time.Duration, conc int) {
	if len(lat) == 0 {
		fmt.Printf("%s: no successful requests (%d failed)\n", what, failures)
		return
	}
	slices.Sort(lat)
	pct := func(p float64) time.Duration { return lat[min(len(lat)-1, int(p*float64(len(lat))))] }
	fmt.Printf("%s: %d requests in %s with %d in flight: %.0f req/s, p50 %s, p90 %s, p99 %s, max %s, %d failed\n",
		what, len(lat), took.Round(time.Millisecond), conc, float64(len(lat))/took.Seconds(),
		pct(0.50).Round(10*time.Microsecond), pct(0.90).Round(10*time.Microsecond),
		pct(0.99).Round(10*time.Microsecond), lat[len(lat)-1].Round(10*time.Microsecond), failures)
}
