package synth

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// TestJobTruth grades every posting for every job seeker by brute force,
// from the feeds and params.json alone, and checks that truth/jobs.ndjson
// lists exactly each seeker's best capPerSeeker matches.
func TestJobTruth(t *testing.T) {
	t.Parallel()
	ds := sharedData(t)
	want := map[string][]string{}
	err := eachLine(filepath.Join(ds.dir, "truth", "jobs.ndjson"), func(b []byte) error {
		var m struct {
			PersonKey, JobSourceID string
			Grade                  int
		}
		if err := json.Unmarshal(b, &m); err != nil {
			return err
		}
		want[m.PersonKey] = append(want[m.PersonKey], fmt.Sprintf("%s/%d", m.JobSourceID, m.Grade))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	jm := ds.params["jobMatching"].(map[string]any)
	g := grader{cross: stringLists(jm["specialtyOccupations"]), skillOccs: stringLists(jm["skillOccupations"])}
	limit := int(jm["capPerSeeker"].(float64))
	seekers := 0
	for key, v := range ds.firstRecords(t, "VETERAN") {
		p := ds.persons[key]
		age := ageOn(p["birthDate"].(string))
		if str(v, "serviceBranch") == "" || str(v, "employmentStatus") != "UNEMPLOYED" || age >= 60 || str(v, "placementStatus") == "PENDING" {
			if len(want[key]) > 0 {
				t.Errorf("%s is no job seeker but has matches", key)
			}
			continue
		}
		seekers++
		got := g.best(v, age, p["regionCode"].(string)[:6], ds.feeds["JOBS"], limit)
		if strings.Join(got, " ") != strings.Join(want[key], " ") {
			t.Errorf("%s: brute force %v, truth %v", key, got, want[key])
		}
	}
	if seekers < 50 || len(want) < seekers/2 {
		t.Errorf("%d seekers, %d with matches", seekers, len(want))
	}
}

func stringLists(v any) map[string][]string {
	out := map[string][]string{}
	for k, l := range v.(map[string]any) {
		for _, s := range l.([]any) {
			out[k] = append(out[k], s.(string))
		}
	}
	return out
}

// grader is the job-matching rule of params.json, written independently.
type grader struct{ cross, skillOccs map[string][]string }

var eduOrder = map[string]int{"PRIMARY": 0, "JUNIOR_HIGH": 1, "SENIOR_HIGH": 2, "VOCATIONAL": 3, "COLLEGE": 4, "BACHELOR": 5, "POSTGRADUATE": 6}

func (g grader) best(v record, age int, county string, jobs []record, limit int) []string {
	type cand struct {
		id           string
		grade, order int
		salary       float64
	}
	var cs []cand
	for i, j := range jobs {
		if gr := g.grade(v, age, county, j); gr > 0 {
			cs = append(cs, cand{str(j, "sourceId"), gr, i, num(j, "salaryMax")})
		}
	}
	sort.Slice(cs, func(a, b int) bool {
		if cs[a].grade != cs[b].grade {
			return cs[a].grade > cs[b].grade
		}
		if cs[a].salary != cs[b].salary {
			return cs[a].salary > cs[b].salary
		}
		return cs[a].order < cs[b].order
	})
	var out []string
	for _, c := range cs[:min(len(cs), limit)] {
		out = append(out, fmt.Sprintf("%s/%d", c.id, c.grade))
	}
	return out
}

func (g grader) grade(v record, age int, county string, j record) int {
	occ, region := str(j, "occupationCode"), str(j, "regionCode")
	occScore := 0
	if has(strs(v, "preferredOccupations"), occ) {
		occScore = 2
	} else if has(g.cross[str(v, "militarySpecialty")], occ) {
		occScore = 1
	}
	for _, sk := range strs(v, "skills") {
		if occScore == 0 && has(g.skillOccs[sk], occ) {
			occScore = 1
		}
	}
	regScore := 0
	if strings.HasPrefix(region, county) {
		regScore = 1
	}
	for _, pr := range strs(v, "preferredRegions") {
		if strings.HasPrefix(region, pr) || strings.HasPrefix(pr, region) {
			regScore = 2
		}
	}
	if occScore == 0 || regScore == 0 || !g.fits(v, age, j) {
		return 0
	}
	return occScore + regScore - 1
}

func (g grader) fits(v record, age int, j record) bool {
	for _, sk := range strs(j, "requiredSkills") {
		if !has(strs(v, "skills"), sk) {
			return false
		}
	}
	grade := int(num(v, "disabilityGrade"))
	capacity := 0
	switch {
	case age <= 45 && (grade == 0 || grade >= 9):
		capacity = 2
	case age <= 55 && (grade == 0 || grade >= 7):
		capacity = 1
	}
	demand := map[string]int{"LIGHT": 0, "MEDIUM": 1, "HEAVY": 2}[str(j, "physicalDemand")]
	return float64(age) >= num(j, "minAge") && float64(age) <= num(j, "maxAge") &&
		eduOrder[str(v, "education")] >= eduOrder[str(j, "minEducation")] && demand <= capacity
}
