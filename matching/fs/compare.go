package fs

import (
	"github.com/vethub/vethub/matching/chinese"
)

// compare computes the comparison vector of a pair.
func compare(a, b *prepared) Vector {
	var v Vector
	v[FieldID] = compareID(a.Record, b.Record)
	v[FieldName] = nameLevel(chinese.Compare(&a.name, &b.name))
	v[FieldBirth] = compareBirth(a.birth, b.birth)
	v[FieldSex] = compareEqual(a.Sex, b.Sex)
	v[FieldPhone] = compareEqual(a.Phone, b.Phone)
	v[FieldRegion] = compareRegion(a.Region, b.Region)
	v[FieldAddress] = compareAddress(a.address, b.address)
	return v
}

// nameLevel maps chinese.Level to FieldName's levels (same order, missing
// first).
func nameLevel(l chinese.Level) uint8 {
	switch l {
	case chinese.Exact:
		return 1
	case chinese.SameSimplified:
		return 2
	case chinese.SamePinyin:
		return 3
	case chinese.ClosePinyin:
		return 4
	case chinese.OneCharDiff:
		return 5
	case chinese.Different:
		return 6
	}
	return 0
}

func compareID(a, b *Record) uint8 {
	x, y := a.IDNumber, b.IDNumber
	switch {
	case x == "" || y == "":
		return 0
	case x == y && (a.IDLegacy || b.IDLegacy):
		return IDExactLegacy
	case x == y:
		return IDExact
	case a.IDValid && b.IDValid && !a.IDLegacy && !b.IDLegacy:
		return IDConflict
	case typo(x[:17], y[:17]):
		return IDOneOff
	}
	return IDDifferent
}

// typo reports whether a and b (same length) differ in one character or by
// one swap of adjacent characters.
func typo(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	first := -1
	diffs := 0
	for i := 0; i < len(a); i++ {
		if a[i] != b[i] {
			if diffs == 0 {
				first = i
			}
			diffs++
			if diffs > 2 {
				return false
			}
		}
	}
	switch diffs {
	case 1:
		return true
	case 2:
		i := first
		return i+1 < len(a) && a[i] == b[i+1] && a[i+1] == b[i]
	}
	return false
}

func compareBirth(a, b string) uint8 {
	switch {
	case a == "" || b == "":
		return 0
	case a == b:
		return BirthExact
	case chinese.Swapped(a, b):
		return BirthTransposed
	case len(a) >= 6 && len(b) >= 6 && a[:6] == b[:6]:
		return BirthYearMonth
	}
	return BirthDifferent
}

func compareEqual(a, b string) uint8 {
	switch {
	case a == "" || b == "":
		return 0
	case a == b:
		return Same
	}
	return Different
}

// compareRegion compares region codes at the finest level both have.
func compareRegion(a, b string) uint8 {
	switch {
	case len(a) < 6 || len(b) < 6:
		return 0
	case len(a) >= 12 && len(b) >= 12 && a[:12] == b[:12]:
		return RegionVillage
	case len(a) >= 9 && len(b) >= 9 && a[:9] == b[:9]:
		return RegionTownship
	case a[:6] == b[:6]:
		return RegionCounty
	}
	return RegionDifferent
}

func compareAddress(a, b string) uint8 {
	if a == "" || b == "" {
		return 0
	}
	switch s := chinese.JaroWinkler(a, b); {
	case s >= 0.95:
		return AddressHigh
	case s >= 0.85:
		return AddressMid
	}
	return AddressLow
}
