package feed

import (
	"strconv"
	"strings"
)

// A hand-written decoder for the common person line: an object that uses
// only the feed's keys, exactly as spelt and at most once each, with plain
// values. It is the first step of decodeInput because jsonv2 spent most of
// a record's decoding time on reflection and on one allocation per pointer
// field and per string. Here the line is copied into one Go string, every
// string value is a substring of it, and every pointer field points into
// one fastDecoder allocated per record. (So a record's validated strings,
// being substrings too, keep that one copy of the line alive, where jsonv2
// allocated each string apart.)
//
// The contract is narrow: when fastDecode accepts a line, the value is
// exactly what jsonv2.Unmarshal(line, &in, exactKeys) gives; on anything
// it does not handle (an escape, an unknown or repeated key, a number that
// is not a plain integer where one is wanted, a wrong type, bad syntax…) it
// reports false and the caller decodes the line as before, so errors and
// odd but valid lines take the old path unchanged. The tests and fuzz
// tests in fastinput_test.go hold it to jsonv2.
//
// The line must be valid UTF-8: decodeInput checks that first, and string
// values are not checked again here.

// fastField decodes the value of one key into a field of T.
type fastField[T any] struct {
	key    string
	decode func(d *fastDecoder, in *T) bool
}

// fastDecoder is the scanner and, for the accepted record, the backing
// store of its pointer fields and lists: one allocation instead of one per
// field. The arrays are sized for the largest common record (veteran has
// 20 optional strings); when one runs out, values are allocated singly.
type fastDecoder struct {
	s string // the line
	i int    // the next byte to read

	strs   [24]string
	nstr   int
	floats [8]float64
	nfloat int
	ints   [2]int
	nint   int
	int64s [1]int64
	nint64 int
	bools  [4]bool
	nbool  int

	// elems holds the items of all string lists, each list a full slice
	// expression of it, so that appending to one list never writes into
	// the next. It starts on elemBuf; append moves it to the heap when
	// that is full, and lists already taken keep the old array.
	elems   []string
	elemBuf [16]string
	assist  [2]TemporaryAssistanceInput
}

// fastDecode decodes line with the key table fields (veteranFields, …) or
// reports false when the line is not one it handles.
func fastDecode[T any](line []byte, fields []fastField[T]) (in T, ok bool) {
	// The record is decoded in the same allocation as the decoder: both
	// escape to the heap through the field decoders' indirect calls.
	r := &struct {
		fastDecoder
		in T
	}{fastDecoder: fastDecoder{s: string(line)}}
	d := &r.fastDecoder
	d.elems = d.elemBuf[:0]
	d.ws()
	if !decodeObject(d, fields, &r.in) {
		return in, false
	}
	d.ws()
	if d.i != len(d.s) {
		return in, false // more than one value on the line
	}
	return r.in, true
}

// decodeObject decodes {"key": value, …} with each key from fields at most
// once. Feeds write the keys in the same order, usually that of fields, so
// the search for a key starts after the previous key's field.
func decodeObject[T any](d *fastDecoder, fields []fastField[T], in *T) bool {
	if !d.byte('{') {
		return false
	}
	d.ws()
	if d.byte('}') {
		return true
	}
	var seen uint64 // bit f: fields[f] was decoded; len(fields) <= 64
	next := 0
	for {
		key, ok := d.str()
		if !ok {
			return false
		}
		f := lookupField(fields, key, next)
		if f < 0 || seen&(1<<f) != 0 {
			return false // unknown or repeated key: the old path decides
		}
		seen |= 1 << f
		next = f + 1
		d.ws()
		if !d.byte(':') {
			return false
		}
		d.ws()
		if !fields[f].decode(d, in) {
			return false
		}
		d.ws()
		if d.byte('}') {
			return true
		}
		if !d.byte(',') {
			return false
		}
		d.ws()
	}
}

// lookupField returns the index of key in fields, searching from start
// round to start-1, or -1. Keys match exactly, as with exactKeys.
func lookupField[T any](fields []fastField[T], key string, start int) int {
	for i := start; i < len(fields); i++ {
		if fields[i].key == key {
			return i
		}
	}
	for i := 0; i < start && i < len(fields); i++ {
		if fields[i].key == key {
			return i
		}
	}
	return -1
}

