package matching

import (
	"testing"
	"time"
)

func date(y int, m time.Month, d int) time.Time {
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

func TestParseIDNumber(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		in   string
		want IDNumber
	}{
		{"valid X", "11010519491231002X", IDNumber{
			Normalized: "11010519491231002X", Structure: true, Valid: true,
			BirthDate: date(1949, 12, 31), Sex: "F", RegionCode: "110105"}},
		{"valid 1880", "440524188001010014", IDNumber{
			Normalized: "440524188001010014", Structure: true, Valid: true,
			BirthDate: date(1880, 1, 1), Sex: "M", RegionCode: "440524"}},
		{"valid 1980", "34052419800101001X", IDNumber{
			Normalized: "34052419800101001X", Structure: true, Valid: true,
			BirthDate: date(1980, 1, 1), Sex: "M", RegionCode: "340524"}},
		{"lowercase x and spaces", " \u300011010519491231002x\t", IDNumber{
			Normalized: "11010519491231002X", Structure: true, Valid: true,
			BirthDate: date(1949, 12, 31), Sex: "F", RegionCode: "110105"}},
		{"full-width digits", "１１０１０５１９４９１２３１００２Ｘ", IDNumber{
			Normalized: "11010519491231002X", Structure: true, Valid: true,
			BirthDate: date(1949, 12, 31), Sex: "F", RegionCode: "110105"}},
		{"legacy 15", "370986890623212", IDNumber{
			Normalized: "370986198906232123", Legacy: true, Structure: true, Valid: true,
			BirthDate: date(1989, 6, 23), Sex: "F", RegionCode: "370986"}},
		{"leap day 2000", "11010520000229003X", IDNumber{
			Normalized: "11010520000229003X", Structure: true, Valid: true,
			BirthDate: date(2000, 2, 29), Sex: "M", RegionCode: "110105"}},
		{"wrong check char", "110105194912310021", IDNumber{
			Normalized: "110105194912310021", Structure: true, Problem: IDProblemCheckCharacter,
			BirthDate: date(1949, 12, 31), Sex: "F", RegionCode: "110105"}},
		{"wrong check char lowercase", "34052419800101001x", IDNumber{
			Normalized: "34052419800101001X", Structure: true, Valid: true,
			BirthDate: date(1980, 1, 1), Sex: "M", RegionCode: "340524"}},
		{"Feb 30", "110105194902300020", IDNumber{
			Normalized: "110105194902300020", Structure: true, Problem: IDProblemBirthDate,
			Sex: "F", RegionCode: "110105"}},
		{"1900 not leap", "110105190002290033", IDNumber{
			Normalized: "110105190002290033", Structure: true, Problem: IDProblemBirthDate,
			Sex: "M", RegionCode: "110105"}},
		{"future date", "110105209901010020", IDNumber{
			Normalized: "110105209901010020", Structure: true, Problem: IDProblemBirthDate,
			Sex: "F", RegionCode: "110105"}},
		{"before 1880", "110105187912310016", IDNumber{
			Normalized: "110105187912310016", Structure: true, Problem: IDProblemBirthDate,
			Sex: "M", RegionCode: "110105"}},
		{"legacy bad date", "370986891323212", IDNumber{
			Normalized: "370986198913232121", Legacy: true, Structure: true,
			Problem: IDProblemBirthDate, Sex: "F", RegionCode: "370986"}},
		{"17 digits", "11010519491231002", IDNumber{Problem: IDProblemLength}},
		{"19 digits", "110105194912310020X", IDNumber{Problem: IDProblemLength}},
		{"empty", "   ", IDNumber{Problem: IDProblemLength}},
		{"letters", "1101051949123100AX", IDNumber{Problem: IDProblemCharacters}},
		{"X inside", "11010519491231X02X", IDNumber{Problem: IDProblemCharacters}},
		{"legacy with X", "37098689062321X", IDNumber{Problem: IDProblemCharacters}},
		{"non-ASCII 18 runes", "11010519491231002中", IDNumber{Problem: IDProblemCharacters}},
		{"inner space", "110105 19491231002", IDNumber{Problem: IDProblemCharacters}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := ParseIDNumber(tt.in)
			if got != tt.want {
				t.Errorf("ParseIDNumber(%q)\n got %+v\nwant %+v", tt.in, got, tt.want)
			}
		})
	}
}

func TestIDCheckChar(t *testing.T) {
	t.Parallel()
	tests := []struct {
		first17 string
		want    byte
	}{
		{"11010519491231002", 'X'},
		{"44052418800101001", '4'},
		{"37098619890623212", '3'},
		{"00000000000000000", '1'},
	}
	for _, tt := range tests {
		t.Run(tt.first17, func(t *testing.T) {
			t.Parallel()
			if got := IDCheckChar(tt.first17); got != tt.want {
				t.Errorf("IDCheckChar(%q) = %c, want %c", tt.first17, got, tt.want)
			}
		})
	}
}

func TestIDCheckCharPanics(t *testing.T) {
	t.Parallel()
	for _, in := range []string{"", "1101051949123100", "1101051949123100X", "110105194912310021"} {
		t.Run(in, func(t *testing.T) {
			t.Parallel()
			defer func() {
				if recover() == nil {
					t.Errorf("IDCheckChar(%q) did not panic", in)
				}
			}()
			IDCheckChar(in)
		})
	}
}

func TestUpgradeLegacyID(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in     string
		want   string
		wantOK bool
	}{
		{"370986890623212", "370986198906232123", true},
		{"37098689062321", "", false},
		{"37098689062321X", "", false},
		{"11010519491231002X", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			t.Parallel()
			got, ok := UpgradeLegacyID(tt.in)
			if got != tt.want || ok != tt.wantOK {
				t.Errorf("UpgradeLegacyID(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.wantOK)
			}
		})
	}
}

func FuzzParseIDNumber(f *testing.F) {
	for _, s := range []string{
		"11010519491231002X", "440524188001010014", "34052419800101001X",
		"370986890623212", "11010519491231002x", "110105194902300020",
		"11010519491231002", "1101051949123100AX", "", "\u3000", "１１０１０５１９４９１２３１００２Ｘ",
		"11010519491231002中", "\xff\xfe\xfd\xfc\xfb\xfa\xf9\xf8\xf7\xf6\xf5\xf4\xf3\xf2\xf1",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		id := ParseIDNumber(s)
		if id.Valid && (!id.Structure || id.Problem != "" || id.BirthDate.IsZero()) {
			t.Fatalf("ParseIDNumber(%q) inconsistent: %+v", s, id)
		}
		if !id.Structure {
			if id.Normalized != "" || id.Sex != "" || id.RegionCode != "" || id.Problem == "" {
				t.Fatalf("ParseIDNumber(%q) without structure: %+v", s, id)
			}
			return
		}
		if len(id.Normalized) != 18 || id.RegionCode != id.Normalized[:6] {
			t.Fatalf("ParseIDNumber(%q) bad normal form: %+v", s, id)
		}
		if id.Valid && IDCheckChar(id.Normalized[:17]) != id.Normalized[17] {
			t.Fatalf("ParseIDNumber(%q) valid with wrong check char: %+v", s, id)
		}
		if again := ParseIDNumber(id.Normalized); again.Normalized != id.Normalized || again.Valid != id.Valid {
			t.Fatalf("re-parse of %q differs: %+v vs %+v", id.Normalized, again, id)
		}
	})
}
