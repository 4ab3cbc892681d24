package feed

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/vethub/vethub/matching"
)

// earliestBirth is the earliest birth date accepted (as in GB 11643 checks).
var earliestBirth = NewDate(1880, 1, 1)

// header checks the keys every record and posting starts with.
func (c *checker) header(sourceID string, version *int64, asOf *string) (string, int64, Date) {
	id := strings.TrimSpace(sourceID)
	if id == "" {
		c.fail("sourceId", CodeRequired, "is required")
	} else if n := utf8.RuneCountInString(id); n > maxSourceID {
		c.fail("sourceId", CodeTooLong, "%s has %d characters; at most %d are allowed", show(id), n, maxSourceID)
		id = ""
	}
	var v int64
	switch {
	case version == nil:
		c.fail("sourceVersion", CodeRequired, "is required")
	case *version < 0:
		c.fail("sourceVersion", CodeOutOfRange, "%d is negative", *version)
	default:
		v = *version
	}
	return id, v, c.asOf(asOf)
}

// asOf allows one day ahead of China's today for clocks and time zones.
func (c *checker) asOf(p *string) Date {
	if p == nil || strings.TrimSpace(*p) == "" {
		c.fail("asOf", CodeRequired, "is required")
		return Date{}
	}
	d := c.date("asOf", p)
	if latest := Today().AddDays(1); d.After(latest.Time) {
		c.fail("asOf", CodeOutOfRange, "%s is after %s (more than a day in the future)", d, latest)
		return Date{}
	}
	return d
}

// person checks the keys every person record has.
func (c *checker) person(dept Department, in *PersonInput) Record {
	r := Record{Department: dept}
	r.SourceID, r.SourceVersion, r.AsOf = c.header(in.SourceID, in.SourceVersion, in.AsOf)
	r.Name = c.name(in.Name)
	id := c.idNumber(&r, in.IDNumber)
	r.Sex = c.sex(in.Sex)
	r.BirthDate = c.date("birthDate", in.BirthDate)
	if !c.dateIn("birthDate", r.BirthDate, earliestBirth, Today()) {
		r.BirthDate = Date{}
	}
	r.Phone = c.phone("phone", in.Phone)
	r.Address = c.text("address", in.Address, maxLongText)
	r.RegionCode = c.requiredRegion("regionCode", in.RegionCode)
	if id.Valid {
		c.idConsistency(r, id)
	}
	return r
}

// name removes all white space: departments type "张 三" and "张　三" for 张三.
func (c *checker) name(p *string) string {
	if p == nil || strings.TrimSpace(*p) == "" {
		c.fail("name", CodeRequired, "is required")
		return ""
	}
	v := *p
	if strings.IndexFunc(v, unicode.IsSpace) >= 0 {
		v = strings.Map(func(r rune) rune {
			if unicode.IsSpace(r) {
				return -1
			}
			return r
		}, v)
	}
	if n := utf8.RuneCountInString(v); n > maxName {
		c.fail("name", CodeTooLong, "%s has %d characters; at most %d are allowed", show(v), n, maxName)
		return ""
	}
	return v
}

// sex accepts M/F in any case, 男/女, and the GB/T 2261.1 codes 1/2.
func (c *checker) sex(p *string) string {
	if p == nil {
		return ""
	}
	switch strings.TrimSpace(*p) {
	case "":
		return ""
	case "M", "m", "男", "1":
		return "M"
	case "F", "f", "女", "2":
		return "F"
	}
	c.fail("sex", CodeInvalidEnum, "%s is not one of M, F (男 and 女 are accepted)", show(*p))
	return ""
}

// idNumber keeps any number shaped like an ID number, with a warning when
// it is flawed: the linker weighs a flawed number, it does not drop it.
func (c *checker) idNumber(r *Record, p *string) matching.IDNumber {
	if p == nil || strings.TrimSpace(*p) == "" {
		return matching.IDNumber{}
	}
	id := matching.ParseIDNumber(*p)
	switch id.Problem {
	case matching.IDProblemLength:
		c.fail("idNumber", CodeInvalidIDNumber, "%s is not an ID number: it has %d characters, want 18 or 15", show(*p), utf8.RuneCountInString(strings.TrimSpace(*p)))
		return id
	case matching.IDProblemCharacters:
		c.fail("idNumber", CodeInvalidIDNumber, "%s is not an ID number: only digits and a final X are allowed", show(*p))
		return id
	case matching.IDProblemBirthDate:
		c.warn("idNumber", CodeIDBirthDate, "%s embeds %s, which is not a real birth date from 1880 to today", show(*p), id.Normalized[6:14])
	case matching.IDProblemCheckCharacter:
		c.warn("idNumber", CodeIDCheckCharacter, "%s has check character %c, want %c", show(*p), id.Normalized[17], matching.IDCheckChar(id.Normalized[:17]))
	}
	if id.Legacy {
		c.warn("idNumber", CodeIDLegacyUpgraded, "%s is a 15-digit number; stored as %s", show(*p), id.Normalized)
	}
	r.IDNumber, r.IDValid, r.IDProblem, r.IDLegacy = id.Normalized, id.Valid, id.Problem, id.Legacy
	return id
}

// idConsistency warns when sex or birth date contradict a valid ID number;
// either side may be the typo, so both are kept.
func (c *checker) idConsistency(r Record, id matching.IDNumber) {
	if r.Sex != "" && r.Sex != id.Sex {
		c.warn("sex", CodeIDMismatch, "%s contradicts idNumber %s, which says %s", r.Sex, id.Normalized, id.Sex)
	}
	if !r.BirthDate.IsZero() && !r.BirthDate.Equal(id.BirthDate) {
		c.warn("birthDate", CodeIDMismatch, "%s contradicts idNumber %s, which says %s", r.BirthDate, id.Normalized, id.BirthDate.Format(dateLayout))
	}
}
