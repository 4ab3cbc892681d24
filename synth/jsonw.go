package synth

import (
	"math"
	"strconv"

	"github.com/vethub/vethub/feed"
)

// obj appends one JSON object to a buffer without reflection or fmt: the
// feeds have millions of lines. Keys are trusted constants; values are
// escaped.
type obj struct {
	b     []byte
	first bool
}

func (o *obj) begin() { o.b = append(o.b, '{'); o.first = true }

// end closes the object and the NDJSON line.
func (o *obj) end() { o.b = append(o.b, '}', '\n') }

func (o *obj) key(k string) {
	if o.first {
		o.first = false
	} else {
		o.b = append(o.b, ',')
	}
	o.b = append(o.b, '"')
	o.b = append(o.b, k...)
	o.b = append(o.b, '"', ':')
}

func (o *obj) str(k, v string) { o.key(k); o.b = feed.AppendJSONString(o.b, v) }

// strOpt omits the key when v is empty (absent means unknown).
func (o *obj) strOpt(k, v string) {
	if v != "" {
		o.str(k, v)
	}
}

func (o *obj) int(k string, v int) { o.key(k); o.b = strconv.AppendInt(o.b, int64(v), 10) }

func (o *obj) boolean(k string, v bool) { o.key(k); o.b = strconv.AppendBool(o.b, v) }

func (o *obj) date(k string, t day) { o.key(k); o.b = append(appendDate(append(o.b, '"'), t), '"') }

// dateOpt omits the key for the zero day, which no generated date uses.
func (o *obj) dateOpt(k string, t day) {
	if t != 0 {
		o.date(k, t)
	}
}

func (o *obj) money(k string, v float64) { o.key(k); o.b = appendMoney(o.b, v) }

func (o *obj) float(k string, v float64, prec int) {
	o.key(k)
	o.b = strconv.AppendFloat(o.b, v, 'f', prec, 64)
}

// strList writes a list of strings; an empty list is written as [] since
// in the feeds an empty list means "none" and absent means "unknown".
func (o *obj) strList(k string, vs []string) {
	o.key(k)
	o.b = append(o.b, '[')
	for i, v := range vs {
		if i > 0 {
			o.b = append(o.b, ',')
		}
		o.b = feed.AppendJSONString(o.b, v)
	}
	o.b = append(o.b, ']')
}

// maskList writes the names of the bits set in mask, in table order.
func (o *obj) maskList(k string, mask uint32, names []string) {
	o.key(k)
	o.b = append(o.b, '[')
	n := 0
	for i, name := range names {
		if mask&(1<<i) == 0 {
			continue
		}
		if n > 0 {
			o.b = append(o.b, ',')
		}
		o.b = feed.AppendJSONString(o.b, name)
		n++
	}
	o.b = append(o.b, ']')
}

// appendMoney writes yuan rounded to fen with no trailing zeros
// (1234, 1234.5, 1234.56).
func appendMoney(b []byte, v float64) []byte {
	fen := int64(math.Round(v * 100))
	if fen < 0 {
		b = append(b, '-')
		fen = -fen
	}
	b = strconv.AppendInt(b, fen/100, 10)
	switch f := fen % 100; {
	case f == 0:
	case f%10 == 0:
		b = append(b, '.', byte('0'+f/10))
	default:
		b = append(b, '.', byte('0'+f/10), byte('0'+f%10))
	}
	return b
}

// appendPadded writes n in decimal, zero-padded to width digits.
func appendPadded(b []byte, n uint64, width int) []byte {
	var tmp [20]byte
	i := len(tmp)
	for n > 0 || i > len(tmp)-width {
		i--
		tmp[i] = byte('0' + n%10)
		n /= 10
	}
	return append(b, tmp[i:]...)
}

// open starts a nested object under key k.
func (o *obj) open(k string) { o.key(k); o.b = append(o.b, '{'); o.first = true }

// close ends a nested object.
func (o *obj) close() { o.b = append(o.b, '}'); o.first = false }
