package resolvers_test

import (
	"context"
	"testing"

	"github.com/vethub/vethub/db"
)

// Department attrs as ingest stores them: feed keys, normalised values.
const (
	veteranAttrs = `{"serviceBranch":"陆军","enlistDate":"2008-12-01","dischargeDate":"2013-12-01",
		"dischargeMode":"SELF_EMPLOYMENT","merits":["THIRD_CLASS"],"disabilityGrade":4,
		"disabilityCause":"DUTY","entitledGroups":["DISABLED_SERVICEMAN"],"skills":["电工证"],
		"education":"SENIOR_HIGH","monthlyBenefit":1234.5}`
	civilAttrs = `{"householdId":"H-1","householdSize":3,"perCapitaMonthlyIncome":650,
		"dibaoStatus":"RECEIVING","livingAlone":true,
		"temporaryAssistance":[{"date":"2024-02-01","amount":800,"reason":"医疗"}]}`
	healthAttrs = `{"chronicConditions":["I10"],"seriousIllnesses":["C34"],"functionalDisability":"SEVERE",
		"costYear":2024,"medicalCostTotal":52000,"outOfPocket":23000.55,"hospitalStays":2}`
)

// fixtures inserts rows straight into the tables, so the read side is
// tested without ingest.
type fixtures struct {
	t     *testing.T
	store *db.Store
}

func (f fixtures) id(sql string, args ...any) int64 {
	f.t.Helper()
	var id int64
	if err := f.store.Pool.QueryRow(context.Background(), sql, args...).Scan(&id); err != nil {
		f.t.Fatalf("fixture: %v", err)
	}
	return id
}

// person inserts an unmerged person without records.
func (f fixtures) person(name, region string) int64 {
	f.t.Helper()
	return f.id(`INSERT INTO persons (name, region_code, sex, birth_date) VALUES ($1, $2, 'M', '1990-05-01') RETURNING id`, name, region)
}

// merge points from at into.
func (f fixtures) merge(from, into int64) {
	f.t.Helper()
	f.id(`UPDATE persons SET merged_into = $2 WHERE id = $1 RETURNING id`, from, into)
}

// record inserts a record of dept linked to personID (0: unlinked) and
// adds dept to the person's departments.
func (f fixtures) record(dept, sourceID string, personID int64, region, attrs string) int64 {
	f.t.Helper()
	var pid *int64
	if personID != 0 {
		pid = &personID
		f.id(`UPDATE persons SET departments = CASE WHEN $2::text = ANY(departments)
			THEN departments ELSE array_append(departments, $2::text) END WHERE id = $1 RETURNING id`, personID, dept)
	}
	return f.id(`INSERT INTO source_records (department, source_id, source_version, as_of, name,
			id_number, id_valid, sex, phone, region_code, attrs, raw, content_hash, person_id, link_method)
		VALUES ($1, $2, 1, '2024-05-01', '张三', '330824199005011234', true, 'M', '13800000000', $3, $4,
			'{}', '\x00', $5, CASE WHEN $5::bigint IS NULL THEN NULL ELSE 'EXACT_ID' END) RETURNING id`,
		dept, sourceID, region, attrs, pid)
}

// full inserts a person with a record of each department.
func (f fixtures) full(name, region string) int64 {
	f.t.Helper()
	p := f.person(name, region)
	suffix := name + "-" + region
	f.record("VETERAN", "v-"+suffix, p, region, veteranAttrs)
	f.record("CIVIL", "c-"+suffix, p, region, civilAttrs)
	f.record("HEALTH", "h-"+suffix, p, region, healthAttrs)
	return p
}

// change inserts a change in its own transaction on the pool.
func (f fixtures) change(kind, dept, sourceID string, recordID int64) int64 {
	f.t.Helper()
	return f.id(`INSERT INTO changes (kind, op, department, source_id, record_id)
		VALUES ($1, 'CREATED', $2, $3, $4) RETURNING id`, kind, dept, sourceID, recordID)
}
