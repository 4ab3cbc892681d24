package feed

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"sort"
	"strings"
	"unicode/utf8"

	jsonv2 "github.com/go-json-experiment/json"
	jsonv1 "github.com/go-json-experiment/json/v1"
)

// v1Semantics makes the v2 decoder accept exactly what encoding/json does
// (case-insensitive keys, duplicate keys, …), so both agree on valid lines;
// the v2 implementation decodes them about twice as fast.
var v1Semantics = jsonv1.DefaultOptionsV1()

// exactKeys decodes a line that uses every key exactly as the feed spells
// it, at most once, and no other key: what nearly every line does. Matching
// names case-insensitively made decoding a third slower, so those lines skip
// it; any other line fails here and is decoded with v1Semantics, which
// gives the same value whenever both accept a line.
var exactKeys = jsonv2.RejectUnknownMembers(true)

// DecodeRecord decodes and validates one NDJSON line of a department's
// feed. The line is copied into Record.Raw, so the caller may reuse it.
// A line that is not a UTF-8 JSON object yields the single error
// {Path: "", Code: INVALID_JSON}; a key holding the wrong JSON type yields
// INVALID_TYPE at that key (e.g. "temporaryAssistance[1].amount") and the
// other keys are still validated. An unknown department yields the single
// error {Path: "", Code: INVALID_ENUM} naming it.
func DecodeRecord(dept Department, line []byte) Result {
	return DecodeRecordOwned(dept, bytes.Clone(line))
}

// DecodeRecordOwned is DecodeRecord for a line the caller hands over: it
// becomes Record.Raw without a copy, so the caller must not change it.
func DecodeRecordOwned(dept Department, raw []byte) Result {
	switch dept {
	case DepartmentVeteran:
		return decodePerson(dept, raw, veteranFields, ValidateVeteran)
	case DepartmentCivil:
		return decodePerson(dept, raw, civilFields, ValidateCivil)
	case DepartmentHealth:
		return decodePerson(dept, raw, healthFields, ValidateHealth)
	}
	err := FieldError{Code: CodeInvalidEnum, Message: fmt.Sprintf("unknown department %q", dept)}
	return Result{Record: Record{Department: dept, Raw: raw}, Errors: []FieldError{err}}
}

// DecodeJob decodes and validates one NDJSON line of the jobs feed, with
// the same error conventions as DecodeRecord.
func DecodeJob(line []byte) JobResult {
	raw := bytes.Clone(line)
	in, typeErrs, fatal := decodeInput[JobInput](raw, nil)
	if fatal != nil {
		return JobResult{Job: Job{Raw: raw}, Errors: []FieldError{*fatal}}
	}
	res := ValidateJob(in, raw)
	res.Errors = withTypeErrors(typeErrs, res.Errors)
	res.Warnings = dropUnder(typeErrs, res.Warnings)
	return res
}

func decodePerson[T any](dept Department, raw []byte, fields []fastField[T], validate func(T, json.RawMessage) Result) Result {
	in, typeErrs, fatal := decodeInput(raw, fields)
	if fatal != nil {
		return Result{Record: Record{Department: dept, Raw: raw}, Errors: []FieldError{*fatal}}
	}
	res := validate(in, raw)
	res.Errors = withTypeErrors(typeErrs, res.Errors)
	res.Warnings = dropUnder(typeErrs, res.Warnings)
	return res
}

// decodeInput unmarshals a line into T in one pass: with fastDecode and
// the key table fields if it handles the line (fields is nil for jobs),
// else with jsonv2. Only when that pass reports a type error
// (encoding/json names just the first, without list indexes) does it probe
// each key alone to name them all.
func decodeInput[T any](line []byte, fields []fastField[T]) (in T, typeErrs []FieldError, fatal *FieldError) {
	if !utf8.Valid(line) {
		return in, nil, &FieldError{Code: CodeInvalidJSON, Message: "the line is not valid UTF-8"}
	}
	if t := bytes.TrimLeft(line, " \t\r\n"); len(t) == 0 || t[0] != '{' {
		return in, nil, &FieldError{Code: CodeInvalidJSON, Message: "the line is not a JSON object"}
	}
	// fastDecode gives the value jsonv2 with exactKeys would, or declines.
	if fields != nil {
		if fast, ok := fastDecode(line, fields); ok {
			return fast, nil, nil
		}
	}
	return unmarshalInput[T](line)
}

