package linker

import (
	"github.com/vethub/vethub/matching/parallel"

	"encoding/json"
	"math"
	"strconv"

	"github.com/vethub/vethub/matching/fs"
)

// evidenceJSON encodes each evidence as json.Marshal does (nil where it
// fails), by hand and on every core: reflection cost seconds a million.
func evidenceJSON(ev []*fs.Evidence) [][]byte {
	out := make([][]byte, len(ev))
	parallel.Chunks(len(ev), func(from, to int) {
		var arena []byte // documents share large blocks: few allocations
		for i := from; i < to; i++ {
			if ev[i] == nil {
				continue
			}
			if cap(arena)-len(arena) < 4096 {
				arena = make([]byte, 0, 1<<20)
			}
			doc, ok := appendEvidence(arena, ev[i])
			if ok {
				out[i], arena = doc[len(arena):len(doc):len(doc)], doc
			}
		}
	})
	return out
}

// appendEvidence appends e's JSON exactly as json.Marshal writes it; false
// where Marshal fails (a weight that is not a finite number).
func appendEvidence(b []byte, e *fs.Evidence) ([]byte, bool) {
	ok := true
	num := func(f float64) {
		var good bool
		b, good = appendJSONFloat(b, f)
		ok = ok && good
	}
	b = strconv.AppendInt(append(b, `{"with":`...), e.With, 10)
	b = append(b, `,"probability":`...)
	num(e.Probability)
	b = append(b, `,"weight":`...)
	num(e.Weight)
	if e.Fields == nil {
		return append(b, `,"fields":null}`...), ok
	}
	b = append(b, `,"fields":[`...)
	for i, f := range e.Fields {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(append(b, `{"field":`...), f.Field)
		b = appendJSONString(append(b, `,"level":`...), f.Level)
		b = append(b, `,"weight":`...)
		num(f.Weight)
		b = append(b, '}')
	}
	return append(b, "]}"...), ok
}

// appendJSONFloat formats f as encoding/json does: shortest 'f' form, or
// 'e' below 1e-6 and from 1e21, its exponent without a leading zero.
func appendJSONFloat(b []byte, f float64) ([]byte, bool) {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return b, false
	}
	format := byte('f')
	if abs := math.Abs(f); abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, f, format, -1, 64)
	if n := len(b); format == 'e' && n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
		b[n-2] = b[n-1]
		b = b[:n-1]
	}
	return b, true
}

// appendJSONString quotes s as encoding/json does. Field and level names
// are plain ASCII; anything else goes through json.Marshal.
func appendJSONString(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
			q, _ := json.Marshal(s)
			return append(b, q...)
		}
	}
	return append(append(append(b, '"'), s...), '"')
}
