package matching

import (
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Problems reported in IDNumber.Problem.
const (
	IDProblemLength         = "LENGTH"          // neither 15 nor 18 characters
	IDProblemCharacters     = "CHARACTERS"      // right length, characters other than digits and a final X
	IDProblemBirthDate      = "BIRTH_DATE"      // embedded date not a real date between 1880 and today
	IDProblemCheckCharacter = "CHECK_CHARACTER" // 18th character does not match ISO 7064 MOD 11-2
)

// IDNumber is a parsed 公民身份号码 (GB 11643-1999).
type IDNumber struct {
	// Normalized is the 18-character form with an uppercase X; a 15-digit
	// legacy number is upgraded ("19" inserted, check character appended).
	// It is "" when Structure is false.
	Normalized string
	Legacy     bool // given as 15 digits
	// Structure reports 17 digits plus a digit or X (either case), or 15 digits.
	Structure bool
	// Valid is Structure, a real birth date (1880..today) and a right check character.
	Valid bool
	// Problem is "" when Valid, else one of the IDProblem constants; a
	// bad birth date is reported before a bad check character.
	Problem string
	// BirthDate is the embedded date (UTC midnight) when it is a real date
	// between 1880-01-01 and today; zero otherwise.
	BirthDate  time.Time
	Sex        string // "M" (odd sequence) or "F" (even); "" without Structure
	RegionCode string // the 6-digit address code; "" without Structure
}

// idWeights are the GB 11643 weights W_i = 2^(17-i) mod 11 for i = 1..17.
var idWeights = [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}

const idCheckChars = "10X98765432"

// chinaTime is the zone "today" is judged in: records are Chinese dates.
var chinaTime = time.FixedZone("CST", 8*60*60)

// today is replaceable in tests.
var today = func() time.Time {
	y, m, d := time.Now().In(chinaTime).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// IDCheckChar returns the ISO 7064 MOD 11-2 check character ('0'-'9' or
// 'X') for the first 17 digits of an 18-character ID number.
// It panics if first17 is not exactly 17 ASCII digits; ParseIDNumber never
// calls it with anything else.
func IDCheckChar(first17 string) byte {
	if len(first17) != 17 || !allDigits(first17) {
		panic("matching.IDCheckChar: want 17 ASCII digits, got " + first17)
	}
	s := 0
	for i := 0; i < 17; i++ {
		s += int(first17[i]-'0') * idWeights[i]
	}
	return idCheckChars[s%11]
}

// UpgradeLegacyID turns a 15-digit GB 11643-1989 number into its 18-character
// form by inserting "19" after the address code and appending the check
// character. It returns "", false when id15 is not exactly 15 ASCII digits;
// it does not judge the birth date.
func UpgradeLegacyID(id15 string) (string, bool) {
	if len(id15) != 15 || !allDigits(id15) {
		return "", false
	}
	first17 := id15[:6] + "19" + id15[6:]
	return first17 + string(IDCheckChar(first17)), true
}

// ParseIDNumber parses an ID number as a department sent it. It trims
// white space (including the full-width space U+3000), folds full-width
// digits and X to ASCII, and accepts a lowercase x. It never panics: every
// problem is reported in the result's Structure, Valid and Problem fields.
func ParseIDNumber(s string) IDNumber {
	s = foldIDChars(strings.TrimFunc(s, unicode.IsSpace))
	n := utf8.RuneCountInString(s)
	if n != 15 && n != 18 {
		return IDNumber{Problem: IDProblemLength}
	}
	norm, legacy, ok := normalizeID(s)
	if len(s) != n || !ok {
		return IDNumber{Problem: IDProblemCharacters}
	}
	id := IDNumber{
		Normalized: norm,
		Legacy:     legacy,
		Structure:  true,
		RegionCode: norm[:6],
		Sex:        "F",
	}
	if (norm[16]-'0')%2 == 1 {
		id.Sex = "M"
	}
	id.BirthDate = idBirthDate(norm[6:14])
	switch {
	case id.BirthDate.IsZero():
		id.Problem = IDProblemBirthDate
	case IDCheckChar(norm[:17]) != norm[17]:
		id.Problem = IDProblemCheckCharacter
	default:
		id.Valid = true
	}
	return id
}

// normalizeID returns the 18-character uppercase form of a 15- or
// 18-character string, or ok=false when its characters are wrong.
func normalizeID(s string) (norm string, legacy, ok bool) {
	switch len(s) {
	case 15:
		norm, ok = UpgradeLegacyID(s)
		return norm, true, ok
	case 18:
	default:
		return "", false, false
	}
	if !allDigits(s[:17]) {
		return "", false, false
	}
	switch last := s[17]; {
	case last >= '0' && last <= '9', last == 'X':
		return s, false, true
	case last == 'x':
		return s[:17] + "X", false, true
	}
	return "", false, false
}

// idBirthDate parses YYYYMMDD (known digits) and returns it when it is a
// real calendar date from 1880-01-01 to today, else the zero time.
func idBirthDate(yyyymmdd string) time.Time {
	y := atoiDigits(yyyymmdd[:4])
	m := atoiDigits(yyyymmdd[4:6])
	d := atoiDigits(yyyymmdd[6:8])
	if y < 1880 || m < 1 || m > 12 || d < 1 || d > 31 {
		return time.Time{}
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	// time.Date normalises Feb 30 to Mar 2: a changed day means not real.
	if t.Day() != d || t.After(today()) {
		return time.Time{}
	}
	return t
}

// foldIDChars maps full-width digits and X/x to ASCII; spreadsheets and
// Chinese input methods produce them. ASCII input is returned unchanged
// without allocating.
func foldIDChars(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		return s
	}
	return strings.Map(func(r rune) rune {
		switch {
		case r >= '０' && r <= '９':
			return r - '０' + '0'
		case r == 'Ｘ':
			return 'X'
		case r == 'ｘ':
			return 'x'
		}
		return r
	}, s)
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// atoiDigits converts a string already known to hold only digits.
func atoiDigits(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}
