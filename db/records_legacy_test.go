package db

import (
	"testing"
	"unicode/utf8"

	jsonv2 "github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
)

// legacyByDecoding is what idSentLegacy computed before it walked the raw
// input by hand: the reference its result must equal.
func legacyByDecoding(raw []byte) bool {
	var in struct {
		IDNumber *string `json:"idNumber"`
	}
	if jsonv2.Unmarshal(raw, &in, jsontext.AllowDuplicateNames(true)) != nil || in.IDNumber == nil {
		return false
	}
	return utf8.RuneCountInString(*in.IDNumber) == 15
}

var legacySamples = []string{
	`{"sourceId":"a","idNumber":"110105491231002"}`,
	`{"sourceId":"a","idNumber":"11010519491231002X"}`,
	`{"idNumber":"110105491231002","idNumber":"11010519491231002X"}`,
	`{"idNumber":"11010519491231002X","idNumber":"110105491231002"}`,
	`{"IDNUMBER":"110105491231002"}`,
	`{"idNumber":"110105491231002","IdNumber":"11010519491231002X"}`,
	`{"id\u004eumber":"110105491231002"}`,
	`{"idNumber":"11010549123100\u0032"}`,
	`{"idNumber":"110105491231002","idNumber":null}`,
	`{"idNumber":110105491231002}`,
	`{"nested":{"idNumber":"110105491231002"},"list":[{"idNumber":"1"}, "x\"}"]}`,
	`{"nested":{"idNumber":"110105491231002"}}`,
	` { "idNumber" : "一二三四五六七八九十一二三四五" , "n": -1.5e3, "t": true } `,
	`{"name":"idNumber","idNumber":"12345678901234"}`,
	`{}`, `[]`, `"idNumber"`, `{"idNumber":"110105491231002"`,
}

func TestIDSentLegacyMatchesDecoding(t *testing.T) {
	for _, s := range legacySamples {
		v, found := topLevelString([]byte(s), "idNumber")
		got := found && utf8.RuneCountInString(v) == 15
		if want := legacyByDecoding([]byte(s)); got != want {
			t.Errorf("%s: got %v, want %v", s, got, want)
		}
	}
}

func FuzzIDSentLegacy(f *testing.F) {
	for _, s := range legacySamples {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !jsontext.Value(s).IsValid(jsontext.AllowDuplicateNames(true)) {
			return // raw inputs are valid JSON
		}
		v, found := topLevelString([]byte(s), "idNumber")
		got := found && utf8.RuneCountInString(v) == 15
		if want := legacyByDecoding([]byte(s)); got != want {
			t.Errorf("%s: got %v, want %v", s, got, want)
		}
	})
}
