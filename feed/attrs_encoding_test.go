package feed

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"math"
	"math/rand/v2"
	"reflect"
	"testing"
	"time"
)

// stdAttrs is the encoding Attrs had before encodeAttrs, kept as the
// oracle: encoding/json with HTML escaping off, without the newline.
func stdAttrs(v any) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		panic("feed: encoding " + err.Error())
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte{'\n'})
}

// hashRecordMerged is hashRecord as it was, building the merged object.
func hashRecordMerged(r Record) [32]byte {
	h := sha256.New()
	h.Write([]byte(r.Department))
	h.Write([]byte{'\n'})
	h.Write(mergeObjects(appendPersonJSON(make([]byte, 0, 256), r), r.Attrs))
	var sum [32]byte
	h.Sum(sum[:0])
	return sum
}

func checkAttrs(t testing.TB, v any) {
	t.Helper()
	got, want := encodeAttrs(v), stdAttrs(v)
	if !bytes.Equal(got, want) {
		t.Fatalf("attrs of %T differ from encoding/json:\ngot  %s\nwant %s\nvalue %#v", v, got, want, v)
	}
	if !bytes.Equal(marshal(v), want) {
		t.Fatalf("marshal differs from encoding/json: %s", want)
	}
}

// attrsOf decodes a record's Attrs into its department's struct.
func attrsOf(t testing.TB, r Record) any {
	t.Helper()
	var v any
	var err error
	switch r.Department {
	case DepartmentVeteran:
		v, err = r.Veteran()
	case DepartmentCivil:
		v, err = r.Civil()
	case DepartmentHealth:
		v, err = r.Health()
	}
	if err != nil {
		t.Fatalf("%s: %v", r.Attrs, err)
	}
	return v
}

var personDepts = []Department{DepartmentVeteran, DepartmentCivil, DepartmentHealth}

// fixtureVariants returns every fixture line of dept, plus each line with
// each key of a set of edits applied, to reach more validation outcomes.
func fixtureVariants(t testing.TB, dept Department) [][]byte {
	t.Helper()
	variants := []edits{
		{"serviceBranch": "陆军<>&\u2028", "rank": " 上士\t ", "skills": []string{}, "merits": nil},
		{"skills": []string{"a&b", "<c>", "a&b", " ", "\u2029"}, "monthlyBenefit": 0.1, "disabilityGrade": 10},
		{"monthlyBenefit": 0, "preferredRegions": []string{}, "entitledGroups": []string{"war_veteran", "WAR_VETERAN"}},
		{"monthlyBenefit": 9999999999.995, "dischargeDate": "2003-11-30"},
		{"monthlyBenefit": 123456789.123, "merits": []string{"bogus"}, "education": "college"},
		{"perCapitaMonthlyIncome": 1e-7, "dibaoMonthlyAmount": 0.004, "householdSize": 50},
		{"temporaryAssistance": raw(`[]`), "extremePoverty": true, "maritalStatus": "single"},
		{"temporaryAssistance": raw(`[{},{"reason":"\u0001\"\\"},{"date":"2024-02-30","amount":-1},{"amount":1e10}]`)},
		{"householdId": "HH\u0000\u001f\u007f", "perCapitaMonthlyIncome": 1e10},
		{"chronicConditions": []string{}, "seriousIllnesses": nil, "hospitalStays": 0, "costYear": 1950},
		{"chronicConditions": []string{"i10", "I10", "z99.x00+*-"}, "medicalCostTotal": 0.015, "outOfPocket": 0.005},
		{"dementia": false, "insurancePaid": 1e-300, "hospitalStays": 366, "functionalDisability": "moderate"},
	}
	var out [][]byte
	for _, line := range fixtureLines(t, string(toLower(dept))+".ndjson") {
		out = append(out, line)
		for _, e := range variants {
			out = append(out, mkLine(t, string(line), e))
		}
	}
	return out
}

// TestAttrsMatchEncodingJSON: the hand-written Attrs of every fixture line
// (and variants of it) equal encoding/json's of the same value. The value
// is decoded from Attrs, so the test also demands that the lines set every
// field somewhere: a field the encoding left out would never come back.
func TestAttrsMatchEncodingJSON(t *testing.T) {
	t.Parallel()
	n := 0
	set := map[string]bool{}
	for _, dept := range personDepts {
		for _, line := range fixtureVariants(t, dept) {
			r := DecodeRecord(dept, line).Record
			v := attrsOf(t, r)
			checkAttrs(t, v)
			if want := stdAttrs(v); !bytes.Equal(r.Attrs, want) {
				t.Fatalf("%s: Attrs\n%s\nencoding/json\n%s", line, r.Attrs, want)
			}
			markSetFields(reflect.ValueOf(v), set)
			n++
		}
	}
	if n < 30 {
		t.Fatalf("only %d lines checked", n)
	}
	for _, v := range []any{Veteran{}, Civil{}, Health{}, TemporaryAssistance{}} {
		typ := reflect.TypeOf(v)
		for i := range typ.NumField() {
			if name := typ.Name() + "." + typ.Field(i).Name; !set[name] {
				t.Errorf("no fixture line sets %s", name)
			}
		}
	}
}

