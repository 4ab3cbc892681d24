package jobmatching

import (
	"testing"
	"time"

	"github.com/vethub/vethub/feed"
)

// A settling snapshot serves its value without asking the change feed
// until settle has passed, and only for the day it was built for.
func TestSnapshotSettles(t *testing.T) {
	day := feed.NewDate(2026, 11, 1)
	v := 7
	c := snapshot[int]{value: &v, day: day, checked: time.Now(), settle: time.Hour}
	if got := c.settled(day); got != &v {
		t.Fatal("a value checked just now was not served")
	}
	if c.settled(feed.NewDate(2026, 11, 2)) != nil {
		t.Fatal("a value built for another day was served")
	}
	c.checked = time.Now().Add(-2 * time.Hour)
	if c.settled(day) != nil {
		t.Fatal("a value past its settle time was served without a check")
	}
	c.settle, c.checked = 0, time.Now()
	if c.settled(day) != nil {
		t.Fatal("a snapshot without settle served without a check")
	}
}
