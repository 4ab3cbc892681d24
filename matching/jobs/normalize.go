package jobs

import (
	"strings"
	"unicode"
)

// normalize makes free-text names comparable: full-width ASCII becomes
// half-width, letters uppercase, and all white space goes, so that
// "机动车驾驶证ａ２ " and "机动车驾驶证A2" are one certificate.
func normalize(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case unicode.IsSpace(r):
			return -1
		case r >= '！' && r <= '～':
			r -= '！' - '!'
		}
		return unicode.ToUpper(r)
	}, s)
}
