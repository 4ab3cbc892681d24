package jobs

import (
	"encoding/json"
	"errors"
	"math"
	"slices"
	"strings"
	"testing"
)

func TestIDSetRoundTrip(t *testing.T) {
	const top = math.MaxInt64
	for _, tt := range []struct {
		name string
		ids  []int64
		want IDSet
	}{
		{"nil", nil, ""},
		{"empty", []int64{}, ""},
		{"single", []int64{7}, "7"},
		{"pair of neighbours", []int64{7, 8}, "7-8"},
		{"pair apart", []int64{7, 9}, "7,9"},
		{"runs", []int64{1001, 1002, 1003, 2005, 3001, 3002}, "1001-1003,2005,3001-3002"},
		{"unsorted", []int64{3002, 1003, 2005, 1001, 3001, 1002}, "1001-1003,2005,3001-3002"},
		{"duplicates", []int64{5, 5, 6, 5, 6, 9, 9}, "5-6,9"},
		{"one", []int64{1}, "1"},
		{"near max", []int64{top, top - 1, top - 3}, "9223372036854775804,9223372036854775806-9223372036854775807"},
		{"max alone", []int64{top}, "9223372036854775807"},
		{"one and max", []int64{top, 1}, "1,9223372036854775807"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			in := slices.Clone(tt.ids)
			got, err := NewIDSet(tt.ids)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Fatalf("NewIDSet(%v) = %q, want %q", tt.ids, got, tt.want)
			}
			if !slices.Equal(in, tt.ids) {
				t.Fatalf("NewIDSet changed its input: %v, was %v", tt.ids, in)
			}
			back, err := got.IDs()
			if err != nil {
				t.Fatalf("IDs(%q): %v", got, err)
			}
			want := slices.Compact(slices.Sorted(slices.Values(tt.ids)))
			if len(want) == 0 {
				want = nil
			}
			if !slices.Equal(back, want) {
				t.Fatalf("IDs(%q) = %v, want %v", got, back, want)
			}
		})
	}
}

// A chunk of consecutive ids, as an import writes them, is a few runs.
func TestIDSetLongRuns(t *testing.T) {
	var ids []int64
	for _, r := range [][2]int64{{1, 1000}, {3001, 7000}, {12001, 17000}} {
		for v := r[0]; v <= r[1]; v++ {
			ids = append(ids, v)
		}
	}
	s, err := NewIDSet(ids)
	if err != nil {
		t.Fatal(err)
	}
	if s != "1-1000,3001-7000,12001-17000" {
		t.Fatalf("encoded %q", s)
	}
	back, err := s.IDs()
	if err != nil || !slices.Equal(back, ids) {
		t.Fatalf("decoded %d ids, err %v", len(back), err)
	}
}

func TestIDSetRejectsNonPositive(t *testing.T) {
	for _, ids := range [][]int64{{0}, {-1}, {5, 0, 7}, {math.MinInt64, 3}} {
		if s, err := NewIDSet(ids); err == nil {
			t.Errorf("NewIDSet(%v) = %q, want an error", ids, s)
		}
	}
}

func TestIDSetDecodeErrors(t *testing.T) {
	for _, s := range []string{
		",",
		"1,",
		",1",
		"1,,2",
		"0",
		"-1",
		"1--2",
		"-",
		"1-",
		"-5",
		"01",
		"1-02",
		"+1",
		" 1",
		"1 ",
		"1, 3",
		"1.0",
		"0x10",
		"1e3",
		"１",                   // full-width digit
		"9223372036854775808", // above max int64
		"1-9223372036854775808",
		"99999999999999999999999",
		"5-5",   // a range is written as a single id
		"5-4",   // descending range
		"3,2",   // descending runs
		"3,3",   // repeat
		"3,4",   // neighbours are one run
		"1-5,5", // overlap
		"1-5,6-9",
		"1-5,3-9",
		"1-2-3",
		"garbled",
		"[1,2,3]",
		`"1"`,
		"1;2",
		"1-9223372036854775807", // more ids than the limit
		"1-9000000,10000000-20000000",
	} {
		ids, err := IDSet(s).IDs()
		if err == nil {
			t.Errorf("IDs(%q) = %d ids, want an error", s, len(ids))
			continue
		}
		if !errors.Is(err, errIDSet) {
			t.Errorf("IDs(%q): error %v does not wrap errIDSet", s, err)
		}
	}
}

