package jobs

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/vethub/vethub/synth"
)

// The shipped crosswalk covers every specialty and certificate the
// generator writes, with at least the occupations its truth counts on.
func TestCrosswalkCoversGenerator(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	if _, err := synth.Generate(synth.Config{Persons: 50, Seed: 1}, dir); err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(filepath.Join(dir, "truth", "params.json"))
	if err != nil {
		t.Fatal(err)
	}
	var params struct {
		JobMatching struct {
			Crosswalk        map[string][]string `json:"specialtyOccupations"`
			SkillOccupations map[string][]string `json:"skillOccupations"`
		} `json:"jobMatching"`
	}
	if err := json.Unmarshal(raw, &params); err != nil {
		t.Fatal(err)
	}
	cw := DefaultCrosswalk()
	for specialty, codes := range params.JobMatching.Crosswalk {
		got := codesOf(cw.specialtyTargets(specialty))
		for _, c := range codes {
			if !slices.Contains(got, c) {
				t.Errorf("specialty %s: %v lacks %s", specialty, got, c)
			}
		}
	}
	for cert, codes := range params.JobMatching.SkillOccupations {
		_, targets := cw.certificatesOf([]string{cert})
		if got := codesOf(targets); !slices.Equal(got, codes) {
			t.Errorf("certificate %s: %v, want %v", cert, got, codes)
		}
	}
	if len(params.JobMatching.Crosswalk) < 10 {
		t.Fatalf("params.json lists %d specialties", len(params.JobMatching.Crosswalk))
	}
}

func codesOf(ts []Target) []string {
	var out []string
	for _, t := range ts {
		out = append(out, t.Code)
	}
	return out
}

func TestSpecialtyMatchesLongestContained(t *testing.T) {
	t.Parallel()
	cw := DefaultCrosswalk()
	if got := codesOf(cw.specialtyTargets("汽车驾驶员 ")); !slices.Contains(got, "4-02-02-02") {
		t.Errorf("汽车驾驶员: %v", got)
	}
	if got := cw.specialtyTargets("潜艇声呐"); got != nil {
		t.Errorf("unknown specialty gave %v", got)
	}
	if held, _ := cw.certificatesOf([]string{"机动车驾驶证ａ２"}); !slices.Contains(held, "机动车驾驶证B2") {
		t.Errorf("full-width A2 licence holds %v", held)
	}
}

func TestParseCrosswalkRejectsBadRows(t *testing.T) {
	t.Parallel()
	certs := "certificate,occupations,implies\n"
	for _, tc := range []struct{ name, specialties, certs string }{
		{"bad code", "specialty,occupation,name,match,note\n炊事,4-3-02-01,x,primary,\n", certs},
		{"bad match", "specialty,occupation,name,match,note\n炊事,4-03-02-01,x,main,\n", certs},
		{"missing field", "specialty,occupation,name,match,note\n炊事,4-03-02-01,x\n", certs},
		{"duplicate certificate", "specialty,occupation,name,match,note\n", certs + "电工证,,\n电工证,,\n"},
		{"bad certificate code", "specialty,occupation,name,match,note\n", certs + "电工证,6-29-0302,\n"},
	} {
		if _, err := ParseCrosswalk([]byte(tc.specialties), []byte(tc.certs)); err == nil {
			t.Errorf("%s: no error", tc.name)
		} else if !strings.HasPrefix(err.Error(), "jobs: ") {
			t.Errorf("%s: error %q lacks the package prefix", tc.name, err)
		}
	}
}
