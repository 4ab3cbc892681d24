package resolvers

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/vethub/vethub/db"
	"github.com/vethub/vethub/graph/model"
	"github.com/vethub/vethub/matching/fs"
)

func linkReviewModel(r *db.LinkReview) (*model.LinkReview, error) {
	var e fs.Evidence
	if err := json.Unmarshal(r.Evidence, &e); err != nil {
		return nil, fmt.Errorf("link review %d evidence: %w", r.ID, err)
	}
	m := &model.LinkReview{ID: idString(r.ID), Status: model.LinkReviewStatus(r.Status), Probability: r.Probability,
		Fields: make([]model.FieldEvidence, len(e.Fields)), ResolvedBy: r.ResolvedBy, ResolvedAt: r.ResolvedAt,
		Reason: r.Reason, RecordAID: r.RecordA, RecordBID: r.RecordB}
	for i, f := range e.Fields {
		m.Fields[i] = model.FieldEvidence{Field: f.Field, Level: f.Level, Weight: f.Weight}
	}
	return m, nil
}

// linkReviewConnection pages rows, of which one past the page (asked for
// by the caller) only says that another page follows.
func linkReviewConnection(rows []db.LinkReview, n int) (*model.LinkReviewConnection, error) {
	page := rows[:min(len(rows), n)]
	c := &model.LinkReviewConnection{Edges: make([]model.LinkReviewEdge, len(page)), PageInfo: &model.PageInfo{}}
	for i := range page {
		node, err := linkReviewModel(&page[i])
		if err != nil {
			return nil, err
		}
		cursor := cursorEncode("review", idString(page[i].ID))
		c.Edges[i] = model.LinkReviewEdge{Cursor: cursor, Node: node}
		c.PageInfo.EndCursor = &cursor
	}
	c.PageInfo.HasNextPage = len(rows) > len(page)
	return c, nil
}

// recordByID loads a record in the reader's scope; nil when out of scope.
func recordByID(ctx context.Context, id int64) (model.SourceRecord, error) {
	l, err := loaders(ctx)
	if err != nil {
		return nil, err
	}
	rec, err := l.RecordByID(ctx, id)
	if err != nil || rec == nil {
		return nil, err
	}
	return sourceRecordFromRow(rec)
}

// reviewError says why a review cannot be decided in the caller's words.
func reviewError(err error) error {
	switch {
	case errors.Is(err, db.ErrNotFound):
		return badInput("id", "no such link review in your scope")
	case errors.Is(err, db.ErrReviewDecided):
		return badInput("id", "the review is decided already")
	case errors.Is(err, db.ErrConflict):
		return badInput("decision", "the two persons hold different valid ID numbers: they cannot be one person")
	}
	return err
}
