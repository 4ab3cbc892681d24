package jobs

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// IDSet is a set of positive ids in a compact, lossless text form, so that
// a job's args hold one JSON string instead of an array with an element
// (and a GIN entry in river_job_args_index) per id.
//
// The form lists the ids in ascending order as comma-separated runs: "n"
// is the single id n and "lo-hi" every id from lo to hi inclusive, e.g.
// "1001-2000,2005,3001-4000". Numbers are decimal without sign, leading
// zeros or spaces; a range has lo < hi; each run starts at least two above
// the end of the one before (runs neither touch nor overlap), and the empty
// string is the empty set. Every set has exactly one form, so decoding
// accepts only what NewIDSet writes and anything else is an error.
//
// Ingest writes its records mostly in long runs of consecutive ids (drawn
// from a cached sequence), so a chunk of 10,000 record ids takes a few
// runs; scattered ids cost their digits and a comma each.
type IDSet string

// maxIDSetLen bounds the ids one set may hold, far above an ingest chunk's:
// a garbled range such as "1-9223372036854775807" fails to decode instead
// of exhausting memory.
const maxIDSetLen = 1 << 24

// NewIDSet encodes ids in any order; repeats are kept once. It fails for an
// id that is not positive or a set above maxIDSetLen distinct ids.
func NewIDSet(ids []int64) (IDSet, error) {
	if len(ids) == 0 {
		return "", nil
	}
	ids = slices.Clone(ids)
	slices.Sort(ids)
	ids = slices.Compact(ids)
	if ids[0] <= 0 {
		return "", fmt.Errorf("id set: id %d is not positive", ids[0])
	}
	if len(ids) > maxIDSetLen {
		return "", fmt.Errorf("id set: %d ids, more than %d", len(ids), maxIDSetLen)
	}
	var b []byte
	for i := 0; i < len(ids); {
		j := i + 1
		for j < len(ids) && ids[j]-ids[j-1] == 1 {
			j++
		}
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendInt(b, ids[i], 10)
		if j-1 > i {
			b = append(b, '-')
			b = strconv.AppendInt(b, ids[j-1], 10)
		}
		i = j
	}
	return IDSet(b), nil
}

// IDs decodes the set: its ids ascending, without repeats (nil when empty).
// A string not in the form IDSet describes is an error.
func (s IDSet) IDs() ([]int64, error) {
	return decodeIDs(string(s), maxIDSetLen)
}

// errIDSet marks a string that is not an encoded id set.
var errIDSet = errors.New("malformed id set")

// decodeIDs is IDs with limit as the most ids it returns.
func decodeIDs(s string, limit int) ([]int64, error) {
	if s == "" {
		return nil, nil
	}
	type run struct{ lo, hi int64 }
	parts := strings.Split(s, ",")
	runs := make([]run, 0, len(parts))
	var total uint64
	for i, p := range parts {
		fail := func(why string) error {
			const maxShown = 48
			if len(p) > maxShown {
				p = p[:maxShown] + "..."
			}
			return fmt.Errorf("%w: run %d %q: %s", errIDSet, i+1, p, why)
		}
		loText, hiText, isRange := strings.Cut(p, "-")
		lo, err := parseID(loText)
		if err != nil {
			return nil, fail(err.Error())
		}
		hi := lo
		if isRange {
			if hi, err = parseID(hiText); err != nil {
				return nil, fail(err.Error())
			}
			if hi <= lo {
				return nil, fail("range does not ascend")
			}
		}
		// Both are positive: the differences cannot overflow.
		if i > 0 && lo-runs[i-1].hi < 2 {
			return nil, fail("not above the previous run by at least 2")
		}
		total += uint64(hi-lo) + 1
		if total > uint64(limit) {
			return nil, fmt.Errorf("%w: more than %d ids", errIDSet, limit)
		}
		runs = append(runs, run{lo, hi})
	}
	ids := make([]int64, 0, total)
	for _, r := range runs {
		for v := r.lo; ; v++ { // stops before v+1 could overflow at MaxInt64
			ids = append(ids, v)
			if v == r.hi {
				break
			}
		}
	}
	return ids, nil
}

// parseID reads a positive decimal id without sign or leading zeros.
func parseID(t string) (int64, error) {
	if t == "" {
		return 0, errors.New("missing number")
	}
	for i := 0; i < len(t); i++ {
		if t[i] < '0' || t[i] > '9' {
			return 0, errors.New("not a decimal number")
		}
	}
	if t[0] == '0' {
		return 0, errors.New("zero or leading zero")
	}
	n, err := strconv.ParseInt(t, 10, 64)
	if err != nil {
		return 0, errors.New("number out of range")
	}
	return n, nil
}
