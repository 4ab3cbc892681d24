package feed

import "strings"

// phone returns an optional phone number as digits only: an 11-digit mobile
// starting with 1, or a 7–12 digit landline not starting with 1 (Chinese
// local numbers never do; a 1 there is a mistyped mobile).
func (c *checker) phone(path string, p *string) string {
	if p == nil || strings.TrimSpace(*p) == "" {
		return ""
	}
	v, ok := normalizePhone(*p)
	if !ok {
		c.fail(path, CodeInvalidPhone, "%s is neither an 11-digit mobile number starting with 1 nor a 7 to 12 digit landline number", show(*p))
		return ""
	}
	return v
}

// normalizePhone strips separators and the country code and checks the
// digits that remain.
func normalizePhone(s string) (string, bool) {
	d := strings.Map(func(r rune) rune {
		switch r {
		case ' ', '\t', '\u3000', '-', '－', '–', '(', ')', '（', '）':
			return -1
		}
		return r
	}, s)
	d, intl := stripCountryCode(d)
	if _, ok := digits(d); !ok {
		return "", false
	}
	if len(d) == 11 && d[0] == '1' {
		return d, true
	}
	if intl && d != "" && d[0] != '0' {
		d = "0" + d // +86 10 1234 5678 drops the trunk 0 of 010
	}
	return d, len(d) >= 7 && len(d) <= 12 && d[0] != '1'
}

// stripCountryCode removes +86, 0086, or a bare 86 before a mobile number.
func stripCountryCode(d string) (string, bool) {
	for _, cc := range []string{"+86", "0086"} {
		if rest, ok := strings.CutPrefix(d, cc); ok {
			return rest, true
		}
	}
	if len(d) == 13 && strings.HasPrefix(d, "861") {
		return d[2:], true
	}
	return d, false
}
