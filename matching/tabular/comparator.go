package tabular

import (
	"strconv"
	"strings"

	"github.com/vethub/vethub/matching/chinese"
)

// value is one record's prepared value of one field; text "" is missing.
type value struct {
	text string        // normalised: lower case for text, YYYYMMDD for dates
	num  float64       // numeric
	name *chinese.Name // chinese_name
}

// comparator turns a field's raw values into comparison levels. Level 0
// is missing (either side empty or unreadable), level 1 exact agreement,
// the last level disagreement.
type comparator struct {
	levels  []string
	prepare func(raw string) value
	compare func(a, b *value) uint8
	// tfKey is the value whose frequency adjusts a pair at level l, or ""
	// where the level says nothing about one shared value.
	tfKey func(v *value, l uint8) string
}

// newComparator builds the comparator of a validated field.
func newComparator(f *FieldConfig) comparator {
	switch f.Comparator {
	case "jaro_winkler":
		return jaroWinklerComparator(f.Thresholds)
	case "levenshtein":
		return levenshteinComparator(f.MaxEdits)
	case "numeric":
		return numericComparator(f.Abs, f.Rel)
	case "date":
		return dateComparator(f.Formats)
	case "chinese_name":
		return chineseNameComparator()
	}
	return exactComparator()
}

// prepareText lower-cases text and folds its inner white space: case and
// spacing are formatting, not evidence.
func prepareText(raw string) value {
	return value{text: strings.ToLower(strings.Join(strings.Fields(raw), " "))}
}

// exactTF adjusts the exact level by the shared value.
func exactTF(v *value, l uint8) string {
	if l == 1 {
		return v.text
	}
	return ""
}

func exactComparator() comparator {
	return comparator{
		levels:  []string{"MISSING", "EXACT", "DIFFERENT"},
		prepare: prepareText,
		compare: func(a, b *value) uint8 {
			switch {
			case a.text == "" || b.text == "":
				return 0
			case a.text == b.text:
				return 1
			}
			return 2
		},
		tfKey: exactTF,
	}
}

// atLeast is the level of a similarity against descending thresholds:
// 2 for the first one met (1 is an exact value) and so on, the last level
// when none is.
func atLeast(s float64, thresholds []float64) uint8 {
	for i, t := range thresholds {
		if s >= t {
			return uint8(i + 2)
		}
	}
	return uint8(len(thresholds) + 2)
}

// atMost is the level of a difference against ascending limits.
func atMost[T int | float64](d T, limits []T) uint8 {
	for i, l := range limits {
		if d <= l {
			return uint8(i + 2)
		}
	}
	return uint8(len(limits) + 2)
}

func jaroWinklerComparator(thresholds []float64) comparator {
	levels := []string{"MISSING", "EXACT"}
	for _, t := range thresholds {
		levels = append(levels, "JW>="+strconv.FormatFloat(t, 'g', -1, 64))
	}
	return comparator{
		levels:  append(levels, "DIFFERENT"),
		prepare: prepareText,
		compare: func(a, b *value) uint8 {
			switch {
			case a.text == "" || b.text == "":
				return 0
			case a.text == b.text:
				return 1
			}
			return atLeast(chinese.JaroWinkler(a.text, b.text), thresholds)
		},
		tfKey: exactTF,
	}
}

func levenshteinComparator(maxEdits []int) comparator {
	levels := []string{"MISSING", "EXACT"}
	for _, e := range maxEdits {
		levels = append(levels, "EDITS<="+strconv.Itoa(e))
	}
	most := maxEdits[len(maxEdits)-1]
	return comparator{
		levels:  append(levels, "DIFFERENT"),
		prepare: prepareText,
		compare: func(a, b *value) uint8 {
			switch {
			case a.text == "" || b.text == "":
				return 0
			case a.text == b.text:
				return 1
			}
			return atMost(levenshtein(a.text, b.text, most), maxEdits)
		},
		tfKey: exactTF,
	}
}

// numericComparator grades absolute differences, or relative ones (the
// difference over the larger magnitude) when rel is set.
func numericComparator(abs, rel []float64) comparator {
	limits, prefix := abs, "ABS<="
	if rel != nil {
		limits, prefix = rel, "REL<="
	}
	levels := []string{"MISSING", "EXACT"}
	for _, l := range limits {
		levels = append(levels, prefix+strconv.FormatFloat(l, 'g', -1, 64))
	}
	return comparator{
		levels: append(levels, "DIFFERENT"),
		prepare: func(raw string) value {
			x, err := strconv.ParseFloat(strings.TrimSpace(raw), 64)
			if err != nil || x != x { // unreadable or NaN: missing
				return value{}
			}
			return value{text: strconv.FormatFloat(x, 'g', -1, 64), num: x}
		},
		compare: func(a, b *value) uint8 {
			switch {
			case a.text == "" || b.text == "":
				return 0
			case a.num == b.num:
				return 1
			}
			d := absf(a.num - b.num)
			if rel != nil {
				d /= max(absf(a.num), absf(b.num))
			}
			return atMost(d, limits)
		},
		tfKey: func(*value, uint8) string { return "" },
	}
}

func absf(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

// Levels of the date comparator.
const (
	dateExact      = 1
	dateTransposed = 2 // two digits swapped, or day and month exchanged
	dateYearMonth  = 3
	dateDifferent  = 4
)

// dateComparator reads dates in any of the layouts (a value no layout
// reads is missing) and compares them as YYYYMMDD.
func dateComparator(formats []string) comparator {
	return comparator{
		levels: []string{"MISSING", "EXACT", "TRANSPOSED", "SAME_YEAR_MONTH", "DIFFERENT"},
		prepare: func(raw string) value {
			return value{text: parseDate(strings.TrimSpace(raw), formats)}
		},
		compare: func(a, b *value) uint8 {
			x, y := a.text, b.text
			switch {
			case x == "" || y == "":
				return 0
			case x == y:
				return dateExact
			case chinese.Swapped(x, y) || x[:4] == y[:4] && x[4:6] == y[6:8] && x[6:8] == y[4:6]:
				return dateTransposed
			case x[:6] == y[:6]:
				return dateYearMonth
			}
			return dateDifferent
		},
		tfKey: exactTF,
	}
}

// chineseNameComparator uses matching/chinese's name levels: simplified
// and traditional, homophones, close pinyin.
func chineseNameComparator() comparator {
	levels := []string{"MISSING", "EXACT", "SAME_SIMPLIFIED", "SAME_PINYIN", "CLOSE_PINYIN", "ONE_CHAR_DIFF", "DIFFERENT"}
	return comparator{
		levels: levels,
		prepare: func(raw string) value {
			n := chinese.Prepare(raw)
			if n.Norm == "" {
				return value{}
			}
			return value{text: n.Norm, name: &n}
		},
		compare: func(a, b *value) uint8 {
			if a.name == nil || b.name == nil {
				return 0
			}
			l := chinese.Compare(a.name, b.name)
			if l == chinese.Missing {
				return 0
			}
			return uint8(chinese.Exact - l + 1) // Exact is 1, Different 6

		},
		tfKey: func(v *value, l uint8) string {
			switch l {
			case 1, 2: // exact, same simplified: the normalised name
				return v.text
			case 3: // homophones: the pinyin
				return "\x00pinyin " + v.name.Pinyin
			}
			return ""
		},
	}
}
