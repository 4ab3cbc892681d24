package chinese

import "math/bits"

// letterCounts records which letters a–z a lowercase-letter string holds
// at least k times, k = 1..8, as 26-bit masks, two to a word, so that the
// letters two strings share is four AND+POPCNT. Strings with another byte or
// a letter more than 8 times are not counted (valid false).
type letterCounts struct {
	atLeast [4]uint64
	valid   bool
}

func countLetters(s string) letterCounts {
	var n [26]uint8
	var c letterCounts
	for i := 0; i < len(s); i++ {
		ch := s[i]
		if ch < 'a' || ch > 'z' || n[ch-'a'] == 8 {
			return letterCounts{}
		}
		k := n[ch-'a'] // this is occurrence k+1
		n[ch-'a']++
		c.atLeast[k/2] |= 1 << (32*(k%2) + ch - 'a')
	}
	c.valid = true
	return c
}

// commonLetters returns how many letters a and b share, with multiplicity
// (the sum over letters of the smaller count): an upper bound on Jaro
// matches. ok is false when either was not counted.
func commonLetters(a, b *letterCounts) (n int, ok bool) {
	if !a.valid || !b.valid {
		return 0, false
	}
	for i := range a.atLeast {
		n += bits.OnesCount64(a.atLeast[i] & b.atLeast[i])
	}
	return n, true
}
