package hardship

import (
	"crypto/sha256"
	"encoding/hex"
	"hash"
	"strconv"
	"strings"

	"github.com/vethub/vethub/feed"
)

// Flag is one rule that holds for one person, with its evidence.
type Flag struct {
	PersonID       int64
	Rule           string
	RuleSetVersion string
	Category       string
	Priority       Priority
	Score          float64 // the rule's score × Freshness
	Freshness      float64 // 1 when all evidence is fresh, else the rule's staleWeight
	Evidence       []Evidence
	Explanation    Explanation
	// Fingerprint is a stable hash of the rule and the evidence values,
	// with numbers rounded to two significant digits and day counts
	// replaced by the dates they count from: it changes when the evidence
	// changes materially, not when a department re-confirms a record or a
	// day passes.
	Fingerprint string
}

// Evidence is one fact a flag rests on.
type Evidence struct {
	Department feed.Department
	SourceID   string // the department's record
	Fact       string // the rule language's name, e.g. "daysUnemployed"
	Field      string // the feed key(s) it is read from, e.g. "employmentSince"
	Value      string // e.g. "587.82", "true", "NONE", "C34, N18.5"
	Threshold  string // what it was compared with, e.g. "< 1100 (dibaoStandard)"; "" for supporting facts
	AsOf       feed.Date
}

// Explanation is a flag in words an analyst understands.
type Explanation struct{ ZH, EN string }

// flag builds the flag of a rule that holds with weight w.
func (e *evaluation) flag(personID int64, r *Rule, cut *cutoffs, w float64) Flag {
	fl := Flag{
		PersonID: personID, Rule: r.ID, RuleSetVersion: e.rs.Version, Category: r.Category,
		Priority: r.Priority, Score: r.Score * w, Freshness: w,
	}
	h := sha256.New()
	h.Write([]byte(r.ID))
	for i := range r.when {
		e.evidence(&fl, &r.when[i], cut, h)
	}
	fl.Fingerprint = hex.EncodeToString(h.Sum(nil)[:16])
	fl.Explanation = Explanation{ZH: r.explain[langZH].render(e, langZH), EN: r.explain[langEN].render(e, langEN)}
	return fl
}

// evidence adds the items of one condition: the fact, the inputs of a
// derived fact, and for a group each alternative that holds.
func (e *evaluation) evidence(fl *Flag, c *cond, cut *cutoffs, h hash.Hash) {
	if c.op == opAny {
		for i := range c.any {
			if _, ok := e.holds(&c.any[i], cut); ok {
				e.evidence(fl, &c.any[i], cut, h)
			}
		}
		return
	}
	v := c.fact.get(e.f, c.window)
	e.addItem(fl, c.fact, v, e.thresholdText(c), h)
	for _, name := range c.fact.inputs {
		in := &catalog[factByName[name]]
		if iv := in.get(e.f, defaultWindowDays); iv.known && !hasFact(fl.Evidence, name) {
			e.addItem(fl, in, iv, "", h)
		}
	}
}

func (e *evaluation) addItem(fl *Flag, d *factDef, v value, threshold string, h hash.Hash) {
	field := d.field
	if d.dept == "" && e.f.birthFromID {
		field = "idNumber"
	}
	fl.Evidence = append(fl.Evidence, Evidence{
		Department: v.src.dept, SourceID: v.src.id, Fact: d.name, Field: field,
		Value: valueText(d, v), Threshold: threshold, AsOf: v.src.asOf,
	})
	h.Write([]byte{0})
	h.Write([]byte(v.src.dept))
	h.Write([]byte{0})
	h.Write([]byte(d.name))
	h.Write([]byte{0})
	h.Write([]byte(stableText(d, v)))
}

func hasFact(items []Evidence, name string) bool {
	for _, it := range items {
		if it.Fact == name {
			return true
		}
	}
	return false
}

// valueText prints a value for evidence: codes as the feed has them.
func valueText(d *factDef, v value) string {
	switch d.kind {
	case kindNumber:
		return formatNumber(v.num, d.format)
	case kindBool:
		return strconv.FormatBool(v.b)
	case kindSet:
		return strings.Join(v.set, ", ")
	}
	return v.s
}

// stableText is what the fingerprint hashes (see Flag.Fingerprint).
func stableText(d *factDef, v value) string {
	switch {
	case d.kind == kindNumber && v.s != "":
		return v.s // a day count: the date it counts from
	case d.kind == kindNumber:
		return stableNumber(v.num)
	}
	return valueText(d, v)
}