// ws skips JSON white space.
func (d *fastDecoder) ws() {
	for d.i < len(d.s) {
		switch d.s[d.i] {
		case ' ', '\t', '\n', '\r':
			d.i++
		default:
			return
		}
	}
}

// byte consumes c if it is the next byte.
func (d *fastDecoder) byte(c byte) bool {
	if d.i < len(d.s) && d.s[d.i] == c {
		d.i++
		return true
	}
	return false
}

// literal consumes word (null, true or false) if it comes next. What
// follows it is checked by the caller's expecting ',', '}' or ']'.
func (d *fastDecoder) literal(word string) bool {
	if strings.HasPrefix(d.s[d.i:], word) {
		d.i += len(word)
		return true
	}
	return false
}

// str consumes a string without escapes and returns its content, a
// substring of the line. A backslash or a control character (invalid in
// JSON anyway) makes it fail.
func (d *fastDecoder) str() (string, bool) {
	if !d.byte('"') {
		return "", false
	}
	rest := d.s[d.i:]
	for j := 0; j < len(rest); j++ {
		if c := rest[j]; c < 0x20 || c == '"' || c == '\\' {
			if c != '"' {
				return "", false
			}
			d.i += j + 1
			return rest[:j], true
		}
	}
	return "", false
}

// number consumes a JSON number of strict grammar,
// -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?, and reports whether it
// is written as an integer (no fraction, no exponent).
func (d *fastDecoder) number() (tok string, integer, ok bool) {
	start := d.i
	d.byte('-')
	switch {
	case d.byte('0'):
	case d.digits() == 0:
		return "", false, false
	}
	integer = true
	if d.byte('.') {
		integer = false
		if d.digits() == 0 {
			return "", false, false
		}
	}
	if d.byte('e') || d.byte('E') {
		integer = false
		if !d.byte('+') {
			d.byte('-')
		}
		if d.digits() == 0 {
			return "", false, false
		}
	}
	return d.s[start:d.i], integer, true
}

// digits consumes [0-9]* and returns how many.
func (d *fastDecoder) digits() int {
	start := d.i
	for d.i < len(d.s) && '0' <= d.s[d.i] && d.s[d.i] <= '9' {
		d.i++
	}
	return d.i - start
}

// The value decoders below leave a field untouched on null, as jsonv2 does
// with a zero field, and fail on any other JSON type than the field's.

func (d *fastDecoder) sourceID(p *string) bool {
	if d.literal("null") {
		return true
	}
	v, ok := d.str()
	*p = v
	return ok
}

func (d *fastDecoder) optString(p **string) bool {
	if d.literal("null") {
		return true
	}
	v, ok := d.str()
	if !ok {
		return false
	}
	*p = slot(d.strs[:], &d.nstr)
	**p = v
	return true
}

func (d *fastDecoder) optInt(p **int) bool {
	if d.literal("null") {
		return true
	}
	v, ok := d.integer(strconv.IntSize)
	if !ok {
		return false
	}
	*p = slot(d.ints[:], &d.nint)
	**p = int(v)
	return true
}

func (d *fastDecoder) optInt64(p **int64) bool {
	if d.literal("null") {
		return true
	}
	v, ok := d.integer(64)
	if !ok {
		return false
	}
	*p = slot(d.int64s[:], &d.nint64)
	**p = v
	return true
}

// integer takes only integers written as such: jsonv2 rejects 1.0 and 1e2
// for an int, and, as strconv.ParseInt does, values outside bits' range.
func (d *fastDecoder) integer(bits int) (int64, bool) {
	tok, integer, ok := d.number()
	if !ok || !integer {
		return 0, false
	}
	v, err := strconv.ParseInt(tok, 10, bits)
	return v, err == nil
}

// optFloat parses as jsonv2 does, with strconv.ParseFloat; on overflow
// jsonv2 reports an error, so the line is left to it.
func (d *fastDecoder) optFloat(p **float64) bool {
	if d.literal("null") {
		return true
	}
	tok, _, ok := d.number()
	if !ok {
		return false
	}
	v, err := strconv.ParseFloat(tok, 64)
	if err != nil {
		return false
	}
	*p = slot(d.floats[:], &d.nfloat)
	**p = v
	return true
}

func (d *fastDecoder) optBool(p **bool) bool {
	var v bool
	switch {
	case d.literal("null"):
		return true
	case d.literal("true"):
		v = true
	case d.literal("false"):
	default:
		return false
	}
	*p = slot(d.bools[:], &d.nbool)
	**p = v
	return true
}

