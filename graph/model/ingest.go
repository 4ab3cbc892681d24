package model

// UpsertRecordResult is one input's outcome; the stored record is resolved
// from RecordID only when the client asks for it.
type UpsertRecordResult struct {
	Index    int            `json:"index"`
	SourceID string         `json:"sourceId"`
	Status   UpsertStatus   `json:"status"`
	Errors   []FieldProblem `json:"errors"`
	Warnings []FieldProblem `json:"warnings"`
	RecordID int64          `json:"-"`
}

// UpsertJobResult is one job posting input's outcome.
type UpsertJobResult struct {
	Index     int            `json:"index"`
	SourceID  string         `json:"sourceId"`
	Status    UpsertStatus   `json:"status"`
	Errors    []FieldProblem `json:"errors"`
	Warnings  []FieldProblem `json:"warnings"`
	PostingID int64          `json:"-"`
}