// markSetFields records the non-zero fields of a struct (and of the
// structs in its slices) as "Type.Field".
func markSetFields(v reflect.Value, set map[string]bool) {
	for i := range v.NumField() {
		f := v.Field(i)
		if f.IsZero() {
			continue
		}
		set[v.Type().Name()+"."+v.Type().Field(i).Name] = true
		if f.Kind() == reflect.Slice && f.Type().Elem().Kind() == reflect.Struct {
			for j := range f.Len() {
				markSetFields(f.Index(j), set)
			}
		}
	}
}

// TestHashRecordUnchanged: hashRecord hashes the same bytes as the merged
// object did, and pins the hashes of the fixtures' first lines (computed
// with encoding/json Attrs and the merged object).
func TestHashRecordUnchanged(t *testing.T) {
	t.Parallel()
	pinned := map[Department]string{
		DepartmentVeteran: "fcfb7a9e0583328837e4064a97a850c71bf108c54a3895679d6c956bbfcdf211",
		DepartmentCivil:   "ce66d11f74d8863c6e349e7b268044fd0e5b1ebf105838bf7e42cd6ead093083",
		DepartmentHealth:  "a030aa8f5a8c6e32616eff72978e6282d997bbcf5239b5188448da32dd32bd03",
	}
	for _, dept := range personDepts {
		for i, line := range fixtureVariants(t, dept) {
			r := DecodeRecord(dept, line).Record
			if got, want := r.Hash, hashRecordMerged(r); got != want {
				t.Fatalf("%s: hash %x, merged %x", line, got, want)
			}
			if i == 0 {
				if got := hex.EncodeToString(r.Hash[:]); got != pinned[dept] {
					t.Errorf("%s hash of the first fixture = %s, want %s", dept, got, pinned[dept])
				}
			}
		}
	}
	// The corners of mergeObjects: no Attrs, empty Attrs, no person keys.
	for _, r := range []Record{
		{Department: DepartmentCivil},
		{Department: DepartmentCivil, Attrs: json.RawMessage(`{}`)},
		{Department: DepartmentHealth, SourceID: "x", Attrs: json.RawMessage(`{"a":1}`)},
		{Department: DepartmentVeteran, SourceID: "\u2028<&>", Name: "张三", BirthDate: NewDate(1950, 2, 3), Attrs: json.RawMessage(`{"rank":"x"}`)},
		{SourceID: "y", Attrs: bytes.Repeat([]byte{'{'}, 3000)}, // longer than the stack buffer
	} {
		if got, want := hashRecord(r), hashRecordMerged(r); got != want {
			t.Errorf("%+v: hash %x, merged %x", r, got, want)
		}
	}
}

func ptr[T any](v T) *T { return &v }

// edgeFloats are the floats whose formatting differs most between
// encoders: exponent cutoffs, negative zero, shortest round trips.
var edgeFloats = []float64{0, math.Copysign(0, -1), 1e21, 1e20, 999999999999999999999, 1e-7, 1e-6, 9.99e-7,
	1.5e-10, 1e-100, 1e100, 0.1, 0.2, 0.3, 1.0 / 3, 123456789.123, 1234.567, 1500.01, 812.5, -1.5, 1e10,
	9999999999.99, 2e-300, 5e-324, math.MaxFloat64, -math.MaxFloat64, math.SmallestNonzeroFloat64,
	1 << 53, 1<<53 + 2, 4.35, 100, 0.07, 1e6, 12345678912345678}

// edgeStrings need escaping (or must not be escaped, like <>&).
var edgeStrings = []string{"", " ", "<>&", "a&b<c>d", "\u2028\u2029", "x\u2028y", "\x00\x01\x1f\x7f", "\"\\/",
	"\b\f\n\r\t", "\xff", "\xe2\x80", "a\xc0\xafb", "\xed\xa0\x80", "\U0001F600", "王建国", "\ufffd", "\u00e9\u0301",
	"</script>", "\\u2028", "ab\xf4\x90\x80\x80"}

