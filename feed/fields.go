package feed

import (
	"math"
	"strings"
)

// maxMoney bounds amounts in yuan; anything larger is a unit or typing error.
const maxMoney = 1e10

// date returns an optional date ("" and absent are unknown).
func (c *checker) date(path string, p *string) Date {
	if p == nil {
		return Date{}
	}
	s := strings.TrimSpace(*p)
	if s == "" {
		return Date{}
	}
	d, ok := parseDate(s)
	if !ok {
		c.fail(path, CodeInvalidDate, "%s is not a real date in the form YYYY-MM-DD", show(*p))
	}
	return d
}

// dateIn reports whether d is zero or within [lo, hi], recording a finding
// otherwise.
func (c *checker) dateIn(path string, d, lo, hi Date) bool {
	if d.IsZero() || (!d.Before(lo.Time) && !d.After(hi.Time)) {
		return true
	}
	c.fail(path, CodeOutOfRange, "%s is outside %s to %s", d, lo, hi)
	return false
}

// intIn returns an optional integer within [lo, hi].
func (c *checker) intIn(path string, p *int, lo, hi int) *int {
	if !c.intInRange(path, p, lo, hi) {
		return nil
	}
	v := *p
	return &v
}

// intOrZero is intIn for keys whose zero means unknown (without the
// allocation of intIn's result).
func (c *checker) intOrZero(path string, p *int, lo, hi int) int {
	if !c.intInRange(path, p, lo, hi) {
		return 0
	}
	return *p
}

// intInRange says whether p is set and within [lo, hi]; out of range is a
// finding.
func (c *checker) intInRange(path string, p *int, lo, hi int) bool {
	if p == nil {
		return false
	}
	if *p < lo || *p > hi {
		c.fail(path, CodeOutOfRange, "%d is outside %d to %d", *p, lo, hi)
		return false
	}
	return true
}

// money returns an optional amount in yuan rounded to fen.
func (c *checker) money(path string, p *float64) *float64 {
	if p == nil {
		return nil
	}
	v := *p
	if math.IsNaN(v) || math.IsInf(v, 0) || v < 0 || v > maxMoney {
		c.fail(path, CodeInvalidMoney, "%g is not an amount from 0 to %g yuan", v, float64(maxMoney))
		return nil
	}
	r := math.Round(v*100) / 100
	return &r
}

// provinces marks the province prefixes of GB/T 2260.
var provinces = func() (p [100]bool) {
	for _, r := range [][2]int{{11, 15}, {21, 23}, {31, 37}, {41, 46}, {50, 54}, {61, 65}, {71, 71}, {81, 82}} {
		for i := r[0]; i <= r[1]; i++ {
			p[i] = true
		}
	}
	return p
}()

// ValidRegion reports whether s is a 6, 9 or 12 digit code of a known
// province: the shape of every region code the hub takes.
func ValidRegion(s string) bool {
	if len(s) != 6 && len(s) != 9 && len(s) != 12 {
		return false
	}
	_, ok := digits(s)
	return ok && provinces[int(s[0]-'0')*10+int(s[1]-'0')]
}

// region returns an optional region code.
func (c *checker) region(path string, p *string) string {
	if p == nil {
		return ""
	}
	v, _ := c.regionItem(path, *p)
	return v
}

func (c *checker) regionItem(path, s string) (string, bool) {
	v := strings.TrimSpace(s)
	if v == "" {
		return "", false
	}
	if !ValidRegion(v) {
		c.fail(path, CodeInvalidRegion, "%s is not a region code (6, 9 or 12 digits starting with a GB/T 2260 province code)", show(s))
		return "", false
	}
	return v, true
}

// requiredRegion returns a region code that must be present.
func (c *checker) requiredRegion(path string, p *string) string {
	if p == nil || strings.TrimSpace(*p) == "" {
		c.fail(path, CodeRequired, "is required")
		return ""
	}
	return c.region(path, p)
}

// occupationItem checks the 国家职业分类大典 format D-DD-DD-DD (大类 1–8).
func (c *checker) occupationItem(path, s string) (string, bool) {
	v := strings.TrimSpace(s)
	if v == "" {
		return "", false
	}
	if !validOccupation(v) {
		c.fail(path, CodeInvalidOccupationCode, "%s is not an occupation code in the form D-DD-DD-DD, e.g. 4-02-02-02", show(s))
		return "", false
	}
	return v, true
}

func validOccupation(s string) bool {
	if len(s) != 10 || s[0] < '1' || s[0] > '8' || s[1] != '-' || s[4] != '-' || s[7] != '-' {
		return false
	}
	_, ok1 := digits(s[2:4])
	_, ok2 := digits(s[5:7])
	_, ok3 := digits(s[8:10])
	return ok1 && ok2 && ok3
}

// icdItem checks an ICD-10 code loosely: a letter, two digits, then up to
// 13 characters of subcategory and extension (China's 医保 version uses
// codes like "E11.900" and "I10.X00", dagger/asterisk codes carry + or *).
func (c *checker) icdItem(path, s string) (string, bool) {
	v := strings.ToUpper(strings.TrimSpace(s))
	if v == "" {
		return "", false
	}
	if !validICD10(v) {
		c.fail(path, CodeInvalidICD10, "%s is not an ICD-10 code (a letter and two digits, e.g. I10 or E11.900)", show(s))
		return "", false
	}
	return v, true
}

func validICD10(s string) bool {
	if len(s) < 3 || len(s) > 16 || s[0] < 'A' || s[0] > 'Z' {
		return false
	}
	if _, ok := digits(s[1:3]); !ok {
		return false
	}
	for i := 3; i < len(s); i++ {
		if b := s[i]; !(b >= '0' && b <= '9' || b >= 'A' && b <= 'Z' || strings.IndexByte(".+*-", b) >= 0) {
			return false
		}
	}
	return true
}

// requiredText is text for a key that must be present.
func (c *checker) requiredText(path string, p *string, limit int) string {
	if p == nil || strings.TrimSpace(*p) == "" {
		c.fail(path, CodeRequired, "is required")
		return ""
	}
	return c.text(path, p, limit)
}
