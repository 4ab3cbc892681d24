package hardship

import (
	"fmt"
	"strings"
)

// Problem is one thing wrong with a rule file.
type Problem struct {
	Path   string // e.g. "rules[3].when[0].fact"; "" for the whole file
	Reason string
}

// ValidationError lists every problem found in a rule file.
type ValidationError struct{ Problems []Problem }

// Error prints one problem per line as "path: reason".
func (e *ValidationError) Error() string {
	lines := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		lines[i] = p.Reason
		if p.Path != "" {
			lines[i] = p.Path + ": " + p.Reason
		}
	}
	return "invalid rule set:\n" + strings.Join(lines, "\n")
}

// problems collects findings while compiling.
type problems []Problem

func (ps *problems) add(path, format string, args ...any) {
	*ps = append(*ps, Problem{Path: path, Reason: fmt.Sprintf(format, args...)})
}

// number reads a YAML number of any Go type the decoder gives.
func number(v any) (float64, bool) {
	switch x := v.(type) {
	case uint64:
		return float64(x), true
	case int64:
		return float64(x), true
	case int:
		return float64(x), true
	case float64:
		return x, true
	}
	return 0, false
}

func orMissing(v any) any {
	if v == nil {
		return "missing"
	}
	return v
}

func listOrNone(s []string) string {
	if len(s) == 0 {
		return "none"
	}
	return strings.Join(s, ", ")
}

// didYouMean names the facts that contain the misspelt name.
func didYouMean(name string) string {
	if name == "" {
		return " (required)"
	}
	var near []string
	for _, f := range factNames {
		if strings.Contains(strings.ToLower(f), strings.ToLower(name)) {
			near = append(near, f)
		}
	}
	if len(near) == 0 {
		return " (facts: " + strings.Join(factNames, ", ") + ")"
	}
	return " (did you mean " + strings.Join(near, " or ") + "?)"
}
