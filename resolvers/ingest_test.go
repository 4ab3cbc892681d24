package resolvers_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/client"

	"github.com/vethub/vethub/auth"
	"github.com/vethub/vethub/db/dbtest"
	"github.com/vethub/vethub/ingest"
	"github.com/vethub/vethub/jobs"
	"github.com/vethub/vethub/resolvers"
)

// newIngestAPI is an api whose resolvers can write (jobs are enqueued, not
// worked: linkage has its own tests).
func newIngestAPI(t *testing.T) *api {
	store := dbtest.New(t)
	q, err := jobs.New(store, slog.New(slog.NewTextHandler(io.Discard, nil)), jobs.Config{})
	if err != nil {
		t.Fatal(err)
	}
	res := resolvers.New(resolvers.Deps{Store: store, Ingest: ingest.New(store, q)})
	return &api{t: t, store: store, res: res, h: newHandler(res)}
}

const upsertCivil = `mutation($records: [CivilRecordInput!]!) {
  upsertCivilRecords(records: $records) {
    summary { created updated unchanged stale rejected }
    results { index sourceId status errors { path code message } warnings { code }
              record { id sourceId idNumberValid ... on CivilRecord { dibaoStatus perCapitaMonthlyIncome } } }
  }
}`

type upsertPayload struct {
	UpsertCivilRecords struct {
		Summary struct{ Created, Updated, Unchanged, Stale, Rejected int }
		Results []struct {
			Index    int
			SourceID string
			Status   string
			Errors   []struct{ Path, Code, Message string }
			Warnings []struct{ Code string }
			Record   *struct {
				ID                     string
				SourceID               string
				IDNumberValid          bool
				DibaoStatus            *string
				PerCapitaMonthlyIncome *float64
			}
		}
	}
}

func civilInput(sourceID string, version int, extra map[string]any) map[string]any {
	in := map[string]any{"sourceId": sourceID, "sourceVersion": version, "asOf": "2026-10-01",
		"name": "张伟", "regionCode": "330824106"}
	for k, v := range extra {
		in[k] = v
	}
	return in
}

func TestUpsertCivilRecordsOutcomes(t *testing.T) {
	t.Parallel()
	a := newIngestAPI(t)
	civil := a.as(auth.Principal{TokenID: 2, Role: auth.RoleIntegrator, Department: "CIVIL"})
	records := []map[string]any{
		civilInput("MZ-1", 1, map[string]any{"idNumber": "110105194912310021", "dibaoStatus": "none", "perCapitaMonthlyIncome": 820.5}),
		civilInput("MZ-2", 1, map[string]any{"birthDate": "2026-02-30"}),
		civilInput("MZ-3", 1, map[string]any{"dibaoStatus": "SOMETIMES", "householdSize": 0}),
	}
	var out upsertPayload
	mustQuery(t, civil, upsertCivil, &out, client.Var("records", records))
	p := out.UpsertCivilRecords
	if p.Summary.Created != 1 || p.Summary.Rejected != 2 {
		t.Fatalf("summary = %+v, want 1 created, 2 rejected", p.Summary)
	}
	first := p.Results[0]
	if first.Status != "CREATED" || first.Record == nil || first.Record.IDNumberValid ||
		first.Record.DibaoStatus == nil || *first.Record.DibaoStatus != "NONE" ||
		first.Record.PerCapitaMonthlyIncome != nil /* money is masked without a purpose */ {
		t.Errorf("kept record = %+v (record %+v)", first, first.Record)
	}
	if len(first.Warnings) == 0 || first.Warnings[0].Code != "ID_CHECK_CHARACTER" {
		t.Errorf("wrong check character: warnings %+v", first.Warnings)
	}
	if e := p.Results[1].Errors; p.Results[1].Status != "REJECTED" || len(e) != 1 || e[0].Path != "birthDate" || e[0].Code != "INVALID_DATE" {
		t.Errorf("bad birth date: %+v", p.Results[1])
	}
	paths := map[string]bool{}
	for _, e := range p.Results[2].Errors {
		paths[e.Path] = true
	}
	if p.Results[2].Record != nil || !paths["dibaoStatus"] {
		t.Errorf("bad enum: %+v", p.Results[2])
	}

	records[0]["sourceVersion"] = 2
	records[0]["dibaoStatus"] = "APPLIED"
	mustQuery(t, civil, upsertCivil, &out, client.Var("records", records[:1]))
	if r := out.UpsertCivilRecords.Results[0]; r.Status != "UPDATED" || *r.Record.DibaoStatus != "APPLIED" {
		t.Errorf("newer version: %+v", r)
	}
	records[0]["sourceVersion"] = 1
	mustQuery(t, civil, upsertCivil, &out, client.Var("records", records[:1]))
	if r := out.UpsertCivilRecords.Results[0]; r.Status != "STALE" || r.Errors[0].Code != "NEWER_VERSION_STORED" || *r.Record.DibaoStatus != "APPLIED" {
		t.Errorf("older version: %+v", r)
	}
}

