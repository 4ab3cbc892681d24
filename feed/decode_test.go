package feed

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
)

func TestDecodeRecordBadLines(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		dept Department
		line string
		want []string
	}{
		{"not json", DepartmentVeteran, `sourceId=1`, []string{":INVALID_JSON"}},
		{"truncated", DepartmentVeteran, `{"sourceId":"1"`, []string{":INVALID_JSON"}},
		{"two objects", DepartmentCivil, `{} {}`, []string{":INVALID_JSON"}},
		{"array", DepartmentHealth, `[{"sourceId":"1"}]`, []string{":INVALID_JSON"}},
		{"null", DepartmentVeteran, `null`, []string{":INVALID_JSON"}},
		{"empty", DepartmentVeteran, ``, []string{":INVALID_JSON"}},
		{"bad utf-8", DepartmentVeteran, "{\"name\":\"\xff\"}", []string{":INVALID_JSON"}},
		{"unknown department", Department("JOBS"), `{}`, []string{":INVALID_ENUM"}},
		{"empty object", DepartmentVeteran, `{}`, []string{"sourceId:REQUIRED", "sourceVersion:REQUIRED",
			"asOf:REQUIRED", "name:REQUIRED", "regionCode:REQUIRED"}},
		{"key case and type", DepartmentVeteran, `{"SourceVersion":"1","merits":[1,"X",2]}`, []string{
			"SourceVersion:INVALID_TYPE", "merits[0]:INVALID_TYPE", "merits[2]:INVALID_TYPE",
			"sourceId:REQUIRED", "asOf:REQUIRED", "name:REQUIRED", "regionCode:REQUIRED", "merits[1]:INVALID_ENUM"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			res := DecodeRecord(tt.dept, []byte(tt.line))
			if got := findings(res.Errors); !slices.Equal(got, tt.want) {
				t.Errorf("errors = %v, want %v (%v)", got, tt.want, res.Errors)
			}
			if string(res.Record.Raw) != tt.line {
				t.Errorf("Raw = %q, want the line", res.Record.Raw)
			}
		})
	}
}

func TestDecodeJobBadLine(t *testing.T) {
	t.Parallel()
	res := DecodeJob([]byte(`{"sourceId":`))
	if got := findings(res.Errors); !slices.Equal(got, []string{":INVALID_JSON"}) {
		t.Errorf("errors = %v", got)
	}
}

func TestDecodeRecordCopiesLine(t *testing.T) {
	t.Parallel()
	line := fixtureLines(t, "veteran.ndjson")[1]
	want := string(line)
	res := DecodeRecord(DepartmentVeteran, line)
	for i := range line {
		line[i] = ' '
	}
	if string(res.Record.Raw) != want {
		t.Errorf("Raw changed with the caller's buffer: %q", res.Record.Raw)
	}
	if !strings.Contains(want, "futureKey") || strings.Contains(string(res.Record.Attrs), "futureKey") {
		t.Errorf("unknown key must stay in Raw only; Attrs %s", res.Record.Attrs)
	}
}

func TestTypeErrorMessage(t *testing.T) {
	t.Parallel()
	res := DecodeRecord(DepartmentCivil, []byte(`{"temporaryAssistance":[{"amount":"12"}]}`))
	want := "temporaryAssistance[0].amount holds a JSON string, want number"
	if len(res.Errors) == 0 || res.Errors[0].Message != want {
		t.Errorf("errors %v, want first message %q", res.Errors, want)
	}
}

// The GraphQL mutations validate bound inputs; they must agree with NDJSON.
func TestValidateMatchesDecode(t *testing.T) {
	t.Parallel()
	for _, line := range fixtureLines(t, "veteran.ndjson") {
		var in VeteranInput
		if err := json.Unmarshal(line, &in); err != nil {
			t.Fatal(err)
		}
		raw, _ := json.Marshal(in)
		a, b := DecodeRecord(DepartmentVeteran, line), ValidateVeteran(in, raw)
		if a.Record.Hash != b.Record.Hash || !slices.Equal(findings(a.Warnings), findings(b.Warnings)) {
			t.Errorf("GraphQL path differs for %s", line)
		}
	}
}
