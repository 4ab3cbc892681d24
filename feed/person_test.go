package feed

import (
	"strings"
	"testing"
)

func TestPersonRules(t *testing.T) {
	t.Parallel()
	tomorrow := Today().AddDays(1).String()
	dayAfter := Today().AddDays(2).String()
	cases := []ruleCase{
		{name: "valid"},
		{name: "unknown key ignored", edit: edits{"laterKey": "x"}},
		{name: "sourceId missing", edit: edits{"sourceId": drop}, errs: []string{"sourceId:REQUIRED"}},
		{name: "sourceId null", edit: edits{"sourceId": nil}, errs: []string{"sourceId:REQUIRED"}},
		{name: "sourceId blank", edit: edits{"sourceId": "  "}, errs: []string{"sourceId:REQUIRED"}},
		{name: "sourceId too long", edit: edits{"sourceId": strings.Repeat("a", 129)}, errs: []string{"sourceId:TOO_LONG"}},
		{name: "sourceId number", edit: edits{"sourceId": 12}, errs: []string{"sourceId:INVALID_TYPE"}},
		{name: "sourceVersion missing", edit: edits{"sourceVersion": drop}, errs: []string{"sourceVersion:REQUIRED"}},
		{name: "sourceVersion negative", edit: edits{"sourceVersion": -1}, errs: []string{"sourceVersion:OUT_OF_RANGE"}},
		{name: "sourceVersion string", edit: edits{"sourceVersion": "3"}, errs: []string{"sourceVersion:INVALID_TYPE"}},
		{name: "sourceVersion fraction", edit: edits{"sourceVersion": raw(`1.5`)}, errs: []string{"sourceVersion:INVALID_TYPE"}},
		{name: "asOf missing", edit: edits{"asOf": drop}, errs: []string{"asOf:REQUIRED"}},
		{name: "asOf not real", edit: edits{"asOf": "2024-13-01"}, errs: []string{"asOf:INVALID_DATE"}},
		{name: "asOf slashes", edit: edits{"asOf": "2024/05/01"}, errs: []string{"asOf:INVALID_DATE"}},
		{name: "asOf tomorrow", edit: edits{"asOf": tomorrow}},
		{name: "asOf future", edit: edits{"asOf": dayAfter}, errs: []string{"asOf:OUT_OF_RANGE"}},
		{name: "name missing", edit: edits{"name": drop}, errs: []string{"name:REQUIRED"}},
		{name: "name blank", edit: edits{"name": " \u3000"}, errs: []string{"name:REQUIRED"}},
		{name: "name too long", edit: edits{"name": strings.Repeat("王", 65)}, errs: []string{"name:TOO_LONG"}},
		{name: "name 64 with spaces", edit: edits{"name": strings.Repeat("王 ", 64)}},
		{name: "idNumber absent", edit: edits{"idNumber": drop}},
		{name: "idNumber blank", edit: edits{"idNumber": ""}},
		{name: "idNumber length", edit: edits{"idNumber": "33082419850714031"}, errs: []string{"idNumber:INVALID_ID_NUMBER"}},
		{name: "idNumber letters", edit: edits{"idNumber": "33082419850714AB18"}, errs: []string{"idNumber:INVALID_ID_NUMBER"}},
		{name: "idNumber check char", edit: edits{"idNumber": "330824198507140319"}, warns: []string{"idNumber:ID_CHECK_CHARACTER"}},
		{name: "idNumber birth date", edit: edits{"idNumber": "110105194902300020", "sex": drop, "birthDate": drop}, warns: []string{"idNumber:ID_BIRTH_DATE"}},
		{name: "idNumber legacy", edit: edits{"idNumber": "370986890623212", "sex": drop, "birthDate": drop}, warns: []string{"idNumber:ID_LEGACY_UPGRADED"}},
		{name: "sex contradicts ID", edit: edits{"sex": "F"}, warns: []string{"sex:ID_MISMATCH"}},
		{name: "birthDate contradicts ID", edit: edits{"birthDate": "1985-07-15"}, warns: []string{"birthDate:ID_MISMATCH"}},
		{name: "no mismatch for flawed ID", edit: edits{"idNumber": "330824198507140319", "sex": "F"}, warns: []string{"idNumber:ID_CHECK_CHARACTER"}},
		{name: "sex chinese", edit: edits{"sex": "男"}},
		{name: "sex lowercase", edit: edits{"sex": "m"}},
		{name: "sex invalid", edit: edits{"sex": "X"}, errs: []string{"sex:INVALID_ENUM"}},
		{name: "birthDate not real", edit: edits{"birthDate": "1985-02-30"}, errs: []string{"birthDate:INVALID_DATE"}},
		{name: "birthDate before 1880", edit: edits{"idNumber": drop, "birthDate": "1879-12-31"}, errs: []string{"birthDate:OUT_OF_RANGE"}},
		{name: "birthDate future", edit: edits{"idNumber": drop, "birthDate": tomorrow}, errs: []string{"birthDate:OUT_OF_RANGE"}},
		{name: "phone short", edit: edits{"phone": "12345"}, errs: []string{"phone:INVALID_PHONE"}},
		{name: "phone letters", edit: edits{"phone": "138abc12345"}, errs: []string{"phone:INVALID_PHONE"}},
		{name: "phone mobile +86", edit: edits{"phone": "+86 138 0571 2345"}},
		{name: "phone mobile 0086", edit: edits{"phone": "0086-13805712345"}},
		{name: "phone landline", edit: edits{"phone": "(0570)6012345"}},
		{name: "phone 12 digits starting 1", edit: edits{"phone": "138057123456"}, errs: []string{"phone:INVALID_PHONE"}},
		{name: "regionCode missing", edit: edits{"regionCode": drop}, errs: []string{"regionCode:REQUIRED"}},
		{name: "regionCode province", edit: edits{"regionCode": "990000"}, errs: []string{"regionCode:INVALID_REGION"}},
		{name: "regionCode 5 digits", edit: edits{"regionCode": "33082"}, errs: []string{"regionCode:INVALID_REGION"}},
		{name: "regionCode 10 digits", edit: edits{"regionCode": "3308241151"}, errs: []string{"regionCode:INVALID_REGION"}},
		{name: "regionCode 12 digits", edit: edits{"regionCode": "330824115201"}},
		{name: "regionCode Hong Kong", edit: edits{"regionCode": "810000"}},
		{name: "address too long", edit: edits{"address": strings.Repeat("路", 501)}, errs: []string{"address:TOO_LONG"}},
		{name: "many errors in key order", edit: edits{"sourceId": drop, "name": drop, "regionCode": "1"},
			errs: []string{"sourceId:REQUIRED", "name:REQUIRED", "regionCode:INVALID_REGION"}},
	}
	base := firstLine(t, "veteran.ndjson")
	runRules(t, personDecoder(DepartmentVeteran), base, cases)
}

