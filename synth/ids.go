package synth

import (
	"fmt"

	"github.com/vethub/vethub/matching"
)

// maxPersons bounds Config.Persons: source ids scramble 2×index+duplicate
// within 33 bits and must stay unique.
const maxPersons = 1 << 31

// idRegistry hands out ID numbers unique across all persons. It is used by
// one goroutine at a time, in shard order, which keeps the result
// deterministic.
type idRegistry struct{ used map[uint64]struct{} }

func newIDRegistry(persons int) *idRegistry {
	return &idRegistry{used: make(map[uint64]struct{}, persons)}
}

// assign fixes the ID numbers of ps: on a clash the sequence moves on by
// two, keeping its parity (the sex).
func (reg *idRegistry) assign(ps []person) error {
	for i := range ps {
		p := &ps[i]
		y, m, d := p.birth.ymd()
		base := uint64(atoi6(p.idAddr))*100_000_000_000 + uint64(y*10000+m*100+d)*1000
		for tries := 0; ; tries++ {
			key := base + uint64(p.seq)
			if _, clash := reg.used[key]; !clash {
				reg.used[key] = struct{}{}
				break
			}
			if tries > 500 {
				return fmt.Errorf("synth: no free ID sequence for %s born %04d-%02d-%02d", p.idAddr, y, m, d)
			}
			p.seq += 2
			if p.seq > 995 {
				p.seq = 2 - p.seq%2
			}
		}
		p.id = buildID(p.idAddr, p.birth, p.seq)
	}
	return nil
}

// buildID assembles an 18-character ID number with its check character.
func buildID(addr string, birth day, seq uint16) [18]byte {
	var id [18]byte
	b := append(id[:0], addr...)
	b = appendCompactDate(b, birth)
	b = appendPadded(b, uint64(seq), 3)
	id[17] = matching.IDCheckChar(string(b[:17]))
	return id
}

// legacyID is the 15-digit GB 11643-1989 form: no century, no check.
func legacyID(id [18]byte) [18]byte {
	var out [18]byte
	copy(out[:6], id[:6])
	copy(out[6:], id[8:17])
	return out
}

func atoi6(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}
