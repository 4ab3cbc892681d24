package chinese

import (
	"math"
	"slices"
	"strings"
	"sync"
	"testing"
)

func TestSimplify(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"張偉", "张伟"},
		{"劉德華", "刘德华"},
		{"陳", "陈"},
		{"單雄信", "单雄信"},
		{"歐陽修", "欧阳修"},
		{"张伟", "张伟"}, // already simplified
		{"Wang 偉", "Wang 伟"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := Simplify(tt.in); got != tt.want {
			t.Errorf("Simplify(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestTableLoaded(t *testing.T) {
	t.Parallel()
	if n := len(table()); n < 3000 {
		t.Fatalf("table has %d pairs, want the ~3,200 of TSCharacters", n)
	}
	if got := parseTS("# header\n張 张\nbad\n劉 刘"); len(got) != 2 || got['劉'] != '刘' {
		t.Errorf("parseTS = %v", got)
	}
}

func TestNormalize(t *testing.T) {
	t.Parallel()
	tests := []struct{ name, in, want string }{
		{"clean", "王伟", "王伟"},
		{"trim", "  王伟\t\n", "王伟"},
		{"inner space", "王 伟", "王伟"},
		{"full-width space", "\u3000王\u3000伟\u3000", "王伟"},
		{"nbsp and zero-width", "王\u00a0伟\u200b\ufeff", "王伟"},
		{"traditional", " 張 偉 ", "张伟"},
		{"full-width ASCII", "ＷＡＮＧ　Ｗｅｉ１２", "WANGWei12"},
		{"dots", "阿依古丽•买买提", "阿依古丽·买买提"},
		{"katakana dot", "阿依古丽・买买提", "阿依古丽·买买提"},
		{"half-width katakana dot", "阿依古丽･买买提", "阿依古丽·买买提"},
		{"dot kept", "阿依古丽·买买提", "阿依古丽·买买提"},
		{"empty", " \u3000 ", ""},
	}
	for _, tt := range tests {
		if got := Normalize(tt.in); got != tt.want {
			t.Errorf("%s: Normalize(%q) = %q, want %q", tt.name, tt.in, got, tt.want)
		}
	}
}

func TestPinyin(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"王伟", "wang wei"},
		{"單雄信", "shan xiong xin"}, // surname reading, via simplification
		{"单雄信", "shan xiong xin"},
		{"曾国藩", "zeng guo fan"},
		{"区志强", "ou zhi qiang"},
		{"仇英", "qiu ying"},
		{"解缙", "xie jin"},
		{"朴槿惠", "piao jin hui"},
		{"查良镛", "zha liang yong"},
		{"翟志刚", "zhai zhi gang"},
		{"乐嘉", "yue jia"},
		{"长孙无忌", "zhang sun wu ji"}, // compound: 长 not read chang
		{"长明", "chang ming"},
		{"尉迟恭", "yu chi gong"},
		{"万俟卨", "mo qi xie"},
		{"欧阳修", "ou yang xiu"},
		{"吕曾", "lv ceng"}, // ü as v; 曾 outside the surname keeps its common reading
		{"快乐", "kuai le"},
		{"王 Wei", "wang wei"},
		{"John Smith", "johnsmith"},
		{"阿依古丽·买买提", "a yi gu li mai mai ti"},
		{"王伟2", "wang wei 2"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := strings.Join(Pinyin(tt.in), " "); got != tt.want {
			t.Errorf("Pinyin(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSplitName(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, surname, given string }{
		{"欧阳修", "欧阳", "修"},
		{"王伟", "王", "伟"},
		{"司马相如", "司马", "相如"},
		{"诸葛亮", "诸葛", "亮"},
		{"东方", "东", "方"}, // two characters: not a compound surname
		{"东方朔", "东方", "朔"},
		{"王", "王", ""},
		{"阿依古丽·买买提", "", "阿依古丽·买买提"},
		{"JohnSmith", "", "JohnSmith"},
		{"", "", ""},
	}
	for _, tt := range tests {
		s, g := SplitName(tt.in)
		if s != tt.surname || g != tt.given {
			t.Errorf("SplitName(%q) = %q, %q; want %q, %q", tt.in, s, g, tt.surname, tt.given)
		}
	}
}

func TestPrepare(t *testing.T) {
	t.Parallel()
	got := Prepare(" 歐陽 修 ")
	want := Name{
		Raw: " 歐陽 修 ", Trimmed: "歐陽 修", Norm: "欧阳修", Surname: "欧阳", Given: "修",
		Pinyin: "ou yang xiu", SurnamePinyin: "ou yang", GivenPinyin: "xiu",
		PinyinCompact: "ouyangxiu", NormLen: 3,
	}
	if got.letters != countLetters("ouyangxiu") || !got.letters.valid {
		t.Errorf("letters = %v", got.letters)
	}
	got.letters = letterCounts{}
	if got != want {
		t.Errorf("Prepare = %+v\nwant %+v", got, want)
	}
}

func TestCompare(t *testing.T) {
	t.Parallel()
	tests := []struct {
		a, b string
		want Level
	}{
		{"王伟", "王伟", Exact},
		{" 王伟\u3000", "王伟", Exact},
		{"张伟", "張偉", SameSimplified},
		{"王 伟", "王伟", SameSimplified},
		{"ＷＡＮＧ", "WANG", SameSimplified},
		{"王伟", "王维", SamePinyin},
		{"刘洋", "刘阳", SamePinyin},
		{"李娜", "李纳", SamePinyin},
		{"张晓明", "张小明", SamePinyin},
		{"陈静", "陈晶", SamePinyin},
		{"單雄信", "单熊信", SamePinyin},
		{"王伟", "Wang Wei", ClosePinyin}, // same letters, different syllabification
		{"陈静", "陈进", ClosePinyin},       // front/back nasal (jing/jin)
		{"张伟", "章炜", SamePinyin},        // zhang wei both
		{"张伟", "藏伟", ClosePinyin},       // zh/z: zhangwei/zangwei
		{"王伟", "王卫东", ClosePinyin},      // wangwei/wangweidong: a shared prefix weighs much
		{"李建国", "李建军", OneCharDiff},     // jianguo/jianjun 0.91
		{"欧阳修", "欧阳红", OneCharDiff},
		{"王伟", "李伟", Different}, // surnames differ
		{"王伟", "张敏", Different},
		{"王伟", "", Missing},
		{"", "", Missing},
		{" \u3000", "王伟", Missing},
	}
	for _, tt := range tests {
		a, b := Prepare(tt.a), Prepare(tt.b)
		if got := Compare(&a, &b); got != tt.want {
			t.Errorf("Compare(%q, %q) = %v, want %v (pinyin %q %q, jw %.3f)", tt.a, tt.b, got, tt.want,
				a.PinyinCompact, b.PinyinCompact, JaroWinkler(a.PinyinCompact, b.PinyinCompact))
		}
		if got := Compare(&b, &a); got != tt.want {
			t.Errorf("Compare(%q, %q) = %v, want %v (not symmetric)", tt.b, tt.a, got, tt.want)
		}
	}
}

func TestLevelOrder(t *testing.T) {
	t.Parallel()
	order := []Level{Exact, SameSimplified, SamePinyin, ClosePinyin, OneCharDiff, Different, Missing}
	if !slices.IsSortedFunc(order, func(a, b Level) int { return int(b - a) }) {
		t.Errorf("levels not strongest first: %v", order)
	}
	names := []string{"Exact", "SameSimplified", "SamePinyin", "ClosePinyin", "OneCharDiff", "Different", "Missing"}
	for i, l := range order {
		if l.String() != names[i] {
			t.Errorf("Level(%d).String() = %q, want %q", int(l), l.String(), names[i])
		}
	}
	if s := Level(42).String(); s != "Level(42)" {
		t.Errorf("Level(42).String() = %q", s)
	}
}

func TestJaroWinkler(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("abcdefghij", 10) // past the stack buffers
	tests := []struct {
		a, b string
		want float64
	}{
		{"MARTHA", "MARHTA", 0.961},
		{"DWAYNE", "DUANE", 0.840},
		{"DIXON", "DICKSONX", 0.813},
		{"JELLYFISH", "SMELLYFISH", 0.896},
		{"CRATE", "TRACE", 0.733},
		{"abc", "xyz", 0},
		{"abc", "abc", 1},
		{"", "", 1},
		{"abc", "", 0},
		{"a", "b", 0},
		{"张伟明", "张伟民", 0.822},
		{long, long + "x", 0.998},
		{long, "x" + long, 0.997},
	}
	for _, tt := range tests {
		for _, swap := range []bool{false, true} {
			a, b := tt.a, tt.b
			if swap {
				a, b = b, a
			}
			if got := JaroWinkler(a, b); math.Abs(got-tt.want) > 0.0005 {
				t.Errorf("JaroWinkler(%q, %q) = %.4f, want %.3f", a, b, got, tt.want)
			}
		}
	}
}

func TestCompareDoesNotAllocate(t *testing.T) {
	a, b := Prepare("张晓明"), Prepare("章小敏")
	c, d := Prepare("李建国"), Prepare("李建军")
	allocs := testing.AllocsPerRun(100, func() {
		Compare(&a, &b)
		Compare(&c, &d)
	})
	if allocs != 0 {
		t.Errorf("Compare allocates %v times", allocs)
	}
}

var sink Level

// benchPairs are pairs of the kinds linkage meets; after blocking, most
// compared pairs are different names.
var benchPairs = []struct{ name, a, b string }{
	{"Different", "刘洋", "陈静"},
	{"DifferentSameSurname", "王伟", "王秀英"},
	{"SameSimplified", "张伟", "張偉"},
	{"SamePinyin", "张晓明", "张小明"},
	{"ClosePinyin", "王伟", "王卫东"},
	{"OneCharDiff", "李建国", "李建军"},
}

func BenchmarkCompare(b *testing.B) {
	for _, p := range benchPairs {
		x, y := Prepare(p.a), Prepare(p.b)
		b.Run(p.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				sink = Compare(&x, &y)
			}
		})
	}
}

func BenchmarkPrepare(b *testing.B) {
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		p := &benchPairs[i/2%len(benchPairs)]
		if i%2 == 0 {
			_ = Prepare(p.a)
		} else {
			_ = Prepare(p.b)
		}
	}
}

