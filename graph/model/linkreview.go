package model

import "time"

// LinkReview is the GraphQL LinkReview without its records, which are
// loaded (in the reader's scope) from the ids kept here.
type LinkReview struct {
	ID          string
	Status      LinkReviewStatus
	Probability float64
	Fields      []FieldEvidence
	ResolvedBy  *string
	ResolvedAt  *time.Time
	Reason      *string

	RecordAID, RecordBID int64
}
