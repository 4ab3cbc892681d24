package linker

import (
	"context"
	"slices"

	"github.com/jackc/pgx/v5"

	"github.com/vethub/vethub/db"
	"github.com/vethub/vethub/matching"
	"github.com/vethub/vethub/matching/fs"
)

// plan weighs the given records against their candidates' persons and
// decides where every record of those persons belongs.
func (l *Linker) plan(ctx context.Context, tx pgx.Tx, recordIDs []int64) (db.IncrementalPlan, error) {
	focusRows, err := db.LinkRowsOfPersons(ctx, tx, recordIDs)
	if err != nil {
		return db.IncrementalPlan{}, err
	}
	focus := map[int64]bool{}
	for _, id := range recordIDs {
		focus[id] = true
	}
	ids := slices.Clone(recordIDs)
	for _, r := range focusRows {
		if focus[r.RecordID] {
			ids = append(ids, l.candidates(Record(r.LinkRow))...)
		}
	}
	rows, err := db.LinkRowsOfPersons(ctx, tx, ids)
	if err != nil {
		return db.IncrementalPlan{}, err
	}
	rowIDs := make([]int64, len(rows))
	for i, r := range rows {
		rowIDs[i] = r.RecordID
	}
	same, different, err := db.LinkDecisionsAmong(ctx, tx, rowIDs)
	if err != nil {
		return db.IncrementalPlan{}, err
	}
	o := l.opts
	o.MustLink, o.CannotLink = same, different
	return decide(rows, focus, l.model, o), nil
}

// candidates are the records sharing a block key with rec.
func (l *Linker) candidates(rec fs.Record) []int64 {
	var out []int64
	for _, k := range fs.BlockKeys(&rec) {
		out = append(out, l.index.Lookup(k, maxBlock(l.opts))...)
	}
	return out
}

func maxBlock(o fs.Options) int {
	if o.MaxBlock > 0 {
		return o.MaxBlock
	}
	return 200 // fs's default
}

// decide links rows (every record of the persons involved) and maps the
// outcome onto person ids. A focus record linked probabilistically is
// decided afresh (its record changed, so the evidence that placed it may
// be gone); every other record starts with its person.
func decide(rows []db.PlacedRow, focus map[int64]bool, model *fs.Model, o fs.Options) db.IncrementalPlan {
	recs := make([]fs.Record, len(rows))
	current := make([]int32, len(rows))
	isFocus := make([]bool, len(rows))
	label := map[int64]int32{}
	for i, r := range rows {
		recs[i], isFocus[i] = Record(r.LinkRow), focus[r.RecordID]
		if _, ok := label[r.PersonID]; !ok {
			label[r.PersonID] = int32(len(label))
		}
		current[i] = label[r.PersonID]
		if isFocus[i] && r.Method == matching.LinkProbable {
			current[i] = fs.Free
		}
	}
	res := fs.LinkInto(recs, current, isFocus, model, o)
	placed := make([]matching.Placed, len(rows))
	for i, r := range rows {
		placed[i] = matching.Placed{RecordID: r.RecordID, PersonID: r.PersonID, Cluster: res.Person[i]}
	}
	re := matching.AssignPersons(placed)
	plan := db.IncrementalPlan{Rows: rows, Person: re.Person, New: re.New, Method: make([]string, len(rows)),
		Evidence: map[int64][]byte{}, Reviews: reviewPairs(recs, res)}
	methods := clusterMethods(rows, recs, res.Person, re.Person)
	evidence := evidenceJSON(fs.Evidences(recs, res))
	for i, r := range rows {
		plan.Method[i] = r.Method
		if re.Person[i] == r.PersonID && current[i] != fs.Free {
			continue
		}
		plan.Method[i] = methods[i]
		// A record moved with its whole person keeps the evidence that
		// placed it there; a record decided afresh gets the new one or none.
		if evidence[i] != nil || current[i] == fs.Free {
			plan.Evidence[r.RecordID] = evidence[i]
		}
	}
	return plan
}

// clusterMethods gives each record the method batch linkage would: exact
// when its valid ID number is its person's key, singleton when alone,
// probabilistic otherwise. A person keeps its key; one without takes the
// smallest valid ID number among its records (as db.personsRekey does).
func clusterMethods(rows []db.PlacedRow, recs []fs.Record, cluster []int32, person []int64) []string {
	kept, smallest := map[int32]string{}, map[int32]string{}
	size := map[int32]int{}
	for i, r := range rows {
		c := cluster[i]
		size[c]++
		if r.PersonKey != "" && r.PersonID == person[i] {
			kept[c] = r.PersonKey
		}
		if k, has := smallest[c]; recs[i].IDValid && recs[i].IDNumber != "" && (!has || recs[i].IDNumber < k) {
			smallest[c] = recs[i].IDNumber
		}
	}
	out := make([]string, len(rows))
	for i, r := range recs {
		c := cluster[i]
		key, ok := kept[c]
		if !ok {
			key = smallest[c]
		}
		switch {
		case r.IDValid && r.IDNumber != "" && r.IDNumber == key:
			out[i] = matching.LinkExactID
		case size[c] == 1:
			out[i] = matching.LinkSingleton
		default:
			out[i] = matching.LinkProbable
		}
	}
	return out
}
