package feed

import (
	"bytes"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	jsonv2 "github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
)

// fastAgrees holds fastDecode to its contract on one line: when it accepts
// the line, jsonv2 with exactKeys accepts it too and decodes the same value;
// when jsonv2 rejects it, fastDecode declines. It also checks that
// decodeInput gives the same result with the fast path as without it. It
// reports whether fastDecode accepted the line.
func fastAgrees[T any](t testing.TB, line []byte, fields []fastField[T]) bool {
	t.Helper()
	var want T
	wantErr := jsonv2.Unmarshal(line, &want, exactKeys)

	withFast, typeErrs, fatal := decodeInput(line, fields)
	without, typeErrs0, fatal0 := decodeInput[T](line, nil)
	if !reflect.DeepEqual(withFast, without) || !reflect.DeepEqual(typeErrs, typeErrs0) || !reflect.DeepEqual(fatal, fatal0) {
		t.Fatalf("decodeInput differs with the fast path on %q:\nfast %+v %v %v\nold  %+v %v %v",
			line, withFast, typeErrs, fatal, without, typeErrs0, fatal0)
	}

	if !utf8.Valid(line) {
		return false // fastDecode's precondition, checked by decodeInput first
	}
	got, ok := fastDecode(line, fields)
	if !ok {
		return false
	}
	if wantErr != nil {
		t.Fatalf("fastDecode accepted what jsonv2 rejects (%v): %q", wantErr, line)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("fastDecode and jsonv2 disagree on %q:\nfast  %s\njsonv2 %s", line, show2(got), show2(want))
	}
	// DeepEqual compares floats with ==, which does not tell -0 from 0.
	if g, w := show2(got), show2(want); g != w {
		t.Fatalf("fastDecode and jsonv2 disagree on %q:\nfast   %s\njsonv2 %s", line, g, w)
	}
	return true
}

// show2 renders a decoded input with every pointer followed and the sign
// of zero kept (jsonv2 writes -0 as -0).
func show2(v any) string {
	b, err := jsonv2.Marshal(v)
	if err != nil {
		return fmt.Sprintf("<%v>", err)
	}
	return string(b)
}

type fastDept struct {
	file  string
	check func(t testing.TB, line []byte) bool
	exact func(line []byte) bool // jsonv2 with exactKeys accepts line
	keys  []string
}

func exactAccepts[T any](line []byte) bool {
	var in T
	return jsonv2.Unmarshal(line, &in, exactKeys) == nil
}

func keysOf[T any](fields []fastField[T]) []string {
	var keys []string
	for _, f := range fields {
		keys = append(keys, f.key)
	}
	return keys
}

var fastDepts = []fastDept{
	{"veteran.ndjson", func(t testing.TB, l []byte) bool { return fastAgrees(t, l, veteranFields) },
		exactAccepts[VeteranInput], keysOf(veteranFields)},
	{"civil.ndjson", func(t testing.TB, l []byte) bool { return fastAgrees(t, l, civilFields) },
		exactAccepts[CivilInput], keysOf(civilFields)},
	{"health.ndjson", func(t testing.TB, l []byte) bool { return fastAgrees(t, l, healthFields) },
		exactAccepts[HealthInput], keysOf(healthFields)},
}

// TestFastFieldsMatchTags checks the key tables against the json tags of
// the input types, embedded PersonInput first, in field order.
func TestFastFieldsMatchTags(t *testing.T) {
	t.Parallel()
	var tags func(reflect.Type) []string
	tags = func(rt reflect.Type) []string {
		var out []string
		for f := range rt.Fields() {
			if f.Anonymous {
				out = append(out, tags(f.Type)...)
				continue
			}
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			out = append(out, name)
		}
		return out
	}
	for _, c := range []struct {
		typ  reflect.Type
		keys []string
	}{
		{reflect.TypeFor[VeteranInput](), keysOf(veteranFields)},
		{reflect.TypeFor[CivilInput](), keysOf(civilFields)},
		{reflect.TypeFor[HealthInput](), keysOf(healthFields)},
		{reflect.TypeFor[TemporaryAssistanceInput](), keysOf(assistanceFields)},
	} {
		if want := tags(c.typ); !slices.Equal(c.keys, want) {
			t.Errorf("%v: table keys %v, want the json tags %v", c.typ, c.keys, want)
		}
		if len(c.keys) > 64 {
			t.Errorf("%v: %d keys do not fit decodeObject's seen mask", c.typ, len(c.keys))
		}
	}
}

