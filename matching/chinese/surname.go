package chinese

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// compoundSurnames are the two-character surnames (复姓) still in use, in
// simplified characters.
var compoundSurnames = setOf(
	"欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙",
	"宇文", "司徒", "夏侯", "令狐", "端木", "轩辕", "呼延", "南宫", "西门", "独孤",
	"万俟", "单于", "澹台", "公冶", "申屠", "太史", "闻人", "东郭", "百里", "钟离",
	"宗政", "濮阳", "淳于", "赫连", "拓跋", "司空", "第五", "左丘", "闾丘", "公羊",
	"漆雕", "巫马", "乐正", "羊舌", "亓官", "司寇", "段干", "仲孙", "梁丘", "东门",
)

func setOf(keys ...string) map[string]bool {
	m := make(map[string]bool, len(keys))
	for _, k := range keys {
		m[k] = true
	}
	return m
}

// SplitName splits a normalised name into surname and given name: a
// compound surname when the name has three or more characters and starts
// with one (a two-character name such as 东方 is more likely surname 东),
// else the first character. A name with a middle dot (a transliterated
// name) or not starting with a Han character has no surname: ("", name).
func SplitName(normalized string) (surname, given string) {
	first, n := utf8.DecodeRuneInString(normalized)
	if n == 0 || !unicode.Is(unicode.Han, first) || strings.ContainsRune(normalized, MiddleDot) {
		return "", normalized
	}
	if _, m := utf8.DecodeRuneInString(normalized[n:]); m > 0 && len(normalized) > n+m {
		if compoundSurnames[normalized[:n+m]] {
			return normalized[:n+m], normalized[n+m:]
		}
	}
	return normalized[:n], normalized[n:]
}
