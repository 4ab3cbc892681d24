package synth

import (
	"testing"

	"github.com/vethub/vethub/feed"
)

// TestFeedAccepts: the feed validator rejects no generated line (warnings
// about flawed ID numbers and contradictions are expected).
func TestFeedAccepts(t *testing.T) {
	t.Parallel()
	ds := sharedData(t)
	warned := 0
	for _, dept := range deptNames {
		for _, line := range ds.lines[dept] {
			res := feed.DecodeRecord(feed.Department(dept), line)
			if len(res.Errors) > 0 {
				t.Fatalf("%s line rejected: %v\n%s", dept, res.Errors, line)
			}
			if len(res.Warnings) > 0 {
				warned++
			}
		}
	}
	for _, line := range ds.lines["JOBS"] {
		if res := feed.DecodeJob(line); len(res.Errors) > 0 {
			t.Fatalf("job rejected: %v\n%s", res.Errors, line)
		}
	}
	if warned == 0 {
		t.Error("no warnings at high noise: ID errors should be noticed")
	}
}