// TestFastDecodeFixtures checks every fixture line against every
// department, and that each department's own lines that jsonv2 decodes
// with exactKeys take the fast path.
func TestFastDecodeFixtures(t *testing.T) {
	t.Parallel()
	for _, d := range fastDepts {
		accepted, plain := 0, 0
		for _, file := range []string{"veteran.ndjson", "civil.ndjson", "health.ndjson", "jobs.ndjson"} {
			for _, line := range fixtureLines(t, file) {
				ok := d.check(t, line)
				if file != d.file {
					continue
				}
				var m map[string]any
				if jsonv2.Unmarshal(line, &m) == nil && keysWithin(m, d.keys) {
					plain++
					if !ok {
						t.Errorf("%s: fastDecode declined a plain line: %s", d.file, line)
					}
				}
				if ok {
					accepted++
				}
			}
		}
		if accepted == 0 || accepted != plain {
			t.Errorf("%s: fastDecode accepted %d lines, want all %d plain ones", d.file, accepted, plain)
		}
		t.Logf("%s: fast path took %d lines", d.file, accepted)
	}
}

func keysWithin(m map[string]any, keys []string) bool {
	for k := range m {
		if !slices.Contains(keys, k) {
			return false
		}
	}
	return true
}

// member is one key and its raw value, as a line to edit.
type member struct{ key, val string }

func members(t testing.TB, line []byte) []member {
	t.Helper()
	dec := jsontext.NewDecoder(bytes.NewReader(line))
	if tok, err := dec.ReadToken(); err != nil || tok.Kind() != '{' {
		t.Fatalf("not an object: %s", line)
	}
	var out []member
	for dec.PeekKind() != '}' {
		k, err := dec.ReadToken()
		if err != nil {
			t.Fatal(err)
		}
		key := k.String() // before ReadValue voids k
		v, err := dec.ReadValue()
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, member{key, string(v)})
	}
	return out
}

// join writes members as an object with sep around every token.
func join(ms []member, sep string) []byte {
	var b strings.Builder
	b.WriteString("{" + sep)
	for i, m := range ms {
		if i > 0 {
			b.WriteString(sep + "," + sep)
		}
		fmt.Fprintf(&b, "%q%s:%s%s", m.key, sep, sep, m.val)
	}
	b.WriteString(sep + "}")
	return []byte(b.String())
}