func TestAttrsEdgeValues(t *testing.T) {
	t.Parallel()
	checkAttrs(t, Veteran{})
	checkAttrs(t, Civil{})
	checkAttrs(t, Health{})
	checkAttrs(t, Veteran{Merits: []string{}, Skills: []string{}, PreferredRegions: nil})
	checkAttrs(t, Civil{TemporaryAssistance: []TemporaryAssistance{}})
	checkAttrs(t, Civil{TemporaryAssistance: []TemporaryAssistance{{}, {}}})
	checkAttrs(t, Health{ChronicConditions: []string{}, SeriousIllnesses: []string{""}, HospitalStays: ptr(0), Dementia: ptr(false)})
	for _, f := range edgeFloats {
		for _, f := range []float64{f, -f} {
			checkAttrs(t, Veteran{MonthlyBenefit: &f})
			checkAttrs(t, Civil{PerCapitaMonthlyIncome: &f, TemporaryAssistance: []TemporaryAssistance{{Amount: &f}}})
			checkAttrs(t, Health{OutOfPocket: &f, CostYear: -1})
		}
	}
	for _, s := range edgeStrings {
		checkAttrs(t, Veteran{Rank: s, Merits: []string{s, s}})
		checkAttrs(t, Civil{HouseholdID: s, TemporaryAssistance: []TemporaryAssistance{{Reason: s}}})
		checkAttrs(t, Health{FunctionalDisability: s, ChronicConditions: []string{s}})
	}
	for _, n := range []int{1, -1, math.MaxInt, math.MinInt, 1 << 53, 1<<53 + 1} {
		checkAttrs(t, Veteran{DisabilityGrade: n})
		checkAttrs(t, Civil{HouseholdSize: n})
		checkAttrs(t, Health{CostYear: n, HospitalStays: &n})
	}
	for _, d := range []Date{NewDate(1000, 1, 1), NewDate(9999, 12, 31), NewDate(1, 1, 2), NewDate(10000, 1, 1),
		NewDate(-5, 3, 1), {time.Date(2024, 5, 1, 23, 30, 0, 0, chinaTime)}, {time.Date(1, 1, 1, 0, 0, 0, 1, time.UTC)},
		{time.Date(1, 1, 1, 0, 0, 0, 0, chinaTime)}, {}} {
		checkAttrs(t, Veteran{EnlistDate: d, DischargeDate: d, EmploymentSince: d})
		checkAttrs(t, Civil{TemporaryAssistance: []TemporaryAssistance{{Date: d}}})
	}
}

// TestAttrsNonFinitePanics: like marshal, the hand-written encoding refuses
// NaN and infinities with the same message.
func TestAttrsNonFinitePanics(t *testing.T) {
	t.Parallel()
	recovered := func(f func()) (msg any) {
		defer func() { msg = recover() }()
		f()
		return nil
	}
	for _, f := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
		for _, v := range []any{Veteran{MonthlyBenefit: &f}, Civil{TemporaryAssistance: []TemporaryAssistance{{Amount: &f}}}, Health{InsurancePaid: &f}} {
			got := recovered(func() { encodeAttrs(v) })
			want := recovered(func() { marshal(v) })
			if got == nil || got != want {
				t.Errorf("%g in %T: panic %v, marshal panics %v", f, v, got, want)
			}
		}
	}
}

// randomValue fills every field of v by reflection, so that a field added
// to Veteran, Civil, Health or TemporaryAssistance without its encoding
// fails this test.
func randomValue(rng *rand.Rand, v reflect.Value) {
	switch v.Kind() {
	case reflect.String:
		v.SetString(randomString(rng))
	case reflect.Int:
		switch rng.IntN(4) {
		case 0:
			v.SetInt(0)
		case 1:
			v.SetInt(rng.Int64())
		default:
			v.SetInt(rng.Int64N(4000) - 100)
		}
	case reflect.Bool:
		v.SetBool(rng.IntN(2) == 0)
	case reflect.Float64:
		v.SetFloat(randomFloat(rng))
	case reflect.Pointer:
		if rng.IntN(3) == 0 {
			v.SetZero()
			return
		}
		v.Set(reflect.New(v.Type().Elem()))
		randomValue(rng, v.Elem())
	case reflect.Slice:
		switch n := rng.IntN(5) - 1; n {
		case -1:
			v.SetZero()
		default:
			v.Set(reflect.MakeSlice(v.Type(), n, n))
			for i := range n {
				randomValue(rng, v.Index(i))
			}
		}
	case reflect.Struct:
		if v.Type() == reflect.TypeFor[Date]() {
			if rng.IntN(3) > 0 {
				v.Set(reflect.ValueOf(NewDate(1000+rng.IntN(9000), time.Month(1+rng.IntN(12)), 1+rng.IntN(31))))
			} else {
				v.SetZero()
			}
			return
		}
		for i := range v.NumField() {
			randomValue(rng, v.Field(i))
		}
	default:
		panic("randomValue: no case for " + v.Type().String())
	}
}

