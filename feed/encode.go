package feed

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"math"
	"strconv"
	"sync"
	"unicode/utf8"
)

// personJSON is the feed form of the keys every person record has.
// SourceVersion is a pointer and AsOf omitted when zero so that the hash
// can leave them out.
type personJSON struct {
	SourceID      string `json:"sourceId"`
	SourceVersion *int64 `json:"sourceVersion,omitzero"`
	AsOf          Date   `json:"asOf,omitzero"`
	Name          string `json:"name,omitzero"`
	IDNumber      string `json:"idNumber,omitzero"`
	Sex           string `json:"sex,omitzero"`
	BirthDate     Date   `json:"birthDate,omitzero"`
	Phone         string `json:"phone,omitzero"`
	Address       string `json:"address,omitzero"`
	RegionCode    string `json:"regionCode,omitzero"`
}

func (r Record) personJSON() personJSON {
	return personJSON{
		SourceID: r.SourceID, Name: r.Name, IDNumber: r.IDNumber, Sex: r.Sex,
		BirthDate: r.BirthDate, Phone: r.Phone, Address: r.Address, RegionCode: r.RegionCode,
	}
}

// result finishes a person record: canonical Attrs, Raw and Hash.
func (c *checker) result(r Record, attrs any, raw json.RawMessage) Result {
	r.Attrs = encodeAttrs(attrs)
	r.Raw = raw
	r.Hash = hashRecord(r)
	return Result{Record: r, Errors: c.errs, Warnings: c.warns}
}

// FeedJSON returns the record in feed format, one JSON object without a
// trailing newline: the person keys, then Attrs. Decoding it again yields
// the same Hash.
func (r Record) FeedJSON() []byte {
	p := r.personJSON()
	p.SourceVersion, p.AsOf = &r.SourceVersion, r.AsOf
	return mergeObjects(marshal(p), r.Attrs)
}

// FeedJSON returns the posting in feed format, one JSON object without a
// trailing newline. Decoding it again yields the same Hash.
func (j Job) FeedJSON() []byte { return marshal(j) }

// hashRecord hashes department + "\n" + mergeObjects(person JSON, Attrs).
// The bytes are assembled in a stack buffer, merged in place, so that a
// typical record is hashed without allocating.
func hashRecord(r Record) [32]byte {
	var buf [2048]byte
	b := append(buf[:0], r.Department...)
	b = append(b, '\n')
	start := len(b)
	b = appendPersonJSON(b, r)
	if len(r.Attrs) > 2 { // as mergeObjects: nil or {} adds nothing
		if len(b)-start > 2 {
			b[len(b)-1] = ','
		} else {
			b = b[:len(b)-1]
		}
		b = append(b, r.Attrs[1:]...)
	}
	return sha256.Sum256(b)
}

// appendPersonJSON appends marshal(r.personJSON()) — byte for byte, since
// stored hashes are compared with new ones — without reflection: encoding
// it through encoding/json was a fifth of validating a record.
func appendPersonJSON(b []byte, r Record) []byte {
	b = append(b, `{"sourceId":`...)
	b = AppendJSONString(b, r.SourceID)
	b = appendMember(b, "name", r.Name)
	b = appendMember(b, "idNumber", r.IDNumber)
	b = appendMember(b, "sex", r.Sex)
	if !r.BirthDate.IsZero() {
		b = append(b, `,"birthDate":"`...)
		b = append(appendDate(b, r.BirthDate), '"')
	}
	b = appendMember(b, "phone", r.Phone)
	b = appendMember(b, "address", r.Address)
	b = appendMember(b, "regionCode", r.RegionCode)
	return append(b, '}')
}

// appendMember appends ,"key":value unless value is empty (omitzero).
func appendMember(b []byte, key, value string) []byte {
	if value == "" {
		return b
	}
	b = append(append(append(b, ',', '"'), key...), '"', ':')
	return AppendJSONString(b, value)
}

