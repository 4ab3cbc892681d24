package tabular

import (
	"errors"
	"fmt"
	"slices"
	"strings"
)

var (
	comparators = []string{"exact", "jaro_winkler", "levenshtein", "numeric", "date", "chinese_name"}
	transforms  = []string{"exact", "prefix", "soundex", "pinyin", "surname_pinyin"}
)

// validate reports every problem of the config, each named by its path
// ("fields[2].comparator: ...").
func (c *Config) validate() error {
	var errs []error
	bad := func(path, format string, args ...any) {
		errs = append(errs, fmt.Errorf("%s: %s", path, fmt.Sprintf(format, args...)))
	}
	if c.ID == "" {
		bad("id", "required: the column holding each record's id")
	}
	if len(c.Fields) == 0 {
		bad("fields", "required: at least one field to compare")
	}
	if len(c.Fields) > 255 {
		bad("fields", "%d fields: at most 255", len(c.Fields))
	}
	names := map[string]int{}
	for i := range c.Fields {
		c.Fields[i].validate(fmt.Sprintf("fields[%d]", i), bad)
		if j, dup := names[c.Fields[i].Name]; dup && c.Fields[i].Name != "" {
			bad(fmt.Sprintf("fields[%d].name", i), "%q already names fields[%d]", c.Fields[i].Name, j)
		}
		names[c.Fields[i].Name] = i
	}
	if len(c.Blocking) == 0 {
		bad("blocking", "required: at least one rule (comparing every pair does not scale)")
	}
	for i, r := range c.Blocking {
		r.validate(fmt.Sprintf("blocking[%d]", i), bad)
	}
	t := c.Thresholds
	if !(t.Match > 0 && t.Match <= 1) {
		bad("thresholds.match", "%g: want a probability in (0, 1]", t.Match)
	}
	if !(t.Review > 0 && t.Review <= t.Match) {
		bad("thresholds.review", "%g: want a probability in (0, match]", t.Review)
	}
	if c.MaxBlock < 2 {
		bad("max_block", "%d: want at least 2", c.MaxBlock)
	}
	if c.Training.RandomPairs < 0 || c.Training.Iterations < 0 {
		bad("training", "random_pairs and iterations must be ≥ 0")
	}
	return errors.Join(errs...)
}

func (f *FieldConfig) validate(path string, bad func(path, format string, args ...any)) {
	if f.Column == "" {
		bad(path+".column", "required")
	}
	if !slices.Contains(comparators, f.Comparator) {
		if f.Comparator == "" {
			bad(path+".comparator", "required (one of %s)", strings.Join(comparators, ", "))
		} else {
			bad(path+".comparator", "unknown %q (want one of %s)", f.Comparator, strings.Join(comparators, ", "))
		}
		return
	}
	only := func(key string, set bool, comparator ...string) {
		if set && !slices.Contains(comparator, f.Comparator) {
			bad(path+"."+key, "only for %s, not %s", strings.Join(comparator, " or "), f.Comparator)
		}
	}
	only("thresholds", f.Thresholds != nil, "jaro_winkler")
	only("max_edits", f.MaxEdits != nil, "levenshtein")
	only("abs", f.Abs != nil, "numeric")
	only("rel", f.Rel != nil, "numeric")
	only("formats", f.Formats != nil, "date")
	only("tf", f.TF, "exact", "jaro_winkler", "levenshtein", "date", "chinese_name")
	switch f.Comparator {
	case "jaro_winkler":
		descending(path+".thresholds", f.Thresholds, 0, 1, bad)
	case "levenshtein":
		ascendingInts(path+".max_edits", f.MaxEdits, bad)
	case "numeric":
		if (f.Abs == nil) == (f.Rel == nil) {
			bad(path, "numeric needs exactly one of abs (absolute differences) or rel (relative differences)")
		}
		if f.Abs != nil && len(f.Abs) == 0 || f.Rel != nil && len(f.Rel) == 0 {
			bad(path, "numeric needs at least one difference")
		}
		ascending(path+".abs", f.Abs, bad)
		ascending(path+".rel", f.Rel, bad)
	case "date":
		if len(f.Formats) == 0 {
			bad(path+".formats", "at least one Go layout, such as 2006-01-02")
		}
		for i, l := range f.Formats {
			if !strings.Contains(l, "2006") || !strings.Contains(l, "01") && !strings.Contains(l, "Jan") || !strings.Contains(l, "02") {
				bad(fmt.Sprintf("%s.formats[%d]", path, i), "%q is not a Go date layout with year (2006), month (01 or Jan) and day (02)", l)
			}
		}
	}
}

func (r RuleConfig) validate(path string, bad func(path, format string, args ...any)) {
	if len(r.Keys) == 0 {
		bad(path+".keys", "required: at least one column")
	}
	for i, k := range r.Keys {
		kp := fmt.Sprintf("%s.keys[%d]", path, i)
		if k.Column == "" {
			bad(kp+".column", "required")
		}
		switch {
		case !slices.Contains(transforms, k.Transform):
			bad(kp+".transform", "unknown %q (want one of %s)", k.Transform, strings.Join(transforms, ", "))
		case k.Transform == "prefix" && k.Chars < 1:
			bad(kp+".chars", "prefix needs chars ≥ 1")
		case k.Transform != "prefix" && k.Chars != 0:
			bad(kp+".chars", "only for transform prefix")
		}
	}
}

// descending checks thresholds strictly descending within (lo, hi].
func descending(path string, xs []float64, lo, hi float64, bad func(path, format string, args ...any)) {
	if len(xs) == 0 {
		bad(path, "at least one threshold")
	}
	for i, x := range xs {
		if !(x > lo && x <= hi) || i > 0 && x >= xs[i-1] {
			bad(path, "%v: want values in (%g, %g], strictly descending", xs, lo, hi)
			return
		}
	}
}

// ascending checks differences ≥ 0, strictly ascending.
func ascending(path string, xs []float64, bad func(path, format string, args ...any)) {
	for i, x := range xs {
		if !(x >= 0) || i > 0 && x <= xs[i-1] {
			bad(path, "%v: want values ≥ 0, strictly ascending", xs)
			return
		}
	}
}

func ascendingInts(path string, xs []int, bad func(path, format string, args ...any)) {
	if len(xs) == 0 {
		bad(path, "at least one distance")
	}
	for i, x := range xs {
		if x < 1 || i > 0 && x <= xs[i-1] {
			bad(path, "%v: want distances ≥ 1, strictly ascending", xs)
			return
		}
	}
}
