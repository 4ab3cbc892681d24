package jobs

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Post is a government post offered in a placement batch.
type Post struct {
	ID       string
	Capacity int
	// Ranking lists the soldiers the employer accepts, best first, for
	// StablePlan; nil means it accepts all, in the choosing order.
	Ranking []int64
}

// Allocation is one soldier's outcome, with why.
type Allocation struct {
	SoldierID int64
	Order     int // position in the choosing order, 1 first
	Score     SoldierScore
	PostID    string   // "" when no choice could take the soldier
	Choice    int      // 1-based rank of PostID among the soldier's choices; 0 unplaced
	Passed    []string // earlier choices that could not take the soldier, each with why
	Explain   string
}

// PlacementPlan is the outcome of a batch: one allocation per soldier, in
// choosing order.
type PlacementPlan struct {
	Allocations []Allocation
}

// Plan allocates soldiers to posts in choosing order: soldiers holding a
// chooseFirst honour, then by score, ties broken by the rule's tieBreak
// (by default longer service, then the older soldier), then the smaller
// id. Each soldier takes the first choice with a place left. The plan is a
// pure function of its inputs. It fails on duplicate soldier or post ids.
func Plan(soldiers []Soldier, posts []Post, rule *PlacementRule) (PlacementPlan, error) {
	order, postByID, err := prepare(soldiers, posts, rule)
	if err != nil {
		return PlacementPlan{}, err
	}
	left := map[string]int{}
	for id, p := range postByID {
		left[id] = p.Capacity
	}
	plan := PlacementPlan{Allocations: make([]Allocation, len(order))}
	for n, c := range order {
		a := Allocation{SoldierID: c.s.ID, Order: n + 1, Score: c.score}
		for k, id := range c.s.Choices {
			switch {
			case postByID[id] == nil:
				a.Passed = append(a.Passed, id+": no such post in the batch")
			case left[id] == 0:
				a.Passed = append(a.Passed, id+": full")
			default:
				left[id]--
				a.PostID, a.Choice = id, k+1
			}
			if a.PostID != "" {
				break
			}
		}
		a.Explain = explainGreedy(&a)
		plan.Allocations[n] = a
	}
	return plan, nil
}

func explainGreedy(a *Allocation) string {
	head := fmt.Sprintf("chose %s with score %.2f (rule %s)", ordinal(a.Order), a.Score.Total, a.Score.Version)
	if a.Score.ChooseFirst {
		head = fmt.Sprintf("chose %s as an honour holder (score %.2f, rule %s)", ordinal(a.Order), a.Score.Total, a.Score.Version)
	}
	if a.PostID == "" {
		return head + "; no choice had a place left: " + strings.Join(a.Passed, "; ")
	}
	if len(a.Passed) == 0 {
		return fmt.Sprintf("%s; got first choice %s", head, a.PostID)
	}
	return fmt.Sprintf("%s; got choice %d %s because %s", head, a.Choice, a.PostID, strings.Join(a.Passed, "; "))
}

func ordinal(n int) string { return fmt.Sprintf("#%d", n) }

// candidate is a soldier with the score that places them in the order.
type candidate struct {
	s     *Soldier
	score SoldierScore
}

// prepare scores the soldiers, sorts them into choosing order and indexes
// the posts.
func prepare(soldiers []Soldier, posts []Post, rule *PlacementRule) ([]candidate, map[string]*Post, error) {
	postByID := make(map[string]*Post, len(posts))
	for i := range posts {
		if postByID[posts[i].ID] != nil {
			return nil, nil, fmt.Errorf("jobs: placement: post %q listed twice", posts[i].ID)
		}
		postByID[posts[i].ID] = &posts[i]
	}
	order := make([]candidate, len(soldiers))
	seen := make(map[int64]bool, len(soldiers))
	for i := range soldiers {
		if seen[soldiers[i].ID] {
			return nil, nil, fmt.Errorf("jobs: placement: soldier %d listed twice", soldiers[i].ID)
		}
		seen[soldiers[i].ID] = true
		order[i] = candidate{s: &soldiers[i], score: rule.Score(&soldiers[i])}
	}
	slices.SortFunc(order, rule.compare)
	return order, postByID, nil
}

// compare orders candidates for choosing: honour holders, score, the
// rule's tie-break keys, then id.
func (r *PlacementRule) compare(a, b candidate) int {
	if a.score.ChooseFirst != b.score.ChooseFirst {
		if a.score.ChooseFirst {
			return -1
		}
		return 1
	}
	if c := cmpDesc(a.score.Total, b.score.Total); c != 0 {
		return c
	}
	for _, k := range r.tieBreak {
		var c int
		switch k {
		case "serviceMonths":
			c = cmpDesc(a.score.ServiceMonths, b.score.ServiceMonths)
		case "birthDate": // older first; unknown last
			c = compareBirth(a.s, b.s)
		}
		if c != 0 {
			return c
		}
	}
	return cmp.Compare(a.s.ID, b.s.ID)
}

func compareBirth(a, b *Soldier) int {
	switch {
	case a.BirthDate.IsZero() || b.BirthDate.IsZero():
		return cmp.Compare(boolInt(a.BirthDate.IsZero()), boolInt(b.BirthDate.IsZero()))
	}
	return a.BirthDate.Compare(b.BirthDate.Time)
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func cmpDesc[T int | float64](a, b T) int { return cmp.Compare(b, a) }
