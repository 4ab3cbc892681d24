package hardship

import (
	"time"

	"github.com/vethub/vethub/feed"
)

// birthOf picks the birth date that ages are computed from. A valid ID
// number states it by law (GB 11643) and survives the typos a birthDate
// field collects, so it comes first; then the veteran registry, which is
// checked by hand at 建档立卡; then any record, newest department first.
func birthOf(recs []feed.Record, newest [3]*feed.Record) (d feed.Date, src source, fromID bool) {
	for _, k := range [...]int{0, 1, 2} {
		if r := newest[k]; r != nil && r.IDValid {
			if d, ok := idBirthDate(r.IDNumber); ok {
				return d, sourceOf(r), true
			}
		}
	}
	for i := range recs {
		if r := &recs[i]; r.IDValid {
			if d, ok := idBirthDate(r.IDNumber); ok {
				return d, sourceOf(r), true
			}
		}
	}
	for _, k := range [...]int{0, 1, 2} {
		if r := newest[k]; r != nil && !r.BirthDate.IsZero() {
			return r.BirthDate, sourceOf(r), false
		}
	}
	return feed.Date{}, source{}, false
}

// idBirthDate reads YYYYMMDD from an 18-character ID number, without
// allocating: it runs for every person.
func idBirthDate(id string) (feed.Date, bool) {
	if len(id) != 18 {
		return feed.Date{}, false
	}
	y, m, d := atoi(id[6:10]), atoi(id[10:12]), atoi(id[12:14])
	if y < 1880 || m < 1 || m > 12 || d < 1 || d > 31 {
		return feed.Date{}, false
	}
	t := feed.NewDate(y, time.Month(m), d)
	return t, t.Day() == d // time.Date rolls Feb 30 into March
}

// atoi converts ASCII digits; anything else gives -1.
func atoi(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return -1
		}
		n = n*10 + int(s[i]-'0')
	}
	return n
}

// daysBetween is the whole days from a to b (negative when b is earlier).
func daysBetween(a, b feed.Date) int {
	return int(b.Sub(a.Time) / (24 * time.Hour))
}
