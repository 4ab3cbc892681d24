package resolvers_test

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/client"

	"github.com/vethub/vethub/auth"
	"github.com/vethub/vethub/db"
	"github.com/vethub/vethub/db/dbtest"
	"github.com/vethub/vethub/graph"
	"github.com/vethub/vethub/resolvers"
)

// piiQuery reads every field the schema marks @pii, through one person.
// TestPIIQueryCoversSchema keeps it complete.
const piiQuery = `query($id: ID!) %s { person(id: $id) {
	idNumber birthDate
	veteran { idNumber birthDate phone address monthlyBenefit }
	civil { idNumber birthDate phone address perCapitaMonthlyIncome dibaoMonthlyAmount temporaryAssistance { amount } }
	health { idNumber birthDate phone address chronicConditions seriousIllnesses functionalDisability dementia
	         medicalCostTotal insurancePaid outOfPocket }
}
cases(first: 1) { edges { node { actions { amount } flags { explanationZh explanationEn evidence { value } } } } } }`

// piiValues are the stored values of piiQuery's fields, as "Type.field".
var piiValues = map[string]string{
	"Person.idNumber": `"330824199005011234"`, "Person.birthDate": `"1990-05-01"`,
	"VeteranRecord.idNumber": `"330824199005011234"`, "VeteranRecord.birthDate": `"1990-05-01"`,
	"VeteranRecord.phone": `"13812345678"`, "VeteranRecord.address": `"浙江省衢州市开化县桐村镇1号"`,
	"VeteranRecord.monthlyBenefit": `1234.5`,
	"CivilRecord.idNumber":         `"330824199005011234"`, "CivilRecord.birthDate": `"1990-05-01"`,
	"CivilRecord.phone": `"13812345678"`, "CivilRecord.address": `"浙江省衢州市开化县桐村镇1号"`,
	"CivilRecord.perCapitaMonthlyIncome": `650`, "CivilRecord.dibaoMonthlyAmount": `480`,
	"TemporaryAssistance.amount": `800`,
	"HealthRecord.idNumber":      `"330824199005011234"`, "HealthRecord.birthDate": `"1990-05-01"`,
	"HealthRecord.phone": `"13812345678"`, "HealthRecord.address": `"浙江省衢州市开化县桐村镇1号"`,
	"HealthRecord.chronicConditions": `["I10"]`, "HealthRecord.seriousIllnesses": `["C34"]`,
	"HealthRecord.functionalDisability": `"SEVERE"`, "HealthRecord.dementia": `true`,
	"HealthRecord.medicalCostTotal": `52000`, "HealthRecord.insurancePaid": `28999.45`, "HealthRecord.outOfPocket": `23000.55`,
	"CaseAction.amount":          `800.5`,
	"HardshipFlag.explanationZh": `"人均收入650元低于低保标准"`, "HardshipFlag.explanationEn": `"income 650 below the dibao line"`,
	"Evidence.value": `"650"`,
}

// maskedValues are what a read without purpose returns instead.
var maskedValues = map[string]string{
	"idNumber": `"330824********1234"`, "phone": `"138****5678"`, "address": `"浙江省衢州市****"`,
}

func TestPIIQueryCoversSchema(t *testing.T) {
	schema := graph.NewExecutableSchema(resolvers.New(resolvers.Deps{}).Config()).Schema()
	var marked []string
	for _, def := range schema.Types {
		for _, f := range def.Fields {
			if f.Directives.ForName("pii") != nil && def.Kind != "INTERFACE" {
				marked = append(marked, def.Name+"."+f.Name)
			}
		}
	}
	for _, m := range marked {
		if _, ok := piiValues[m]; !ok {
			t.Errorf("%s is marked @pii but piiQuery does not check it", m)
		}
	}
	if len(marked) != len(piiValues) {
		t.Errorf("schema marks %d fields @pii, the test checks %d", len(marked), len(piiValues))
	}
}

func TestEveryRootFieldDeclaresRoles(t *testing.T) {
	schema := graph.NewExecutableSchema(resolvers.New(resolvers.Deps{}).Config()).Schema()
	for _, root := range []string{"Query", "Mutation"} {
		for _, f := range schema.Types[root].Fields {
			if !strings.HasPrefix(f.Name, "__") && f.Directives.ForName("allow") == nil {
				t.Errorf("%s.%s has no @allow: every role could call it", root, f.Name)
			}
		}
	}
}

