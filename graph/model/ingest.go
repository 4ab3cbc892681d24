package model

// UpsertOutcome is what both upsert result types report of one input; the
// stored row is resolved from StoredID only when the client asks for it.
type UpsertOutcome struct {
	Index    int            `json:"index"`
	SourceID string         `json:"sourceId"`
	Status   UpsertStatus   `json:"status"`
	Errors   []FieldProblem `json:"errors"`
	Warnings []FieldProblem `json:"warnings"`
	StoredID int64          `json:"-"`
}

// UpsertRecordResult is one record input's outcome.
type UpsertRecordResult struct{ UpsertOutcome }

// UpsertJobResult is one job posting input's outcome.
type UpsertJobResult struct{ UpsertOutcome }
