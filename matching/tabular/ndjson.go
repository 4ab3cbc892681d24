package tabular

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
)

func readNDJSONFile(path string) (*Table, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return readNDJSON(f, path)
}

// readNDJSON reads one flat JSON object a line; the columns are the keys
// in the order first seen. Numbers keep their text, booleans become true
// or false, null is empty. A line that is not a flat object is rejected
// and reading goes on; blank lines are skipped.
func readNDJSON(r io.Reader, name string) (*Table, error) {
	t := &Table{Name: name}
	index := map[string]int{}
	br := bufio.NewReaderSize(r, 1<<16)
	for line := 1; ; line++ {
		text, err := br.ReadBytes('\n')
		if len(bytes.TrimSpace(text)) > 0 {
			row, perr := flatObject(text, index, &t.Columns)
			if perr != nil {
				t.Rejected = append(t.Rejected, RowError{File: name, Line: line, Err: perr})
			} else {
				t.Rows = append(t.Rows, row)
				t.Lines = append(t.Lines, line)
			}
		}
		if errors.Is(err, io.EOF) {
			return t, nil
		}
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %w", name, line, err)
		}
	}
}

// flatObject decodes one line into values by column, adding columns for
// keys not seen before. It reads tokens, not a map, to keep the keys in
// their order in the file.
func flatObject(text []byte, index map[string]int, columns *[]string) ([]string, error) {
	d := json.NewDecoder(bytes.NewReader(text))
	d.UseNumber()
	if tok, err := d.Token(); err != nil || tok != json.Delim('{') {
		return nil, errors.New("not a JSON object")
	}
	row := make([]string, len(*columns))
	for d.More() {
		key, err := d.Token()
		if err != nil {
			return nil, fmt.Errorf("malformed JSON: %w", err)
		}
		var v any
		if err := d.Decode(&v); err != nil {
			return nil, fmt.Errorf("malformed JSON: %w", err)
		}
		s, err := flatValue(v)
		if err != nil {
			return nil, fmt.Errorf("key %q: %w", key, err)
		}
		c, ok := index[key.(string)]
		if !ok {
			c = len(*columns)
			index[key.(string)] = c
			*columns = append(*columns, key.(string))
		}
		for len(row) <= c {
			row = append(row, "")
		}
		row[c] = s
	}
	if _, err := d.Token(); err != nil { // the closing brace
		return nil, fmt.Errorf("malformed JSON: %w", err)
	}
	if _, err := d.Token(); !errors.Is(err, io.EOF) {
		return nil, errors.New("more than one JSON value on the line")
	}
	return row, nil
}

func flatValue(v any) (string, error) {
	switch v := v.(type) {
	case nil:
		return "", nil
	case string:
		return v, nil
	case json.Number:
		return v.String(), nil
	case bool:
		if v {
			return "true", nil
		}
		return "false", nil
	}
	return "", errors.New("nested object or array: want a flat object")
}
