package tabular

import (
	"strings"
	"testing"
)

const minimalConfig = `
id: id
fields:
  - {column: name, comparator: jaro_winkler}
blocking:
  - [name]
`

func TestParseConfigFillsDefaults(t *testing.T) {
	c, err := ParseConfig([]byte(minimalConfig))
	if err != nil {
		t.Fatal(err)
	}
	f := c.Fields[0]
	if f.Name != "name" || len(f.Thresholds) != 2 || c.Thresholds.Match != 0.99 || c.Thresholds.Review != 0.5 ||
		c.MaxBlock != 200 || c.Blocking[0].Keys[0] != (KeyConfig{Column: "name", Transform: "exact"}) {
		t.Fatalf("defaults not filled: %+v", c)
	}
}

func TestParseConfigAcceptsBothRuleForms(t *testing.T) {
	c, err := ParseConfig([]byte(`
id: id
fields: [{column: name, comparator: exact}]
blocking:
  - [name, {column: dob, transform: prefix, chars: 4}]
  - name: by-sound
    keys: [{column: name, right_column: nm, transform: soundex}]
`))
	if err != nil {
		t.Fatal(err)
	}
	b := c.Blocking
	if len(b) != 2 || b[0].Keys[1] != (KeyConfig{Column: "dob", Transform: "prefix", Chars: 4}) ||
		b[1].Name != "by-sound" || b[1].Keys[0].rightColumn() != "nm" {
		t.Fatalf("rules %+v", b)
	}
}

// Each mistake is reported with the path of the offending setting.
func TestConfigErrorsNameTheField(t *testing.T) {
	cases := []struct{ yaml, want string }{
		{`fields: [{column: a, comparator: exact}]
blocking: [[a]]`, `id: required`},
		{`id: id
fields:
  - {column: a, comparator: exact}
  - {column: b, comparator: exact}
  - {column: c, comparator: jaro}
blocking: [[a]]`, `fields[2].comparator: unknown "jaro"`},
		{`id: id
fields: [{column: a, comparator: exact, thresholds: [0.9]}]
blocking: [[a]]`, `fields[0].thresholds: only for jaro_winkler`},
		{`id: id
fields: [{column: a, comparator: jaro_winkler, thresholds: [0.8, 0.9]}]
blocking: [[a]]`, `fields[0].thresholds: [0.8 0.9]: want values in (0, 1], strictly descending`},
		{`id: id
fields: [{column: a, comparator: numeric}]
blocking: [[a]]`, `fields[0]: numeric needs exactly one of abs`},
		{`id: id
fields: [{column: a, comparator: date, formats: ["dd/mm/yyyy"]}]
blocking: [[a]]`, `fields[0].formats[0]: "dd/mm/yyyy" is not a Go date layout`},
		{`id: id
fields: [{column: a, comparator: numeric, abs: [1], tf: true}]
blocking: [[a]]`, `fields[0].tf: only for`},
		{`id: id
fields: [{column: a, comparator: exact}, {name: a, column: b, comparator: exact}]
blocking: [[a]]`, `fields[1].name: "a" already names fields[0]`},
		{`id: id
fields: [{column: a, comparator: exact}]`, `blocking: required`},
		{`id: id
fields: [{column: a, comparator: exact}]
blocking: [[a, {column: b, transform: metaphone}]]`, `blocking[0].keys[1].transform: unknown "metaphone"`},
		{`id: id
fields: [{column: a, comparator: exact}]
blocking: [[{column: b, transform: prefix}]]`, `blocking[0].keys[0].chars: prefix needs chars ≥ 1`},
		{`id: id
fields: [{column: a, comparator: exact}]
blocking: [[a]]
thresholds: {match: 0.8, review: 0.9}`, `thresholds.review: 0.9: want a probability in (0, match]`},
		{`id: id
fields: [{column: a, comparator: exact, colour: red}]
blocking: [[a]]`, `unknown field "colour"`},
	}
	for _, tc := range cases {
		_, err := ParseConfig([]byte(tc.yaml))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("config\n%s\nerror %v, want %q", tc.yaml, err, tc.want)
		}
	}
}

func TestMissingColumnsNamedWithTheirPath(t *testing.T) {
	c, err := ParseConfig([]byte(`
id: id
fields:
  - {column: name, comparator: exact}
  - {column: dob, right_column: birth, comparator: date}
blocking: [[name]]
`))
	if err != nil {
		t.Fatal(err)
	}
	left := &Table{Name: "a.csv", Columns: []string{"id", "name", "dob"}}
	right := &Table{Name: "b.csv", Columns: []string{"id", "name", "dob"}}
	_, err = Link(c, left, right)
	if err == nil || !strings.Contains(err.Error(), `fields[1].right_column: no column "birth" in b.csv`) {
		t.Fatalf("error %v", err)
	}
}
