package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strconv"
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
	target, err := url.Parse(c.url)
	if err != nil || target.Scheme != "http" || target.Host == "" {
		return fmt.Errorf("bench person: --url must be http://host:port/path, got %q", c.url)
	}
	// Every request body is built before the clock starts: the load
	// generator shares the machine with the server, and what it spends per
	// request is taken from the server.
	bodies := make([][]byte, len(ids))
	for i, id := range ids {
		bodies[i] = personBody(c.purpose, id)
	}
	head := requestHead(target, c.token)
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
			conn := &benchConn{addr: target.Host, head: head}
			defer conn.close()
			var mine []time.Duration
			for time.Now().Before(deadline) && ctx.Err() == nil {
				body := bodies[rng.IntN(len(bodies))]
				t0 := time.Now()
				if err := conn.post(body); err != nil {
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

// personBody is the JSON request for person id, with @purpose when purpose
// is set.
func personBody(purpose, id string) []byte {
	q := fmt.Sprintf(personQuery, "")
	vars := map[string]any{"id": id}
	if purpose != "" {
		q = strings.Replace(fmt.Sprintf(personQuery, "@purpose(reason: $why)"),
			"query($id: ID!)", "query($id: ID!, $why: String!)", 1)
		vars["why"] = purpose
	}
	body, _ := json.Marshal(map[string]any{"query": q, "variables": vars})
	return body
}

// requestHead is the start of every request: the request line and headers
// up to the Content-Length value.
func requestHead(target *url.URL, token string) []byte {
	return []byte("POST " + target.RequestURI() + " HTTP/1.1\r\nHost: " + target.Host +
		"\r\nContent-Type: application/json\r\nAuthorization: Bearer " + token +
		"\r\nContent-Length: ")
}

// benchConn is one worker's keep-alive HTTP/1.1 connection. It writes each
// request with one write and reads the response with net/http's parser on
// the same goroutine: http.Client's transport hands every request to two
// goroutines of its own, a cost the load generator would otherwise take
// from the server it measures on a small machine.
type benchConn struct {
	addr string
	head []byte
	conn net.Conn
	r    *bufio.Reader
	req  []byte // the request being sent, reused
	resp []byte // the response body, reused
}

// post sends body and checks the answer: status 200, a JSON body with an
// "id" and no "errors". Any failure closes the connection, so the next
// request starts on a fresh one.
func (b *benchConn) post(body []byte) error {
	err := b.roundTrip(body)
	if err != nil {
		b.close()
	}
	return err
}

func (b *benchConn) roundTrip(body []byte) error {
	if b.conn == nil {
		conn, err := net.Dial("tcp", b.addr)
		if err != nil {
			return err
		}
		b.conn, b.r = conn, bufio.NewReader(conn)
	}
	b.req = append(append(append(append(b.req[:0], b.head...), strconv.Itoa(len(body))...), "\r\n\r\n"...), body...)
	if _, err := b.conn.Write(b.req); err != nil {
		return err
	}
	res, err := http.ReadResponse(b.r, nil)
	if err != nil {
		return err
	}
	b.resp, err = readAll(res, b.resp[:0])
	if err != nil {
		return err
	}
	if res.Close {
		b.close()
	}
	if res.StatusCode != http.StatusOK || bytes.Contains(b.resp, []byte(`"errors"`)) || !bytes.Contains(b.resp, []byte(`"id"`)) {
		return fmt.Errorf("status %d: %.200s", res.StatusCode, b.resp)
	}
	return nil
}

// readAll appends res's body to buf.
func readAll(res *http.Response, buf []byte) ([]byte, error) {
	defer res.Body.Close()
	w := bytes.NewBuffer(buf)
	_, err := w.ReadFrom(res.Body)
	return w.Bytes(), err
}

func (b *benchConn) close() {
	if b.conn != nil {
		b.conn.Close()
		b.conn, b.r = nil, nil
	}
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
