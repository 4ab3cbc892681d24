package db

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
)

// casesFollowMerges keeps one active case per human when persons merge:
// the active case of a person merged into another (from[i] into to[i])
// moves to the survivor when it has none (the first such case, by id);
// otherwise it is dismissed as merged, pointing to the survivor. Both are
// recorded in the case's history. Persons not actually merged are left.
func casesFollowMerges(ctx context.Context, tx pgx.Tx, from, to []int64) error {
	_, err := tx.Exec(ctx, `
		WITH moving AS (
			SELECT c.id, m.to_id,
				row_number() OVER (PARTITION BY m.to_id ORDER BY c.id) AS n,
				EXISTS (SELECT 1 FROM cases s WHERE s.person_id = m.to_id
					AND s.status NOT IN ('CLOSED', 'DISMISSED')) AS taken
			FROM unnest($1::bigint[], $2::bigint[]) AS m(from_id, to_id)
			JOIN persons p ON p.id = m.from_id AND p.merged_into = m.to_id
			JOIN cases c ON c.person_id = m.from_id AND c.status NOT IN ('CLOSED', 'DISMISSED')
		), moved AS (
			UPDATE cases c SET person_id = mv.to_id, version = c.version + 1, updated_at = now()
			FROM moving mv WHERE c.id = mv.id AND NOT mv.taken AND mv.n = 1
			RETURNING c.id, mv.to_id
		), dismissed AS (
			UPDATE cases c SET status = 'DISMISSED', dismissed_reason = 'merged into person ' || mv.to_id,
				closed_at = now(), version = c.version + 1, updated_at = now()
			FROM moving mv WHERE c.id = mv.id AND (mv.taken OR mv.n > 1)
			RETURNING c.id, mv.to_id
		)
		INSERT INTO case_events (case_id, actor, kind, detail)
		SELECT id, 'system', 'PERSON_MERGED', 'the person was merged into person ' || to_id || ': the case follows' FROM moved
		UNION ALL
		SELECT id, 'system', 'DISMISSED', 'the person was merged into person ' || to_id || ', whose case goes on' FROM dismissed`,
		from, to)
	if err != nil {
		return fmt.Errorf("cases of merged persons: %w", err)
	}
	return nil
}
