package resolvers

import (
	"context"
	"encoding/json"

	"github.com/vethub/vethub/auth"
	"github.com/vethub/vethub/feed"
	"github.com/vethub/vethub/graph/model"
	"github.com/vethub/vethub/ingest"
)

// maxBatch is the most records one upsert mutation takes.
const maxBatch = 1000

// checkBatch allows a write of n inputs to department by the caller.
func checkBatch(ctx context.Context, department, arg string, n int) error {
	p, err := auth.Require(ctx)
	if err != nil {
		return err
	}
	if !p.CanWrite(department) {
		return auth.Forbiddenf("role %s may not write %s records", p.Role, department)
	}
	if n < 1 || n > maxBatch {
		return badInput(arg, "send 1 to %d items per call, got %d", maxBatch, n)
	}
	return nil
}

// validateAll validates each input with its raw JSON kept for provenance.
func validateAll[T any](inputs []T, validate func(T, json.RawMessage) feed.Result) []feed.Result {
	out := make([]feed.Result, len(inputs))
	for i, in := range inputs {
		raw, _ := json.Marshal(in) // cannot fail: plain structs of strings and numbers
		out[i] = validate(in, raw)
	}
	return out
}

func (r *Resolver) upsertRecords(ctx context.Context, results []feed.Result) (*model.UpsertRecordsPayload, error) {
	batch, err := r.ingest.Records(viaField(ctx), results)
	if err != nil {
		return nil, err
	}
	payload := &model.UpsertRecordsPayload{Summary: summaryToModel(batch.Summary)}
	for _, o := range batch.Outcomes {
		payload.Results = append(payload.Results, model.UpsertRecordResult{UpsertOutcome: outcomeToModel(o)})
	}
	return payload, nil
}

func outcomeToModel(o ingest.Outcome) model.UpsertOutcome {
	return model.UpsertOutcome{Index: o.Index, SourceID: o.SourceID, Status: model.UpsertStatus(o.Status),
		Errors: problemsToModel(o.Errors), Warnings: problemsToModel(o.Warnings), StoredID: o.ID}
}

func summaryToModel(s ingest.Summary) *model.UpsertSummary {
	return &model.UpsertSummary{Created: s.Created, Updated: s.Updated, Unchanged: s.Unchanged, Stale: s.Stale, Rejected: s.Rejected}
}

func problemsToModel(errs []feed.FieldError) []model.FieldProblem {
	out := make([]model.FieldProblem, len(errs))
	for i, e := range errs {
		out[i] = model.FieldProblem{Path: e.Path, Code: e.Code, Message: e.Message}
	}
	return out
}

func (r *Resolver) upsertPostings(ctx context.Context, inputs []feed.JobInput) (*model.UpsertJobPostingsPayload, error) {
	results := make([]feed.JobResult, len(inputs))
	for i, in := range inputs {
		raw, _ := json.Marshal(in)
		results[i] = feed.ValidateJob(in, raw)
	}
	batch, err := r.ingest.Postings(viaField(ctx), results)
	if err != nil {
		return nil, err
	}
	payload := &model.UpsertJobPostingsPayload{Summary: summaryToModel(batch.Summary)}
	for _, o := range batch.Outcomes {
		payload.Results = append(payload.Results, model.UpsertJobResult{UpsertOutcome: outcomeToModel(o)})
	}
	return payload, nil
}

// viaField names the mutation being resolved as the way the write came,
// for the audit log.
func viaField(ctx context.Context) context.Context {
	a := ingest.ActorFrom(ctx)
	a.Via = fieldName(ctx)
	return ingest.WithActor(ctx, a)
}
