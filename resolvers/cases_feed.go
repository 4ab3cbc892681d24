package resolvers

import (
	"context"

	"github.com/vethub/vethub/db"
	"github.com/vethub/vethub/graph/model"
)

// caseFlagged streams the new cases in the caller's scope until ctx ends:
// announcements out of scope are dropped before the case is read, and each
// case is read again under the scope, so a case moved out of it since is
// not sent.
func (r *subscriptionResolver) caseFlagged(ctx context.Context) (<-chan *model.Case, error) {
	scope, err := scopeFrom(ctx)
	if err != nil {
		return nil, err
	}
	announced, err := r.caseFeed.Subscribe(ctx)
	if err != nil {
		return nil, err
	}
	out := make(chan *model.Case, 1)
	go func() {
		defer close(out)
		for a := range announced {
			if !db.CaseInScope(scope, a.RegionCode) {
				continue
			}
			c, err := r.store.CaseGet(ctx, scope, a.ID)
			if err != nil {
				if nullIfNotFound(err) != nil {
					r.log.WarnContext(ctx, "case feed: read announced case", "case_id", a.ID, "error", err.Error())
				}
				continue
			}
			select {
			case out <- caseFromRow(&c):
			case <-ctx.Done():
				return
			}
		}
	}()
	return out, nil
}
