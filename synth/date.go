package synth

import "time"

// day is a date as days since 1970-01-01; plain integers keep the hot loops
// free of time.Time arithmetic.
type day int32

// civilDay converts a proleptic Gregorian date (H. Hinnant's algorithm).
func civilDay(y, m, d int) day {
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era--
	}
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return day(era*146097 + doe - 719468)
}

// ymd is the inverse of civilDay.
func (t day) ymd() (y, m, d int) {
	z := int(t) + 719468
	era := z / 146097
	if z < 0 && z%146097 != 0 {
		era--
	}
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d = doy - (153*mp+2)/5 + 1
	m = mp + 3
	if m > 12 {
		m -= 12
	}
	y = yoe + era*400
	if m <= 2 {
		y++
	}
	return y, m, d
}

func dayOf(t time.Time) day { return civilDay(t.Year(), int(t.Month()), t.Day()) }

// validDate reports whether y-m-d is a real calendar date.
func validDate(y, m, d int) bool {
	if m < 1 || m > 12 || d < 1 || d > 31 {
		return false
	}
	yy, mm, dd := civilDay(y, m, d).ymd()
	return yy == y && mm == m && dd == d
}

// addYears moves t by n calendar years; 29 February becomes 1 March.
func (t day) addYears(n int) day {
	y, m, d := t.ymd()
	if m == 2 && d == 29 && !validDate(y+n, 2, 29) {
		m, d = 3, 1
	}
	return civilDay(y+n, m, d)
}

// ageOn is the age in whole years on date on of someone born on t.
func (t day) ageOn(on day) int {
	by, bm, bd := t.ymd()
	y, m, d := on.ymd()
	age := y - by
	if m < bm || (m == bm && d < bd) {
		age--
	}
	return age
}

// appendDate appends YYYY-MM-DD.
func appendDate(b []byte, t day) []byte {
	y, m, d := t.ymd()
	return append(b, byte('0'+y/1000), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10),
		'-', byte('0'+m/10), byte('0'+m%10), '-', byte('0'+d/10), byte('0'+d%10))
}

// appendCompactDate appends YYYYMMDD, as inside an ID number.
func appendCompactDate(b []byte, t day) []byte {
	y, m, d := t.ymd()
	return append(b, byte('0'+y/1000), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10),
		byte('0'+m/10), byte('0'+m%10), byte('0'+d/10), byte('0'+d%10))
}
