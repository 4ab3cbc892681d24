package tabular

import (
	"fmt"
	"path/filepath"
	"strings"
)

// Table is a file's records as text: the columns and, per row, the values
// in column order (a row may be shorter: the rest are empty).
type Table struct {
	Name     string // the file, for messages
	Columns  []string
	Rows     [][]string
	Lines    []int      // each row's line in the file
	Rejected []RowError // malformed lines, skipped
}

// RowError is a line that could not be read, or a record left out.
type RowError struct {
	File string
	Line int
	Err  error
}

func (e RowError) Error() string { return fmt.Sprintf("%s:%d: %v", e.File, e.Line, e.Err) }

// ReadFile reads a CSV (.csv) or NDJSON (.ndjson, .jsonl, .json) file.
// Malformed lines are skipped and listed in Rejected; only a file that
// cannot be read at all is an error.
func ReadFile(path string) (*Table, error) {
	switch ext := strings.ToLower(filepath.Ext(path)); ext {
	case ".csv":
		return readCSVFile(path)
	case ".ndjson", ".jsonl", ".json":
		return readNDJSONFile(path)
	default:
		return nil, fmt.Errorf("%s: unknown file type %q: want .csv, .ndjson or .jsonl", path, ext)
	}
}

// column returns the index of a column, or -1.
func (t *Table) column(name string) int {
	for i, c := range t.Columns {
		if c == name {
			return i
		}
	}
	return -1
}

// value is row i's value in column c, trimmed.
func (t *Table) value(i, c int) string {
	if row := t.Rows[i]; c < len(row) {
		return strings.TrimSpace(row[c])
	}
	return ""
}

// reject leaves row i out, with the reason.
func (t *Table) reject(i int, err error) RowError {
	return RowError{File: t.Name, Line: t.Lines[i], Err: err}
}
