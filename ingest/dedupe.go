package ingest

import (
	"fmt"

	"github.com/vethub/vethub/db"
	"github.com/vethub/vethub/feed"
)

// newestPerSource keeps, among the inputs at indexes keep, one per sourceId:
// the highest sourceVersion, the later input on a tie. The others are marked
// STALE with a DUPLICATE_IN_BATCH error, since the database can write a row
// only once per statement.
func newestPerSource(keep []int, outs []Outcome, version func(int) int64) []int {
	best := make(map[string]int, len(keep))
	for _, i := range keep {
		id := outs[i].SourceID
		if j, ok := best[id]; !ok || version(i) >= version(j) {
			best[id] = i
		}
	}
	if len(best) == len(keep) {
		return keep
	}
	kept := keep[:0]
	for _, i := range keep {
		if w := best[outs[i].SourceID]; w == i {
			kept = append(kept, i)
		} else {
			outs[i].Status = db.StatusStale
			outs[i].Errors = append(outs[i].Errors, feed.FieldError{Path: "sourceId", Code: "DUPLICATE_IN_BATCH",
				Message: fmt.Sprintf("sourceId %q appears again in this batch (input %d, sourceVersion %d) and that one is kept", outs[i].SourceID, w, version(w))})
		}
	}
	return kept
}

func staleError(o db.UpsertOutcome) feed.FieldError {
	switch o.StaleReason {
	case db.StaleNewerStored:
		return feed.FieldError{Path: "sourceVersion", Code: o.StaleReason,
			Message: fmt.Sprintf("the hub already holds sourceVersion %d, newer than this one; nothing was written", o.StoredVersion)}
	case db.StaleVersionConflict:
		return feed.FieldError{Path: "sourceVersion", Code: o.StaleReason,
			Message: fmt.Sprintf("sourceVersion %d is already stored with other content; send a higher sourceVersion to change the record", o.StoredVersion)}
	default:
		return feed.FieldError{Path: "sourceId", Code: o.StaleReason,
			Message: "another write stored this sourceId at the same moment; send it again"}
	}
}