func randomString(rng *rand.Rand) string {
	switch rng.IntN(4) {
	case 0:
		return ""
	case 1:
		return edgeStrings[rng.IntN(len(edgeStrings))]
	}
	b := make([]byte, rng.IntN(12))
	for i := range b {
		if rng.IntN(2) == 0 {
			b[i] = byte(rng.IntN(256))
		} else {
			const alphabet = "az<>&\"\\\n\x00\xe2\x80\xa8 \xe7\x8e\x8b"
			b[i] = alphabet[rng.IntN(len(alphabet))]
		}
	}
	return string(b)
}

func randomFloat(rng *rand.Rand) float64 {
	switch rng.IntN(4) {
	case 0:
		return edgeFloats[rng.IntN(len(edgeFloats))]
	case 1:
		return math.Round(rng.Float64()*1e6) / 100 // money in fen
	case 2:
		return rng.NormFloat64() * math.Pow(10, float64(rng.IntN(60)-30))
	}
	for {
		if f := math.Float64frombits(rng.Uint64()); !math.IsNaN(f) && !math.IsInf(f, 0) {
			return f
		}
	}
}

func TestAttrsRandomValues(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(1, 2))
	n := 20000
	if testing.Short() {
		n = 2000
	}
	for range n {
		for _, p := range []any{new(Veteran), new(Civil), new(Health)} {
			v := reflect.ValueOf(p).Elem()
			randomValue(rng, v)
			checkAttrs(t, v.Interface())
		}
	}
}

func FuzzAttrsEncoding(f *testing.F) {
	f.Add("陆军", "<a&b>", "\u2028", 1234.567, 1e21, 8, uint64(0))
	f.Add("\xff", "\x00\"\\", "", math.Copysign(0, -1), 1e-7, -1, uint64(math.MaxUint64))
	f.Add("", "x", "y", 0.1, 123456789.123, 0, uint64(0x5555555555555555))
	f.Fuzz(func(t *testing.T, s1, s2, s3 string, f1, f2 float64, n int, mask uint64) {
		if math.IsNaN(f1) || math.IsInf(f1, 0) || math.IsNaN(f2) || math.IsInf(f2, 0) {
			return // both refuse them; see TestAttrsNonFinitePanics
		}
		bit := func(i int) bool { return mask>>(i%64)&1 == 1 }
		str := func(i int) string { return []string{s1, s2, s3, ""}[mask>>(2*(i%32))&3] }
		list := func(i int) []string {
			switch {
			case !bit(i):
				return nil
			case !bit(i + 1):
				return []string{}
			}
			return []string{s1, s2, s3}[:1+i%3]
		}
		fl := func(i int) *float64 {
			if !bit(i) {
				return nil
			}
			if bit(i + 1) {
				return &f1
			}
			return &f2
		}
		bo := func(i int) *bool {
			if !bit(i) {
				return nil
			}
			return ptr(bit(i + 1))
		}
		date := func(i int) Date {
			if !bit(i) {
				return Date{}
			}
			return NewDate(1000+n%9000, time.January, 1+int(mask%400))
		}
		num := func(i int) int {
			if bit(i) {
				return n
			}
			return 0
		}
		checkAttrs(t, Veteran{
			ServiceBranch: str(0), EnlistDate: date(1), DischargeDate: date(2), DischargeMode: str(3), Rank: str(4),
			MilitarySpecialty: str(5), Merits: list(6), DisabilityGrade: num(7), DisabilityCause: str(8),
			EntitledGroups: list(9), PreferentialCard: str(10), PlacementStatus: str(11), EmploymentStatus: str(12),
			EmploymentSince: date(13), Skills: list(14), Education: str(15), PreferredOccupations: list(16),
			PreferredRegions: list(17), MonthlyBenefit: fl(18),
		})
		var ta []TemporaryAssistance
		if bit(20) {
			ta = []TemporaryAssistance{}
			for i := range n & 3 {
				ta = append(ta, TemporaryAssistance{Date: date(21 + i), Amount: fl(22 + i), Reason: str(23 + i)})
			}
		}
		checkAttrs(t, Civil{
			HouseholdID: str(1), HouseholdSize: num(2), PerCapitaMonthlyIncome: fl(3), DibaoStatus: str(4),
			DibaoMonthlyAmount: fl(5), ExtremePoverty: bo(6), NearDibao: bo(7), TemporaryAssistance: ta,
			DisabilitySubsidy: bo(8), LivingAlone: bo(9), MaritalStatus: str(10),
		})
		var stays *int
		if bit(40) {
			stays = &n
		}
		checkAttrs(t, Health{
			ChronicConditions: list(30), SeriousIllnesses: list(32), FunctionalDisability: str(33), Dementia: bo(34),
			CostYear: num(35), MedicalCostTotal: fl(36), InsurancePaid: fl(37), OutOfPocket: fl(38),
			HospitalStays: stays, FamilyDoctorContract: bo(41),
		})
	})
}
