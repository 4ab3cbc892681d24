package db_test

import (
	"context"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/vethub/vethub/db"
	"github.com/vethub/vethub/db/dbtest"
	"github.com/vethub/vethub/feed"
)

func TestJobPostingsOpenAndStamp(t *testing.T) {
	t.Parallel()
	store := dbtest.New(t)
	ctx := context.Background()
	before, err := db.ChangesStamp(ctx, store.Pool, []string{"JOBS"})
	if err != nil {
		t.Fatal(err)
	}
	upsertPostings(t, store, `{"sourceId":"J-open","sourceVersion":1,"asOf":"2026-10-01","title":"a","regionCode":"330824","closesOn":"2026-11-01"}`,
		`{"sourceId":"J-closed","sourceVersion":1,"asOf":"2026-10-01","title":"b","regionCode":"330824","closesOn":"2026-10-31"}`,
		`{"sourceId":"J-undated","sourceVersion":1,"asOf":"2026-10-01","title":"c","regionCode":"330824"}`)
	after, err := db.ChangesStamp(ctx, store.Pool, []string{"JOBS"})
	if err != nil {
		t.Fatal(err)
	}
	if after == before {
		t.Fatalf("stamp %q → %q: a posting write must move it", before, after)
	}
	if other, _ := db.ChangesStamp(ctx, store.Pool, []string{"VETERAN"}); other != "+0" {
		t.Fatalf("veteran stamp %q moved by postings", other)
	}
	open, err := db.JobPostingsOpen(ctx, store.Pool, time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range open {
		got = append(got, feed.DecodeJob(p.Raw).Job.SourceID)
	}
	if len(got) != 2 || got[0] != "J-open" || got[1] != "J-undated" {
		t.Fatalf("open postings on 2026-11-01: %v, want J-open and J-undated", got)
	}
}

func upsertPostings(t *testing.T, store *db.Store, lines ...string) {
	t.Helper()
	jobs := make([]feed.Job, len(lines))
	for i, l := range lines {
		res := feed.DecodeJob([]byte(l))
		if len(res.Errors) > 0 {
			t.Fatalf("posting %d: %v", i, res.Errors)
		}
		jobs[i] = res.Job
	}
	err := pgx.BeginFunc(context.Background(), store.Pool, func(tx pgx.Tx) error {
		_, err := db.JobPostingsUpsert(context.Background(), tx, jobs)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestJobSeekerIDs(t *testing.T) {
	t.Parallel()
	store := dbtest.New(t)
	f := fixtures{t: t, store: store}
	seeker, employed, civilOnly := f.person("甲", "330824"), f.person("乙", "330824"), f.person("丙", "330824")
	withAttrs := func(dept, source string, person int64, attrs string) {
		id := f.record(dept, source, person, "330824", "2026-10-01", 1)
		f.exec(`UPDATE source_records SET attrs = $2 WHERE id = $1 RETURNING id`, id, attrs)
	}
	withAttrs("VETERAN", "V-1", seeker, `{"employmentStatus":"UNEMPLOYED"}`)
	withAttrs("VETERAN", "V-2", employed, `{"employmentStatus":"EMPLOYED"}`)
	withAttrs("CIVIL", "C-3", civilOnly, `{"employmentStatus":"UNEMPLOYED"}`)
	ids, err := db.JobSeekerIDs(context.Background(), store.Pool)
	if err != nil {
		t.Fatal(err)
	}
	if len(ids) != 1 || ids[0] != seeker {
		t.Fatalf("seekers %v, want [%d]", ids, seeker)
	}
}