// AppendJSONString appends s quoted as encoding/json does with HTML
// escaping off:
// short escapes for " \ \b \f \n \r \t, \u00XX for other control
// characters, \ufffd for invalid UTF-8, and \u2028, \u2029 escaped.
func AppendJSONString(b []byte, s string) []byte {
	if plainJSONString(s) {
		return append(append(append(b, '"'), s...), '"')
	}
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(append(b, s[start:i]...), `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(append(b, s[start:i]...), '\\', 'u', '2', '0', '2', hex[r&0xf])
			i += size
			start = i
			continue
		}
		i += size
	}
	return append(append(b, s[start:]...), '"')
}

// plainJSONString reports whether s is valid UTF-8 with nothing to escape,
// as nearly every value is. It sends every 0xE2 byte (U+2000 to U+2FFF,
// among them U+2028 and U+2029) to the careful loop.
func plainJSONString(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c == '"' || c == '\\' || c == 0xE2 {
			return false
		}
	}
	return utf8.ValidString(s)
}

func hashJob(j Job) [32]byte {
	j.SourceVersion, j.AsOf = 0, Date{}
	return sha256.Sum256(marshal(j))
}

// mergeObjects joins two JSON objects' members: {a}+{b} = {a,b}.
func mergeObjects(a, b []byte) []byte {
	if len(b) <= 2 { // nil or {}
		return a
	}
	out := make([]byte, 0, len(a)+len(b))
	out = append(out, a[:len(a)-1]...)
	if len(a) > 2 {
		out = append(out, ',')
	}
	return append(out, b[1:]...)
}

type encoder struct {
	buf bytes.Buffer
	enc *json.Encoder
}

var encoders = sync.Pool{New: func() any {
	e := &encoder{}
	e.enc = json.NewEncoder(&e.buf)
	e.enc.SetEscapeHTML(false) // addresses with & stay readable in exports
	return e
}}

// marshal encodes the package's own types, which cannot fail: they hold
// no channels or funcs, and money is checked to be finite.
func marshal(v any) []byte {
	e := encoders.Get().(*encoder)
	e.buf.Reset()
	if err := e.enc.Encode(v); err != nil {
		panic("feed: encoding " + err.Error())
	}
	out := bytes.Clone(bytes.TrimSuffix(e.buf.Bytes(), []byte{'\n'}))
	if e.buf.Cap() <= 64<<10 { // let a buffer grown by a huge record go
		encoders.Put(e)
	}
	return out
}

// encodeAttrs returns the canonical Attrs of a department's normalised
// struct: marshal(v) byte for byte (stored hashes are compared with new
// ones), written by hand because encoding/json took a sixth of validating a
// record. The encoding/json path stays the oracle in the tests.
func encodeAttrs(v any) []byte {
	var buf [1024]byte
	var b []byte
	switch v := v.(type) {
	case Veteran:
		b = v.appendJSON(buf[:0])
	case Civil:
		b = v.appendJSON(buf[:0])
	case Health:
		b = v.appendJSON(buf[:0])
	default:
		// Not passing v on keeps it from escaping in the callers.
		panic("feed: no attrs encoding for this type")
	}
	return bytes.Clone(b)
}

// The appendJSON methods follow the json tags of their types: members in
// field order, omitzero fields left out when zero (a nil slice or pointer,
// "", 0, a zero Date), an empty slice written as [].

func (v *Veteran) appendJSON(b []byte) []byte {
	b = append(b, '{')
	n := len(b)
	b = appendStringMember(b, n, "serviceBranch", v.ServiceBranch)
	b = appendDateMember(b, n, "enlistDate", v.EnlistDate)
	b = appendDateMember(b, n, "dischargeDate", v.DischargeDate)
	b = appendStringMember(b, n, "dischargeMode", v.DischargeMode)
	b = appendStringMember(b, n, "rank", v.Rank)
	b = appendStringMember(b, n, "militarySpecialty", v.MilitarySpecialty)
	b = appendStringsMember(b, n, "merits", v.Merits)
	b = appendIntMember(b, n, "disabilityGrade", v.DisabilityGrade)
	b = appendStringMember(b, n, "disabilityCause", v.DisabilityCause)
	b = appendStringsMember(b, n, "entitledGroups", v.EntitledGroups)
	b = appendStringMember(b, n, "preferentialCard", v.PreferentialCard)
	b = appendStringMember(b, n, "placementStatus", v.PlacementStatus)
	b = appendStringMember(b, n, "employmentStatus", v.EmploymentStatus)
	b = appendDateMember(b, n, "employmentSince", v.EmploymentSince)
	b = appendStringsMember(b, n, "skills", v.Skills)
	b = appendStringMember(b, n, "education", v.Education)
	b = appendStringsMember(b, n, "preferredOccupations", v.PreferredOccupations)
	b = appendStringsMember(b, n, "preferredRegions", v.PreferredRegions)
	b = appendFloatMember(b, n, "monthlyBenefit", v.MonthlyBenefit)
	return append(b, '}')
}

func (v *Civil) appendJSON(b []byte) []byte {
	b = append(b, '{')
	n := len(b)
	b = appendStringMember(b, n, "householdId", v.HouseholdID)
	b = appendIntMember(b, n, "householdSize", v.HouseholdSize)
	b = appendFloatMember(b, n, "perCapitaMonthlyIncome", v.PerCapitaMonthlyIncome)
	b = appendStringMember(b, n, "dibaoStatus", v.DibaoStatus)
	b = appendFloatMember(b, n, "dibaoMonthlyAmount", v.DibaoMonthlyAmount)
	b = appendBoolMember(b, n, "extremePoverty", v.ExtremePoverty)
	b = appendBoolMember(b, n, "nearDibao", v.NearDibao)
	if v.TemporaryAssistance != nil {
		b = appendKey(b, n, "temporaryAssistance")
		b = append(b, '[')
		for i := range v.TemporaryAssistance {
			if i > 0 {
				b = append(b, ',')
			}
			b = v.TemporaryAssistance[i].appendJSON(b)
		}
		b = append(b, ']')
	}
	b = appendBoolMember(b, n, "disabilitySubsidy", v.DisabilitySubsidy)
	b = appendBoolMember(b, n, "livingAlone", v.LivingAlone)
	b = appendStringMember(b, n, "maritalStatus", v.MaritalStatus)
	return append(b, '}')
}

func (v *TemporaryAssistance) appendJSON(b []byte) []byte {
	b = append(b, '{')
	n := len(b)
	b = appendDateMember(b, n, "date", v.Date)
	b = appendFloatMember(b, n, "amount", v.Amount)
	b = appendStringMember(b, n, "reason", v.Reason)
	return append(b, '}')
}

func (v *Health) appendJSON(b []byte) []byte {
	b = append(b, '{')
	n := len(b)
	b = appendStringsMember(b, n, "chronicConditions", v.ChronicConditions)
	b = appendStringsMember(b, n, "seriousIllnesses", v.SeriousIllnesses)
	b = appendStringMember(b, n, "functionalDisability", v.FunctionalDisability)
	b = appendBoolMember(b, n, "dementia", v.Dementia)
	b = appendIntMember(b, n, "costYear", v.CostYear)
	b = appendFloatMember(b, n, "medicalCostTotal", v.MedicalCostTotal)
	b = appendFloatMember(b, n, "insurancePaid", v.InsurancePaid)
	b = appendFloatMember(b, n, "outOfPocket", v.OutOfPocket)
	if v.HospitalStays != nil {
		b = strconv.AppendInt(appendKey(b, n, "hospitalStays"), int64(*v.HospitalStays), 10)
	}
	b = appendBoolMember(b, n, "familyDoctorContract", v.FamilyDoctorContract)
	return append(b, '}')
}

// appendKey appends "key": preceded by a comma unless the object's first
// member would start at n.
func appendKey(b []byte, n int, key string) []byte {
	if len(b) > n {
		b = append(b, ',')
	}
	b = append(append(append(b, '"'), key...), '"', ':')
	return b
}

func appendStringMember(b []byte, n int, key, v string) []byte {
	if v == "" {
		return b
	}
	return AppendJSONString(appendKey(b, n, key), v)
}

func appendStringsMember(b []byte, n int, key string, v []string) []byte {
	if v == nil {
		return b
	}
	b = append(appendKey(b, n, key), '[')
	for i, s := range v {
		if i > 0 {
			b = append(b, ',')
		}
		b = AppendJSONString(b, s)
	}
	return append(b, ']')
}

func appendIntMember(b []byte, n int, key string, v int) []byte {
	if v == 0 {
		return b
	}
	return strconv.AppendInt(appendKey(b, n, key), int64(v), 10)
}

func appendBoolMember(b []byte, n int, key string, v *bool) []byte {
	if v == nil {
		return b
	}
	return strconv.AppendBool(appendKey(b, n, key), *v)
}

func appendFloatMember(b []byte, n int, key string, v *float64) []byte {
	if v == nil {
		return b
	}
	return appendFloat(appendKey(b, n, key), *v)
}

// appendDateMember writes what Date.MarshalJSON does; omitzero uses the
// IsZero method Date has from time.Time.
func appendDateMember(b []byte, n int, key string, d Date) []byte {
	if d.IsZero() {
		return b
	}
	b = append(appendKey(b, n, key), '"')
	return append(appendDate(b, d), '"')
}

// appendDate appends d.AppendFormat(b, dateLayout), spelled out for the
// four-digit years every stored date has: the layout interpreter was a
// quarter of encoding Attrs.
func appendDate(b []byte, d Date) []byte {
	y, m, day := d.Date()
	if y < 1000 || y > 9999 {
		return d.AppendFormat(b, dateLayout) // "0999", "-0001", "10000"
	}
	return append(b, byte('0'+y/1000), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10),
		'-', byte('0'+m/10), byte('0'+m%10), '-', byte('0'+day/10), byte('0'+day%10))
}

// appendFloat formats f as encoding/json does for a float64: like
// strconv 'f', but 'e' for magnitudes below 1e-6 or from 1e21 on, with
// the exponent unpadded (1e-7, not 1e-07). Like marshal, it panics on
// NaN and infinities, which money never lets through.
func appendFloat(b []byte, f float64) []byte {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		panic("feed: encoding json: unsupported value: " + strconv.FormatFloat(f, 'g', -1, 64))
	}
	abs := math.Abs(f)
	format := byte('f')
	if abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, f, format, -1, 64)
	if format == 'e' {
		if n := len(b); n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b
}
