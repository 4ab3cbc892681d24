package jobs

import (
	"sort"
	"strings"
)

// Target is an occupation a profile aims at, with the strongest way it
// gets there and what led to it (a specialty, a certificate, or
// "preferredOccupations").
type Target struct {
	Code  string
	Level FitLevel
	Via   string
}

// specialtyTargets lists the occupations of the longest crosswalk
// specialty the text contains; nil when none does.
func (cw *Crosswalk) specialtyTargets(specialty string) []Target {
	s := normalize(specialty)
	if s == "" {
		return nil
	}
	var out []Target
	match := ""
	for _, row := range cw.specialties { // longest first
		if match != "" && row.name != match {
			continue
		}
		if match == "" && !strings.Contains(s, row.name) {
			continue
		}
		match = row.name
		level := FitSecondary
		if row.primary {
			level = FitPrimary
		}
		out = append(out, Target{Code: row.code, Level: level, Via: specialty})
	}
	return out
}

// certificatesOf returns the certificates a person holds for requirements
// (their own plus those they imply), sorted, and the occupations their own
// certificates qualify for. nil skills (unknown) give nil.
func (cw *Crosswalk) certificatesOf(skills []string) (held []string, targets []Target) {
	if skills == nil {
		return nil, nil
	}
	seen := map[string]bool{}
	held = []string{}
	add := func(c string) {
		if !seen[c] {
			seen[c] = true
			held = append(held, c)
		}
	}
	for _, s := range skills {
		name := normalize(s)
		add(name)
		row := cw.certificates[name]
		for _, c := range row.implies {
			add(c)
		}
		for _, code := range row.occupations {
			targets = append(targets, Target{Code: code, Level: FitCertificate, Via: s})
		}
	}
	sort.Strings(held)
	return held, targets
}

// mergeTargets keeps the strongest level per code (then the smallest Via)
// and sorts by code, so the result never depends on input order.
func mergeTargets(ts []Target) []Target {
	best := map[string]Target{}
	for _, t := range ts {
		if cur, ok := best[t.Code]; !ok || t.Level < cur.Level || t.Level == cur.Level && t.Via < cur.Via {
			best[t.Code] = t
		}
	}
	out := make([]Target, 0, len(best))
	for _, t := range best {
		out = append(out, t)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Code < out[j].Code })
	return out
}