func TestUpsertRefusals(t *testing.T) {
	t.Parallel()
	a := newIngestAPI(t)
	tooMany := make([]map[string]any, 1001)
	for i := range tooMany {
		tooMany[i] = civilInput(fmt.Sprintf("MZ-%d", i), 1, nil)
	}
	one := []map[string]any{civilInput("MZ-1", 1, nil)}
	tests := []struct {
		name    string
		who     auth.Principal
		records []map[string]any
		code    string
	}{
		{"another department's integrator", auth.Principal{TokenID: 3, Role: auth.RoleIntegrator, Department: "HEALTH"}, one, "FORBIDDEN"},
		{"analyst", auth.Principal{TokenID: 4, Role: auth.RoleAnalyst, Regions: []string{"330824"}}, one, "FORBIDDEN"},
		{"dashboard", auth.Principal{TokenID: 5, Role: auth.RoleDashboard}, one, "FORBIDDEN"},
		{"more than 1,000 records", admin, tooMany, "BAD_USER_INPUT"},
		{"no records", admin, []map[string]any{}, "BAD_USER_INPUT"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			errs := query(t, a.as(tt.who), upsertCivil, nil, client.Var("records", tt.records))
			if len(errs) == 0 {
				t.Fatal("write was accepted")
			}
			if code, _ := errs[0].Extensions["code"].(string); code != tt.code && !strings.Contains(errs[0].Message, strings.ToLower(tt.code)) {
				t.Errorf("error %+v, want code %s", errs[0], tt.code)
			}
		})
	}
	var n int
	a.store.Pool.QueryRow(t.Context(), "SELECT count(*) FROM source_records").Scan(&n)
	if n != 0 {
		t.Errorf("%d records stored by refused writes", n)
	}
}

// Every write is in the audit log, with who wrote through which mutation;
// a call that writes nothing adds nothing.
func TestWritesAudited(t *testing.T) {
	t.Parallel()
	a := newIngestAPI(t)
	civil := a.as(auth.Principal{TokenID: 5, Name: "mz-feed", Role: auth.RoleIntegrator, Department: "CIVIL"})
	records := []map[string]any{civilInput("MZ-1", 1, nil), civilInput("MZ-2", 1, nil)}
	for range 2 { // the second call is all UNCHANGED
		mustQuery(t, civil, upsertCivil, nil, client.Var("records", records))
	}
	var n int
	var actor, role, action, dept, detail, request string
	var fields []string
	err := a.store.Pool.QueryRow(context.Background(), `SELECT count(*) OVER (), actor, role, action, department, fields, detail, request_id
		FROM audit_log`).Scan(&n, &actor, &role, &action, &dept, &fields, &detail, &request)
	if err != nil {
		t.Fatal(err)
	}
	if n != 1 || actor != "mz-feed" || role != "INTEGRATOR" || action != "WRITE" || dept != "CIVIL" ||
		len(fields) != 1 || fields[0] != "Mutation.upsertCivilRecords" || detail != "2 created, 0 updated" || request != "test-request" {
		t.Fatalf("audit: %d rows, last %s %s %s %s %v %q %q", n, actor, role, action, dept, fields, detail, request)
	}
}
