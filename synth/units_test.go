package synth

import (
	"testing"
	"time"
	"unicode/utf8"

	"github.com/vethub/vethub/matching"
)

func TestCivilDayRoundTrip(t *testing.T) {
	t.Parallel()
	for d := civilDay(1880, 1, 1); d < civilDay(2101, 1, 1); d += 7 {
		y, m, dd := d.ymd()
		want := time.Unix(int64(d)*86400, 0).UTC()
		if y != want.Year() || m != int(want.Month()) || dd != want.Day() || civilDay(y, m, dd) != d {
			t.Fatalf("day %d: %d-%d-%d, want %s", d, y, m, dd, want.Format(time.DateOnly))
		}
	}
}

func TestAgeOn(t *testing.T) {
	t.Parallel()
	today := civilDay(2026, 11, 1)
	tests := []struct {
		name  string
		birth day
		want  int
	}{
		{"birthday today", civilDay(1956, 11, 1), 70},
		{"birthday tomorrow", civilDay(1956, 11, 2), 69},
		{"leap day", civilDay(2000, 2, 29), 26},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if got := tc.birth.ageOn(today); got != tc.want {
				t.Errorf("age %d, want %d", got, tc.want)
			}
		})
	}
}

func TestScrambleIsInjective(t *testing.T) {
	t.Parallel()
	seen := make(map[uint64]bool, 200000)
	for x := range uint64(200000) {
		y := scramble(x, keyCivil)
		if y >= 1<<scrambleBits || seen[y] {
			t.Fatalf("scramble(%d) = %d repeats or overflows", x, y)
		}
		seen[y] = true
	}
}

func TestAppendMoney(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   float64
		want string
	}{{0, "0"}, {1234, "1234"}, {1234.5, "1234.5"}, {1234.56, "1234.56"}, {0.05, "0.05"}, {1099.999, "1100"}}
	for _, tc := range tests {
		t.Run(tc.want, func(t *testing.T) {
			t.Parallel()
			if got := string(appendMoney(nil, tc.in)); got != tc.want {
				t.Errorf("appendMoney(%v) = %s, want %s", tc.in, got, tc.want)
			}
		})
	}
}

func TestParseNoise(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in      string
		want    float64
		wantErr bool
	}{
		{"low", 0.05, false}, {"default", 0.15, false}, {"HIGH", 0.35, false}, {"none", 0, false},
		{"0.2", 0.2, false}, {"1", 1, false}, {"1.5", 0, true}, {"-0.1", 0, true}, {"lots", 0, true},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			t.Parallel()
			got, err := ParseNoise(tc.in)
			if (err != nil) != tc.wantErr || got != tc.want {
				t.Errorf("ParseNoise(%q) = %v, %v", tc.in, got, err)
			}
		})
	}
}

func TestConfigDefaults(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		cfg     Config
		wantErr bool
		jobs    int
	}{
		{"small population gets 20 jobs", Config{Persons: 10}, false, 20},
		{"jobs default to a tenth", Config{Persons: 5000}, false, 500},
		{"explicit jobs", Config{Persons: 5000, Jobs: 7}, false, 7},
		{"no persons", Config{}, true, 0},
		{"noise above 1", Config{Persons: 1, Noise: 2}, true, 0},
		{"bad standard", Config{Persons: 1, DibaoStandards: map[string]float64{"330824": 0}}, true, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, err := tc.cfg.withDefaults()
			if (err != nil) != tc.wantErr || (err == nil && got.Jobs != tc.jobs) {
				t.Errorf("withDefaults: jobs %d, err %v", got.Jobs, err)
			}
		})
	}
}

func TestMissingStandardFails(t *testing.T) {
	t.Parallel()
	_, err := Generate(Config{Persons: 5, DibaoStandards: map[string]float64{"330824": 1100}}, t.TempDir())
	if err == nil {
		t.Error("want an error for counties without a 低保 standard")
	}
}

func TestNameVariantTables(t *testing.T) {
	t.Parallel()
	if len(homophoneGroups) < 60 || len(traditionalPairs) < 80 {
		t.Fatalf("%d homophone groups, %d traditional pairs", len(homophoneGroups), len(traditionalPairs))
	}
	seen := map[rune]bool{}
	for _, g := range homophoneGroups {
		if utf8.RuneCountInString(g) < 2 {
			t.Errorf("group %s has one character", g)
		}
		for _, c := range g {
			if seen[c] {
				t.Errorf("%c in two homophone groups", c)
			}
			seen[c] = true
		}
	}
	simp := map[string]bool{}
	for _, p := range traditionalPairs {
		if p[0] == p[1] || simp[p[0]] {
			t.Errorf("pair %v repeats or maps to itself", p)
		}
		simp[p[0]] = true
	}
}

func TestLegacyIDUpgrades(t *testing.T) {
	t.Parallel()
	id := buildID("330824", civilDay(1968, 3, 9), 123)
	if !matching.ParseIDNumber(string(id[:])).Valid {
		t.Fatalf("%s is not valid", id)
	}
	old := legacyID(id)
	up, ok := matching.UpgradeLegacyID(string(old[:15]))
	if !ok || up != string(id[:]) {
		t.Errorf("legacy %s upgrades to %s, want %s", old[:15], up, id)
	}
}

func TestNameNoiseChangesName(t *testing.T) {
	t.Parallel()
	r := newRand(1, streamNoise, 0)
	for _, tc := range []struct {
		name string
		fn   func(*ident)
		tag  uint16
	}{
		{"张伟", func(id *ident) { homophone(r, id) }, nzNameHomophone},
		{"刘国华", func(id *ident) { traditional(r, id) }, nzNameTraditional},
	} {
		id := ident{name: tc.name}
		tc.fn(&id)
		if id.name == tc.name || id.tags != tc.tag || utf8.RuneCountInString(id.name) != utf8.RuneCountInString(tc.name) {
			t.Errorf("%s became %s, tags %b", tc.name, id.name, id.tags)
		}
	}
}