func BenchmarkJaroWinkler(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		_ = JaroWinkler("zhangxiaoming", "zhangxiaomin")
	}
}

func BenchmarkBuildTable(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		_ = parseTS(tsCharacters)
	}
}

func TestCommonLetters(t *testing.T) {
	t.Parallel()
	tests := []struct {
		a, b string
		want int
		ok   bool
	}{
		{"liuyang", "chenjing", 3, true}, // i n g
		{"wangwei", "wangweidong", 7, true},
		{"aaaaaaaa", "aaaaaaaaa", 0, false}, // a 9 times: not counted
		{"aaaaaaaa", "aaaa", 4, true},
		{"wang2", "wang", 0, false},
		{"", "abc", 0, true},
	}
	for _, tt := range tests {
		ca, cb := countLetters(tt.a), countLetters(tt.b)
		if n, ok := commonLetters(&ca, &cb); n != tt.want || ok != tt.ok {
			t.Errorf("commonLetters(%q, %q) = %d, %v; want %d, %v", tt.a, tt.b, n, ok, tt.want, tt.ok)
		}
	}
}

func TestOneCharDiff(t *testing.T) {
	t.Parallel()
	tests := []struct {
		a, b string
		want bool
	}{
		{"李建国", "李建军", true},
		{"李建国", "李国国", true},
		{"欧阳修", "欧阳红", true},
		{"王伟", "王伟", false},
		{"李建国", "李军军", false},
		{"李建国", "王建国", false}, // surnames differ
		{"李建国", "李建", false},
		{"李a国", "李b国", true},
		{"李伟a", "李伟é", true}, // 1 byte against 2
		{"李伟", "李伪", true},   // 伟 E4 BC 9F, 伪 E4 BC AA: shared lead bytes
		{"李伟", "李佳", true},   // 伟 E4 BC 9F, 佳 E4 BD B3
		{"李佳明", "李伟明", true}, // shared trailing byte not a rune start
	}
	for _, tt := range tests {
		a, b := Prepare(tt.a), Prepare(tt.b)
		if got := oneCharDiff(&a, &b); got != tt.want {
			t.Errorf("oneCharDiff(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestPrepareConcurrent(t *testing.T) {
	t.Parallel()
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for _, p := range benchPairs {
				if n := Prepare(p.a); n.Pinyin == "" {
					t.Errorf("Prepare(%q) has no pinyin", p.a)
				}
			}
		})
	}
	wg.Wait()
}
