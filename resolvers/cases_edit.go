package resolvers

import (
	"context"
	"errors"

	"github.com/vethub/vethub/db"
	"github.com/vethub/vethub/graph/model"
)

// editCase runs one edit of the case id in the caller's scope and converts
// the edited case, or says why the edit was refused.
func (r *mutationResolver) editCase(ctx context.Context, id string, edit func(db.Scope, int64) (db.Case, error)) (*model.Case, error) {
	cid, err := caseIDParse(id)
	if err != nil {
		return nil, err
	}
	scope, err := scopeFrom(ctx)
	if err != nil {
		return nil, err
	}
	c, err := edit(scope, cid)
	if err != nil {
		return nil, caseError(err)
	}
	return caseFromRow(&c), nil
}

// caseActionFromInput checks and converts an assistance action.
func caseActionFromInput(in model.CaseActionInput) (db.CaseAction, error) {
	note, err := textArg("action.note", deref(in.Note), caseNoteMax, false)
	if err != nil {
		return db.CaseAction{}, err
	}
	a := db.CaseAction{Kind: string(in.Kind), Note: note}
	if in.Amount != nil {
		if *in.Amount < 0 {
			return a, badInput("action.amount", "must not be negative")
		}
		v := float64(*in.Amount)
		a.Amount = &v
	}
	if in.PlannedOn != nil {
		a.PlannedOn = &in.PlannedOn.Time
	}
	if in.DoneOn != nil {
		a.DoneOn = &in.DoneOn.Time
	}
	if in.JobSourceID != nil {
		if in.Kind != model.CaseActionKindJobReferral {
			return a, badInput("action.jobSourceId", "only a JOB_REFERRAL refers to a posting")
		}
		a.JobSourceID = in.JobSourceID
	}
	return a, nil
}

// nullIfNotFound turns "not in scope" into a null result.
func nullIfNotFound(err error) error {
	if errors.Is(err, db.ErrNotFound) {
		return nil
	}
	return err
}

// convertAll converts rows with one, keeping their order.
func convertAll[R, M any](rows []R, one func(*R) M) []M {
	out := make([]M, len(rows))
	for i := range rows {
		out[i] = one(&rows[i])
	}
	return out
}

// postingExists refuses a job referral to a posting the hub does not hold
// (postings are reference data: no scope applies).
func (r *mutationResolver) postingExists(ctx context.Context, field string, sourceID *string) error {
	if sourceID == nil {
		return nil
	}
	_, err := r.store.JobPostingGet(ctx, db.Scope{}, *sourceID)
	if errors.Is(err, db.ErrNotFound) {
		return badInput(field, "no job posting %q", *sourceID)
	}
	return err
}
