package feed

import "testing"

func BenchmarkDecodeVeteran(b *testing.B) {
	line := fixtureLines(b, "veteran.ndjson")[0]
	b.SetBytes(int64(len(line)))
	b.ReportAllocs()
	for b.Loop() {
		if res := DecodeRecord(DepartmentVeteran, line); !res.OK() {
			b.Fatal(res.Errors)
		}
	}
}

func BenchmarkDecodeCivil(b *testing.B) {
	line := fixtureLines(b, "civil.ndjson")[0]
	b.SetBytes(int64(len(line)))
	b.ReportAllocs()
	for b.Loop() {
		DecodeRecord(DepartmentCivil, line)
	}
}
