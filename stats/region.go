package stats

// Ancestors lists the region codes a counter of code is kept at: the code
// itself and every administrative level above it, finest first. A village
// (12 digits) counts in its township, county, prefecture and province; the
// prefecture and province use the GB/T 2260 six-digit form (330800,
// 330000). Codes of other lengths are kept only at their own level.
func Ancestors(code string) []string {
	out := []string{code}
	if len(code) == 12 {
		code = code[:9]
		out = append(out, code)
	}
	if len(code) == 9 {
		code = code[:6]
		out = append(out, code)
	}
	if len(code) != 6 {
		return out
	}
	for _, up := range []string{code[:4] + "00", code[:2] + "0000"} {
		if up != out[len(out)-1] {
			out = append(out, up)
		}
	}
	return out
}

// Parent is the region a code's counters roll up into ("" above a
// province): the drill-down breakdown of a region lists the codes whose
// Parent it is.
func Parent(code string) string {
	a := Ancestors(code)
	if len(a) < 2 {
		return ""
	}
	return a[1]
}