// stringList decodes null (nil), [] (empty, not nil) or a list of strings
// and nulls; a null item is "", as jsonv2 decodes it.
func (d *fastDecoder) stringList(p *[]string) bool {
	if d.literal("null") {
		return true
	}
	if !d.byte('[') {
		return false
	}
	start := len(d.elems)
	d.ws()
	if !d.byte(']') {
		for {
			var v string
			if !d.literal("null") {
				var ok bool
				if v, ok = d.str(); !ok {
					return false
				}
			}
			d.elems = append(d.elems, v)
			d.ws()
			if d.byte(']') {
				break
			}
			if !d.byte(',') {
				return false
			}
			d.ws()
		}
	}
	end := len(d.elems)
	*p = d.elems[start:end:end]
	return true
}

// assistance decodes the temporaryAssistance list; a null item is a zero
// TemporaryAssistanceInput, as jsonv2 decodes it.
func (d *fastDecoder) assistance(p *[]TemporaryAssistanceInput) bool {
	if d.literal("null") {
		return true
	}
	if !d.byte('[') {
		return false
	}
	list := d.assist[:0] // the key comes once, so d.assist is free
	d.ws()
	if !d.byte(']') {
		for {
			// Decoded in place: a local would escape to the heap.
			list = append(list, TemporaryAssistanceInput{})
			if !d.literal("null") && !decodeObject(d, assistanceFields, &list[len(list)-1]) {
				return false
			}
			d.ws()
			if d.byte(']') {
				break
			}
			if !d.byte(',') {
				return false
			}
			d.ws()
		}
	}
	*p = list
	return true
}

// Key tables. Their keys are the json tags of input.go, in field order;
// TestFastFieldsMatchTags checks that.

func strField[T any](key string, field func(*T) **string) fastField[T] {
	return fastField[T]{key, func(d *fastDecoder, in *T) bool { return d.optString(field(in)) }}
}

func intField[T any](key string, field func(*T) **int) fastField[T] {
	return fastField[T]{key, func(d *fastDecoder, in *T) bool { return d.optInt(field(in)) }}
}

func floatField[T any](key string, field func(*T) **float64) fastField[T] {
	return fastField[T]{key, func(d *fastDecoder, in *T) bool { return d.optFloat(field(in)) }}
}

func boolField[T any](key string, field func(*T) **bool) fastField[T] {
	return fastField[T]{key, func(d *fastDecoder, in *T) bool { return d.optBool(field(in)) }}
}

func listField[T any](key string, field func(*T) *[]string) fastField[T] {
	return fastField[T]{key, func(d *fastDecoder, in *T) bool { return d.stringList(field(in)) }}
}

// personFields are the PersonInput keys of a record type T, followed by
// its own keys.
func personFields[T any](person func(*T) *PersonInput, own ...fastField[T]) []fastField[T] {
	return append([]fastField[T]{
		{"sourceId", func(d *fastDecoder, in *T) bool { return d.sourceID(&person(in).SourceID) }},
		{"sourceVersion", func(d *fastDecoder, in *T) bool { return d.optInt64(&person(in).SourceVersion) }},
		strField("asOf", func(in *T) **string { return &person(in).AsOf }),
		strField("name", func(in *T) **string { return &person(in).Name }),
		strField("idNumber", func(in *T) **string { return &person(in).IDNumber }),
		strField("sex", func(in *T) **string { return &person(in).Sex }),
		strField("birthDate", func(in *T) **string { return &person(in).BirthDate }),
		strField("phone", func(in *T) **string { return &person(in).Phone }),
		strField("address", func(in *T) **string { return &person(in).Address }),
		strField("regionCode", func(in *T) **string { return &person(in).RegionCode }),
	}, own...)
}

