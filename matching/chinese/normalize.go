package chinese

import (
	"strings"
	"unicode"
)

// MiddleDot separates the parts of transliterated names (阿依古丽·买买提).
const MiddleDot = '·'

// Normalize returns the form of a name that spelling differences cannot
// change: white space dropped everywhere (ASCII, U+3000 and other Unicode
// spaces, plus invisible format characters such as U+200B and U+FEFF that
// spreadsheets leave behind), middle-dot variants (·•・‧･∙⋅) folded to '·',
// full-width ASCII folded to half-width, and traditional characters
// simplified. Case is kept.
func Normalize(name string) string {
	if isClean(name) {
		return Simplify(name)
	}
	var b strings.Builder
	b.Grow(len(name))
	for _, r := range name {
		if r = foldRune(r); r >= 0 {
			b.WriteRune(r)
		}
	}
	return Simplify(b.String())
}

// foldRune returns the normalised rune, or -1 for a rune to drop.
func foldRune(r rune) rune {
	switch {
	case unicode.IsSpace(r), unicode.Is(unicode.Cf, r):
		return -1
	case isDot(r):
		return MiddleDot
	case r >= '！' && r <= '～':
		return r - '！' + '!'
	}
	return r
}

func isDot(r rune) bool {
	switch r {
	case '·', '•', '・', '‧', '･', '∙', '⋅':
		return true
	}
	return false
}

// isClean reports that foldRune changes nothing, the usual case, so
// Normalize need not copy.
func isClean(s string) bool {
	for _, r := range s {
		if foldRune(r) != r {
			return false
		}
	}
	return true
}
