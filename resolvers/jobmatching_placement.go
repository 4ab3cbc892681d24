package resolvers

import (
	"strconv"

	"github.com/vethub/vethub/feed"
	"github.com/vethub/vethub/graph/model"
	"github.com/vethub/vethub/matching/jobs"
)

// maxPlacementItems bounds the soldiers and the posts of one batch: a
// county's batch is tens to hundreds.
const maxPlacementItems = 5000

// placementArgs checks a batch and converts it for matching/jobs; names
// maps soldier ids to the names given, for the answer.
func placementArgs(in model.PlacementInput) ([]jobs.Soldier, []jobs.Post, map[int64]*string, error) {
	if len(in.Soldiers) > maxPlacementItems || len(in.Posts) > maxPlacementItems {
		return nil, nil, nil, badInput("input", "at most %d soldiers and %d posts", maxPlacementItems, maxPlacementItems)
	}
	names := make(map[int64]*string, len(in.Soldiers))
	soldiers := make([]jobs.Soldier, len(in.Soldiers))
	for i, s := range in.Soldiers {
		id, err := strconv.ParseInt(s.ID, 10, 64)
		if err != nil {
			return nil, nil, nil, badInput("input.soldiers."+strconv.Itoa(i)+".id", "want a number, got %q", s.ID)
		}
		soldiers[i], names[id] = soldierOf(id, s), s.Name
	}
	posts := make([]jobs.Post, len(in.Posts))
	for i, p := range in.Posts {
		ranking, err := soldierIDs(p.Ranking)
		if err != nil || p.Capacity < 0 {
			return nil, nil, nil, badInput("input.posts."+strconv.Itoa(i), "capacity ≥ 0 and numeric soldier ids in ranking")
		}
		posts[i] = jobs.Post{ID: p.ID, Capacity: p.Capacity, Ranking: ranking}
	}
	return soldiers, posts, names, nil
}

func soldierOf(id int64, s model.PlacementSoldierInput) jobs.Soldier {
	out := jobs.Soldier{ID: id, EnlistDate: feed.Date{Time: s.EnlistDate.Time},
		DischargeDate: feed.Date{Time: s.DischargeDate.Time}, Commendations: s.Commendations, Honors: s.Honors,
		Punishments: s.Punishments, Choices: s.Choices}
	if s.BirthDate != nil {
		out.BirthDate = feed.Date{Time: s.BirthDate.Time}
	}
	if s.DisabilityGrade != nil {
		out.DisabilityGrade = *s.DisabilityGrade
	}
	if s.DisabilityCause != nil {
		out.DisabilityCause = *s.DisabilityCause
	}
	for _, m := range s.Merits {
		out.Merits = append(out.Merits, jobs.Merit{Kind: m.Kind, Wartime: m.Wartime != nil && *m.Wartime})
	}
	if len(s.HardshipMonths) > 0 {
		out.HardshipMonths = map[int]int{}
		for _, h := range s.HardshipMonths {
			out.HardshipMonths[h.AreaClass] += h.Months
		}
	}
	return out
}

// soldierIDs parses a post's ranking; nil stays nil (accepts all).
func soldierIDs(ids []string) ([]int64, error) {
	if ids == nil {
		return nil, nil
	}
	out := make([]int64, len(ids))
	for i, s := range ids {
		id, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return nil, err
		}
		out[i] = id
	}
	return out, nil
}

// runPlacement plans with the shipped rule in the asked mode.
func runPlacement(mode model.PlacementMode, soldiers []jobs.Soldier, posts []jobs.Post) (jobs.PlacementPlan, error) {
	if mode == model.PlacementModeStable {
		return jobs.StablePlan(soldiers, posts, jobs.DefaultPlacementRule())
	}
	return jobs.Plan(soldiers, posts, jobs.DefaultPlacementRule())
}

func placementPlanModel(mode model.PlacementMode, plan jobs.PlacementPlan, names map[int64]*string) *model.PlacementPlan {
	out := &model.PlacementPlan{Mode: mode, Allocations: make([]model.PlacementAllocation, len(plan.Allocations))}
	for i, a := range plan.Allocations {
		items := make([]model.PlacementScoreItem, len(a.Score.Items))
		for j, it := range a.Score.Items {
			items[j] = model.PlacementScoreItem{Item: it.Item, Points: it.Points}
		}
		m := model.PlacementAllocation{SoldierID: strconv.FormatInt(a.SoldierID, 10), Name: names[a.SoldierID],
			Order: a.Order, Score: a.Score.Total, RuleVersion: a.Score.Version, ScoreItems: items,
			ChooseFirst: a.Score.ChooseFirst, ServiceMonths: a.Score.ServiceMonths, Choice: a.Choice,
			Passed: a.Passed, Explanation: a.Explain}
		if m.Passed == nil {
			m.Passed = []string{}
		}
		if a.PostID != "" {
			m.PostID = &a.PostID
		}
		out.Allocations[i] = m
	}
	return out
}
