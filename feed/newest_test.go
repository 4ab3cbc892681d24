package feed

import (
	"testing"
	"time"
)

func TestNewestRecordsWhateverTheOrder(t *testing.T) {
	day := func(d int) Date { return Date{time.Date(2026, 1, d, 0, 0, 0, 0, time.UTC)} }
	recs := []Record{
		{Department: DepartmentCivil, SourceID: "c1", AsOf: day(1)},
		{Department: DepartmentCivil, SourceID: "c2", AsOf: day(3)},
		{Department: DepartmentCivil, SourceID: "c3", AsOf: day(3), SourceVersion: 2},
		{Department: DepartmentHealth, SourceID: "h1", AsOf: day(2)},
	}
	for _, order := range [][]int{{0, 1, 2, 3}, {3, 2, 1, 0}, {2, 0, 3, 1}} {
		in := make([]Record, len(order))
		for i, k := range order {
			in[i] = recs[k]
		}
		n, err := NewestRecords(in)
		if err != nil || n.Veteran != nil || n.Civil.SourceID != "c3" || n.Health.SourceID != "h1" {
			t.Fatalf("order %v: %+v, %v", order, n, err)
		}
	}
	if _, err := NewestRecords([]Record{{Department: "JOBS", SourceID: "j"}}); err == nil {
		t.Fatal("a record of no person department was accepted")
	}
}
