package fs

// Score compares a linkage with the truth pairwise: every two records
// put in one person is a predicted pair, every two records of one real
// person a true pair.
type Score struct {
	Records       int
	TruePairs     int64
	PredPairs     int64
	Correct       int64 // predicted pairs that are true
	Precision     float64
	Recall        float64
	F1            float64
	FalseMerges   int // predicted persons holding records of more than one real person
	MissedPersons int // real persons (with several records) split over several predicted ones
}

// Evaluate scores person (per record, a person label) against truth (per
// record, the real person's key).
func Evaluate(person []int32, truth []string) Score {
	s := Score{Records: len(person)}
	byPred := map[int32]map[string]int{}
	byTruth := map[string]map[int32]int{}
	for i, p := range person {
		t := truth[i]
		if byPred[p] == nil {
			byPred[p] = map[string]int{}
		}
		byPred[p][t]++
		if byTruth[t] == nil {
			byTruth[t] = map[int32]int{}
		}
		byTruth[t][p]++
	}
	for _, group := range byPred {
		n := 0
		for _, c := range group {
			n += c
			s.Correct += pairsOf(c)
		}
		s.PredPairs += pairsOf(n)
		if len(group) > 1 {
			s.FalseMerges++
		}
	}
	for _, group := range byTruth {
		n := 0
		for _, c := range group {
			n += c
		}
		s.TruePairs += pairsOf(n)
		if len(group) > 1 {
			s.MissedPersons++
		}
	}
	s.Precision = ratio(s.Correct, s.PredPairs)
	s.Recall = ratio(s.Correct, s.TruePairs)
	if s.Precision+s.Recall > 0 {
		s.F1 = 2 * s.Precision * s.Recall / (s.Precision + s.Recall)
	}
	return s
}

func pairsOf(n int) int64 { return int64(n) * int64(n-1) / 2 }

func ratio(a, b int64) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

// BlockingRecall is the share of true pairs that blocking proposed: the
// recall no threshold can exceed.
func BlockingRecall(pairs []Pair, truth []string) float64 {
	var kept int64
	for _, p := range pairs {
		if truth[p.A] == truth[p.B] {
			kept++
		}
	}
	counts := map[string]int{}
	for _, t := range truth {
		counts[t]++
	}
	var total int64
	for _, c := range counts {
		total += pairsOf(c)
	}
	return ratio(kept, total)
}
