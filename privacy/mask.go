package privacy

import "strings"

// MaskIDNumber keeps the region (first six characters) and the last four
// of an ID number: 330824********123X.
func MaskIDNumber(s string) string { return keepEnds(s, 6, 4) }

// MaskPhone keeps the carrier prefix (first three digits) and the last
// four: 138****1234.
func MaskPhone(s string) string { return keepEnds(s, 3, 4) }

// MaskAddress keeps the first six characters (province, city or county)
// and hides the rest: 浙江省衢州市****.
func MaskAddress(s string) string {
	r := []rune(s)
	if len(r) <= 6 {
		return strings.Repeat("*", len(r))
	}
	return string(r[:6]) + "****"
}

// keepEnds replaces every character but the first head and last tail with
// '*'; a value too short to keep both is masked entirely.
func keepEnds(s string, head, tail int) string {
	r := []rune(s)
	if len(r) <= head+tail {
		return strings.Repeat("*", len(r))
	}
	return string(r[:head]) + strings.Repeat("*", len(r)-head-tail) + string(r[len(r)-tail:])
}
