package tabular

import (
	"time"
	"unicode/utf8"
)

// parseDate reads s in the first layout that fits, as YYYYMMDD, or "".
func parseDate(s string, layouts []string) string {
	if s == "" {
		return ""
	}
	for _, l := range layouts {
		if t, err := time.Parse(l, s); err == nil {
			return t.Format("20060102")
		}
	}
	return ""
}

// levenshtein is the edit distance of a and b in runes, or limit+1 when
// it is larger than limit: a pair that far apart is simply different, and
// stopping there keeps long values cheap.
func levenshtein(a, b string, limit int) int {
	if isASCII(a) && isASCII(b) { // codes, numbers, Latin names: no decoding
		return editDistance([]byte(a), []byte(b), limit)
	}
	var bufA, bufB [64]rune
	return editDistance(appendRunes(bufA[:0], a), appendRunes(bufB[:0], b), limit)
}

func editDistance[E byte | rune](x, y []E, limit int) int {
	if len(x) < len(y) {
		x, y = y, x
	}
	if len(x)-len(y) > limit {
		return limit + 1
	}
	var rowBuf [65]int
	row := rowBuf[:0]
	if len(y)+1 > len(rowBuf) {
		row = make([]int, 0, len(y)+1)
	}
	for j := 0; j <= len(y); j++ {
		row = append(row, j)
	}
	for i := 1; i <= len(x); i++ {
		diag := row[0]
		row[0] = i
		best := i
		for j := 1; j <= len(y); j++ {
			cost := 1
			if x[i-1] == y[j-1] {
				cost = 0
			}
			up := row[j]
			row[j] = min(up+1, row[j-1]+1, diag+cost)
			diag = up
			best = min(best, row[j])
		}
		if best > limit { // every path already costs more
			return limit + 1
		}
	}
	return min(row[len(y)], limit+1)
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func appendRunes(dst []rune, s string) []rune {
	for _, r := range s {
		dst = append(dst, r)
	}
	return dst
}

// soundex is the American Soundex code of the letters of s (A-Z, any
// case; other characters are skipped): the first letter and three digits,
// "" when s has no letter. Letters of one code separated only by H or W
// count once; a vowel between them makes them count twice.
func soundex(s string) string {
	var out [4]byte
	n := 0
	var prev byte
	for i := 0; i < len(s) && n < 4; {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		c := upper(r)
		if c == 0 {
			continue
		}
		code := soundexCode[c-'A']
		switch {
		case n == 0:
			out[0] = c
			n = 1
		case c == 'H' || c == 'W':
			continue // does not separate letters of one code
		case code != '0' && code != prev:
			out[n] = code
			n++
		}
		prev = code
	}
	if n == 0 {
		return ""
	}
	for ; n < 4; n++ {
		out[n] = '0'
	}
	return string(out[:])
}

// soundexCode is the digit of each letter A to Z; 0 for vowels, H, W, Y.
const soundexCode = "01230120022455012623010202"

// upper is the ASCII letter r in upper case, or 0.
func upper(r rune) byte {
	switch {
	case r >= 'a' && r <= 'z':
		return byte(r - 'a' + 'A')
	case r >= 'A' && r <= 'Z':
		return byte(r)
	}
	return 0
}
