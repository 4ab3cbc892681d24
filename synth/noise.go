package synth

import (
	"math/rand/v2"
	"unicode/utf8"
)

// Noise tags: the identity errors a record carries (bit mask over
// noiseNames), listed in truth/records.ndjson.
const (
	nzIDMissing uint16 = 1 << iota
	nzIDMistyped
	nzIDLegacy
	nzNameHomophone
	nzNameTraditional
	nzBirthSwapped
	nzPhoneChanged
	nzAddressMoved
	nzAddressRewritten
	nzDuplicate
	numNoise = 10
)

var noiseNames = [numNoise]string{
	"ID_MISSING", "ID_MISTYPED", "ID_LEGACY15", "NAME_HOMOPHONE", "NAME_TRADITIONAL",
	"BIRTHDATE_SWAPPED", "PHONE_CHANGED", "ADDRESS_MOVED", "ADDRESS_REWRITTEN", "DUPLICATE",
}

// noiseWeights are the per-record probabilities at noise level 1; a level
// scales them linearly. The three ID errors exclude each other, as do the
// two address ones.
var noiseWeights = [numNoise]float64{0.50, 0.25, 0.20, 0.25, 0.12, 0.10, 0.30, 0.15, 0.25, 0.12}

// deptNoise scales the level by department: the veteran registry is
// checked by hand at 建档立卡 and is much cleaner.
var deptNoise = [numDepts]float64{deptVeteran: 0.2, deptCivil: 1, deptHealth: 1}

// ident is a person's identity as one record states it.
type ident struct {
	name  string
	id    [18]byte
	idLen int // 18, 15, or 0 for missing
	birth day
	phone uint64 // 0: absent
	home  home
	style int // address style; -1: absent
	grain int // region code granularity
	tags  uint16
}

// noiseRate is the probability of error k at the given level.
func noiseRate(level float64, k int) float64 { return min(1, level*noiseWeights[k]) }

// applyNoise draws the identity errors of one record.
func (w *world) applyNoise(r *rand.Rand, id *ident, level float64) {
	if level <= 0 {
		return
	}
	x := r.Float64()
	switch a, b, c := noiseRate(level, 0), noiseRate(level, 1), noiseRate(level, 2); {
	case x < a:
		id.idLen = 0
		id.tags |= nzIDMissing
	case x < a+b:
		mistypeID(r, id)
	case x < a+b+c:
		if y, _, _ := id.birth.ymd(); y >= 1900 && y <= 1999 {
			id.id, id.idLen = legacyID(id.id), 15
			id.tags |= nzIDLegacy
		}
	}
	if chance(r, noiseRate(level, 3)) {
		homophone(r, id)
	}
	if chance(r, noiseRate(level, 4)) {
		traditional(r, id)
	}
	if chance(r, noiseRate(level, 5)) {
		w.swapBirth(r, id)
	}
	if id.phone != 0 && chance(r, noiseRate(level, 6)) {
		id.phone = drawPhone(r)
		id.tags |= nzPhoneChanged
	}
	switch x, a, b := r.Float64(), noiseRate(level, 7), noiseRate(level, 8); {
	case x < a:
		moveHome(r, id)
	case x < a+b && id.style >= 0:
		id.style = 1 + r.IntN(numStyles-1)
		id.tags |= nzAddressRewritten
	}
}

// forceChange makes a duplicate differ from its twin in at least one way.
func forceChange(r *rand.Rand, id *ident) {
	const changes = nzNameHomophone | nzNameTraditional | nzPhoneChanged | nzAddressRewritten | nzAddressMoved
	for tries := 0; id.tags&changes == 0 && tries < 8; tries++ {
		switch r.IntN(3) {
		case 0:
			homophone(r, id)
		case 1:
			if id.phone != 0 {
				id.phone = drawPhone(r)
				id.tags |= nzPhoneChanged
			}
		default:
			if id.style >= 0 {
				id.style = 1 + r.IntN(numStyles-1)
				id.tags |= nzAddressRewritten
			} else {
				moveHome(r, id)
			}
		}
	}
}

