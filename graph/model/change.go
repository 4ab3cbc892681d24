package model

import "time"

// Change is the GraphQL Change without record and posting, which are
// loaded from RecordID.
type Change struct {
	Kind       ChangeKind
	Op         ChangeOp
	Department Department
	SourceID   string
	PersonID   *string
	At         time.Time

	// RecordID is the source record's id, or the job posting's for JOB.
	RecordID int64
}
