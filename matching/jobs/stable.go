package jobs

import (
	"container/heap"
	"fmt"
	"strings"
)

// StablePlan is soldier-proposing deferred acceptance (Gale–Shapley with
// capacities) for batches where employers rank soldiers too: each free
// soldier, in choosing order, proposes to their next choice; a post keeps
// the best-ranked soldiers up to its capacity and releases the worst when
// a better one proposes. The result is stable and the best stable outcome
// for every soldier; a post without a Ranking ranks by choosing order. It
// fails like Plan.
func StablePlan(soldiers []Soldier, posts []Post, rule *PlacementRule) (PlacementPlan, error) {
	order, postByID, err := prepare(soldiers, posts, rule)
	if err != nil {
		return PlacementPlan{}, err
	}
	m := newMarket(order, postByID)
	for len(m.free) > 0 {
		n := m.free[0]
		m.free = m.free[1:]
		m.propose(n)
	}
	plan := PlacementPlan{Allocations: make([]Allocation, len(order))}
	for n := range order {
		plan.Allocations[n] = m.allocation(n)
	}
	return plan, nil
}

// market is the state of deferred acceptance; soldiers are positions in
// the choosing order.
type market struct {
	order  []candidate
	posts  map[string]*Post
	ranks  map[string]map[int64]int // post → soldier id → rank, for posts with a Ranking
	held   map[string]*holding
	next   []int // next choice each soldier proposes to
	at     []string
	passed [][]string
	free   []int
}

func newMarket(order []candidate, posts map[string]*Post) *market {
	m := &market{order: order, posts: posts, ranks: map[string]map[int64]int{}, held: map[string]*holding{},
		next: make([]int, len(order)), at: make([]string, len(order)), passed: make([][]string, len(order))}
	for id, p := range posts {
		if p.Ranking != nil {
			r := make(map[int64]int, len(p.Ranking))
			for i, s := range p.Ranking {
				if _, dup := r[s]; !dup {
					r[s] = i
				}
			}
			m.ranks[id] = r
		}
		m.held[id] = &holding{}
	}
	for n := range order {
		m.free = append(m.free, n)
	}
	return m
}

// rank is soldier n's place in post id's ranking; ok is false when the
// post does not accept them.
func (m *market) rank(id string, n int) (int, bool) {
	r, ranked := m.ranks[id]
	if !ranked {
		return n, true
	}
	k, ok := r[m.order[n].s.ID]
	return k, ok
}

// propose walks soldier n's remaining choices until one holds them.
func (m *market) propose(n int) {
	choices := m.order[n].s.Choices
	for m.next[n] < len(choices) {
		id := choices[m.next[n]]
		m.next[n]++
		p := m.posts[id]
		k, ok := 0, false
		if p != nil {
			k, ok = m.rank(id, n)
		}
		switch {
		case p == nil:
			m.passed[n] = append(m.passed[n], id+": no such post in the batch")
		case !ok:
			m.passed[n] = append(m.passed[n], id+": the employer does not accept this soldier")
		case p.Capacity <= 0:
			m.passed[n] = append(m.passed[n], id+": no places")
		case m.held[id].Len() < p.Capacity:
			m.hold(id, n, k)
			return
		case k < m.held[id].worst().rank:
			out := heap.Pop(m.held[id]).(held)
			m.at[out.n] = ""
			m.passed[out.n] = append(m.passed[out.n], fmt.Sprintf("%s: displaced by a soldier the employer ranks higher", id))
			m.free = append(m.free, out.n)
			m.hold(id, n, k)
			return
		default:
			m.passed[n] = append(m.passed[n], id+": full with soldiers the employer ranks higher")
		}
	}
}

func (m *market) hold(id string, n, rank int) {
	heap.Push(m.held[id], held{n: n, rank: rank})
	m.at[n] = id
}

func (m *market) allocation(n int) Allocation {
	c := m.order[n]
	a := Allocation{SoldierID: c.s.ID, Order: n + 1, Score: c.score, PostID: m.at[n], Passed: m.passed[n]}
	for k, id := range c.s.Choices {
		if id == a.PostID {
			a.Choice = k + 1
			break
		}
	}
	head := fmt.Sprintf("proposed %s in choosing order (score %.2f, rule %s)", ordinal(a.Order), c.score.Total, c.score.Version)
	switch {
	case a.PostID == "":
		a.Explain = head + "; no choice held: " + strings.Join(a.Passed, "; ")
	case len(a.Passed) == 0:
		a.Explain = head + "; held by first choice " + a.PostID
	default:
		a.Explain = fmt.Sprintf("%s; held by choice %d %s because %s", head, a.Choice, a.PostID, strings.Join(a.Passed, "; "))
	}
	return a
}

// holding is a max-heap on rank: the worst soldier a post holds is on top.
type holding []held

type held struct{ n, rank int }

func (h holding) Len() int           { return len(h) }
func (h holding) Less(i, j int) bool { return h[i].rank > h[j].rank }
func (h holding) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *holding) Push(x any)        { *h = append(*h, x.(held)) }
func (h *holding) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}
func (h holding) worst() held { return h[0] }
