package tabular

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
)

func readCSVFile(path string) (*Table, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return readCSV(f, path)
}

// readCSV reads a CSV file whose first row names the columns. A row with
// the wrong number of values or broken quoting is rejected and reading
// goes on.
func readCSV(r io.Reader, name string) (*Table, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1 // counted here, to reject the row rather than stop
	header, err := cr.Read()
	if err != nil {
		if errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("%s: empty file: want a header row", name)
		}
		return nil, fmt.Errorf("%s: header: %w", name, err)
	}
	t := &Table{Name: name, Columns: header}
	if len(header) > 0 {
		header[0] = strings.TrimPrefix(header[0], "\ufeff") // a byte-order mark some editors write
	}
	for i := range header {
		header[i] = strings.TrimSpace(header[i])
	}
	for {
		row, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return t, nil
		}
		line, _ := cr.FieldPos(0)
		var pe *csv.ParseError
		switch {
		case errors.As(err, &pe):
			t.Rejected = append(t.Rejected, RowError{File: name, Line: pe.StartLine, Err: pe.Err})
		case err != nil:
			return nil, fmt.Errorf("%s: %w", name, err)
		case len(row) != len(header):
			t.Rejected = append(t.Rejected, RowError{File: name, Line: line,
				Err: fmt.Errorf("%d values, header has %d", len(row), len(header))})
		default:
			t.Rows = append(t.Rows, row)
			t.Lines = append(t.Lines, line)
		}
	}
}
