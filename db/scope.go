package db

import (
	"strconv"
	"strings"
)

// Scope limits what a read may return. It is applied inside the SQL of
// every read, so a scoped query cannot return an out-of-scope row.
type Scope struct {
	// Regions are region-code prefixes (e.g. "330824"); a row is in scope
	// when its region code starts with one of them. Empty means every region.
	Regions []string
	// Department, when set, limits records, postings and changes to that
	// department (persons to those holding one of its records).
	Department string
	// Aggregate, set for dashboards, lets a read return no individual:
	// persons, records and changes come back empty whatever else asks.
	Aggregate bool
}

// individuals adds the condition that hides every individual row from an
// aggregate-only scope.
func (s Scope) individuals(w *where) {
	if s.Aggregate {
		w.add("false")
	}
}

// regionIn adds the region condition for column col, if the scope has one:
// one text_pattern_ops range per prefix, which unlike LIKE ANY($n) the
// planner can answer from a region index.
func (s Scope) regionIn(w *where, col string) {
	if len(s.Regions) == 0 {
		return
	}
	ranges := make([]string, len(s.Regions))
	for i, prefix := range s.Regions {
		ranges[i] = w.prefixCond(col, prefix)
	}
	w.add("(" + strings.Join(ranges, " OR ") + ")")
}

// departmentIs adds the department condition for column col, if any.
func (s Scope) departmentIs(w *where, col string) {
	if s.Department != "" {
		w.add(col + " = " + w.arg(s.Department))
	}
}

// where collects the conditions and arguments of one query, so optional
// filters are left out of the SQL instead of disabled with "$n IS NULL OR",
// which keeps the planner's index choices the same for generic plans.
type where struct {
	conds []string
	args  []any
}

// arg appends an argument and returns its placeholder.
func (w *where) arg(v any) string {
	w.args = append(w.args, v)
	return "$" + strconv.Itoa(len(w.args))
}

func (w *where) add(cond string) { w.conds = append(w.conds, cond) }

// prefixRange adds "col starts with prefix".
func (w *where) prefixRange(col, prefix string) { w.add(w.prefixCond(col, prefix)) }

// prefixCond returns "col starts with prefix" as a text_pattern_ops range,
// which can use a text_pattern_ops index whatever the prefix (LIKE with a
// parameter cannot in a generic plan, LIKE ANY never).
func (w *where) prefixCond(col, prefix string) string {
	return "(" + col + " ~>=~ " + w.arg(prefix) + " AND " + col + " ~<~ " + w.arg(prefixEnd(prefix)) + ")"
}

// sql returns "WHERE a AND b", or "" when there is no condition.
func (w *where) sql() string {
	if len(w.conds) == 0 {
		return ""
	}
	return "WHERE " + strings.Join(w.conds, " AND ")
}

// prefixEnd returns the smallest string greater than every string starting
// with prefix, in byte order: the last rune incremented (UTF-8 keeps code
// point order), skipping the surrogate range that is not valid UTF-8.
func prefixEnd(prefix string) string {
	r := []rune(prefix)
	for i := len(r) - 1; i >= 0; i-- {
		next := r[i] + 1
		if next >= 0xD800 && next <= 0xDFFF {
			next = 0xE000
		}
		if next <= 0x10FFFF {
			r[i] = next
			return string(r[:i+1])
		}
	}
	return string(rune(0x10FFFF)) + string(rune(0x10FFFF)) // nothing sorts after
}
