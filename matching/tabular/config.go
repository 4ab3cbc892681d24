package tabular

import (
	"fmt"
	"os"

	"github.com/goccy/go-yaml"
)

// Config says how to compare, block and decide. See testdata/febrl.yaml.
type Config struct {
	ID         string        `yaml:"id"`    // column with each record's id, unique within a file
	Truth      string        `yaml:"truth"` // optional column with the true entity, for scoring
	Fields     []FieldConfig `yaml:"fields"`
	Blocking   []RuleConfig  `yaml:"blocking"`
	Thresholds Thresholds    `yaml:"thresholds"`
	MaxBlock   int           `yaml:"max_block"` // blocks with more records are skipped; default 200
	Training   Training      `yaml:"training"`
}

// FieldConfig is one compared field. Only the comparator's own
// parameters may be set.
type FieldConfig struct {
	Name        string    `yaml:"name"`         // in output; default the column
	Column      string    `yaml:"column"`       // in the left (or only) file
	RightColumn string    `yaml:"right_column"` // in the right file; default Column
	Comparator  string    `yaml:"comparator"`   // exact, jaro_winkler, levenshtein, numeric, date, chinese_name
	Thresholds  []float64 `yaml:"thresholds"`   // jaro_winkler: similarities, descending; default [0.95, 0.88]
	MaxEdits    []int     `yaml:"max_edits"`    // levenshtein: edit distances, ascending; default [1, 2]
	Abs         []float64 `yaml:"abs"`          // numeric: absolute differences, ascending
	Rel         []float64 `yaml:"rel"`          // numeric: relative differences, ascending
	Formats     []string  `yaml:"formats"`      // date: Go layouts; default [2006-01-02, 20060102]
	TF          bool      `yaml:"tf"`           // adjust exact agreement by how common the value is
}

// RuleConfig is one blocking rule: records whose keys all agree are
// compared. In YAML it is a list of keys, or a map with name and keys.
type RuleConfig struct {
	Name string      `yaml:"name"`
	Keys []KeyConfig `yaml:"keys"`
}

// KeyConfig is one part of a blocking key. In YAML it is a column name, or
// a map with column, right_column, transform and chars.
type KeyConfig struct {
	Column      string `yaml:"column"`
	RightColumn string `yaml:"right_column"`
	Transform   string `yaml:"transform"` // exact (default), prefix, soundex, pinyin, surname_pinyin
	Chars       int    `yaml:"chars"`     // prefix: how many characters
}

// Thresholds turn probabilities into decisions.
type Thresholds struct {
	Match  float64 `yaml:"match"`  // default 0.99
	Review float64 `yaml:"review"` // default 0.5
}

// Training tunes the estimation of m and u.
type Training struct {
	RandomPairs int    `yaml:"random_pairs"` // sampled to estimate u; default 300,000 (at most 10 × the pairs there are)
	Iterations  int    `yaml:"iterations"`   // EM iterations at most; default 50
	Seed        uint64 `yaml:"seed"`
}

// LoadConfig reads and validates a YAML config file.
func LoadConfig(path string) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("config: %w", err)
	}
	c, err := ParseConfig(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return c, nil
}

// ParseConfig parses YAML, refusing unknown keys, fills in the defaults
// and validates the result.
func ParseConfig(data []byte) (*Config, error) {
	var c Config
	if err := yaml.UnmarshalWithOptions(data, &c, yaml.Strict()); err != nil {
		return nil, fmt.Errorf("config: %s", yaml.FormatError(err, false, true))
	}
	c.setDefaults()
	if err := c.validate(); err != nil {
		return nil, err
	}
	return &c, nil
}

// UnmarshalYAML accepts a rule as a bare list of keys.
func (r *RuleConfig) UnmarshalYAML(unmarshal func(any) error) error {
	if err := unmarshal(&r.Keys); err == nil {
		return nil
	}
	type plain RuleConfig
	return unmarshal((*plain)(r))
}

// UnmarshalYAML accepts a key as a bare column name.
func (k *KeyConfig) UnmarshalYAML(unmarshal func(any) error) error {
	if err := unmarshal(&k.Column); err == nil {
		return nil
	}
	type plain KeyConfig
	return unmarshal((*plain)(k))
}

func (c *Config) setDefaults() {
	if c.Thresholds.Match == 0 {
		c.Thresholds.Match = 0.99
	}
	if c.Thresholds.Review == 0 {
		c.Thresholds.Review = min(0.5, c.Thresholds.Match)
	}
	if c.MaxBlock == 0 {
		c.MaxBlock = 200
	}
	if c.Training.RandomPairs == 0 {
		c.Training.RandomPairs = 300_000
	}
	if c.Training.Iterations == 0 {
		c.Training.Iterations = 50
	}
	for i := range c.Fields {
		c.Fields[i].setDefaults()
	}
	for i := range c.Blocking {
		for j := range c.Blocking[i].Keys {
			if k := &c.Blocking[i].Keys[j]; k.Transform == "" {
				k.Transform = "exact"
			}
		}
	}
}

func (f *FieldConfig) setDefaults() {
	if f.Name == "" {
		f.Name = f.Column
	}
	switch f.Comparator {
	case "jaro_winkler":
		if f.Thresholds == nil {
			f.Thresholds = []float64{0.95, 0.88}
		}
	case "levenshtein":
		if f.MaxEdits == nil {
			f.MaxEdits = []int{1, 2}
		}
	case "date":
		if f.Formats == nil {
			f.Formats = []string{"2006-01-02", "20060102"}
		}
	}
}

// rightColumn is the field's column in the right file.
func (f *FieldConfig) rightColumn() string {
	if f.RightColumn != "" {
		return f.RightColumn
	}
	return f.Column
}

func (k *KeyConfig) rightColumn() string {
	if k.RightColumn != "" {
		return k.RightColumn
	}
	return k.Column
}
