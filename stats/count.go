package stats

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Suppressor hides counts small enough to point at a person: a count from
// 1 to Min-1 has no value and displays as "<Min". Amounts, rates and
// medians over such a count are hidden with it. Min below 2 hides nothing.
type Suppressor struct{ Min int64 }

// Count is a number of persons, cases or the like.
type Count struct {
	Value      *int64 `json:"value"`   // nil when suppressed
	Display    string `json:"display"` // "6,899", or "<5" when suppressed
	Suppressed bool   `json:"suppressed"`
}

// Amount is money in yuan, hidden with the count it is paid to.
type Amount struct {
	Yuan       *float64 `json:"yuan"`
	Display    string   `json:"display"` // "1,234,567.89"
	Suppressed bool     `json:"suppressed"`
}

// Rate is a share, hidden when its numerator or denominator is.
type Rate struct {
	Value      *float64 `json:"value"`   // 0.973 for 97.30%; nil when suppressed or undefined
	Display    string   `json:"display"` // "97.30%"; "-" when the denominator is zero
	Suppressed bool     `json:"suppressed"`
}

// Median is a median number of days, hidden when it is over too few cases.
type Median struct {
	Days       *float64 `json:"days"`
	Display    string   `json:"display"`
	Suppressed bool     `json:"suppressed"`
}

func (s Suppressor) hides(n int64) bool { return n > 0 && n < s.Min }

func (s Suppressor) hidden() string { return "<" + strconv.FormatInt(s.Min, 10) }

// Count is n as shown.
func (s Suppressor) Count(n int64) Count {
	if s.hides(n) {
		return Count{Display: s.hidden(), Suppressed: true}
	}
	return Count{Value: &n, Display: thousands(n)}
}

// Amount is fen paid to n persons (or cases) as shown.
func (s Suppressor) Amount(fen, n int64) Amount {
	if s.hides(n) {
		return Amount{Display: s.hidden(), Suppressed: true}
	}
	yuan := float64(fen) / 100
	sign := ""
	if fen < 0 {
		sign, fen = "-", -fen
	}
	return Amount{Yuan: &yuan, Display: fmt.Sprintf("%s%s.%02d", sign, thousands(fen/100), fen%100)}
}

// Rate is part/whole as shown.
func (s Suppressor) Rate(part, whole int64) Rate {
	if s.hides(part) || s.hides(whole) {
		return Rate{Display: s.hidden(), Suppressed: true}
	}
	if whole == 0 {
		return Rate{Display: "-"}
	}
	v := float64(part) / float64(whole)
	return Rate{Value: &v, Display: fmt.Sprintf("%.2f%%", 100*v)}
}

// Median is the median of a histogram of days (days → cases).
func (s Suppressor) Median(hist map[int]int64) Median {
	var n int64
	for _, c := range hist {
		n += c
	}
	if s.hides(n) {
		return Median{Display: s.hidden(), Suppressed: true}
	}
	if n == 0 {
		return Median{Display: "-"}
	}
	d := median(hist, n)
	return Median{Days: &d, Display: strconv.FormatFloat(d, 'f', -1, 64)}
}

// median is the middle of n values (the mean of the two middle ones when n
// is even), walking the histogram in day order.
func median(hist map[int]int64, n int64) float64 {
	days := make([]int, 0, len(hist))
	for d := range hist {
		days = append(days, d)
	}
	slices.Sort(days)
	at := func(i int64) int { // the i-th value, from 0
		for _, d := range days {
			if i < hist[d] {
				return d
			}
			i -= hist[d]
		}
		return days[len(days)-1]
	}
	if n%2 == 1 {
		return float64(at(n / 2))
	}
	return float64(at(n/2-1)+at(n/2)) / 2
}

// thousands writes n with comma separators: 6899 → "6,899".
func thousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}