// unmarshalInput is decodeInput for a line fastDecode declined. It is a
// function of its own so that decodeInput's result does not escape to the
// heap through &in on the fast path.
func unmarshalInput[T any](line []byte) (in T, typeErrs []FieldError, fatal *FieldError) {
	// The fast decoders settle the common, valid line; any error is decoded
	// again by encoding/json, whose errors the reports below are built on.
	if jsonv2.Unmarshal(line, &in, exactKeys) == nil {
		return in, nil, nil
	}
	in = *new(T)
	if jsonv2.Unmarshal(line, &in, v1Semantics) == nil {
		return in, nil, nil
	}
	in = *new(T)
	err := json.Unmarshal(line, &in)
	var te *json.UnmarshalTypeError
	switch {
	case err == nil:
		return in, nil, nil
	case errors.As(err, &te):
		if located := locateTypeErrors[T](line); len(located) > 0 {
			return in, located, nil
		}
		// Not expected; still never accept a record with a skipped key.
		path := te.Field[strings.LastIndexByte(te.Field, '.')+1:]
		return in, []FieldError{typeError(path, te)}, nil
	}
	return in, nil, &FieldError{Code: CodeInvalidJSON, Message: "the line is not valid JSON: " + err.Error()}
}

// locateTypeErrors decodes each top-level key on its own into a fresh T,
// and each element of a list key, to report every wrong type with its path.
func locateTypeErrors[T any](line []byte) []FieldError {
	var obj map[string]json.RawMessage
	if json.Unmarshal(line, &obj) != nil {
		return nil
	}
	var out []FieldError
	for key, val := range obj {
		te := probe[T](key, val)
		if te == nil {
			continue
		}
		if elems := probeElements[T](key, val); len(elems) > 0 {
			out = append(out, elems...)
			continue
		}
		out = append(out, typeError(key, te))
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out
}

// probeElements reports the elements of a list value that have a wrong
// type, each at key[i] plus the nested key if any.
func probeElements[T any](key string, val json.RawMessage) []FieldError {
	var elems []json.RawMessage
	if json.Unmarshal(val, &elems) != nil {
		return nil // not a list: the key itself is wrong
	}
	var out []FieldError
	for i, e := range elems {
		te := probe[T](key, json.RawMessage("["+string(e)+"]"))
		if te == nil {
			continue
		}
		path := item(key, i)
		if last := te.Field[strings.LastIndexByte(te.Field, '.')+1:]; !strings.EqualFold(last, key) {
			path += "." + last
		}
		out = append(out, typeError(path, te))
	}
	return out
}

// probe decodes {key: val} into a fresh T and returns its type error.
func probe[T any](key string, val json.RawMessage) *json.UnmarshalTypeError {
	k, _ := json.Marshal(key)
	obj := make([]byte, 0, len(k)+len(val)+3)
	obj = append(append(append(append(append(obj, '{'), k...), ':'), val...), '}')
	var t T
	var te *json.UnmarshalTypeError
	if errors.As(json.Unmarshal(obj, &t), &te) {
		return te
	}
	return nil
}

func typeError(path string, te *json.UnmarshalTypeError) FieldError {
	return FieldError{Path: path, Code: CodeInvalidType,
		Message: fmt.Sprintf("%s holds a JSON %s, want %s", path, te.Value, jsonKind(te.Type))}
}

// jsonKind names the JSON type a Go type decodes from.
func jsonKind(t reflect.Type) string {
	switch t.Kind() {
	case reflect.String:
		return "string"
	case reflect.Bool:
		return "true or false"
	case reflect.Int, reflect.Int64, reflect.Int32:
		return "integer"
	case reflect.Float64, reflect.Float32:
		return "number"
	case reflect.Slice:
		return "list"
	case reflect.Struct, reflect.Map:
		return "object"
	}
	return t.String()
}

// withTypeErrors puts the type errors first and drops the findings the
// validation made about the same keys (a wrongly typed required key would
// otherwise also be reported as REQUIRED).
func withTypeErrors(typeErrs, findings []FieldError) []FieldError {
	if len(typeErrs) == 0 {
		return findings
	}
	return append(append([]FieldError(nil), typeErrs...), dropUnder(typeErrs, findings)...)
}

// dropUnder removes the findings about a wrongly typed value: the same
// path, or the list holding a wrongly typed element.
func dropUnder(typeErrs, findings []FieldError) []FieldError {
	if len(typeErrs) == 0 {
		return findings
	}
	var out []FieldError
	for _, f := range findings {
		if !covered(typeErrs, f.Path) {
			out = append(out, f)
		}
	}
	return out
}

// covered compares paths ignoring case: encoding/json matches keys so.
func covered(typeErrs []FieldError, path string) bool {
	for _, e := range typeErrs {
		if strings.EqualFold(e.Path, path) || strings.EqualFold(rootKey(e.Path), path) {
			return true
		}
	}
	return false
}

// rootKey is the top-level key of a path: "a[2].b" → "a".
func rootKey(path string) string {
	if i := strings.IndexAny(path, "[."); i >= 0 {
		return path[:i]
	}
	return path
}
