package flagging

import (
	"context"
	"slices"
)

// pageSize is the persons evaluated and stored per transaction by
// EvaluateAll: large enough to amortise a round trip, small enough for
// FlagsReplace's per-person locks.
const pageSize = 1000

// EvaluateAll re-evaluates every current person, a page at a time;
// progress, when set, is called after each page with the persons done.
func (s *Service) EvaluateAll(ctx context.Context, progress func(done int)) (Result, error) {
	var total Result
	for after := int64(0); ; {
		ids, err := s.store.PersonIDsAfter(ctx, after, pageSize)
		if err != nil || len(ids) == 0 {
			return total, err
		}
		res, err := s.Evaluate(ctx, ids)
		if err != nil {
			return total, err
		}
		total.Persons += res.Persons
		total.Flags += res.Flags
		total.Opened = append(total.Opened, res.Opened...)
		total.RuleSet = res.RuleSet
		after = slices.Max(ids)
		if progress != nil {
			progress(total.Persons)
		}
	}
}
