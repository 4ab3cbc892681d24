package fs

// BlockKeys returns the record's block keys, one per blocking rule that
// gives it one: the hashes Link blocks on. An index of them finds, for a
// new record, the records Link would have compared it with.
func BlockKeys(r *Record) []uint64 {
	p := prepare(r)
	keys := make([]uint64, 0, len(blockingRules))
	for ri, rule := range blockingRules {
		if k := rule.key(&p); k != "" {
			keys = append(keys, hashKey(ri, k))
		}
	}
	return keys
}
