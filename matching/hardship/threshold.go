package hardship

import (
	"strconv"
	"strings"
)

var opSymbols = map[op]string{opLT: "<", opLE: "<=", opGT: ">", opGE: ">="}

// thresholdText says what a condition compared with, in the rule
// language: "< 1650 (1.5×dibaoStandard)", "in NONE, STOPPED", "is false".
func (e *evaluation) thresholdText(c *cond) string {
	var s string
	switch c.op {
	case opIs:
		s = "is " + strconv.FormatBool(c.b)
	case opIn:
		s = "in " + strings.Join(c.values, ", ")
	case opNotIn:
		s = "not in " + strings.Join(c.values, ", ")
	case opNotEmpty:
		s = "not empty"
	case opAnyOf:
		s = "any of " + strings.Join(c.values, ", ")
	default:
		s = e.numberThreshold(c)
	}
	if c.fact.windowed {
		s += " within " + strconv.Itoa(c.window) + " days"
	}
	return s
}

func (e *evaluation) numberThreshold(c *cond) string {
	t, _ := e.threshold(c)
	s := opSymbols[c.op] + " " + formatNumber(t, c.fact.format)
	switch {
	case c.param == "":
		return s
	case c.times == 1:
		return s + " (" + c.param + ")"
	}
	return s + " (" + strconv.FormatFloat(c.times, 'g', -1, 64) + "×" + c.param + ")"
}
