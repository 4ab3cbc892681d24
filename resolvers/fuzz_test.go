package resolvers_test

import (
	"bytes"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/vethub/vethub/auth"
	"github.com/vethub/vethub/db/dbtest"
	"github.com/vethub/vethub/ingest"
	"github.com/vethub/vethub/jobs"
	"github.com/vethub/vethub/resolvers"
)

// FuzzGraphQL sends arbitrary operations and variables through the whole
// input path (parse, validate, coerce, the feed's validation, the
// resolvers and the database) as an admin. Whatever comes in, the answer
// must be a GraphQL response, never a recovered panic.
//
//	go test ./resolvers -run '^$' -fuzz FuzzGraphQL -fuzztime 60s
func FuzzGraphQL(f *testing.F) {
	seeds := []struct{ query, vars string }{
		{`{ viewer { role } }`, `{}`},
		{`query($id: ID!) @purpose(reason: "x") { person(id: $id) { idNumber records { sourceId } } }`, `{"id":"1"}`},
		{`query($f: PersonFilter) { persons(filter: $f, first: 5) { edges { node { id name } } } }`, `{"f":{"regionPrefix":"3308","name":"张"}}`},
		{`{ sourceRecord(department: CIVIL, sourceId: "x") { personId ... on CivilRecord { dibaoStatus } } }`, `{}`},
		{`{ changes(first: 3) { edges { cursor } pageInfo { endCursor } } }`, `{}`},
		{`mutation($r: [VeteranRecordInput!]!) { upsertVeteranRecords(records: $r) { summary { created rejected } } }`,
			`{"r":[{"sourceId":"a","sourceVersion":1,"asOf":"2026-01-01","name":"王","regionCode":"330824","idNumber":"33082419800101123X","birthDate":"1980-13-01"}]}`},
		{`mutation($p: [JobPostingInput!]!) { upsertJobPostings(postings: $p) { summary { created } } }`,
			`{"p":[{"sourceId":"j","sourceVersion":1,"asOf":"2026-01-01","employer":"e","title":"t","regionCode":"330824","salaryMin":-1}]}`},
		{`{ auditLog(personId: "x", after: "bm9wZQ") { edges { cursor } } }`, `{}`},
	}
	for _, s := range seeds {
		f.Add(s.query, s.vars)
	}
	store := dbtest.New(f)
	q, err := jobs.New(store, slog.New(slog.NewTextHandler(io.Discard, nil)), jobs.Config{})
	if err != nil {
		f.Fatal(err)
	}
	h := newHandler(resolvers.New(resolvers.Deps{Store: store, Ingest: ingest.New(store, q)}))
	f.Fuzz(func(t *testing.T, query, vars string) {
		var v map[string]any
		if json.Unmarshal([]byte(vars), &v) != nil {
			v = nil
		}
		body, _ := json.Marshal(map[string]any{"query": query, "variables": v})
		req := httptest.NewRequest(http.MethodPost, "/", bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req = req.WithContext(auth.WithPrincipal(req.Context(), admin))
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		var resp struct {
			Data   json.RawMessage
			Errors []struct{ Message string }
		}
		if err := json.Unmarshal(rec.Body.Bytes(), &resp); err != nil {
			t.Fatalf("not a GraphQL response (%d): %s", rec.Code, rec.Body.String())
		}
		for _, e := range resp.Errors {
			if strings.Contains(e.Message, "internal system error") {
				t.Fatalf("panic recovered for %q %s", query, vars)
			}
		}
	})
}
