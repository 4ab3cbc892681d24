package fs

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
)

// modelJSON is a Model as stored: the parameters with the fields and
// levels they were estimated for, so a model trained under other
// comparison levels is refused instead of misread.
type modelJSON struct {
	Fields   []fieldJSON        `json:"fields"`
	Lambda   float64            `json:"lambda"`
	NameTF   map[string]float64 `json:"nameTF"`
	PinyinTF map[string]float64 `json:"pinyinTF"`
	TFFloor  float64            `json:"tfFloor"`
}

type fieldJSON struct {
	Name   string    `json:"name"`
	Levels []string  `json:"levels"`
	M      []float64 `json:"m"`
	U      []float64 `json:"u"`
}

// ErrModelLevels means a stored model was estimated for other comparison
// levels than this build compares with: it must be trained again.
var ErrModelLevels = errors.New("the model was trained for other comparison levels")

// MarshalJSON stores the model.
func (m *Model) MarshalJSON() ([]byte, error) {
	out := modelJSON{Lambda: m.Lambda, NameTF: m.tf.name, PinyinTF: m.tf.pinyin, TFFloor: m.tf.floor}
	for f := Field(0); f < NumFields; f++ {
		out.Fields = append(out.Fields, fieldJSON{Name: f.String(), Levels: fieldSpecs[f].levels, M: m.M[f], U: m.U[f]})
	}
	return json.Marshal(out)
}

// UnmarshalJSON loads a stored model; it fails with ErrModelLevels when
// the model's fields or levels differ from this build's.
func (m *Model) UnmarshalJSON(data []byte) error {
	var in modelJSON
	if err := json.Unmarshal(data, &in); err != nil {
		return fmt.Errorf("model: %w", err)
	}
	if len(in.Fields) != int(NumFields) {
		return fmt.Errorf("model has %d fields, want %d: %w", len(in.Fields), NumFields, ErrModelLevels)
	}
	for f := Field(0); f < NumFields; f++ {
		got, want := in.Fields[f], fieldSpecs[f]
		if got.Name != want.name || !slices.Equal(got.Levels, want.levels) ||
			len(got.M) != len(want.levels) || len(got.U) != len(want.levels) {
			return fmt.Errorf("model field %d (%s): %w", f, got.Name, ErrModelLevels)
		}
		m.M[f], m.U[f] = got.M, got.U
	}
	m.Lambda = in.Lambda
	m.tf = termFrequencies{name: in.NameTF, pinyin: in.PinyinTF, floor: in.TFFloor}
	if m.tf.name == nil {
		m.tf.name = map[string]float64{}
	}
	if m.tf.pinyin == nil {
		m.tf.pinyin = map[string]float64{}
	}
	return nil
}
