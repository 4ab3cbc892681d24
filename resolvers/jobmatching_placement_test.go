package resolvers_test

import (
	"strings"
	"testing"

	"github.com/99designs/gqlgen/client"

	"github.com/vethub/vethub/auth"
	"github.com/vethub/vethub/db/dbtest"
)

const placementQuery = `query($mode: PlacementMode!, $ranking: [ID!]) { placementPlan(input: {mode: $mode,
	soldiers: [
	  {id: "1", name: "甲", enlistDate: "2014-09-01", dischargeDate: "2026-09-01", choices: ["P1", "P2"]},
	  {id: "2", name: "乙", enlistDate: "2014-09-01", dischargeDate: "2026-09-01", choices: ["P1", "P2"],
	   merits: [{kind: "SECOND_CLASS"}]}],
	posts: [{id: "P1", capacity: 1, ranking: $ranking}, {id: "P2", capacity: 1}]}) {
	mode allocations { soldierId name order score postId choice passed explanation scoreItems { item points } } } }`

type placementAnswer struct {
	PlacementPlan struct {
		Mode        string
		Allocations []struct {
			SoldierID, Name, Explanation string
			Order, Choice                int
			Score                        float64
			PostID                       *string
			Passed                       []string
		}
	}
}

// postOf maps soldier ids to the posts they got.
func (p placementAnswer) postOf() map[string]string {
	out := map[string]string{}
	for _, a := range p.PlacementPlan.Allocations {
		if a.PostID != nil {
			out[a.SoldierID] = *a.PostID
		}
	}
	return out
}

func TestPlacementPlanModes(t *testing.T) {
	t.Parallel()
	a := newAPI(t, dbtest.New(t))
	analyst := auth.Principal{TokenID: 2, Role: auth.RoleAnalyst, Regions: []string{"330824"}}
	for _, tc := range []struct {
		name, mode string
		ranking    []string
		want       map[string]string
	}{
		{"score order: the merit chooses first", "SCORE_ORDER", nil, map[string]string{"2": "P1", "1": "P2"}},
		{"stable: the post's ranking wins", "STABLE", []string{"1", "2"}, map[string]string{"1": "P1", "2": "P2"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got placementAnswer
			mustQuery(t, a.as(analyst), placementQuery, &got, client.Var("mode", tc.mode), client.Var("ranking", tc.ranking))
			if posts := got.postOf(); len(posts) != 2 || posts["1"] != tc.want["1"] || posts["2"] != tc.want["2"] {
				t.Fatalf("posts %v, want %v (%+v)", posts, tc.want, got.PlacementPlan)
			}
			first := got.PlacementPlan.Allocations[0]
			if first.Order != 1 || first.Explanation == "" || first.Name == "" {
				t.Errorf("first allocation %+v: want order 1, a name and an explanation", first)
			}
		})
	}
}

func TestPlacementPlanRefusesBadInput(t *testing.T) {
	t.Parallel()
	a := newAPI(t, dbtest.New(t))
	errs := query(t, a.as(admin), `{ placementPlan(input: {soldiers: [
		{id: "x", enlistDate: "2014-09-01", dischargeDate: "2026-09-01", choices: []}], posts: []}) { mode } }`, nil)
	if len(errs) == 0 || errs[0].Extensions["code"] != "BAD_USER_INPUT" || !strings.Contains(errs[0].Message, "soldiers.0.id") {
		t.Fatalf("errors %+v, want BAD_USER_INPUT on soldiers.0.id", errs)
	}
	errs = query(t, a.as(admin), `{ placementPlan(input: {soldiers: [
		{id: "1", enlistDate: "2014-09-01", dischargeDate: "2026-09-01", choices: []},
		{id: "1", enlistDate: "2014-09-01", dischargeDate: "2026-09-01", choices: []}], posts: []}) { mode } }`, nil)
	if len(errs) == 0 || errs[0].Extensions["code"] != "BAD_USER_INPUT" {
		t.Fatalf("duplicate soldier: errors %+v, want BAD_USER_INPUT", errs)
	}
}
