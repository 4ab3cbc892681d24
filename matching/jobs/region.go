package jobs

// Proximity is how close two places are on the division-code hierarchy
// (GB/T 2260 and the statistical codes: 2 province, 4 prefecture, 6
// county, 9 township, 12 village digits).
type Proximity int8

// The proximities, farthest first.
const (
	Elsewhere Proximity = iota
	SameProvince
	SamePrefecture
	SameCounty
	SameTownship
	SameVillage
)

var proximityNames = [...]string{"elsewhere", "same province", "same prefecture", "same county", "same township", "same village"}

// String names the proximity in English.
func (p Proximity) String() string { return proximityNames[p] }

var levelDigits = [...]int{0, 2, 4, 6, 9, 12}

// proximity is the deepest level at which both codes are precise enough
// and agree. A county-level posting is "same county" for anyone living in
// the county, however precisely their own code is known.
func proximity(a, b string) Proximity {
	best := Elsewhere
	for lvl := SameProvince; lvl <= SameVillage; lvl++ {
		n := levelDigits[lvl]
		if len(a) < n || len(b) < n || a[:n] != b[:n] {
			break
		}
		best = lvl
	}
	return best
}

// within reports whether one code lies inside the other (or they are
// equal): a posting in a preferred county, or a county-level posting
// covering a preferred township.
func within(a, b string) bool {
	if len(a) > len(b) {
		a, b = b, a
	}
	return a != "" && b[:len(a)] == a
}

// prefecture is the 4-digit prefecture part of a code, "" if too short.
func prefecture(code string) string {
	if len(code) < 4 {
		return ""
	}
	return code[:4]
}
