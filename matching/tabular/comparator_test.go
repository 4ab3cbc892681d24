package tabular

import "testing"

// level compares two raw values under a field config and names the level.
func level(t *testing.T, f FieldConfig, a, b string) string {
	t.Helper()
	f.setDefaults()
	c := newComparator(&f)
	va, vb := c.prepare(a), c.prepare(b)
	return c.levels[c.compare(&va, &vb)]
}

func TestComparatorLevels(t *testing.T) {
	exact := FieldConfig{Comparator: "exact"}
	jw := FieldConfig{Comparator: "jaro_winkler", Thresholds: []float64{0.95, 0.88}}
	lev := FieldConfig{Comparator: "levenshtein", MaxEdits: []int{1, 2}}
	abs := FieldConfig{Comparator: "numeric", Abs: []float64{1, 5}}
	rel := FieldConfig{Comparator: "numeric", Rel: []float64{0.1}}
	date := FieldConfig{Comparator: "date", Formats: []string{"2006-01-02", "02/01/2006"}}
	name := FieldConfig{Comparator: "chinese_name"}
	cases := []struct {
		f    FieldConfig
		a, b string
		want string
	}{
		{exact, "NSW", " nsw ", "EXACT"}, // case and surrounding space are formatting
		{exact, "nsw", "vic", "DIFFERENT"},
		{exact, "", "vic", "MISSING"},
		{jw, "smith", "Smith", "EXACT"},
		{jw, "martha", "marhta", "JW>=0.95"},   // 0.961
		{jw, "dixon", "dicksonx", "DIFFERENT"}, // 0.813
		{jw, "jones", "johnson", "DIFFERENT"},  // 0.832
		{jw, "dwayne", "duane", "DIFFERENT"},   // 0.84
		{jw, "jon", "john", "JW>=0.88"},        // 0.933
		{lev, "2615", "2615", "EXACT"},
		{lev, "2615", "2651", "EDITS<=2"}, // a swap is two edits
		{lev, "2615", "2625", "EDITS<=1"},
		{lev, "kitten", "sitting", "DIFFERENT"}, // three edits
		{lev, "x", "", "MISSING"},
		{abs, "10", "10.0", "EXACT"},
		{abs, "10", "10.5", "ABS<=1"},
		{abs, "10", "14", "ABS<=5"},
		{abs, "10", "16", "DIFFERENT"},
		{abs, "ten", "10", "MISSING"}, // not a number
		{rel, "100", "91", "REL<=0.1"},
		{rel, "100", "89", "DIFFERENT"},
		{date, "1980-03-14", "14/03/1980", "EXACT"},      // any of the formats
		{date, "1980-03-14", "1980-03-41", "MISSING"},    // not a date
		{date, "1980-03-14", "1908-03-14", "TRANSPOSED"}, // two digits swapped
		{date, "1980-03-04", "1980-04-03", "TRANSPOSED"}, // day and month exchanged
		{date, "1980-03-14", "1980-03-22", "SAME_YEAR_MONTH"},
		{date, "1980-03-14", "1981-03-14", "DIFFERENT"},
		{name, "王伟", "王伟", "EXACT"},
		{name, "張偉", "张伟", "SAME_SIMPLIFIED"},
		{name, "王伟", "王维", "SAME_PINYIN"},
		{name, "张晓明", "张小明", "SAME_PINYIN"},
		{name, "王伟", "王伟强", "DIFFERENT"},
		{name, "王伟", "王强", "ONE_CHAR_DIFF"},
		{name, "王伟", "", "MISSING"},
	}
	for _, tc := range cases {
		if got := level(t, tc.f, tc.a, tc.b); got != tc.want {
			t.Errorf("%s(%q, %q) = %s, want %s", tc.f.Comparator, tc.a, tc.b, got, tc.want)
		}
	}
}

func TestLevenshtein(t *testing.T) {
	cases := []struct {
		a, b        string
		limit, want int
	}{
		{"kitten", "sitting", 5, 3},
		{"kitten", "sitting", 2, 3}, // over the limit: limit + 1
		{"", "abc", 5, 3},
		{"flaw", "lawn", 5, 2},
		{"张伟", "张玮", 5, 1}, // runes, not bytes
		{"abcdefgh", "a", 3, 4},
	}
	for _, c := range cases {
		if got := levenshtein(c.a, c.b, c.limit); got != c.want {
			t.Errorf("levenshtein(%q, %q, %d) = %d, want %d", c.a, c.b, c.limit, got, c.want)
		}
	}
}

func TestSoundex(t *testing.T) {
	cases := map[string]string{
		"Robert": "R163", "Rupert": "R163", "Rubin": "R150", "Ashcraft": "A261", "Ashcroft": "A261",
		"Tymczak": "T522", "Pfister": "P236", "Honeyman": "H555", "Lee": "L000", "O'Brien": "O165",
		"": "", "123": "",
	}
	for in, want := range cases {
		if got := soundex(in); got != want {
			t.Errorf("soundex(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestBlockingTransforms(t *testing.T) {
	cases := []struct {
		k        KeyConfig
		raw, out string
	}{
		{KeyConfig{Transform: "exact"}, " Main  Road ", "main road"},
		{KeyConfig{Transform: "prefix", Chars: 3}, "Parramatta", "par"},
		{KeyConfig{Transform: "prefix", Chars: 3}, "张伟", "张伟"}, // shorter: all of it
		{KeyConfig{Transform: "prefix", Chars: 1}, "張偉", "張"},
		{KeyConfig{Transform: "soundex"}, "Ashcroft", "A261"},
		{KeyConfig{Transform: "pinyin"}, "張偉", "zhangwei"},
		{KeyConfig{Transform: "surname_pinyin"}, "单伟", "shan"},
		{KeyConfig{Transform: "surname_pinyin"}, "", ""},
	}
	for _, c := range cases {
		if got := transform(&c.k, c.raw); got != c.out {
			t.Errorf("%s(%q) = %q, want %q", c.k.Transform, c.raw, got, c.out)
		}
	}
}
