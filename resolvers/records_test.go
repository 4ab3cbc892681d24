package resolvers_test

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/99designs/gqlgen/client"

	"github.com/vethub/vethub/auth"
	"github.com/vethub/vethub/db/dbtest"
)

const sourceRecordQuery = `query($d: Department!, $s: String!) @purpose(reason: "test") { sourceRecord(department: $d, sourceId: $s) {
	__typename id department sourceId sourceVersion asOf name idNumber idNumberValid sex regionCode linkMethod personId
	... on VeteranRecord { dischargeMode enlistDate merits entitledGroups disabilityGrade monthlyBenefit skills preferredRegions rank }
	... on CivilRecord { dibaoStatus householdSize perCapitaMonthlyIncome livingAlone nearDibao temporaryAssistance { date amount reason } }
	... on HealthRecord { seriousIllnesses functionalDisability costYear outOfPocket hospitalStays dementia }
} }`

func TestSourceRecord(t *testing.T) {
	t.Parallel()
	store := dbtest.New(t)
	f := fixtures{t, store}
	p := f.full("张三", "330824106001")
	f.record("CIVIL", "unlinked", 0, "330824106", civilAttrs)
	a := newAPI(t, store)
	civilIntegrator := auth.Principal{TokenID: 3, Role: auth.RoleIntegrator, Department: "CIVIL"}
	common := `"sourceVersion":1,"asOf":"2024-05-01","name":"张三","idNumber":"330824199005011234","idNumberValid":true,"sex":"M","linkMethod":"EXACT_ID"`
	tests := []struct {
		name     string
		as       auth.Principal
		dept, id string
		want     string // JSON of the fields below common; "" for null
	}{
		{"veteran", admin, "VETERAN", "v-张三-330824106001", `{"__typename":"VeteranRecord","department":"VETERAN",` + common +
			`,"dischargeMode":"SELF_EMPLOYMENT","enlistDate":"2008-12-01","merits":["THIRD_CLASS"],"entitledGroups":["DISABLED_SERVICEMAN"],` +
			`"disabilityGrade":4,"monthlyBenefit":1234.5,"skills":["电工证"],"preferredRegions":[],"rank":null}`},
		{"civil", admin, "CIVIL", "c-张三-330824106001", `{"__typename":"CivilRecord","department":"CIVIL",` + common +
			`,"dibaoStatus":"RECEIVING","householdSize":3,"perCapitaMonthlyIncome":650,"livingAlone":true,"nearDibao":null,` +
			`"temporaryAssistance":[{"date":"2024-02-01","amount":800,"reason":"医疗"}]}`},
		{"health", admin, "HEALTH", "h-张三-330824106001", `{"__typename":"HealthRecord","department":"HEALTH",` + common +
			`,"seriousIllnesses":["C34"],"functionalDisability":"SEVERE","costYear":2024,"outOfPocket":23000.55,"hospitalStays":2,"dementia":null}`},
		{"integrator of the department", civilIntegrator, "CIVIL", "c-张三-330824106001", `{"__typename":"CivilRecord"}`},
		{"integrator of another department", civilIntegrator, "HEALTH", "h-张三-330824106001", ""},
		{"unknown", admin, "VETERAN", "nope", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var out struct{ SourceRecord map[string]any }
			mustQuery(t, a.as(tt.as), sourceRecordQuery, &out, client.Var("d", tt.dept), client.Var("s", tt.id))
			if tt.want == "" {
				if out.SourceRecord != nil {
					t.Fatalf("got %v, want null", out.SourceRecord)
				}
				return
			}
			var want map[string]any
			if err := json.Unmarshal([]byte(tt.want), &want); err != nil {
				t.Fatal(err)
			}
			want["personId"] = fmt.Sprint(p)
			for k, v := range want {
				if got, _ := json.Marshal(out.SourceRecord[k]); string(got) != mustJSON(v) {
					t.Errorf("%s = %s, want %s", k, got, mustJSON(v))
				}
			}
		})
	}
}

func TestSourceRecordJobsRefused(t *testing.T) {
	t.Parallel()
	c := newAPI(t, dbtest.New(t)).as(admin)
	errs := query(t, c, `{ sourceRecord(department: JOBS, sourceId: "x") { id } }`, nil)
	if len(errs) != 1 || errs[0].Extensions["field"] != "department" {
		t.Fatalf("errors = %+v, want one naming department", errs)
	}
}

func mustJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}
