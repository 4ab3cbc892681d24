package hardship

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/vethub/vethub/feed"
)

// op is a condition's operator.
type op uint8

const (
	opNone op = iota
	opLT
	opLE
	opGT
	opGE
	opIs       // bool: is true / is false
	opIn       // enum: one of values
	opNotIn    // enum: none of values
	opNotEmpty // set: has an item
	opAnyOf    // set: has one of values
	opAny      // a group: one of its conditions holds
)

var opNames = map[string]op{
	"<": opLT, "<=": opLE, ">": opGT, ">=": opGE, "is": opIs,
	"in": opIn, "notIn": opNotIn, "notEmpty": opNotEmpty, "anyOf": opAnyOf,
}

// opsByKind lists the operators each kind of fact takes.
var opsByKind = [...][]string{
	kindNumber: {"<", "<=", ">", ">="},
	kindBool:   {"is"},
	kindEnum:   {"in", "notIn"},
	kindSet:    {"notEmpty", "anyOf"},
}

// cond is a compiled condition: a test of one fact, or a group of
// alternatives (op == opAny).
type cond struct {
	fact   *factDef
	op     op
	num    float64  // literal threshold
	param  string   // region threshold name, times `times`
	times  float64  //
	b      bool     // for opIs
	values []string // for opIn, opNotIn, opAnyOf
	window int      // days, for windowed facts
	any    []cond
}

var icdCode = regexp.MustCompile(`^[A-Z][0-9]{2}(\.[0-9A-Z]{1,4})?$`)

// compileCond checks one condition (or group) and builds it.
func compileCond(y *condYAML, params map[string]bool, path string, top bool, ps *problems) cond {
	if y.Any != nil {
		return compileGroup(y, params, path, top, ps)
	}
	i, ok := factByName[y.Fact]
	if !ok {
		ps.add(path+".fact", "unknown %q%s", y.Fact, didYouMean(y.Fact))
		return cond{}
	}
	d := &catalog[i]
	c := cond{fact: d, op: opNames[y.Op], window: defaultWindowDays}
	if d.kind == kindDate {
		ps.add(path+".fact", "%s is a date, for explanations only: compare a day count (daysSinceDischarge, daysUnemployed, age)", d.name)
		return c
	}
	if !slices.Contains(opsByKind[d.kind], y.Op) {
		ps.add(path+".op", "%q does not apply to %s, a %s fact: want one of %s",
			y.Op, d.name, kindNames[d.kind], strings.Join(opsByKind[d.kind], ", "))
		return c
	}
	switch d.kind {
	case kindNumber:
		c.compileNumber(y, params, path, ps)
	case kindBool:
		c.compileBool(y, path, ps)
	default:
		c.compileValues(y, path, ps)
	}
	c.compileWindow(y, path, ps)
	return c
}

func compileGroup(y *condYAML, params map[string]bool, path string, top bool, ps *problems) cond {
	c := cond{op: opAny}
	if !top {
		ps.add(path+".any", "groups do not nest: one level of any is allowed")
	}
	if y.Fact != "" || y.Op != "" || y.Value != nil || y.Values != nil || y.Param != "" {
		ps.add(path, "a group has only the key any")
	}
	if len(y.Any) < 2 {
		ps.add(path+".any", "want at least two alternatives")
	}
	for i := range y.Any {
		c.any = append(c.any, compileCond(&y.Any[i], params, fmt.Sprintf("%s.any[%d]", path, i), false, ps))
	}
	return c
}

// compileNumber takes exactly one of a literal value or a region param.
func (c *cond) compileNumber(y *condYAML, params map[string]bool, path string, ps *problems) {
	if y.Values != nil {
		ps.add(path+".values", "does not apply to a number fact: use value or param")
	}
	c.times = 1
	switch x, isNum := number(y.Value); {
	case y.Value != nil && y.Param != "":
		ps.add(path, "set value or param, not both")
	case y.Param != "":
		c.param = y.Param
		if !params[y.Param] {
			ps.add(path+".param", "%q is not set by any region (set: %s)", y.Param, listOrNone(sortedKeys(params)))
		}
	case !isNum:
		ps.add(path+".value", "%v: want a number (or a param naming a region threshold)", orMissing(y.Value))
	default:
		c.num = x
	}
	if y.Times != nil {
		if c.times = *y.Times; y.Param == "" || !(c.times > 0) {
			ps.add(path+".times", "%g: want a positive factor, and only with param", *y.Times)
		}
	}
}

func (c *cond) compileBool(y *condYAML, path string, ps *problems) {
	b, ok := y.Value.(bool)
	if !ok {
		ps.add(path+".value", "%v: want true or false", orMissing(y.Value))
	}
	c.b = b
	if y.Values != nil || y.Param != "" || y.Times != nil {
		ps.add(path, "a bool condition takes only value")
	}
}

// compileValues checks the values of in, notIn and anyOf against the
// feed's enum, or the ICD-10 form for diagnoses.
func (c *cond) compileValues(y *condYAML, path string, ps *problems) {
	if y.Value != nil || y.Param != "" || y.Times != nil {
		ps.add(path, "%s takes values (a list), not value or param", y.Op)
	}
	if c.op == opNotEmpty {
		if y.Values != nil {
			ps.add(path+".values", "notEmpty takes no values")
		}
		return
	}
	if len(y.Values) == 0 {
		ps.add(path+".values", "required: at least one value")
	}
	allowed := feed.AllowedValues(c.fact.enumKey)
	for i, v := range y.Values {
		switch {
		case allowed != nil && !slices.Contains(allowed, v):
			ps.add(fmt.Sprintf("%s.values[%d]", path, i), "unknown %q: want one of %s", v, strings.Join(allowed, ", "))
		case allowed == nil && !icdCode.MatchString(v):
			ps.add(fmt.Sprintf("%s.values[%d]", path, i), "%q: want an ICD-10 code such as C34 or N18.5", v)
		}
	}
	c.values = y.Values
}

func (c *cond) compileWindow(y *condYAML, path string, ps *problems) {
	if y.WindowDays == nil {
		return
	}
	if c.window = *y.WindowDays; !c.fact.windowed || c.window < 1 || c.window > 3660 {
		ps.add(path+".windowDays", "%d: only for counts over time (temporaryAssistanceCount), 1 to 3660 days", c.window)
	}
}