// piiPerson stores a person with a record of each department holding a
// value in every PII field.
func piiPerson(t *testing.T, f fixtures) int64 {
	p := f.id(`INSERT INTO persons (name, region_code, sex, birth_date, id_number, departments)
		VALUES ('张三', '330824106001', 'M', '1990-05-01', '330824199005011234', '{VETERAN,CIVIL,HEALTH}') RETURNING id`)
	attrs := map[string]string{
		"VETERAN": veteranAttrs,
		"CIVIL":   strings.Replace(civilAttrs, `"dibaoStatus"`, `"dibaoMonthlyAmount":480,"dibaoStatus"`, 1),
		"HEALTH":  strings.Replace(healthAttrs, `"hospitalStays"`, `"insurancePaid":28999.45,"dementia":true,"hospitalStays"`, 1),
	}
	for dept, a := range attrs {
		f.id(`INSERT INTO source_records (department, source_id, source_version, as_of, name, id_number, id_valid,
				sex, birth_date, phone, address, region_code, attrs, raw, content_hash, person_id, link_method)
			VALUES ($1, $2, 1, '2024-05-01', '张三', '330824199005011234', true, 'M', '1990-05-01', '13812345678',
				'浙江省衢州市开化县桐村镇1号', '330824106001', $3, '{}', '\x00', $4, 'EXACT_ID') RETURNING id`,
			dept, "pii-"+dept, a, p)
	}
	c := f.id(`INSERT INTO cases (person_id, priority, category, region_code) VALUES ($1, 'HIGH', 'INCOME', '330824106001') RETURNING id`, p)
	f.id(`INSERT INTO case_actions (case_id, kind, amount, created_by) VALUES ($1, 'TEMPORARY_ASSISTANCE', 800.5, 'x') RETURNING id`, c)
	f.id(`INSERT INTO hardship_flags (person_id, rule, rule_set_version, category, priority, score, evidence,
			explanation_zh, explanation_en, fingerprint)
		VALUES ($1, 'UNCOVERED_LOW_INCOME', '1', 'INCOME', 'HIGH', 80,
			'[{"department":"CIVIL","sourceId":"pii-CIVIL","field":"perCapitaMonthlyIncome","value":"650","threshold":"< 1100"}]',
			'人均收入650元低于低保标准', 'income 650 below the dibao line', 'f') RETURNING person_id`, p)
	return p
}

// piiFields flattens piiQuery's answer to "Type.field" → JSON value.
func piiFields(t *testing.T, data map[string]json.RawMessage) map[string]string {
	var p map[string]json.RawMessage
	json.Unmarshal(data["person"], &p)
	out := map[string]string{"Person.idNumber": string(p["idNumber"]), "Person.birthDate": string(p["birthDate"])}
	var cases struct {
		Edges []struct {
			Node struct {
				Actions []map[string]json.RawMessage
				Flags   []struct {
					ExplanationZh, ExplanationEn json.RawMessage
					Evidence                     []map[string]json.RawMessage
				}
			}
		}
	}
	if err := json.Unmarshal(data["cases"], &cases); err != nil || len(cases.Edges) != 1 ||
		len(cases.Edges[0].Node.Actions) != 1 || len(cases.Edges[0].Node.Flags) != 1 {
		t.Fatalf("cases %s: %v", data["cases"], err)
	}
	node := cases.Edges[0].Node
	out["CaseAction.amount"] = string(node.Actions[0]["amount"])
	out["HardshipFlag.explanationZh"], out["HardshipFlag.explanationEn"] = string(node.Flags[0].ExplanationZh), string(node.Flags[0].ExplanationEn)
	out["Evidence.value"] = string(node.Flags[0].Evidence[0]["value"])
	for field, typ := range map[string]string{"veteran": "VeteranRecord", "civil": "CivilRecord", "health": "HealthRecord"} {
		var r map[string]json.RawMessage
		if err := json.Unmarshal(p[field], &r); err != nil {
			t.Fatalf("%s: %v", field, err)
		}
		for k, v := range r {
			if k == "temporaryAssistance" {
				var ta []map[string]json.RawMessage
				json.Unmarshal(v, &ta)
				out["TemporaryAssistance.amount"] = string(ta[0]["amount"])
				continue
			}
			out[typ+"."+k] = string(v)
		}
	}
	return out
}