func TestPersonNormalisation(t *testing.T) {
	t.Parallel()
	base := firstLine(t, "veteran.ndjson")
	tests := []struct {
		name string
		edit edits
		want func(Record) bool
	}{
		{"name spaces removed", edits{"name": " 王\u3000建 国 "}, func(r Record) bool { return r.Name == "王建国" }},
		{"sourceId trimmed", edits{"sourceId": " A1 "}, func(r Record) bool { return r.SourceID == "A1" }},
		{"id uppercase", edits{"idNumber": "11010519491231002x", "sex": drop, "birthDate": drop},
			func(r Record) bool { return r.IDNumber == "11010519491231002X" && r.IDValid && r.IDProblem == "" }},
		{"flawed id kept", edits{"idNumber": "330824198507140319"},
			func(r Record) bool {
				return r.IDNumber == "330824198507140319" && !r.IDValid && r.IDProblem == "CHECK_CHARACTER"
			}},
		{"legacy upgraded", edits{"idNumber": "370986890623212", "sex": drop, "birthDate": drop},
			func(r Record) bool { return r.IDNumber == "370986198906232123" && r.IDValid }},
		{"sex not derived", edits{"sex": drop}, func(r Record) bool { return r.Sex == "" }},
		{"sex female", edits{"sex": "女", "idNumber": drop}, func(r Record) bool { return r.Sex == "F" }},
		{"phone digits", edits{"phone": "+86 138-0571-2345"}, func(r Record) bool { return r.Phone == "13805712345" }},
		{"landline +86", edits{"phone": "+86 571 8888 6666"}, func(r Record) bool { return r.Phone == "057188886666" }},
		{"address collapsed", edits{"address": "  开化县\t华埠镇  12号 "}, func(r Record) bool { return r.Address == "开化县 华埠镇 12号" }},
		{"dates", edits{}, func(r Record) bool {
			return r.AsOf == NewDate(2024, 5, 1) && r.BirthDate == NewDate(1985, 7, 14)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			res := DecodeRecord(DepartmentVeteran, mkLine(t, base, tt.edit))
			if !res.OK() || !tt.want(res.Record) {
				t.Errorf("record %+v\nerrors %v", res.Record, res.Errors)
			}
		})
	}
}

// TestIDLegacyFlag checks that a record remembers an ID number sent in its
// 15-digit form (linkage discounts the check character it computed), and
// only then.
func TestIDLegacyFlag(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		id     string
		legacy bool
	}{
		{"370986890623212", true},
		{" 370986890623212 ", true},
		{"370986198906232125", false},
		{"", false},
	} {
		line := `{"sourceId":"a","sourceVersion":1,"asOf":"2024-01-01","name":"王芳","regionCode":"330824","idNumber":"` + tc.id + `"}`
		res := DecodeRecord(DepartmentHealth, []byte(line))
		if !res.OK() || res.Record.IDLegacy != tc.legacy {
			t.Errorf("idNumber %q: IDLegacy %v, want %v (errors %v)", tc.id, res.Record.IDLegacy, tc.legacy, res.Errors)
		}
	}
}
