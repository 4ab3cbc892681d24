package fs

import (
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/vethub/vethub/feed"
	"github.com/vethub/vethub/synth"
)

// generated links synthetic feeds of VETHUB_BENCH_PERSONS persons (default
// 20,000; about two records each), as vethub eval linkage reads them.
func generated(b *testing.B) []Record {
	b.Helper()
	persons := 20_000
	if v, err := strconv.Atoi(os.Getenv("VETHUB_BENCH_PERSONS")); err == nil {
		persons = v
	}
	dir := b.TempDir()
	if _, err := synth.Generate(synth.Config{Persons: persons, Seed: 1}, dir); err != nil {
		b.Fatal(err)
	}
	var recs []Record
	for _, d := range []feed.Department{feed.DepartmentVeteran, feed.DepartmentCivil, feed.DepartmentHealth} {
		f, err := os.Open(filepath.Join(dir, map[feed.Department]string{
			feed.DepartmentVeteran: "veteran.ndjson", feed.DepartmentCivil: "civil.ndjson", feed.DepartmentHealth: "health.ndjson"}[d]))
		if err != nil {
			b.Fatal(err)
		}
		lr := feed.NewLineReader(f)
		for {
			_, line, err := lr.Next()
			if err != nil {
				break
			}
			if res := feed.DecodeRecord(d, line); len(res.Errors) == 0 {
				recs = append(recs, benchRecord(int64(len(recs)), res))
			}
		}
		f.Close()
	}
	return recs
}

func benchRecord(id int64, res feed.Result) Record {
	r := res.Record
	out := Record{ID: id, Source: string(r.Department), Name: r.Name, Sex: r.Sex,
		Phone: r.Phone, Region: r.RegionCode, Address: r.Address}
	if len(r.IDNumber) == 18 {
		out.IDNumber, out.IDValid = r.IDNumber, r.IDValid
	}
	for _, w := range res.Warnings {
		out.IDLegacy = out.IDLegacy || w.Code == feed.CodeIDLegacyUpgraded
	}
	if !r.BirthDate.IsZero() {
		out.Birth = r.BirthDate.Format("2006-01-02")
	}
	return out
}

func BenchmarkBlock(b *testing.B) {
	recs := prepareAll(generated(b))
	for b.Loop() {
		block(recs, 200)
	}
}

func BenchmarkCompareAll(b *testing.B) {
	recs := prepareAll(generated(b))
	pairs, _ := block(recs, 200)
	for b.Loop() {
		compareAll(recs, pairs)
	}
}

func BenchmarkLink(b *testing.B) {
	recs := generated(b)
	for b.Loop() {
		Link(recs, Options{})
	}
}