func TestPIIMaskedUnlessPurposeAndAudited(t *testing.T) {
	t.Parallel()
	store := dbtest.New(t)
	p := piiPerson(t, fixtures{t, store})
	a := newAPI(t, store)
	analyst := auth.Principal{TokenID: 9, Name: "analyst-kh", Role: auth.RoleAnalyst, Regions: []string{"330824"}}
	read := func(purpose string) map[string]string {
		var data map[string]json.RawMessage
		mustQuery(t, a.as(analyst), fmt.Sprintf(piiQuery, purpose), &data, client.Var("id", fmt.Sprint(p)))
		return piiFields(t, data)
	}
	auditRows := func() (n int, fields []string, purpose string) {
		rows, err := store.Pool.Query(context.Background(), `SELECT fields, purpose FROM audit_log WHERE person_id = $1`, p)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		for rows.Next() {
			var f []string
			rows.Scan(&f, &purpose)
			fields = append(fields, f...)
			n++
		}
		return n, fields, purpose
	}

	for field, got := range read("") {
		want := maskedValues[field[strings.Index(field, ".")+1:]]
		if want == "" {
			want = "null"
		}
		if got != want {
			t.Errorf("without purpose %s = %s, want %s", field, got, want)
		}
	}
	if n, _, _ := auditRows(); n != 0 {
		t.Errorf("masked read wrote %d audit rows", n)
	}

	for field, got := range read(`@purpose(reason: "case 42")`) {
		if got != piiValues[field] {
			t.Errorf("with purpose %s = %s, want %s", field, got, piiValues[field])
		}
	}
	n, fields, purpose := auditRows()
	slices.Sort(fields)
	want := make([]string, 0, len(piiValues))
	for f := range piiValues {
		want = append(want, f)
	}
	slices.Sort(want)
	if n != 1 || purpose != "case 42" || !slices.Equal(fields, want) {
		t.Errorf("audit: %d rows, purpose %q, fields %v; want 1 row for case 42 with %v", n, purpose, fields, want)
	}
}

func TestPurposeTooLongRefused(t *testing.T) {
	t.Parallel()
	a := newAPI(t, dbtest.New(t))
	errs := query(t, a.as(admin), fmt.Sprintf(`query @purpose(reason: %q) { viewer { role } }`, strings.Repeat("x", 201)), nil)
	if len(errs) != 1 || !strings.Contains(errs[0].Message, "@purpose.reason") {
		t.Fatalf("errors = %+v, want one naming @purpose.reason", errs)
	}
}

func TestAuditLogQuery(t *testing.T) {
	t.Parallel()
	store := dbtest.New(t)
	p := piiPerson(t, fixtures{t, store})
	a := newAPI(t, store)
	analyst := auth.Principal{TokenID: 9, Name: "analyst-kh", Role: auth.RoleAnalyst, Regions: []string{"330824"}}
	for _, reason := range []string{"case 1", "case 2"} {
		mustQuery(t, a.as(analyst), `query($id: ID!, $why: String!) @purpose(reason: $why) { person(id: $id) { idNumber } }`,
			nil, client.Var("id", fmt.Sprint(p)), client.Var("why", reason))
	}
	const q = `query($p: ID, $after: String) { auditLog(personId: $p, first: 1, after: $after) {
		edges { cursor node { id chain seq actor role action personId fields purpose requestId } } pageInfo { hasNextPage endCursor } } }`
	type page struct {
		AuditLog struct {
			Edges []struct {
				Node struct {
					ID, Seq, Actor, Role, Action, PersonID, Purpose, RequestID string
					Chain                                                      int
					Fields                                                     []string
				}
			}
			PageInfo struct {
				HasNextPage bool
				EndCursor   *string
			}
		}
	}
	var first, second page
	mustQuery(t, a.as(admin), q, &first, client.Var("p", fmt.Sprint(p)))
	e := first.AuditLog.Edges
	chain := int(p % db.AuditChains) // a person's reads are in chain id mod 16
	if len(e) != 1 || e[0].Node.Chain != chain || e[0].Node.Seq != "1" || e[0].Node.Actor != "analyst-kh" || e[0].Node.Action != "READ_PII" ||
		e[0].Node.Purpose != "case 1" || e[0].Node.PersonID != fmt.Sprint(p) || e[0].Node.RequestID != "test-request" ||
		strings.Join(e[0].Node.Fields, ",") != "Person.idNumber" || !first.AuditLog.PageInfo.HasNextPage {
		t.Fatalf("first page = %+v", first.AuditLog)
	}
	mustQuery(t, a.as(admin), q, &second, client.Var("p", fmt.Sprint(p)), client.Var("after", *first.AuditLog.PageInfo.EndCursor))
	firstID, _ := strconv.ParseInt(e[0].Node.ID, 10, 64)
	e = second.AuditLog.Edges
	if len(e) != 1 || e[0].Node.Purpose != "case 2" || e[0].Node.Chain != chain || e[0].Node.Seq != "2" ||
		second.AuditLog.PageInfo.HasNextPage {
		t.Fatalf("second page = %+v", second.AuditLog)
	}
	if id, err := strconv.ParseInt(e[0].Node.ID, 10, 64); err != nil || firstID <= 0 || id <= firstID {
		t.Fatalf("ids %d then %s: want ascending", firstID, e[0].Node.ID)
	}
	errs := query(t, a.as(analyst), `{ auditLog { edges { cursor } } }`, nil)
	if len(errs) == 0 || !strings.HasPrefix(errs[0].Message, "forbidden") {
		t.Fatalf("analyst reading the audit log: errors %+v, want forbidden", errs)
	}
}
