// Package chinese normalises and compares Chinese personal names for record
// linkage: departments write one person's name in traditional or simplified
// characters, with stray (full-width) spaces, or with a homophone (王伟 and
// 王维). Names are prepared once per record (Prepare) so that comparing a
// pair (Compare) is cheap and does not allocate.
package chinese

import (
	_ "embed"
	"strings"
	"sync"
	"unicode/utf8"
)

// tsCharacters is OpenCC's TSCharacters table, one "T S" pair a line after a
// "#" header; scripts/vendor-opencc.sh regenerates it.
//
//go:embed ts_characters.txt
var tsCharacters string

var (
	tsOnce  sync.Once
	tsTable map[rune]rune
)

// table builds the map on first use: about 3,200 pairs, tens of
// microseconds, so programs that never simplify pay nothing.
func table() map[rune]rune {
	tsOnce.Do(func() { tsTable = parseTS(tsCharacters) })
	return tsTable
}

// parseTS reads "T S" lines; the header and malformed lines are skipped.
func parseTS(data string) map[rune]rune {
	m := make(map[rune]rune, strings.Count(data, "\n"))
	for line := range strings.Lines(data) {
		t, n := utf8.DecodeRuneInString(line)
		if t == '#' || n >= len(line) || line[n] != ' ' {
			continue
		}
		s, _ := utf8.DecodeRuneInString(line[n+1:])
		if s != utf8.RuneError {
			m[t] = s
		}
	}
	return m
}

// Simplify maps each traditional character to its simplified form,
// character by character (OpenCC TSCharacters, first alternative); other
// runes are kept. A string with nothing to map is returned without allocating.
func Simplify(s string) string {
	t := table()
	for i, r := range s {
		if _, ok := t[r]; ok {
			return simplifyFrom(s, i, t)
		}
	}
	return s
}

// simplifyFrom copies s[:i] unchanged and maps the rest.
func simplifyFrom(s string, i int, t map[rune]rune) string {
	var b strings.Builder
	b.Grow(len(s))
	b.WriteString(s[:i])
	for _, r := range s[i:] {
		if sr, ok := t[r]; ok {
			r = sr
		}
		b.WriteRune(r)
	}
	return b.String()
}
