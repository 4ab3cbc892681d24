package chinese

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/mozillazg/go-pinyin"
)

// surnameReadings are surnames read differently from the character's most
// common reading, which is the only one go-pinyin gives (单 is "dan" but the
// surname is "shan"). Two-character keys are compound surnames; their
// characters are not looked up one by one (长孙 is zhang sun, 长 alone chang).
var surnameReadings = map[string][]string{
	"单": {"shan"}, "曾": {"zeng"}, "区": {"ou"}, "仇": {"qiu"}, "解": {"xie"},
	"朴": {"piao"}, "查": {"zha"}, "盖": {"ge"}, "缪": {"miao"}, "翟": {"zhai"},
	"种": {"chong"}, "乐": {"yue"}, "覃": {"qin"}, "重": {"chong"}, "秘": {"bi"},
	"召": {"shao"}, "员": {"yun"}, "句": {"gou"}, "繁": {"po"}, "阚": {"kan"},
	"折": {"she"}, "乜": {"nie"}, "隗": {"wei"}, "角": {"jue"}, "薄": {"bo"},
	"都": {"du"}, "藏": {"zang"}, "粘": {"nian"}, "长": {"chang"}, "祭": {"zhai"},
	"洗": {"xian"}, "能": {"nai"}, "黑": {"he"},
	"尉迟": {"yu", "chi"}, "万俟": {"mo", "qi"}, "单于": {"chan", "yu"},
	"澹台": {"tan", "tai"}, "乐正": {"yue", "zheng"},
}

// Pinyin returns the toneless pinyin of a name after Normalize, ü as v: one
// syllable per Han character (the surname read as a surname, other
// characters by their most common reading, a character go-pinyin does not
// know as itself), each run of other characters as one lowercased string
// ("Wang" → "wang"), middle dots left out.
func Pinyin(name string) []string {
	surname, given := SplitName(Normalize(name))
	return appendSyllables(appendSurname(nil, surname), given)
}

// appendSurname appends the syllables of a surname from SplitName.
func appendSurname(dst []string, surname string) []string {
	if r, ok := surnameReadings[surname]; ok {
		return append(dst, r...)
	}
	return appendSyllables(dst, surname)
}

// appendSyllables appends the syllables of normalised text.
func appendSyllables(dst []string, s string) []string {
	other := -1 // start of the current run of characters without pinyin
	for i, r := range s {
		syl, ok := reading(r)
		if !ok && unicode.Is(unicode.Han, r) { // unknown to go-pinyin: itself
			syl, ok = s[i:i+utf8.RuneLen(r)], true
		}
		if ok || r == MiddleDot {
			if other >= 0 {
				dst = append(dst, strings.ToLower(s[other:i]))
				other = -1
			}
			if ok {
				dst = append(dst, syl)
			}
		} else if other < 0 {
			other = i
		}
	}
	if other >= 0 {
		dst = append(dst, strings.ToLower(s[other:]))
	}
	return dst
}

var (
	readings    sync.Map // rune → string: go-pinyin takes about 1µs a character
	pinyinStyle = pinyin.Args{Style: pinyin.Normal}
)

// reading returns the toneless most common reading of a Han character
// ("v" for ü), or false for a rune go-pinyin does not know.
func reading(r rune) (string, bool) {
	if r < 0x2E80 { // below the CJK blocks: no reading
		return "", false
	}
	if v, ok := readings.Load(r); ok {
		s := v.(string)
		return s, s != ""
	}
	if _, ok := pinyin.PinyinDict[int(r)]; !ok {
		return "", false // not cached: the cache stays within go-pinyin's ~42,000 characters
	}
	s := ""
	if p := pinyin.SinglePinyin(r, pinyinStyle); len(p) > 0 && isASCII(p[0]) {
		s = p[0]
	}
	readings.Store(r, s)
	return s, s != ""
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
