// Package em learns Fellegi–Sunter m and u probabilities without labels,
// over comparison vectors of any width: a vector holds one level per
// field, level 0 being "missing" (no evidence either way). u comes from
// random pairs (almost all non-matches), m and the share of matches by
// expectation–maximisation over the distinct vectors (patterns) of the
// blocked pairs, with u held fixed.
//
// It holds only the arithmetic; the linkers (matching/fs, matching/tabular)
// decide what is compared, blocked and ignored.
package em
