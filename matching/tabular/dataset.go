package tabular

import (
	"github.com/vethub/vethub/matching/parallel"

	"fmt"
	"slices"
	"strings"
)

// dataset is the records of one run, the left (or only) file's first,
// with every field's values prepared once.
type dataset struct {
	link     bool // two files: only pairs across them are compared
	nLeft    int  // records [0, nLeft) are the left file's
	ids      []string
	truth    []string // per record, or nil when the config names no truth column
	fields   []field
	rules    []rule
	rejected []RowError
}

// field is one compared field's prepared values.
type field struct {
	name   string
	cmp    comparator
	values []value
	tf     map[string]float64 // share of records per value; nil without tf
}

// side is one file's accepted rows and where the config's columns are.
type side struct {
	table *Table
	rows  []int // accepted rows of the table
	cols  columns
}

func newDataset(c *Config, left, right *Table) (*dataset, error) {
	d := &dataset{link: right != nil}
	if c.Truth != "" {
		d.truth = []string{} // non-nil: scored even when no record is read
	}
	sides := []*side{{table: left}}
	if right != nil {
		sides = append(sides, &side{table: right})
	}
	for i, s := range sides {
		var err error
		if s.cols, err = resolveColumns(c, s.table, i == 1); err != nil {
			return nil, err
		}
		d.rejected = append(d.rejected, s.table.Rejected...)
		d.addRecords(s)
	}
	d.nLeft = len(sides[0].rows)
	if !d.link {
		d.nLeft = len(d.ids)
	}
	d.prepareFields(c, sides)
	d.rules = prepareRules(c, sides)
	return d, nil
}

// addRecords accepts the rows of a side with a unique, non-empty id.
func (d *dataset) addRecords(s *side) {
	t := s.table
	seen := map[string]int{}
	for i := range t.Rows {
		id := t.value(i, s.cols.id)
		if id == "" {
			d.rejected = append(d.rejected, t.reject(i, fmt.Errorf("empty id column %q", t.Columns[s.cols.id])))
			continue
		}
		if line, dup := seen[id]; dup {
			d.rejected = append(d.rejected, t.reject(i, fmt.Errorf("id %q already on line %d", id, line)))
			continue
		}
		seen[id] = t.Lines[i]
		s.rows = append(s.rows, i)
		d.ids = append(d.ids, id)
		if s.cols.truth >= 0 {
			d.truth = append(d.truth, t.value(i, s.cols.truth))
		}
	}
}

// prepareFields prepares every field's values, and the term frequencies
// of the fields that want them (over both files).
func (d *dataset) prepareFields(c *Config, sides []*side) {
	d.fields = make([]field, len(c.Fields))
	for f := range c.Fields {
		fl := &d.fields[f]
		fl.name, fl.cmp = c.Fields[f].Name, newComparator(&c.Fields[f])
		fl.values = make([]value, 0, len(d.ids))
		for _, s := range sides {
			vals := make([]value, len(s.rows))
			parallel.Chunks(len(s.rows), func(from, to int) {
				for k := from; k < to; k++ {
					vals[k] = fl.cmp.prepare(s.table.value(s.rows[k], s.cols.fields[f]))
				}
			})
			fl.values = append(fl.values, vals...)
		}
		if c.Fields[f].TF {
			fl.tf = frequencies(fl)
		}
	}
}

// frequencies is the share of records holding each value a level of the
// field can adjust for.
func frequencies(fl *field) map[string]float64 {
	counts := map[string]float64{}
	var keys []string
	for i := range fl.values {
		v := &fl.values[i]
		if v.text == "" {
			continue
		}
		keys = keys[:0]
		for l := 1; l < len(fl.cmp.levels); l++ {
			if k := fl.cmp.tfKey(v, uint8(l)); k != "" && !slices.Contains(keys, k) {
				keys = append(keys, k)
				counts[k]++
			}
		}
	}
	for k, n := range counts {
		counts[k] = n / float64(len(fl.values))
	}
	return counts
}

// compare writes the levels of records a and b into v.
func (d *dataset) compare(a, b int32, v []uint8) {
	for f := range d.fields {
		fl := &d.fields[f]
		v[f] = fl.cmp.compare(&fl.values[a], &fl.values[b])
	}
}

// columns are the indexes of the config's columns in one file.
type columns struct {
	id, truth int
	fields    []int
	keys      [][]int // per rule, per key
}

// resolveColumns finds the config's columns in a file; a missing one is
// an error naming the config path.
func resolveColumns(c *Config, t *Table, right bool) (columns, error) {
	var errs []string
	find := func(path, name string) int {
		i := t.column(name)
		if i < 0 {
			errs = append(errs, fmt.Sprintf("%s: no column %q in %s", path, name, t.Name))
		}
		return i
	}
	cols := columns{id: find("id", c.ID), truth: -1}
	if c.Truth != "" {
		cols.truth = find("truth", c.Truth)
	}
	for i := range c.Fields {
		name, path := c.Fields[i].Column, fmt.Sprintf("fields[%d].column", i)
		if right {
			name, path = c.Fields[i].rightColumn(), fmt.Sprintf("fields[%d].right_column", i)
		}
		cols.fields = append(cols.fields, find(path, name))
	}
	for r, rule := range c.Blocking {
		var keys []int
		for k := range rule.Keys {
			name, path := rule.Keys[k].Column, fmt.Sprintf("blocking[%d].keys[%d].column", r, k)
			if right {
				name, path = rule.Keys[k].rightColumn(), fmt.Sprintf("blocking[%d].keys[%d].right_column", r, k)
			}
			keys = append(keys, find(path, name))
		}
		cols.keys = append(cols.keys, keys)
	}
	if len(errs) > 0 {
		return columns{}, fmt.Errorf("%s (columns: %s)", strings.Join(errs, "; "), strings.Join(t.Columns, ", "))
	}
	return cols, nil
}