var veteranFields = personFields(func(in *VeteranInput) *PersonInput { return &in.PersonInput },
	strField("serviceBranch", func(in *VeteranInput) **string { return &in.ServiceBranch }),
	strField("enlistDate", func(in *VeteranInput) **string { return &in.EnlistDate }),
	strField("dischargeDate", func(in *VeteranInput) **string { return &in.DischargeDate }),
	strField("dischargeMode", func(in *VeteranInput) **string { return &in.DischargeMode }),
	strField("rank", func(in *VeteranInput) **string { return &in.Rank }),
	strField("militarySpecialty", func(in *VeteranInput) **string { return &in.MilitarySpecialty }),
	listField("merits", func(in *VeteranInput) *[]string { return &in.Merits }),
	intField("disabilityGrade", func(in *VeteranInput) **int { return &in.DisabilityGrade }),
	strField("disabilityCause", func(in *VeteranInput) **string { return &in.DisabilityCause }),
	listField("entitledGroups", func(in *VeteranInput) *[]string { return &in.EntitledGroups }),
	strField("preferentialCard", func(in *VeteranInput) **string { return &in.PreferentialCard }),
	strField("placementStatus", func(in *VeteranInput) **string { return &in.PlacementStatus }),
	strField("employmentStatus", func(in *VeteranInput) **string { return &in.EmploymentStatus }),
	strField("employmentSince", func(in *VeteranInput) **string { return &in.EmploymentSince }),
	listField("skills", func(in *VeteranInput) *[]string { return &in.Skills }),
	strField("education", func(in *VeteranInput) **string { return &in.Education }),
	listField("preferredOccupations", func(in *VeteranInput) *[]string { return &in.PreferredOccupations }),
	listField("preferredRegions", func(in *VeteranInput) *[]string { return &in.PreferredRegions }),
	floatField("monthlyBenefit", func(in *VeteranInput) **float64 { return &in.MonthlyBenefit }),
)

var civilFields = personFields(func(in *CivilInput) *PersonInput { return &in.PersonInput },
	strField("householdId", func(in *CivilInput) **string { return &in.HouseholdID }),
	intField("householdSize", func(in *CivilInput) **int { return &in.HouseholdSize }),
	floatField("perCapitaMonthlyIncome", func(in *CivilInput) **float64 { return &in.PerCapitaMonthlyIncome }),
	strField("dibaoStatus", func(in *CivilInput) **string { return &in.DibaoStatus }),
	floatField("dibaoMonthlyAmount", func(in *CivilInput) **float64 { return &in.DibaoMonthlyAmount }),
	boolField("extremePoverty", func(in *CivilInput) **bool { return &in.ExtremePoverty }),
	boolField("nearDibao", func(in *CivilInput) **bool { return &in.NearDibao }),
	fastField[CivilInput]{"temporaryAssistance", func(d *fastDecoder, in *CivilInput) bool { return d.assistance(&in.TemporaryAssistance) }},
	boolField("disabilitySubsidy", func(in *CivilInput) **bool { return &in.DisabilitySubsidy }),
	boolField("livingAlone", func(in *CivilInput) **bool { return &in.LivingAlone }),
	strField("maritalStatus", func(in *CivilInput) **string { return &in.MaritalStatus }),
)

var assistanceFields = []fastField[TemporaryAssistanceInput]{
	strField("date", func(in *TemporaryAssistanceInput) **string { return &in.Date }),
	floatField("amount", func(in *TemporaryAssistanceInput) **float64 { return &in.Amount }),
	strField("reason", func(in *TemporaryAssistanceInput) **string { return &in.Reason }),
}

var healthFields = personFields(func(in *HealthInput) *PersonInput { return &in.PersonInput },
	listField("chronicConditions", func(in *HealthInput) *[]string { return &in.ChronicConditions }),
	listField("seriousIllnesses", func(in *HealthInput) *[]string { return &in.SeriousIllnesses }),
	strField("functionalDisability", func(in *HealthInput) **string { return &in.FunctionalDisability }),
	boolField("dementia", func(in *HealthInput) **bool { return &in.Dementia }),
	intField("costYear", func(in *HealthInput) **int { return &in.CostYear }),
	floatField("medicalCostTotal", func(in *HealthInput) **float64 { return &in.MedicalCostTotal }),
	floatField("insurancePaid", func(in *HealthInput) **float64 { return &in.InsurancePaid }),
	floatField("outOfPocket", func(in *HealthInput) **float64 { return &in.OutOfPocket }),
	intField("hospitalStays", func(in *HealthInput) **int { return &in.HospitalStays }),
	boolField("familyDoctorContract", func(in *HealthInput) **bool { return &in.FamilyDoctorContract }),
)

// slot returns the next unused element of a backing array, counted by n,
// or a value of its own once the array is used up.
func slot[T any](backing []T, n *int) *T {
	if *n == len(backing) {
		return new(T)
	}
	*n++
	return &backing[*n-1]
}
