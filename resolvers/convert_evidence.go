package resolvers

import (
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/vethub/vethub/db"
	"github.com/vethub/vethub/graph/model"
	"github.com/vethub/vethub/matching/fs"
)

// linkEvidenceModels explains each record's link from its stored
// evidence; the matched record is looked up among the same person's
// records in scope (the same list), so this costs no query.
func linkEvidenceModels(records []model.SourceRecord, evidence []db.RecordEvidence) ([]model.LinkEvidence, error) {
	byID := make(map[string]model.SourceRecord, len(records))
	for _, r := range records {
		byID[r.Common().ID] = r
	}
	stored := make(map[string][]byte, len(evidence))
	for _, e := range evidence {
		stored[strconv.FormatInt(e.RecordID, 10)] = e.Evidence
	}
	out := make([]model.LinkEvidence, len(records))
	for i, r := range records {
		c := r.Common()
		out[i] = model.LinkEvidence{Record: r, Method: c.LinkMethod, Fields: []model.FieldEvidence{}}
		raw := stored[c.ID]
		if len(raw) == 0 {
			continue
		}
		var e fs.Evidence
		if err := json.Unmarshal(raw, &e); err != nil {
			return nil, fmt.Errorf("link evidence of record %s: %w", c.ID, err)
		}
		out[i].MatchedWith = byID[strconv.FormatInt(e.With, 10)]
		out[i].Probability, out[i].Weight = &e.Probability, &e.Weight
		for _, f := range e.Fields {
			out[i].Fields = append(out[i].Fields, model.FieldEvidence{Field: f.Field, Level: f.Level, Weight: f.Weight})
		}
	}
	return out, nil
}
