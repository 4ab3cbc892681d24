package hardship

import (
	"math"
	"strconv"
	"strings"

	"github.com/vethub/vethub/feed"
)

// kind is the type of a fact; it decides the operators a condition on it
// may use.
type kind uint8

const (
	kindNumber kind = iota
	kindBool
	kindEnum // one value of a feed enum
	kindSet  // a list: feed enum values or ICD-10 codes
	kindDate // for explanations only: conditions use the day counts
)

var kindNames = [...]string{"number", "bool", "enum", "set", "date"}

// format says how a number prints.
type format uint8

const (
	fmtCount format = iota // whole number
	fmtMoney               // yuan, up to two decimals
	fmtShare               // a ratio, as a percentage with one decimal
)

// value is one fact of one person. Unknown facts never meet a condition.
type value struct {
	known bool
	num   float64
	b     bool
	s     string // an enum value; for a date fact or a day count, the date
	set   []string
	src   *source
}

func unknown() value { return value{} }

func numberOf(x float64, s *source) value { return value{known: true, num: x, src: s} }

func moneyOf(p *float64, s *source) value {
	if p == nil {
		return unknown()
	}
	return numberOf(*p, s)
}

func boolOf(p *bool, s *source) value {
	if p == nil {
		return unknown()
	}
	return value{known: true, b: *p, src: s}
}

func enumOf(v string, s *source) value {
	if v == "" {
		return unknown()
	}
	return value{known: true, s: v, src: s}
}

// setOf treats a nil list as unknown and an empty one as "none".
func setOf(v []string, s *source) value {
	if v == nil {
		return unknown()
	}
	return value{known: true, set: v, src: s}
}

func dateOf(d feed.Date, s *source) value {
	if d.IsZero() {
		return unknown()
	}
	return value{known: true, s: d.String(), src: s}
}

// daysSince counts whole days from d to today; s keeps the date itself,
// which (unlike the count) does not change from one day to the next.
func daysSince(d, today feed.Date, s *source) value {
	if d.IsZero() {
		return unknown()
	}
	return value{known: true, num: float64(daysBetween(d, today)), s: d.String(), src: s}
}

// formatNumber prints x in the fact's format.
func formatNumber(x float64, f format) string {
	switch f {
	case fmtCount:
		return strconv.FormatFloat(math.Round(x), 'f', 0, 64)
	case fmtShare:
		return strconv.FormatFloat(math.Round(x*1000)/10, 'f', -1, 64) + "%"
	}
	return strconv.FormatFloat(math.Round(x*100)/100, 'f', -1, 64)
}

// stableNumber rounds to two significant digits, so that the fingerprint
// of a flag ignores small changes (an income of 587.82 and of 590 agree).
func stableNumber(x float64) string {
	return strconv.FormatFloat(x, 'g', 2, 64)
}

// joinSet prints a list in the language's way.
func joinSet(items []string, lang lang) string {
	if lang == langZH {
		return strings.Join(items, "、")
	}
	return strings.Join(items, ", ")
}