// The error names the run at fault and does not quote a whole garbled
// string.
func TestIDSetDecodeErrorMessage(t *testing.T) {
	_, err := IDSet("1-3,x7").IDs()
	if err == nil || !strings.Contains(err.Error(), `run 2 "x7"`) {
		t.Fatalf("error %v, want it to name run 2", err)
	}
	_, err = IDSet(strings.Repeat("x", 10000)).IDs()
	if err == nil || len(err.Error()) > 200 {
		t.Fatalf("error %q for a long garbled string", err)
	}
}

func TestIDSetLimit(t *testing.T) {
	if ids, err := decodeIDs("1-10", 10); err != nil || len(ids) != 10 {
		t.Fatalf("10 ids at limit 10: %d, %v", len(ids), err)
	}
	for _, s := range []string{"1-11", "1-5,7-12", "1,3,5,7,9,11,13,15,17,19,21"} {
		if _, err := decodeIDs(s, 10); !errors.Is(err, errIDSet) {
			t.Errorf("decodeIDs(%q, 10): %v, want a limit error", s, err)
		}
	}
}

// LinkArgs marshal their ids as single strings under new names, and the
// arrays of jobs enqueued before are still read.
func TestLinkArgsJSON(t *testing.T) {
	args, err := NewLinkArgs([]int64{12, 10, 11, 40}, []int64{7, 3})
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(args)
	if err != nil {
		t.Fatal(err)
	}
	if string(b) != `{"records":"10-12,40","persons":"3,7"}` {
		t.Fatalf("marshalled %s", b)
	}
	noPersons, err := NewLinkArgs([]int64{5}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if b, _ := json.Marshal(noPersons); string(b) != `{"records":"5"}` {
		t.Fatalf("marshalled %s", b)
	}
	if _, err := NewLinkArgs([]int64{1, 0}, nil); err == nil {
		t.Fatal("NewLinkArgs accepted record id 0")
	}
	if _, err := NewLinkArgs([]int64{1}, []int64{-4}); err == nil {
		t.Fatal("NewLinkArgs accepted person id -4")
	}

	for _, tt := range []struct {
		name                     string
		json                     string
		wantRecords, wantPersons []int64
	}{
		{"new", `{"records":"10-12,40","persons":"3,7"}`, []int64{10, 11, 12, 40}, []int64{3, 7}},
		{"new without persons", `{"records":"5"}`, []int64{5}, nil},
		{"old", `{"record_ids":[12,10,11,40],"person_ids":[7,3]}`, []int64{10, 11, 12, 40}, []int64{3, 7}},
		{"old without persons", `{"record_ids":[5,5]}`, []int64{5}, nil},
		{"old with null persons", `{"record_ids":[5],"person_ids":null}`, []int64{5}, nil},
		{"both", `{"records":"1-2","record_ids":[2,9],"persons":"4","person_ids":[5]}`, []int64{1, 2, 9}, []int64{4, 5}},
		{"none", `{}`, nil, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var a LinkArgs
			if err := json.Unmarshal([]byte(tt.json), &a); err != nil {
				t.Fatal(err)
			}
			records, persons, err := a.IDs()
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(records, tt.wantRecords) || !slices.Equal(persons, tt.wantPersons) {
				t.Fatalf("IDs() = %v, %v; want %v, %v", records, persons, tt.wantRecords, tt.wantPersons)
			}
		})
	}
}

// A garbled set unmarshals (it is a string) but IDs reports which field is
// at fault.
func TestLinkArgsGarbled(t *testing.T) {
	for _, tt := range []struct{ json, field string }{
		{`{"records":"1-x"}`, "records"},
		{`{"records":"1","persons":"9,3"}`, "persons"},
	} {
		var a LinkArgs
		if err := json.Unmarshal([]byte(tt.json), &a); err != nil {
			t.Fatal(err)
		}
		_, _, err := a.IDs()
		if !errors.Is(err, errIDSet) || !strings.Contains(err.Error(), tt.field) {
			t.Errorf("%s: IDs() error %v, want a malformed %s error", tt.json, err, tt.field)
		}
	}
}

