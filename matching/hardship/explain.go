package hardship

import (
	"math"
	"strings"
)

// lang is a language of explanations.
type lang uint8

const (
	langZH lang = iota
	langEN
	numLangs
)

// template is an explanation with placeholders: {fact} prints a fact of
// the person, {param} a threshold of their region, {fact.threshold} the
// threshold the rule's condition on fact compares with.
type template []segment

type segment struct {
	text      string // literal text, when fact and param are empty
	fact      *factDef
	param     string
	threshold *cond // for {fact.threshold}
	window    int   // for a windowed fact: the rule's window
}

// compileTemplate splits s into segments and checks every placeholder.
func compileTemplate(s string, when []cond, params map[string]bool, path string, ps *problems) template {
	if strings.TrimSpace(s) == "" {
		ps.add(path, "required: an explanation an analyst can read")
		return nil
	}
	var t template
	for s != "" {
		open := strings.IndexByte(s, '{')
		if open < 0 {
			t = append(t, segment{text: s})
			break
		}
		end := strings.IndexByte(s[open:], '}')
		if end < 0 {
			ps.add(path, "unclosed { at %q", s[open:])
			break
		}
		if open > 0 {
			t = append(t, segment{text: s[:open]})
		}
		t = append(t, placeholder(s[open+1:open+end], when, params, path, ps))
		s = s[open+end+1:]
	}
	return t
}

func placeholder(name string, when []cond, params map[string]bool, path string, ps *problems) segment {
	fact, isThreshold := strings.CutSuffix(name, ".threshold")
	i, known := factByName[fact]
	switch {
	case isThreshold && known:
		if c := findCond(when, &catalog[i]); c != nil && c.fact.kind == kindNumber {
			return segment{threshold: c, fact: c.fact}
		}
		ps.add(path, "{%s}: the rule has no number condition on %s", name, fact)
	case known:
		seg := segment{fact: &catalog[i], window: defaultWindowDays}
		if c := findCond(when, seg.fact); c != nil {
			seg.window = c.window
		}
		return seg
	case params[name]:
		return segment{param: name}
	default:
		ps.add(path, "unknown placeholder {%s}: want a fact, a region param or fact.threshold", name)
	}
	return segment{}
}

// findCond returns the first condition on d, in groups too.
func findCond(when []cond, d *factDef) *cond {
	for i := range when {
		if when[i].fact == d {
			return &when[i]
		}
		if c := findCond(when[i].any, d); c != nil {
			return c
		}
	}
	return nil
}

// render fills the template for one person.
func (t template) render(e *evaluation, l lang) string {
	var b strings.Builder
	for _, s := range t {
		switch {
		case s.threshold != nil:
			x, ok := e.threshold(s.threshold)
			b.WriteString(printNumber(x, ok, s.fact.format, l))
		case s.fact != nil:
			b.WriteString(printValue(s.fact, s.fact.get(e.f, s.window), l))
		case s.param != "":
			x, ok := e.rs.param(e.f.region, s.param)
			b.WriteString(printNumber(x, ok, fmtMoney, l))
		default:
			b.WriteString(s.text)
		}
	}
	return b.String()
}

var unknownWord = [numLangs]string{"未知", "unknown"}

func printNumber(x float64, ok bool, f format, l lang) string {
	switch {
	case !ok:
		return unknownWord[l]
	case math.IsInf(x, 1):
		return "∞"
	}
	return formatNumber(x, f)
}

// printValue prints a fact for people: labels for codes, words for bools.
func printValue(d *factDef, v value, l lang) string {
	if !v.known {
		return unknownWord[l]
	}
	switch d.kind {
	case kindNumber:
		return printNumber(v.num, true, d.format, l)
	case kindBool:
		return boolWord(v.b, l)
	case kindEnum:
		return label(d.enumKey, v.s, l)
	case kindSet:
		return printSet(d.enumKey, v.set, l)
	}
	return v.s
}

func printSet(enumKey string, items []string, l lang) string {
	if len(items) == 0 {
		return [numLangs]string{"无", "none"}[l]
	}
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = label(enumKey, it, l)
	}
	return joinSet(out, l)
}

func boolWord(b bool, l lang) string {
	if b {
		return [numLangs]string{"是", "yes"}[l]
	}
	return [numLangs]string{"否", "no"}[l]
}
