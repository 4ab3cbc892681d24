package hardship

import (
	"fmt"
	"slices"
)

var priorities = []Priority{PriorityHigh, PriorityMedium, PriorityLow}

// compileRule checks one rule and builds it; problems go to ps.
func compileRule(y *ruleYAML, base Staleness, params map[string]bool, path string, ps *problems) Rule {
	r := Rule{ID: y.ID, Category: y.Category, Priority: Priority(y.Priority), Score: y.Score, Staleness: base}
	if !identifier.MatchString(y.ID) {
		ps.add(path+".id", "%q: want an UPPER_SNAKE_CASE identifier", y.ID)
	}
	if !identifier.MatchString(y.Category) {
		ps.add(path+".category", "%q: want an UPPER_SNAKE_CASE category, e.g. INCOME", y.Category)
	}
	if !slices.Contains(priorities, r.Priority) {
		ps.add(path+".priority", "%q: want HIGH, MEDIUM or LOW", y.Priority)
	}
	if !(y.Score > 0 && y.Score <= 100) {
		ps.add(path+".score", "%g: want a score in (0, 100]", y.Score)
	}
	if y.Staleness != nil {
		r.Staleness = compileStaleness(y.Staleness, base, path+".staleness", ps)
	}
	if len(y.When) == 0 {
		ps.add(path+".when", "required: at least one condition")
	}
	for i := range y.When {
		r.when = append(r.when, compileCond(&y.When[i], params, fmt.Sprintf("%s.when[%d]", path, i), true, ps))
	}
	r.explain[langZH] = compileTemplate(y.Explain.ZH, r.when, params, path+".explain.zh", ps)
	r.explain[langEN] = compileTemplate(y.Explain.EN, r.when, params, path+".explain.en", ps)
	return r
}
