package flagging

import (
	"context"
	"runtime"
	"slices"
	"sync"
)

// pageSize is the persons evaluated and stored per transaction by
// EvaluateAll: large enough to amortise round trips, small enough to keep
// each transaction short.
const pageSize = 1000

// EvaluateAll re-evaluates every current person, a page per transaction,
// one page per CPU at a time (the rules' CPU work overlaps the database's);
// progress, when set, is called after each page with the persons done.
func (s *Service) EvaluateAll(ctx context.Context, progress func(done int)) (Result, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	pages := make(chan []int64)
	var total Result
	var mu sync.Mutex
	var firstErr error
	fail := func(err error) {
		mu.Lock()
		defer mu.Unlock()
		if firstErr == nil {
			firstErr = err
			cancel()
		}
	}
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ids := range pages {
				res, err := s.Evaluate(ctx, ids)
				if err != nil {
					fail(err)
					continue
				}
				mu.Lock()
				total.add(res)
				if progress != nil {
					progress(total.Persons)
				}
				mu.Unlock()
			}
		}()
	}
	if err := s.pagesOfPersons(ctx, pages); err != nil {
		fail(err)
	}
	wg.Wait()
	slices.Sort(total.Opened)
	return total, firstErr
}

// pagesOfPersons sends every current person's id, a page at a time, and
// closes pages.
func (s *Service) pagesOfPersons(ctx context.Context, pages chan<- []int64) error {
	defer close(pages)
	for after := int64(0); ; {
		ids, err := s.store.PersonIDsAfter(ctx, after, pageSize)
		if err != nil || len(ids) == 0 {
			return err
		}
		select {
		case pages <- ids:
		case <-ctx.Done():
			return ctx.Err()
		}
		after = ids[len(ids)-1]
	}
}

func (r *Result) add(o Result) {
	r.Persons += o.Persons
	r.Flags += o.Flags
	r.Opened = append(r.Opened, o.Opened...)
	r.Updated = append(r.Updated, o.Updated...)
	r.RuleSet = o.RuleSet
}
