package db

import (
	"reflect"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgtype"
)

// scanKept scans the current row of rows into dest like rows.Scan (a nil
// dest skips its column), but with scan plans kept on the connection under
// key. pgx plans how to decode each column into its destination once per
// query; for the hub's hottest read (a person with its records, some thirty
// columns) that planning cost more allocations than the decoding. A plan
// depends only on the column's type and format and on the destination's
// type, all checked on every row, and the connection's data is only used by
// whoever holds the connection, so no lock is needed.
func scanKept(rows pgx.Rows, key string, dest []any) error {
	conn := rows.Conn()
	if conn == nil {
		return rows.Scan(dest...)
	}
	fields := rows.FieldDescriptions()
	values := rows.RawValues()
	if len(fields) != len(dest) || len(values) != len(dest) {
		return rows.Scan(dest...) // pgx reports the mismatch
	}
	data := conn.PgConn().CustomData()
	kept, _ := data[key].(*scanPlans)
	if kept == nil || len(kept.plans) != len(dest) {
		kept = &scanPlans{plans: make([]keptPlan, len(dest))}
		data[key] = kept
	}
	for i, d := range dest {
		if d == nil {
			continue
		}
		plan := kept.plan(conn.TypeMap(), i, &fields[i], d)
		if err := plan.Scan(values[i], d); err != nil {
			return pgx.ScanArgError{ColumnIndex: i, FieldName: fields[i].Name, Err: err}
		}
	}
	return nil
}

// scanPlans are the kept plans of one query shape, by column.
type scanPlans struct{ plans []keptPlan }

type keptPlan struct {
	oid    uint32
	format int16
	dest   reflect.Type
	plan   pgtype.ScanPlan
}

// plan returns the plan for column i into d, made anew when the column's
// type or format or the destination's type is not what it was made for.
func (s *scanPlans) plan(m *pgtype.Map, i int, field *pgconn.FieldDescription, d any) pgtype.ScanPlan {
	p := &s.plans[i]
	t := reflect.TypeOf(d)
	if p.plan == nil || p.oid != field.DataTypeOID || p.format != field.Format || p.dest != t {
		*p = keptPlan{oid: field.DataTypeOID, format: field.Format, dest: t,
			plan: m.PlanScan(field.DataTypeOID, field.Format, d)}
	}
	return p.plan
}
