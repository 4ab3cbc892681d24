package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"sync"
	"sync/atomic"
	"time"
)

// statsBenchQuery is what a dashboard screen asks for: the region's
// headline figures, its child regions' and its months'.
const statsBenchQuery = `query($region: String!, $from: Date!, $to: Date!) {
  stats(region: $region, from: $from, to: $to) {
    pending
    figures { ...all }
    byRegion { code figures { veterans { onRecord { value } cardIssueRate { value } } cases { opened { value } resolved { value } } } }
    byMonth { month figures { veterans { onRecord { value } } cases { opened { value } resolved { value } } jobs { placements { value } } } }
  }
}
fragment all on StatsFigures {
  persons { onRecord { value } linkedTwo { value } linkedThree { value } linkedShare { value } }
  veterans { onRecord { value display } cardsIssued { value } cardIssueRate { display } placementRate { display }
    byDischargeMode { key count { value } } byEntitledGroup { key count { value } } byEmploymentStatus { key count { value } }
    entitled { value } entitledMonthlyBenefits { display } certified { value } coverage { display } }
  civil { onRecord { value } dibaoReceiving { value } temporaryAssistanceAmount { display } }
  health { onRecord { value } seriousIllness { value } }
  cases { opened { value } resolved { value } active { value } medianDaysToResolve { display }
    byCategory { key opened { value } resolved { value } medianDaysToResolve { display } } byPriority { key opened { value } } }
  assistance { actions { value } amount { display } }
  jobs { postings { value } openings { value } referrals { value } placements { value } }
}`

// benchStats measures the stats query of a region: latency and throughput
// for --duration, then, with --freshness N, how long N new veteran records
// each take to show in the region's figures.
func benchStats(ctx context.Context, c benchConfig) error {
	body, _ := json.Marshal(map[string]any{"query": statsBenchQuery,
		"variables": map[string]string{"region": c.region, "from": c.from, "to": c.to}})
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: c.concurrency}}
	if _, err := statsVeterans(ctx, client, c, body); err != nil {
		return err
	}
	var (
		mu        sync.Mutex
		latencies []time.Duration
		failures  atomic.Int64
		wg        sync.WaitGroup
	)
	start := time.Now()
	deadline := start.Add(c.duration)
	for range c.concurrency {
		wg.Go(func() {
			var mine []time.Duration
			for time.Now().Before(deadline) && ctx.Err() == nil {
				t0 := time.Now()
				if _, err := statsVeterans(ctx, client, c, body); err != nil {
					failures.Add(1)
					continue
				}
				mine = append(mine, time.Since(t0))
			}
			mu.Lock()
			latencies = append(latencies, mine...)
			mu.Unlock()
		})
	}
	wg.Wait()
	reportLatencies("stats("+c.region+")", latencies, failures.Load(), time.Since(start), c.concurrency)
	if c.freshness > 0 {
		return benchFreshness(ctx, client, c, body)
	}
	return nil
}

// statsVeterans posts a stats query and returns the region's veterans on
// record; a GraphQL error fails it.
func statsVeterans(ctx context.Context, client *http.Client, c benchConfig, body []byte) (int64, error) {
	status, b, err := postGraphQL(ctx, client, c, body)
	if err != nil {
		return 0, err
	}
	var resp struct {
		Data struct {
			Stats struct {
				Figures struct {
					Veterans struct{ OnRecord struct{ Value int64 } }
				}
			}
		}
		Errors []struct{ Message string }
	}
	if err := json.Unmarshal(b, &resp); err != nil || status != http.StatusOK || len(resp.Errors) > 0 {
		return 0, fmt.Errorf("stats: status %d: %s", status, b)
	}
	return resp.Data.Stats.Figures.Veterans.OnRecord.Value, nil
}

// benchFreshness writes one new veteran record of the region at a time
// (upsertVeteranRecords) and polls the figures until it is counted.
func benchFreshness(ctx context.Context, client *http.Client, c benchConfig, statsBody []byte) error {
	var lat []time.Duration
	for i := range c.freshness {
		before, err := statsVeterans(ctx, client, c, statsBody)
		if err != nil {
			return err
		}
		t0 := time.Now()
		if err := upsertFreshVeteran(ctx, client, c, i); err != nil {
			return err
		}
		for {
			n, err := statsVeterans(ctx, client, c, statsBody)
			if err != nil {
				return err
			}
			if n > before {
				break
			}
			if time.Since(t0) > time.Minute {
				return fmt.Errorf("freshness: record %d not counted after a minute", i)
			}
			time.Sleep(20 * time.Millisecond)
		}
		lat = append(lat, time.Since(t0))
	}
	slices.Sort(lat)
	fmt.Printf("write → counted in stats: %d records one at a time: p50 %s, p90 %s, max %s\n", len(lat),
		lat[len(lat)/2].Round(time.Millisecond), lat[len(lat)*9/10].Round(time.Millisecond), lat[len(lat)-1].Round(time.Millisecond))
	return nil
}

// upsertFreshVeteran writes a veteran record of a new person (no ID
// number, a name no one has) as of today, which the period must include.
func upsertFreshVeteran(ctx context.Context, client *http.Client, c benchConfig, i int) error {
	source := fmt.Sprintf("bench-fresh-%d-%d", time.Now().UnixNano(), i)
	body, _ := json.Marshal(map[string]any{
		"query": `mutation($r: [VeteranRecordInput!]!) { upsertVeteranRecords(records: $r) { summary { created rejected } } }`,
		"variables": map[string]any{"r": []map[string]any{{"sourceId": source, "sourceVersion": 1, "asOf": time.Now().Format(time.DateOnly),
			"name": fmt.Sprintf("测试%c%c", 0x4e00+i%500, 0x4f00+i/500%500), "regionCode": c.region,
			"dischargeMode": "SELF_EMPLOYMENT"}}},
	})
	status, b, err := postGraphQL(ctx, client, c, body)
	if err != nil {
		return err
	}
	if status != http.StatusOK || bytes.Contains(b, []byte(`"errors"`)) || !bytes.Contains(b, []byte(`"created":1`)) {
		return fmt.Errorf("freshness: upsert: status %d: %s", status, b)
	}
	return nil
}
