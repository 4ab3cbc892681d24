package hardship

import (
	_ "embed"
	"fmt"
	"os"
	"sync"

	"github.com/goccy/go-yaml"
)

// Priority orders flags for review.
type Priority string

// The priorities, most urgent first.
const (
	PriorityHigh   Priority = "HIGH"
	PriorityMedium Priority = "MEDIUM"
	PriorityLow    Priority = "LOW"
)

// rank is 0 for HIGH, 1 for MEDIUM, 2 for LOW.
func (p Priority) rank() int {
	switch p {
	case PriorityHigh:
		return 0
	case PriorityMedium:
		return 1
	}
	return 2
}

// Staleness says how facts from old records count: fully when the record
// was confirmed within FullWeightMonths, times StaleWeight up to
// IgnoreAfterMonths, not at all beyond (the fact is then unknown).
type Staleness struct {
	FullWeightMonths  int
	IgnoreAfterMonths int
	StaleWeight       float64
}

// RuleSet is a validated, immutable rule set; it is safe for concurrent
// use.
type RuleSet struct {
	Version   string
	Staleness Staleness
	Rules     []Rule
	regions   []region // longest prefix first
}

// Rule is one hardship indicator.
type Rule struct {
	ID        string
	Category  string
	Priority  Priority
	Score     float64 // for fresh evidence; stale evidence scales it down
	Staleness Staleness
	when      []cond
	explain   [numLangs]template
}

// region holds the thresholds of one region-code prefix.
type region struct {
	prefix string
	name   string
	params map[string]float64
}

//go:embed default.yaml
var defaultYAML []byte

// DefaultYAML returns the text of the shipped default rule set, for an
// admin to start a local one from.
func DefaultYAML() []byte { return append([]byte(nil), defaultYAML...) }

var defaultSet = sync.OnceValues(func() (*RuleSet, error) { return ParseRuleSet(defaultYAML) })

// Default returns the shipped rule set. It panics if the embedded file is
// invalid, which the package's tests rule out.
func Default() *RuleSet {
	rs, err := defaultSet()
	if err != nil {
		panic(fmt.Sprintf("hardship: embedded default.yaml: %v", err))
	}
	return rs
}

// LoadRuleSet reads and validates a rule file.
func LoadRuleSet(path string) (*RuleSet, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("hardship: %w", err)
	}
	rs, err := ParseRuleSet(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return rs, nil
}

// ParseRuleSet parses YAML, refusing unknown keys, and validates it. A
// YAML syntax or type error stops parsing and is returned alone; otherwise
// every problem is reported at once in a *ValidationError.
func ParseRuleSet(data []byte) (*RuleSet, error) {
	var f fileYAML
	if err := yaml.UnmarshalWithOptions(data, &f, yaml.Strict()); err != nil {
		return nil, &ValidationError{Problems: []Problem{{Reason: yaml.FormatError(err, false, true)}}}
	}
	return compile(&f)
}

// The YAML form of a rule file; see default.yaml.
type (
	fileYAML struct {
		Version   string        `yaml:"version"`
		Staleness stalenessYAML `yaml:"staleness"`
		Regions   []regionYAML  `yaml:"regions"`
		Rules     []ruleYAML    `yaml:"rules"`
	}
	stalenessYAML struct {
		FullWeightMonths  *int     `yaml:"fullWeightMonths"`
		IgnoreAfterMonths *int     `yaml:"ignoreAfterMonths"`
		StaleWeight       *float64 `yaml:"staleWeight"`
	}
	regionYAML struct {
		Prefix string             `yaml:"prefix"`
		Name   string             `yaml:"name"`
		Params map[string]float64 `yaml:"params"`
	}
	ruleYAML struct {
		ID        string         `yaml:"id"`
		Category  string         `yaml:"category"`
		Priority  string         `yaml:"priority"`
		Score     float64        `yaml:"score"`
		Staleness *stalenessYAML `yaml:"staleness"`
		When      []condYAML     `yaml:"when"`
		Explain   explainYAML    `yaml:"explain"`
	}
	condYAML struct {
		Fact       string     `yaml:"fact"`
		Op         string     `yaml:"op"`
		Value      any        `yaml:"value"`
		Values     []string   `yaml:"values"`
		Param      string     `yaml:"param"`
		Times      *float64   `yaml:"times"`
		WindowDays *int       `yaml:"windowDays"`
		Any        []condYAML `yaml:"any"`
	}
	explainYAML struct {
		ZH string `yaml:"zh"`
		EN string `yaml:"en"`
	}
)
