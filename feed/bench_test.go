package feed

import (
	"testing"

	jsonv2 "github.com/go-json-experiment/json"
)

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

// BenchmarkInputDecode compares fastDecode with the jsonv2 decoding it
// spares (exactKeys) on the first fixture line of each department.
func BenchmarkInputDecode(b *testing.B) {
	b.Run("veteran", func(b *testing.B) { benchInputDecode(b, "veteran.ndjson", veteranFields) })
	b.Run("civil", func(b *testing.B) { benchInputDecode(b, "civil.ndjson", civilFields) })
	b.Run("health", func(b *testing.B) { benchInputDecode(b, "health.ndjson", healthFields) })
}

func benchInputDecode[T any](b *testing.B, file string, fields []fastField[T]) {
	line := fixtureLines(b, file)[0]
	b.Run("fast", func(b *testing.B) {
		b.SetBytes(int64(len(line)))
		b.ReportAllocs()
		for b.Loop() {
			if _, ok := fastDecode(line, fields); !ok {
				b.Fatal("declined")
			}
		}
	})
	b.Run("jsonv2", func(b *testing.B) {
		b.SetBytes(int64(len(line)))
		b.ReportAllocs()
		for b.Loop() {
			var in T
			if err := jsonv2.Unmarshal(line, &in, exactKeys); err != nil {
				b.Fatal(err)
			}
		}
	})
}