// oddValues are put in place of each key's value: every JSON type, the
// number forms the fast path must decode as jsonv2 does or decline, escapes,
// and invalid JSON.
var oddValues = []string{
	`null`, `true`, `false`, `""`, `"x"`, `" 中文 "`, `"a\"b"`, `"\u0041"`, `"tab\there"`, "\"x\x01y\"", "\"x\x7fy\"",
	`"2024-05-01"`, `"1"`, `"\u2028"`,
	`0`, `-0`, `1`, `-1`, `8`, `1.0`, `1.5`, `-0.0`, `1e2`, `1E+2`, `1e-2`, `0.1e1`, `2000`, `1500.005`,
	`01`, `-01`, `1.`, `.5`, `-`, `+1`, `1e`, `1e+`, `--1`, `0x10`, `NaN`, `Infinity`,
	`2147483648`, `9223372036854775807`, `9223372036854775808`, `-9223372036854775808`, `-9223372036854775809`,
	`1e308`, `1e309`, `-1e400`, `1e-400`, `4.9e-324`, `123456789012345678901234567890`,
	`0.1000000000000000055511151231257827`, `1.7976931348623157e308`, `1.7976931348623159e308`,
	`[]`, `[ ]`, `[null]`, `["a",null,"b"]`, `["a"]`, `[1]`, `[["a"]]`, `[{}]`, `{}`, `[ "a" , "b" ]`,
	`["a",]`, `[,]`, `["a" "b"]`, `["a"`, `[`, `nul`, `tru`, `fals`, `nulll`, `truex`, `True`, `NULL`,
	`["x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x","x"]`,
	`[{"date":"2024-01-01","amount":1,"reason":"x"}]`, `[null,{}]`, `[{"date":null,"amount":null,"reason":null}]`,
	`[{"amount":1,"amount":2}]`, `[{"x":1}]`, `[{"Date":"x"}]`, `[{"amount":"1"}]`, `[{"amount":1e400}]`,
	`[{"reason":"a\nb"}]`, `[{"date":"x",}]`, `[{"date" "x"}]`, `[{}, ]`, `[{"amount":-0}]`,
	`[{"amount":1},{"amount":2},{"amount":3},{"amount":4},{"amount":5},{"amount":6},{"amount":7},{"amount":8},{"amount":9}]`,
	`[{"date":"d","reason":"r"},{"date":"d","reason":"r"},{"date":"d","reason":"r"},{"date":"d","reason":"r"},{"date":"d","reason":"r"},{"date":"d","reason":"r"},{"date":"d","reason":"r"},{"date":"d","reason":"r"}]`,
}

// variants edits a line in the ways feeds might, or fuzzing would.
func variants(t testing.TB, line []byte) [][]byte {
	ms := members(t, line)
	out := [][]byte{line, join(ms, ""), join(ms, " "), join(ms, "\t\r\n "), join(ms, "\v"), join(ms, "\u00a0")}
	out = append(out, []byte(" \t"+string(line)+"\r\n"), append(slices.Clone(line), " x"...),
		append(slices.Clone(line), "{}"...), append(slices.Clone(line), ','), append(slices.Clone(line), 0))
	out = append(out, join(slices.Concat(ms, []member{{"futureKey", "1"}}), ""))
	out = append(out, join(slices.Concat([]member{{"", "1"}}, ms), ""))
	rev := slices.Clone(ms)
	slices.Reverse(rev)
	out = append(out, join(rev, ""))
	for i := range ms {
		dropped := slices.Delete(slices.Clone(ms), i, i+1)
		out = append(out, join(dropped, ""))
		out = append(out, join(slices.Concat(ms, ms[i:i+1]), ""))                     // repeated key
		out = append(out, join(slices.Concat(ms, []member{{ms[i].key, "null"}}), "")) // repeated as null
		upper := slices.Clone(ms)
		upper[i].key = strings.ToUpper(upper[i].key[:1]) + upper[i].key[1:]
		out = append(out, join(upper, ""))
		for _, v := range oddValues {
			edited := slices.Clone(ms)
			edited[i].val = v
			out = append(out, join(edited, ""))
		}
	}
	for n := range line {
		out = append(out, line[:n])                                       // truncated
		out = append(out, slices.Concat(line[:n], line[n+1:]))            // a byte missing
		out = append(out, slices.Concat(line[:n], []byte{'"'}, line[n:])) // a quote more
	}
	return out
}

// TestFastDecodeVariants checks fastDecode on fixture lines edited with
// nulls, odd values, white space, repeated and unknown keys, trailing bytes
// and truncation, with every key of each department's table. Besides
// agreeing with jsonv2, it must take every variant that jsonv2 decodes with
// exactKeys, except those with an escape.
func TestFastDecodeVariants(t *testing.T) {
	t.Parallel()
	for _, d := range fastDepts {
		lines := fixtureLines(t, d.file)
		// A line with every key of the table, so that each is edited.
		var all []member
		for _, k := range d.keys {
			all = append(all, member{k, `null`})
		}
		lines = append(lines, join(all, ""))
		total, accepted, exact := 0, 0, 0
		for _, line := range lines {
			for _, v := range variants(t, line) {
				total++
				ok := d.check(t, v)
				if ok {
					accepted++
				}
				if d.exact(v) {
					exact++
					if !ok && !bytes.ContainsRune(v, '\\') {
						t.Errorf("%s: fastDecode declined %s", d.file, v)
					}
				}
			}
		}
		t.Logf("%s: fastDecode accepted %d of %d variants (jsonv2 exactKeys %d)", d.file, accepted, total, exact)
	}
}

