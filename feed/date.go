package feed

import (
	"fmt"
	"time"
)

// Date is a calendar date (UTC midnight); the zero Date means unknown.
// It reads and writes as "YYYY-MM-DD" in JSON and text, and as null when zero.
type Date struct{ time.Time }

const dateLayout = "2006-01-02"

// chinaTime is the zone "today" is judged in: feeds carry Chinese dates.
var chinaTime = time.FixedZone("CST", 8*60*60)

// NewDate returns the given date; out-of-range parts normalise like time.Date.
func NewDate(year int, month time.Month, day int) Date {
	return Date{time.Date(year, month, day, 0, 0, 0, 0, time.UTC)}
}

// Today returns the current date in China (UTC+8).
func Today() Date {
	y, m, d := time.Now().In(chinaTime).Date()
	return NewDate(y, m, d)
}

// ParseDate parses exactly "YYYY-MM-DD" and fails unless it is a real date
// (no 2023-02-30) with a year from 1000 to 9999. Earlier years are refused
// because 0001-01-01 is the zero Date, which means unknown.
func ParseDate(s string) (Date, error) {
	if d, ok := parseDate(s); ok {
		return d, nil
	}
	return Date{}, fmt.Errorf("feed: %q is not a real date in the form YYYY-MM-DD", s)
}

// parseDate is ParseDate without the error allocation, for the hot path.
func parseDate(s string) (Date, bool) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return Date{}, false
	}
	y, ok1 := digits(s[0:4])
	m, ok2 := digits(s[5:7])
	d, ok3 := digits(s[8:10])
	if !ok1 || !ok2 || !ok3 || y < 1000 || m < 1 || m > 12 || d < 1 || d > 31 {
		return Date{}, false
	}
	t := NewDate(y, time.Month(m), d)
	if t.Day() != d { // time.Date rolled Feb 30 over into March
		return Date{}, false
	}
	return t, true
}

// digits converts a short string of ASCII digits; ok is false otherwise.
func digits(s string) (n int, ok bool) {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
		n = n*10 + int(s[i]-'0')
	}
	return n, len(s) > 0
}

// String returns "YYYY-MM-DD", or "" for the zero Date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return d.Format(dateLayout)
}

// AddDays returns the date n days later (earlier when n < 0).
func (d Date) AddDays(n int) Date { return Date{d.AddDate(0, 0, n)} }

// MarshalText returns "YYYY-MM-DD", or empty text for the zero Date.
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText parses "YYYY-MM-DD" (empty text gives the zero Date) and
// fails like ParseDate.
func (d *Date) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*d = Date{}
		return nil
	}
	p, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = p
	return nil
}

// MarshalJSON returns "YYYY-MM-DD" quoted, or null for the zero Date.
func (d Date) MarshalJSON() ([]byte, error) {
	if d.IsZero() {
		return []byte("null"), nil
	}
	b := make([]byte, 0, 12)
	b = append(b, '"')
	b = d.AppendFormat(b, dateLayout)
	return append(b, '"'), nil
}

// UnmarshalJSON accepts null or a quoted "YYYY-MM-DD" and fails like
// ParseDate for anything else.
func (d *Date) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*d = Date{}
		return nil
	}
	if len(b) < 2 || b[0] != '"' || b[len(b)-1] != '"' {
		return fmt.Errorf("feed: date %s is not a JSON string", b)
	}
	return d.UnmarshalText(b[1 : len(b)-1])
}
