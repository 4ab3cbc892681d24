package feed

import (
	"bytes"
	"testing"
)

// The hand-written person encoding must equal encoding/json's byte for
// byte: stored content hashes are compared with new ones.
func checkPersonJSON(t *testing.T, r Record) {
	t.Helper()
	if got, want := appendPersonJSON(nil, r), marshal(r.personJSON()); !bytes.Equal(got, want) {
		t.Fatalf("person JSON differs:\ngot  %s\nwant %s", got, want)
	}
}

func TestPersonJSONMatchesEncodingJSON(t *testing.T) {
	t.Parallel()
	for _, dept := range []Department{DepartmentVeteran, DepartmentCivil, DepartmentHealth} {
		for _, line := range fixtureLines(t, string(toLower(dept))+".ndjson") {
			checkPersonJSON(t, DecodeRecord(dept, line).Record)
		}
	}
	checkPersonJSON(t, Record{})
	checkPersonJSON(t, Record{SourceID: "a\"b\\c\b\f\n\r\t\x00\x1f\x7f<>&\u2028\u2029\xff\xe2\x80", Name: "张 三", BirthDate: NewDate(1950, 1, 2)})
}

func FuzzPersonJSON(f *testing.F) {
	f.Add("a", "张伟", "11010519491231002X", "M", "13800000000", "浙江省\n<&>", "330824", int64(0))
	f.Add("\u2028\xff", "\x00", "", "", "\"\\", "\u2029", "\t", int64(20000))
	f.Fuzz(func(t *testing.T, id, name, idn, sex, phone, addr, region string, days int64) {
		r := Record{SourceID: id, Name: name, IDNumber: idn, Sex: sex, Phone: phone, Address: addr, RegionCode: region}
		if days > 0 && days < 3000000 {
			r.BirthDate = NewDate(1000, 1, 1+int(days))
		}
		checkPersonJSON(t, r)
	})
}

func toLower(d Department) []byte { return bytes.ToLower([]byte(d)) }