// TestFastDecodeCases pins what fastDecode accepts and declines, next to
// what fastAgrees checks against jsonv2.
func TestFastDecodeCases(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		line   string
		accept bool
	}{
		{`{}`, true},
		{` {"sourceId":null,"name":null,"merits":null,"monthlyBenefit":null} `, true},
		{`{"merits":[],"skills":[null,"a"]}`, true},
		{`{"disabilityGrade":-0,"monthlyBenefit":-0}`, true},
		{`{"monthlyBenefit":1e2,"sourceVersion":9223372036854775807}`, true},
		{`{"disabilityGrade":1e2}`, false},  // jsonv2 rejects it too
		{`{"disabilityGrade":1.0}`, false},  // jsonv2 rejects it too
		{`{"sourceVersion":"1"}`, false},    // a type error: the old path reports it
		{`{"name":1}`, false},               // likewise
		{`{"name":"a\"b"}`, false},          // escapes take the old path
		{`{"name":"a","name":"a"}`, false},  // jsonv2 rejects repeated keys
		{`{"Name":"a"}`, false},             // v1Semantics takes it
		{`{"futureKey":1}`, false},          // v1Semantics takes it
		{`{"monthlyBenefit":1e400}`, false}, // out of range
		{`{"name":"a"} {}`, false},          // two values
		{`{"name":"a"`, false},              // truncated
		{"{\"name\":\"a\x00\"}", false},     // control character
		{`{"merits":["a",]}`, false},        // trailing comma
		{`{"disabilityGrade":01}`, false},   // leading zero
		{`{"sourceVersion":-9223372036854775809}`, false},
	} {
		if got := fastAgrees(t, []byte(c.line), veteranFields); got != c.accept {
			t.Errorf("fastDecode(%s) accepted = %v, want %v", c.line, got, c.accept)
		}
	}
	for _, c := range []struct {
		line   string
		accept bool
	}{
		{`{"temporaryAssistance":[]}`, true},
		{`{"temporaryAssistance":[null,{},{"date":"d","amount":1.5,"reason":"r"}],"nearDibao":false}`, true},
		{`{"temporaryAssistance":[{"amount":1,"amount":1}]}`, false},
		{`{"temporaryAssistance":[{"amount":"1"}]}`, false},
		{`{"extremePoverty":"true"}`, false},
	} {
		if got := fastAgrees(t, []byte(c.line), civilFields); got != c.accept {
			t.Errorf("fastDecode(%s) accepted = %v, want %v", c.line, got, c.accept)
		}
	}
}

func fuzzFastDecode(f *testing.F, check func(testing.TB, []byte) bool) {
	for _, file := range []string{"veteran.ndjson", "civil.ndjson", "health.ndjson", "jobs.ndjson"} {
		for _, line := range fixtureLines(f, file) {
			f.Add(line)
		}
	}
	for _, s := range []string{`{}`, `{"sourceId":null}`, `{"merits":[null],"monthlyBenefit":-0}`,
		`{"temporaryAssistance":[null,{"amount":1e2}]}`, `{"costYear":2023,"dementia":true}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, line []byte) { check(t, line) })
}

func FuzzFastDecodeVeteran(f *testing.F) { fuzzFastDecode(f, fastDepts[0].check) }
func FuzzFastDecodeCivil(f *testing.F)   { fuzzFastDecode(f, fastDepts[1].check) }
func FuzzFastDecodeHealth(f *testing.F)  { fuzzFastDecode(f, fastDepts[2].check) }
