package matching

import (
	"cmp"
	"slices"
)

// Placed is a record with its current person and the cluster a batch
// linkage put it in.
type Placed struct {
	RecordID int64
	PersonID int64 // current person; 0 when none
	Cluster  int32 // records with the same value are one person
}

// Reassignment says where records go after a batch linkage: Person per
// input record (ids below 0 are new persons: -1, -2, …), and for each
// current person left without records the person that took most of them
// (its mergedInto).
type Reassignment struct {
	Person  []int64
	New     int
	Retired map[int64]int64
}

// AssignPersons maps clusters to person ids so that as few records as
// possible change person: each cluster keeps the current person most of
// its records have, larger clusters choosing first; a person goes to one
// cluster only; a cluster left without one gets a new person. The result
// is deterministic.
func AssignPersons(recs []Placed) Reassignment {
	clusters := map[int32][]int{}
	for i, r := range recs {
		clusters[r.Cluster] = append(clusters[r.Cluster], i)
	}
	order := make([]int32, 0, len(clusters))
	for c := range clusters {
		order = append(order, c)
	}
	slices.SortFunc(order, func(a, b int32) int {
		return cmp.Or(cmp.Compare(len(clusters[b]), len(clusters[a])), cmp.Compare(a, b))
	})
	out := Reassignment{Person: make([]int64, len(recs)), Retired: map[int64]int64{}}
	taken := map[int64]bool{}
	for _, c := range order {
		pid := preferredPerson(recs, clusters[c], taken)
		if pid == 0 {
			out.New++
			pid = -int64(out.New)
		} else {
			taken[pid] = true
		}
		for _, i := range clusters[c] {
			out.Person[i] = pid
		}
	}
	out.Retired = retired(recs, out.Person, taken)
	return out
}

// preferredPerson is the untaken current person holding most of the
// cluster's records (the lowest id on a tie), 0 when there is none.
func preferredPerson(recs []Placed, members []int, taken map[int64]bool) int64 {
	counts := map[int64]int{}
	for _, i := range members {
		if p := recs[i].PersonID; p != 0 && !taken[p] {
			counts[p]++
		}
	}
	var best int64
	for p, n := range counts {
		if best == 0 || n > counts[best] || n == counts[best] && p < best {
			best = p
		}
	}
	return best
}

// retired maps each current person that kept no cluster to the new person
// of most of its records (the lowest on a tie); new persons are negative.
func retired(recs []Placed, person []int64, kept map[int64]bool) map[int64]int64 {
	moves := map[int64]map[int64]int{}
	for i, r := range recs {
		if r.PersonID == 0 || kept[r.PersonID] {
			continue
		}
		if moves[r.PersonID] == nil {
			moves[r.PersonID] = map[int64]int{}
		}
		moves[r.PersonID][person[i]]++
	}
	out := map[int64]int64{}
	for old, to := range moves {
		var best int64
		first := true
		for p, n := range to {
			if first || n > to[best] || n == to[best] && p < best {
				best, first = p, false
			}
		}
		out[old] = best
	}
	return out
}
