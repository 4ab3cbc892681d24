package db

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// OpenPostingRaw is a posting still open on a day, as the employment
// service sent it: job matching rebuilds its feed.Job from Raw.
type OpenPostingRaw struct {
	ID     int64
	Raw    []byte
	Filled int // openings filled by done job referrals
}

// JobPostingsOpen returns the postings without a closing date or closing
// on or after today, in id order, each with the openings done job
// referrals filled. It reads them all: job matching calls it
// only to rebuild its index, after ChangesStamp moved.
func JobPostingsOpen(ctx context.Context, q DBTX, today time.Time) ([]OpenPostingRaw, error) {
	rows, _ := q.Query(ctx, `SELECT j.id, j.raw::text, coalesce(f.n, 0) FROM job_postings j
		LEFT JOIN (SELECT job_source_id, count(*)::int AS n FROM case_actions
			WHERE kind = 'JOB_REFERRAL' AND done_on IS NOT NULL AND job_source_id IS NOT NULL
			GROUP BY job_source_id) f ON f.job_source_id = j.source_id
		WHERE j.closes_on IS NULL OR j.closes_on >= $1 ORDER BY j.id`, today)
	out, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (OpenPostingRaw, error) {
		var p OpenPostingRaw
		err := row.Scan(&p.ID, &p.Raw, &p.Filled)
		return p, err
	})
	if err != nil {
		return nil, fmt.Errorf("open job postings: %w", err)
	}
	return out, nil
}

// JobSeekerIDs returns, in id order, the persons holding a veteran record
// that says they are unemployed: the candidates job matching indexes
// (their profiles decide the rest). It reads every veteran record, so it
// runs only when an index is rebuilt.
func JobSeekerIDs(ctx context.Context, q DBTX) ([]int64, error) {
	rows, _ := q.Query(ctx, `SELECT DISTINCT person_id FROM source_records
		WHERE department = 'VETERAN' AND person_id IS NOT NULL
		  AND attrs::json->>'employmentStatus' = 'UNEMPLOYED'
		ORDER BY person_id`)
	ids, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		return nil, fmt.Errorf("job seeker ids: %w", err)
	}
	return ids, nil
}

// ChangesStamp names the state of the departments' rows in the change
// feed: the highest transaction id among transactions older than every one
// still running (settled: nothing can appear below it any more) and the
// number of rows visible above it. Every row that becomes visible moves
// it, even one of a slow transaction that commits late; rows settling move
// it once more. It reads one index entry per department plus the recent
// tail, never the whole feed, so a cache can check it on every call.
func ChangesStamp(ctx context.Context, q DBTX, departments []string) (string, error) {
	var stamp string
	err := q.QueryRow(ctx, `WITH s AS (SELECT pg_snapshot_xmin(pg_current_snapshot()) AS xmin)
		SELECT coalesce(max(settled)::text, '') || '+' || coalesce(sum(tail), 0)
		FROM s, unnest($1::text[]) AS d(dept),
		LATERAL (SELECT max(txid) AS settled FROM changes WHERE department = d.dept AND txid < s.xmin) a,
		LATERAL (SELECT count(*) AS tail FROM changes WHERE department = d.dept AND txid >= s.xmin) b`,
		departments).Scan(&stamp)
	if err != nil {
		return "", fmt.Errorf("changes stamp: %w", err)
	}
	return stamp, nil
}

// JobReferralsStamp changes whenever a done job referral is recorded: a
// posting's filled openings depend on them, not on the change feed.
func JobReferralsStamp(ctx context.Context, q DBTX) (string, error) {
	var stamp string
	err := q.QueryRow(ctx, `SELECT count(*) || ':' || coalesce(max(id), 0) FROM case_actions
		WHERE kind = 'JOB_REFERRAL' AND done_on IS NOT NULL AND job_source_id IS NOT NULL`).Scan(&stamp)
	if err != nil {
		return "", fmt.Errorf("job referrals stamp: %w", err)
	}
	return stamp, nil
}
