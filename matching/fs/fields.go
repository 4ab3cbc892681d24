package fs

// Field is one compared attribute of a record.
type Field int

// The compared fields.
const (
	FieldID Field = iota
	FieldName
	FieldBirth
	FieldSex
	FieldPhone
	FieldRegion
	FieldAddress
	NumFields
)

// Vector holds a pair's comparison level per field. Level 0 of every
// field is "missing": one side has no value, which is no evidence either
// way.
type Vector [NumFields]uint8

// Levels of FieldID.
const (
	IDExact       = 1 // same 18 characters
	IDExactLegacy = 2 // same after one side's 15-digit number was upgraded
	IDOneOff      = 3 // one digit differs or two adjacent digits swapped (a typo)
	IDDifferent   = 4
	IDConflict    = 5 // both valid and different: never the same person
)

// Levels of FieldBirth.
const (
	BirthExact      = 1
	BirthTransposed = 2 // two digits swapped
	BirthYearMonth  = 3 // same year and month
	BirthDifferent  = 4
)

// Levels of FieldSex, FieldPhone.
const (
	Same      = 1
	Different = 2
)

// Levels of FieldRegion.
const (
	RegionVillage   = 1 // same 12-digit code
	RegionTownship  = 2 // same first 9 digits
	RegionCounty    = 3 // same first 6 digits
	RegionDifferent = 4
)

// Levels of FieldAddress (Jaro–Winkler of the normalised text).
const (
	AddressHigh = 1 // ≥ 0.95
	AddressMid  = 2 // ≥ 0.85
	AddressLow  = 3
)

// fieldSpecs names the fields and their levels, in level order; the name
// levels follow chinese.Level.
var fieldSpecs = [NumFields]struct {
	name   string
	levels []string
}{
	FieldID:      {"idNumber", []string{"MISSING", "EXACT", "EXACT_LEGACY15", "ONE_DIGIT_OFF", "DIFFERENT", "CONFLICT"}},
	FieldName:    {"name", []string{"MISSING", "EXACT", "SAME_SIMPLIFIED", "SAME_PINYIN", "CLOSE_PINYIN", "ONE_CHAR_DIFF", "DIFFERENT"}},
	FieldBirth:   {"birthDate", []string{"MISSING", "EXACT", "TRANSPOSED", "SAME_YEAR_MONTH", "DIFFERENT"}},
	FieldSex:     {"sex", []string{"MISSING", "SAME", "DIFFERENT"}},
	FieldPhone:   {"phone", []string{"MISSING", "SAME", "DIFFERENT"}},
	FieldRegion:  {"region", []string{"MISSING", "SAME_VILLAGE", "SAME_TOWNSHIP", "SAME_COUNTY", "DIFFERENT"}},
	FieldAddress: {"address", []string{"MISSING", "HIGH", "MID", "LOW"}},
}

// FieldName is the field's name as explanations show it.
func (f Field) String() string { return fieldSpecs[f].name }

// LevelName is level's name within field f.
func LevelName(f Field, level uint8) string { return fieldSpecs[f].levels[level] }

// numLevels is the number of levels of field f, missing included.
func numLevels(f Field) int { return len(fieldSpecs[f].levels) }
