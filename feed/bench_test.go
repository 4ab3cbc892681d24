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

func BenchmarkDecodeHealth(b *testing.B) {
	line := fixtureLines(b, "health.ndjson")[0]
	b.SetBytes(int64(len(line)))
	b.ReportAllocs()
	for b.Loop() {
		DecodeRecord(DepartmentHealth, line)
	}
}

// BenchmarkAttrs compares the Attrs encoding with encoding/json's (the
// oracle the tests hold it to) on the first veteran fixture.
func BenchmarkAttrs(b *testing.B) {
	r := DecodeRecord(DepartmentVeteran, fixtureLines(b, "veteran.ndjson")[0]).Record
	v, err := r.Veteran()
	if err != nil {
		b.Fatal(err)
	}
	b.Run("encodeAttrs", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			encodeAttrs(v)
		}
	})
	b.Run("encoding-json", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			marshal(v)
		}
	})
}

func BenchmarkHashRecord(b *testing.B) {
	r := DecodeRecord(DepartmentVeteran, fixtureLines(b, "veteran.ndjson")[0]).Record
	b.Run("inPlace", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			hashRecord(r)
		}
	})
	b.Run("merged", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			hashRecordMerged(r)
		}
	})
}
