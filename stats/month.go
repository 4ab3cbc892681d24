package stats

import (
	"fmt"
	"time"
)

// Month is a calendar month as year*100+month (202603 is March 2026): the
// counters' time grain. Zero means unknown.
type Month int

// bureauTime is China Standard Time: a case opened at 01:00 on the 1st
// counts in that month, wherever the server's clock is set. Dates (stored
// as midnight UTC) keep their day.
var bureauTime = time.FixedZone("CST", 8*3600)

// MonthOf is the month of t in China Standard Time.
func MonthOf(t time.Time) Month {
	if t.IsZero() {
		return 0
	}
	t = t.In(bureauTime)
	return Month(t.Year()*100 + int(t.Month()))
}

// Next is the month after m.
func (m Month) Next() Month {
	if m%100 == 12 {
		return m + 89 // 202612 → 202701
	}
	return m + 1
}

// First is the month's first day.
func (m Month) First() time.Time {
	return time.Date(int(m)/100, time.Month(int(m)%100), 1, 0, 0, 0, 0, time.UTC)
}

// Last is the month's last day.
func (m Month) Last() time.Time { return m.Next().First().AddDate(0, 0, -1) }

// String is YYYY-MM.
func (m Month) String() string { return fmt.Sprintf("%04d-%02d", int(m)/100, int(m)%100) }

// Months lists the months from first to last, both included.
func Months(first, last Month) []Month {
	var out []Month
	for m := first; m <= last && len(out) < 1200; m = m.Next() {
		out = append(out, m)
	}
	return out
}
