package fs

import "testing"

func TestCompareID(t *testing.T) {
	const id = "33082419800101123X"
	rec := func(id string, valid, legacy bool) *Record {
		return &Record{IDNumber: id, IDValid: valid, IDLegacy: legacy}
	}
	cases := []struct {
		name string
		a, b *Record
		want uint8
	}{
		{"missing", rec("", false, false), rec(id, true, false), 0},
		{"exact", rec(id, true, false), rec(id, true, false), IDExact},
		{"exact through a 15-digit number", rec(id, true, true), rec(id, true, false), IDExactLegacy},
		{"one digit off", rec("33082419800101133X", false, false), rec(id, true, false), IDOneOff},
		{"adjacent swap", rec("33082419800110123X", false, false), rec(id, true, false), IDOneOff},
		{"two digits off", rec("33082419800101144X", false, false), rec(id, true, false), IDDifferent},
		{"both valid and different", rec("110105194912310021", true, false), rec(id, true, false), IDConflict},
		{"a legacy upgrade never conflicts", rec("110105194912310021", true, true), rec(id, true, false), IDDifferent},
	}
	for _, c := range cases {
		if got := compareID(c.a, c.b); got != c.want {
			t.Errorf("%s: %s, want %s", c.name, LevelName(FieldID, got), LevelName(FieldID, c.want))
		}
	}
}

func TestCompareBirthRegionEqual(t *testing.T) {
	birth := []struct {
		a, b string
		want uint8
	}{
		{"19800101", "19800101", BirthExact},
		{"19800110", "19800101", BirthTransposed},
		{"19080101", "19800101", BirthTransposed},
		{"19800115", "19800101", BirthYearMonth},
		{"19810202", "19800101", BirthDifferent},
		{"", "19800101", 0},
	}
	for _, c := range birth {
		if got := compareBirth(c.a, c.b); got != c.want {
			t.Errorf("birth %s/%s: %s, want %s", c.a, c.b, LevelName(FieldBirth, got), LevelName(FieldBirth, c.want))
		}
	}
	region := []struct {
		a, b string
		want uint8
	}{
		{"330824106001", "330824106001", RegionVillage},
		{"330824106001", "330824106002", RegionTownship},
		{"330824106", "330824106001", RegionTownship},
		{"330824", "330824106001", RegionCounty},
		{"341103100001", "330824106001", RegionDifferent},
		{"", "330824", 0},
	}
	for _, c := range region {
		if got := compareRegion(c.a, c.b); got != c.want {
			t.Errorf("region %s/%s: %s, want %s", c.a, c.b, LevelName(FieldRegion, got), LevelName(FieldRegion, c.want))
		}
	}
	if compareEqual("M", "M") != Same || compareEqual("M", "F") != Different || compareEqual("", "F") != 0 {
		t.Error("compareEqual")
	}
}
