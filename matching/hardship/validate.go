package hardship

import (
	"cmp"
	"fmt"
	"regexp"
	"slices"
	"strings"
)

var (
	identifier = regexp.MustCompile(`^[A-Z][A-Z0-9_]*$`)
	paramName  = regexp.MustCompile(`^[a-z][A-Za-z0-9]*$`)
	digits     = regexp.MustCompile(`^[0-9]+$`)
)

// compile validates the parsed file and builds the rule set.
func compile(f *fileYAML) (*RuleSet, error) {
	var ps problems
	rs := &RuleSet{Version: strings.TrimSpace(f.Version)}
	if rs.Version == "" {
		ps.add("version", "required: the rule set's version, shown on every flag")
	}
	rs.Staleness = compileStaleness(&f.Staleness, defaultStaleness, "staleness", &ps)
	rs.regions = compileRegions(f.Regions, &ps)
	params := paramsSet(rs.regions)
	if len(f.Rules) == 0 {
		ps.add("rules", "required: at least one rule")
	}
	ids := map[string]int{}
	for i := range f.Rules {
		path := fmt.Sprintf("rules[%d]", i)
		r := compileRule(&f.Rules[i], rs.Staleness, params, path, &ps)
		if j, dup := ids[r.ID]; dup && r.ID != "" {
			ps.add(path+".id", "%q already names rules[%d]", r.ID, j)
		}
		ids[r.ID] = i
		rs.Rules = append(rs.Rules, r)
	}
	if len(ps) > 0 {
		return nil, &ValidationError{Problems: ps}
	}
	return rs, nil
}

// defaultStaleness applies when the file says nothing: a year at full
// weight (低保 is reviewed yearly), half weight up to three years.
var defaultStaleness = Staleness{FullWeightMonths: 12, IgnoreAfterMonths: 36, StaleWeight: 0.5}

// compileStaleness fills the keys s sets over base and checks the result.
func compileStaleness(s *stalenessYAML, base Staleness, path string, ps *problems) Staleness {
	out := base
	if s.FullWeightMonths != nil {
		out.FullWeightMonths = *s.FullWeightMonths
	}
	if s.IgnoreAfterMonths != nil {
		out.IgnoreAfterMonths = *s.IgnoreAfterMonths
	}
	if s.StaleWeight != nil {
		out.StaleWeight = *s.StaleWeight
	}
	if out.FullWeightMonths < 0 {
		ps.add(path+".fullWeightMonths", "%d: want 0 or more months", out.FullWeightMonths)
	}
	if out.IgnoreAfterMonths < out.FullWeightMonths {
		ps.add(path+".ignoreAfterMonths", "%d: want at least fullWeightMonths (%d)", out.IgnoreAfterMonths, out.FullWeightMonths)
	}
	if !(out.StaleWeight > 0 && out.StaleWeight <= 1) {
		ps.add(path+".staleWeight", "%g: want a weight in (0, 1]", out.StaleWeight)
	}
	return out
}

// compileRegions checks the prefixes and sorts them longest first, so the
// first match is the most specific.
func compileRegions(rs []regionYAML, ps *problems) []region {
	out := make([]region, 0, len(rs))
	seen := map[string]int{}
	for i, r := range rs {
		path := fmt.Sprintf("regions[%d]", i)
		if !validPrefix(r.Prefix) {
			ps.add(path+".prefix", "%q: want the digits of a region code, 2, 4, 6, 9 or 12 long (quote it in YAML), or \"\" for everywhere", r.Prefix)
		}
		if j, dup := seen[r.Prefix]; dup {
			ps.add(path+".prefix", "%q already used by regions[%d]", r.Prefix, j)
		}
		seen[r.Prefix] = i
		if len(r.Params) == 0 {
			ps.add(path+".params", "required: at least one threshold, e.g. dibaoStandard")
		}
		for _, name := range sortedKeys(r.Params) {
			if !paramName.MatchString(name) {
				ps.add(path+".params."+name, "want a lowerCamelCase name")
			}
			if v := r.Params[name]; !(v > 0) {
				ps.add(path+".params."+name, "%g: want a positive number", v)
			}
		}
		out = append(out, region{prefix: r.Prefix, name: r.Name, params: r.Params})
	}
	slices.SortStableFunc(out, func(a, b region) int { return cmp.Compare(len(b.prefix), len(a.prefix)) })
	return out
}

func validPrefix(p string) bool {
	switch len(p) {
	case 0:
		return true
	case 2, 4, 6, 9, 12:
		return digits.MatchString(p)
	}
	return false
}

// paramsSet is every threshold name some region sets.
func paramsSet(rs []region) map[string]bool {
	m := map[string]bool{}
	for _, r := range rs {
		for k := range r.params {
			m[k] = true
		}
	}
	return m
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