// The args of an import chunk of 10,000 record ids: a handful of bytes
// where the arrays took tens of kilobytes.
func TestLinkArgsSize(t *testing.T) {
	var records, persons []int64
	next := int64(48_213_001)
	for len(records) < 10_000 { // runs from the caches of 4 writers, 1,000 ids each
		for v := next; v < next+1000; v++ {
			records = append(records, v)
		}
		next += 4000
	}
	for i := range int64(300) { // persons that gained a record, scattered
		persons = append(persons, 5_000_000+i*7919)
	}
	old, err := json.Marshal(LinkArgs{RecordIDs: records, PersonIDs: persons})
	if err != nil {
		t.Fatal(err)
	}
	args, err := NewLinkArgs(records, persons)
	if err != nil {
		t.Fatal(err)
	}
	compact, err := json.Marshal(args)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("args of 10,000 records and 300 persons: %d bytes as arrays, %d as id sets (%d for the records)",
		len(old), len(compact), len(args.Records))
	if len(args.Records) > 200 {
		t.Errorf("records take %d bytes: %q", len(args.Records), args.Records)
	}
	gotRecords, gotPersons, err := args.IDs()
	if err != nil || !slices.Equal(gotRecords, records) || !slices.Equal(gotPersons, persons) {
		t.Fatalf("round trip: %d records, %d persons, %v", len(gotRecords), len(gotPersons), err)
	}
}

// Decoding never panics, accepts only the canonical form (what NewIDSet
// writes for the ids it returns), and returns ascending positive ids.
func FuzzIDSetDecode(f *testing.F) {
	for _, s := range []string{"", "1", "1-3", "1001-2000,2005,3001-4000", "9223372036854775807",
		"1,9223372036854775806-9223372036854775807", "0", "1-1", "3,2", "1--2", "1-5,6", "x", ",", "1,,2"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		ids, err := decodeIDs(s, 1<<16)
		if err != nil {
			if !errors.Is(err, errIDSet) {
				t.Fatalf("decodeIDs(%q): error %v does not wrap errIDSet", s, err)
			}
			return
		}
		for i, v := range ids {
			if v <= 0 || (i > 0 && v <= ids[i-1]) {
				t.Fatalf("decodeIDs(%q) = %v: not ascending positive ids", s, ids)
			}
		}
		again, err := NewIDSet(ids)
		if err != nil || string(again) != s {
			t.Fatalf("decodeIDs(%q) = %v, which encodes as %q (%v)", s, ids, again, err)
		}
	})
}

// Any positive ids, in any order and with repeats, come back from their
// encoding as the sorted set.
func FuzzIDSetRoundTrip(f *testing.F) {
	f.Add([]byte{2, 4, 6, 6, 20})
	f.Add([]byte{1, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 1, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfe, 0})
	f.Fuzz(func(t *testing.T, data []byte) {
		// A byte with its low bit clear is a small id (1 to 128), so that
		// neighbours and repeats are common; one with it set is followed
		// by the 8 bytes of any id.
		var ids []int64
		for len(data) > 0 {
			op := data[0]
			data = data[1:]
			if op&1 == 0 || len(data) < 8 {
				ids = append(ids, int64(op>>1)+1)
				continue
			}
			var v uint64
			for _, c := range data[:8] {
				v = v<<8 | uint64(c)
			}
			data = data[8:]
			if id := int64(v & math.MaxInt64); id > 0 {
				ids = append(ids, id)
			}
		}
		s, err := NewIDSet(ids)
		if err != nil {
			t.Fatalf("NewIDSet(%v): %v", ids, err)
		}
		back, err := s.IDs()
		if err != nil {
			t.Fatalf("IDs(%q): %v", s, err)
		}
		want := slices.Compact(slices.Sorted(slices.Values(ids)))
		if len(want) == 0 {
			want = nil
		}
		if !slices.Equal(back, want) {
			t.Fatalf("IDs(NewIDSet(%v)) = %v", ids, back)
		}
	})
}
