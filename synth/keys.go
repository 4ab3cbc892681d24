package synth

// Key schemes. Each department numbers its records its own way, through a
// keyed permutation of the person index, so that no number is shared
// across departments and record order gives nothing away.

// Permutation keys, one per scheme.
const (
	keyVeteran   uint64 = 0x3c6ef372fe94f82b
	keyCivil     uint64 = 0xa54ff53a5f1d36f1
	keyHealth    uint64 = 0x510e527fade682d1
	keyHousehold uint64 = 0x9b05688c2b3e6c1f
)

const scrambleBits = 33 // 2^33 > 2×maxPersons+1 and < 10^10 (ten digits)

// scramble is a bijection on [0, 2^33): multiplying by an odd number,
// xor-shifting and xoring with a constant are each invertible modulo 2^n.
func scramble(x, key uint64) uint64 {
	const mask = 1<<scrambleBits - 1
	for range 3 {
		x = (x * 0x9e3779b1) & mask
		x ^= x >> 15
		x ^= key & mask
		key = key>>7 | key<<57
	}
	return x
}

// appendSourceID writes a record key: veteran "TY-330824-0123456789", civil
// "MZ3308240123456789", health "WJ330824-0123456789". dup selects the
// second record of a duplicated person.
func appendSourceID(b []byte, dept int, county string, index int, dup bool) []byte {
	x := uint64(index) << 1
	if dup {
		x |= 1
	}
	switch dept {
	case deptVeteran:
		b = append(append(append(b, "TY-"...), county...), '-')
		return appendPadded(b, scramble(x, keyVeteran), 10)
	case deptCivil:
		b = append(append(b, "MZ"...), county...)
		return appendPadded(b, scramble(x, keyCivil), 10)
	}
	b = append(append(append(b, "WJ"...), county...), '-')
	return appendPadded(b, scramble(x, keyHealth), 10)
}

// appendHouseholdID writes "HH-330824-0123456789" for the head's index.
func appendHouseholdID(b []byte, county string, head int) []byte {
	b = append(append(append(b, "HH-"...), county...), '-')
	return appendPadded(b, scramble(uint64(head), keyHousehold), 10)
}

// appendPersonKey writes the truth key "P00000042" of a person index.
func appendPersonKey(b []byte, index int) []byte {
	return appendPadded(append(b, 'P'), uint64(index+1), 8)
}

// personKey writes the "personKey" key of a truth line.
func (o *obj) personKey(index int) {
	o.key("personKey")
	o.b = append(appendPersonKey(append(o.b, '"'), index), '"')
}
