package db

import (
	"bytes"
	"encoding/json"
	"unicode/utf8"

	"github.com/vethub/vethub/feed"
)

// idSentLegacy reports whether r's ID number came in its 15-digit legacy
// form: the raw input's idNumber (that exact key, the last one if repeated)
// is a string of 15 characters. Stored as id_legacy for linkage to read.
// It walks the raw object's top level instead of decoding it: decoding
// every record's raw input again cost a tenth of the importer's CPU.
func idSentLegacy(r feed.Record) bool {
	if r.IDNumber == "" {
		return false
	}
	v, ok := topLevelString(r.Raw, "idNumber")
	return ok && utf8.RuneCountInString(v) == 15
}

// topLevelString returns the string value of the last top-level member of
// the JSON object data named key (exactly, after unescaping); ok is false
// when there is none, its value is not a string, or data is not an object.
func topLevelString(data []byte, key string) (val string, ok bool) {
	i := skipSpace(data, 0)
	if i >= len(data) || data[i] != '{' {
		return "", false
	}
	i = skipSpace(data, i+1)
	if i < len(data) && data[i] == '}' {
		return "", false
	}
	for i < len(data) {
		next, escaped, good := stringEnd(data, i)
		if !good {
			return "", false
		}
		isKey := isName(data[i:next], escaped, key)
		i = skipSpace(data, next)
		if i >= len(data) || data[i] != ':' {
			return "", false
		}
		i = skipSpace(data, i+1)
		end, good := skipValue(data, i)
		if !good {
			return "", false
		}
		if isKey {
			val, ok = stringValue(data[i:end])
		}
		i = skipSpace(data, end)
		if i >= len(data) {
			return "", false
		}
		switch data[i] {
		case '}':
			return val, ok
		case ',':
			i = skipSpace(data, i+1)
		default:
			return "", false
		}
	}
	return "", false
}

// isName reports whether the string token tok spells name; comparing the
// bytes directly spares a string per member.
func isName(tok []byte, escaped bool, name string) bool {
	if !escaped {
		return string(tok[1:len(tok)-1]) == name
	}
	var s string
	return json.Unmarshal(tok, &s) == nil && s == name
}

// stringValue decodes a JSON string token; ok is false for other values.
func stringValue(tok []byte) (string, bool) {
	if len(tok) < 2 || tok[0] != '"' {
		return "", false
	}
	s, _, ok := readString(tok, 0)
	return s, ok
}

func skipSpace(data []byte, i int) int {
	for i < len(data) && (data[i] == ' ' || data[i] == '\t' || data[i] == '\n' || data[i] == '\r') {
		i++
	}
	return i
}

// stringEnd returns the index just past the string token starting at
// data[i] (a quote), and whether it holds escapes. It jumps from quote to
// quote: a quote ends the string unless an odd run of backslashes precedes
// it.
func stringEnd(data []byte, i int) (end int, escaped, ok bool) {
	if i >= len(data) || data[i] != '"' {
		return 0, false, false
	}
	for j := i + 1; ; {
		k := bytes.IndexByte(data[j:], '"')
		if k < 0 {
			return 0, false, false
		}
		q := j + k
		n := 0
		for p := q - 1; p > i && data[p] == '\\'; p-- {
			n++
		}
		if n%2 == 0 {
			return q + 1, bytes.IndexByte(data[i+1:q], '\\') >= 0, true
		}
		j = q + 1
	}
}

// readString decodes the string token at data[i]; escapes (rare in keys
// and ID numbers) are left to encoding/json.
func readString(data []byte, i int) (string, int, bool) {
	end, escaped, ok := stringEnd(data, i)
	if !ok {
		return "", 0, false
	}
	if !escaped {
		return string(data[i+1 : end-1]), end, true
	}
	var s string
	if json.Unmarshal(data[i:end], &s) != nil {
		return "", 0, false
	}
	return s, end, true
}

// skipValue returns the index just past the JSON value starting at
// data[i]. It trusts data to be valid JSON (raw inputs were decoded
// before they are stored) and only tracks nesting and strings.
func skipValue(data []byte, i int) (int, bool) {
	if i >= len(data) {
		return 0, false
	}
	switch data[i] {
	case '"':
		end, _, ok := stringEnd(data, i)
		return end, ok
	case '{', '[':
		depth := 0
		for j := i; j < len(data); j++ {
			switch data[j] {
			case '"':
				end, _, ok := stringEnd(data, j)
				if !ok {
					return 0, false
				}
				j = end - 1
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					return j + 1, true
				}
			}
		}
		return 0, false
	}
	j := i // a number, true, false or null
	for j < len(data) && data[j] != ',' && data[j] != '}' && data[j] != ']' &&
		data[j] != ' ' && data[j] != '\t' && data[j] != '\n' && data[j] != '\r' {
		j++
	}
	return j, j > i
}