// mistypeID changes one digit or swaps two adjacent different digits of
// the first 17; the check character then usually fails.
func mistypeID(r *rand.Rand, id *ident) {
	d := id.id[:17]
	if chance(r, 0.5) {
		i := r.IntN(17)
		d[i] = byte('0' + (int(d[i]-'0')+1+r.IntN(9))%10)
		id.tags |= nzIDMistyped
		return
	}
	for range 10 {
		i := r.IntN(16)
		if d[i] != d[i+1] {
			d[i], d[i+1] = d[i+1], d[i]
			id.tags |= nzIDMistyped
			return
		}
	}
}

// swapBirth swaps two digits of YYYYMMDD when that gives another real,
// plausible date.
func (w *world) swapBirth(r *rand.Rand, id *ident) {
	var digits [8]byte
	appendCompactDate(digits[:0], id.birth)
	ty, _, _ := w.today.ymd()
	for range 12 {
		i, j := r.IntN(8), r.IntN(8)
		if i == j || digits[i] == digits[j] {
			continue
		}
		s := digits
		s[i], s[j] = s[j], s[i]
		y := atoi6(string(s[:4]))
		m, d := atoi6(string(s[4:6])), atoi6(string(s[6:8]))
		if validDate(y, m, d) && y >= 1900 && y < ty {
			id.birth = civilDay(y, m, d)
			id.tags |= nzBirthSwapped
			return
		}
	}
}

// moveHome puts the person at another address in another township of the
// same county.
func moveHome(r *rand.Rand, id *ident) {
	c := id.home.town.county
	if len(c.towns) < 2 {
		return
	}
	t := id.home.town
	for t == id.home.town {
		t = c.towns[r.IntN(len(c.towns))]
	}
	id.home = drawHomeIn(r, t)
	id.tags |= nzAddressMoved
}

// Lookup tables for name noise.
var (
	homophoneOf = func() map[rune][]rune {
		m := map[rune][]rune{}
		for _, g := range homophoneGroups {
			rs := []rune(g)
			for _, c := range rs {
				m[c] = rs
			}
		}
		return m
	}()
	traditionalOf = func() map[rune]rune {
		m := make(map[rune]rune, len(traditionalPairs))
		for _, p := range traditionalPairs {
			s, _ := utf8.DecodeRuneInString(p[0])
			t, _ := utf8.DecodeRuneInString(p[1])
			m[s] = t
		}
		return m
	}()
)

// homophone replaces one character, preferably of the given name, by a
// character read the same way.
func homophone(r *rand.Rand, id *ident) {
	rs := []rune(id.name)
	var cand []int
	for i := len(rs) - 1; i >= 0; i-- {
		if _, ok := homophoneOf[rs[i]]; ok && (i > 0 || len(cand) == 0 || chance(r, 0.1)) {
			cand = append(cand, i)
		}
	}
	if len(cand) == 0 {
		return
	}
	i := cand[r.IntN(len(cand))]
	g := homophoneOf[rs[i]]
	for {
		c := g[r.IntN(len(g))]
		if c != rs[i] {
			rs[i] = c
			break
		}
	}
	id.name = string(rs)
	id.tags |= nzNameHomophone
}

// traditional writes one character of the name in its traditional form.
func traditional(r *rand.Rand, id *ident) {
	rs := []rune(id.name)
	var cand []int
	for i, c := range rs {
		if _, ok := traditionalOf[c]; ok {
			cand = append(cand, i)
		}
	}
	if len(cand) == 0 {
		return
	}
	i := cand[r.IntN(len(cand))]
	rs[i] = traditionalOf[rs[i]]
	id.name = string(rs)
	id.tags |= nzNameTraditional
}
