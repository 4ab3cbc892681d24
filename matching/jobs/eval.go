package jobs

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"sort"
)

// Planted is one line of the generator's truth/jobs.ndjson: a good job
// for a job seeker, graded 1 (occupation and region fit) to 3 (both
// preferred). A seeker lists at most the generator's cap of them, best
// first; a seeker without any fitting job has no line.
type Planted struct {
	PersonKey   string `json:"personKey"`
	JobSourceID string `json:"jobSourceId"`
	Grade       int    `json:"grade"`
}

// ReadPlanted reads truth/jobs.ndjson. It fails on a line that is not a
// JSON object with a personKey, a jobSourceId and a grade from 1 to 3.
func ReadPlanted(r io.Reader) ([]Planted, error) {
	var out []Planted
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	for n := 1; sc.Scan(); n++ {
		var p Planted
		if err := json.Unmarshal(sc.Bytes(), &p); err != nil {
			return nil, fmt.Errorf("jobs: planted matches line %d: %w", n, err)
		}
		if p.PersonKey == "" || p.JobSourceID == "" || p.Grade < 1 || p.Grade > 3 {
			return nil, fmt.Errorf("jobs: planted matches line %d: want personKey, jobSourceId and grade 1..3", n)
		}
		out = append(out, p)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("jobs: planted matches: %w", err)
	}
	return out, nil
}

// ExportLine is one line of `vethub export matches`.
type ExportLine struct {
	PersonID    int64   `json:"personId"`
	JobSourceID string  `json:"jobSourceId"`
	Rank        int     `json:"rank"` // 1 is best
	Score       float64 `json:"score"`
}

// Evaluation measures ranked lists against planted matches, over the
// seekers that have at least one planted match.
type Evaluation struct {
	K       int
	Seekers int     // seekers with planted matches
	HitRate float64 // share of them with a planted job among their first K
	NDCG    float64 // mean NDCG@K, gain 2^grade − 1
	// Precision is the share of listed jobs (first K, over those seekers)
	// that are planted; planted lists are capped, so it is a lower bound.
	Precision float64
}

// ScoreLists evaluates lists (job sourceIds best first, by person key)
// against planted at cut-off k. A seeker missing from lists scores zero.
func ScoreLists(lists map[string][]string, planted []Planted, k int) Evaluation {
	grades := map[string]map[string]int{}
	for _, p := range planted {
		g := grades[p.PersonKey]
		if g == nil {
			g = map[string]int{}
			grades[p.PersonKey] = g
		}
		g[p.JobSourceID] = max(g[p.JobSourceID], p.Grade)
	}
	ev := Evaluation{K: k, Seekers: len(grades)}
	listed, relevant := 0, 0
	for key, g := range grades {
		list := lists[key][:min(k, len(lists[key]))]
		hits, dcg := 0, 0.0
		for i, job := range list {
			if gr := g[job]; gr > 0 {
				hits++
				dcg += gain(gr) / math.Log2(float64(i+2))
			}
		}
		listed += len(list)
		relevant += hits
		if hits > 0 {
			ev.HitRate++
		}
		ev.NDCG += dcg / idealDCG(g, k)
	}
	if ev.Seekers > 0 {
		ev.HitRate /= float64(ev.Seekers)
		ev.NDCG /= float64(ev.Seekers)
	}
	if listed > 0 {
		ev.Precision = float64(relevant) / float64(listed)
	}
	return ev
}

func gain(grade int) float64 { return math.Exp2(float64(grade)) - 1 }

func idealDCG(g map[string]int, k int) float64 {
	gs := make([]int, 0, len(g))
	for _, v := range g {
		gs = append(gs, v)
	}
	sort.Sort(sort.Reverse(sort.IntSlice(gs)))
	d := 0.0
	for i, v := range gs[:min(k, len(gs))] {
		d += gain(v) / math.Log2(float64(i+2))
	}
	return d
}
