package chinese

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// Level is how closely two names agree. Levels grow with agreement, so
// "at least homophones" reads l >= SamePinyin; Missing, the zero value, is
// below every agreement level and means no evidence either way.
type Level int

// Levels, from strongest to weakest; each is reported only when no
// stronger one holds.
const (
	Exact          Level = 6 // raw names equal after trimming surrounding white space
	SameSimplified Level = 5 // Norm equal: traditional/simplified, inner spaces, full-width
	SamePinyin     Level = 4 // same toneless syllables: homophones (王伟, 王维)
	ClosePinyin    Level = 3 // Jaro–Winkler of the pinyin (no spaces) ≥ ClosePinyinThreshold
	OneCharDiff    Level = 2 // same length and surname, exactly one character differs
	Different      Level = 1
	Missing        Level = 0 // either name empty after normalisation
)

// ClosePinyinThreshold is the Jaro–Winkler similarity of the pinyin from
// which two names are ClosePinyin.
const ClosePinyinThreshold = 0.92

var levelNames = [...]string{"Missing", "Different", "OneCharDiff", "ClosePinyin", "SamePinyin", "SameSimplified", "Exact"}

func (l Level) String() string {
	if l < 0 || int(l) >= len(levelNames) {
		return "Level(" + strconv.Itoa(int(l)) + ")"
	}
	return levelNames[l]
}

// Name is a name prepared once per record for Compare.
type Name struct {
	Raw           string // as given
	Trimmed       string // Raw without surrounding white space
	Norm          string // Normalize(Raw)
	Surname       string // SplitName(Norm)
	Given         string
	Pinyin        string // syllables joined by spaces: "wang wei"
	SurnamePinyin string
	GivenPinyin   string
	PinyinCompact string // Pinyin without spaces, the Jaro–Winkler input: "wangwei"
	NormLen       int    // characters (runes) in Norm

	letters letterCounts // of PinyinCompact, to skip hopeless Jaro–Winkler calls
}

// Prepare normalises, splits and romanises a raw name.
func Prepare(raw string) Name {
	n := Name{Raw: raw, Trimmed: strings.TrimSpace(raw), Norm: Normalize(raw)}
	n.Surname, n.Given = SplitName(n.Norm)
	n.NormLen = utf8.RuneCountInString(n.Norm)
	var buf [8]string
	syl := appendSurname(buf[:0], n.Surname)
	ns := len(syl)
	syl = appendSyllables(syl, n.Given)
	n.SurnamePinyin = strings.Join(syl[:ns], " ")
	n.GivenPinyin = strings.Join(syl[ns:], " ")
	n.Pinyin = strings.Join(syl, " ")
	n.PinyinCompact = strings.Join(syl, "")
	n.letters = countLetters(n.PinyinCompact)
	return n
}

// Compare returns the strongest Level at which a and b agree. It does not
// allocate for names of up to 64 pinyin letters.
func Compare(a, b *Name) Level {
	switch {
	case a.Norm == "" || b.Norm == "":
		return Missing
	case a.Trimmed == b.Trimmed:
		return Exact
	case a.Norm == b.Norm:
		return SameSimplified
	case a.Pinyin == "" || b.Pinyin == "": // only middle dots: nothing to sound out
		return Different
	case a.Pinyin == b.Pinyin:
		return SamePinyin
	case closePinyin(a, b):
		return ClosePinyin
	case oneCharDiff(a, b):
		return OneCharDiff
	}
	return Different
}

// closePinyin reports a Jaro–Winkler similarity of the compact pinyin at
// least ClosePinyinThreshold. Most pairs compared are different names, so
// it first bounds the similarity from the letters the two have in common.
func closePinyin(a, b *Name) bool {
	x, y := a.PinyinCompact, b.PinyinCompact
	if c, ok := commonLetters(&a.letters, &b.letters); ok {
		// At most c runes match; transpositions can only lower the third term.
		j := (float64(c)/float64(len(x)) + float64(c)/float64(len(y)) + 1) / 3
		if j+0.4*(1-j) < ClosePinyinThreshold {
			return false
		}
	}
	return JaroWinkler(x, y) >= ClosePinyinThreshold
}

// oneCharDiff reports equal surnames and equal lengths with exactly one
// character different: once the common leading and trailing characters are
// cut off, one character is left of each. It works on bytes, as decoding
// every rune would cost more than the rest of Compare.
func oneCharDiff(a, b *Name) bool {
	if a.NormLen != b.NormLen || a.Surname != b.Surname {
		return false
	}
	x, y := a.Norm, b.Norm
	p := 0
	for p < len(x) && p < len(y) && x[p] == y[p] {
		p++
	}
	for p > 0 && p < len(x) && !utf8.RuneStart(x[p]) {
		p--
	}
	x, y = x[p:], y[p:]
	s := 0
	for s < len(x) && s < len(y) && x[len(x)-1-s] == y[len(y)-1-s] {
		s++
	}
	for s > 0 && !utf8.RuneStart(x[len(x)-s]) {
		s--
	}
	return oneRune(x[:len(x)-s]) && oneRune(y[:len(y)-s])
}

func oneRune(s string) bool {
	_, n := utf8.DecodeRuneInString(s)
	return n > 0 && n == len(s)
}
