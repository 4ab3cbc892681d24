package linker

import (
	"encoding/json"

	"github.com/vethub/vethub/db"
	"github.com/vethub/vethub/matching"
	"github.com/vethub/vethub/matching/fs"
)

// storePlan is what LinkAllApply stores. The evidence, most of the work,
// is encoded on the other core while the persons are assigned.
func storePlan(rows []db.LinkRow, recs []fs.Record, res fs.Result) db.LinkAllPlan {
	evidence := make(chan [][]byte, 1)
	go func() { evidence <- evidenceJSON(fs.Evidences(recs, res)) }()
	plan := linkPlan(rows, recs, res.Person)
	plan.Reviews = reviewPairs(recs, res)
	plan.Evidence = <-evidence
	return plan
}

// linkPlan maps the linker's persons onto person ids (keeping the current
// ones where it can) and gives each record its link method and each
// person its ID key: the valid ID number of its records, a number sent in
// 18 digits preferred over an upgraded 15-digit one.
func linkPlan(rows []db.LinkRow, recs []fs.Record, cluster []int32) db.LinkAllPlan {
	placed := make([]matching.Placed, len(rows))
	for i, r := range rows {
		placed[i] = matching.Placed{RecordID: r.RecordID, PersonID: r.PersonID, Cluster: cluster[i]}
	}
	re := matching.AssignPersons(placed)
	key := clusterKeys(recs, cluster)
	size := make([]int32, len(cluster)) // a cluster is named by its first record's index
	for _, c := range cluster {
		size[c]++
	}
	plan := db.LinkAllPlan{Rows: rows, Person: re.Person, New: re.New, Retired: re.Retired,
		Method: make([]string, len(rows)), Key: make([]string, len(rows))}
	for i := range rows {
		k := key[cluster[i]]
		plan.Key[i] = k
		switch {
		case recs[i].IDValid && recs[i].IDNumber == k && k != "":
			plan.Method[i] = matching.LinkExactID
		case size[cluster[i]] == 1:
			plan.Method[i] = matching.LinkSingleton
		default:
			plan.Method[i] = matching.LinkProbable
		}
	}
	return plan
}

// reviewPairs are the linker's uncertain pairs, with their evidence.
func reviewPairs(recs []fs.Record, res fs.Result) []db.ReviewPair {
	out := make([]db.ReviewPair, len(res.Reviews))
	for i := range res.Reviews {
		r := &res.Reviews[i]
		ev, _ := json.Marshal(fs.EvidenceOf(recs[r.B].ID, r, res.Model)) // plain structs: cannot fail
		out[i] = db.ReviewPair{RecordA: recs[r.A].ID, RecordB: recs[r.B].ID, Probability: r.Probability, Evidence: ev}
	}
	return out
}

// clusterKeys gives each cluster (named by its first record's index) its
// ID key: the smallest valid ID number of its records, one sent in 18
// digits before an upgraded 15-digit one.
func clusterKeys(recs []fs.Record, cluster []int32) map[int32]string {
	// By cluster, named by its first record's index.
	best := make([]string, len(recs))
	legacy := make([]bool, len(recs))
	for i, r := range recs {
		if !r.IDValid || r.IDNumber == "" {
			continue
		}
		c := cluster[i]
		cur := best[c]
		better := cur == "" || legacy[c] && !r.IDLegacy || legacy[c] == r.IDLegacy && r.IDNumber < cur
		if better {
			best[c], legacy[c] = r.IDNumber, r.IDLegacy
		}
	}
	// A key names one person: where records with one ID number were
	// decided to be different people, only the first person keeps it.
	key := map[int32]string{}
	owner := map[string]bool{}
	for c, k := range best {
		if k != "" && !owner[k] {
			owner[k] = true
			key[int32(c)] = k
		}
	}
	return key
}
