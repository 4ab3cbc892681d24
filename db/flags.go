package db

import (
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"github.com/jackc/pgx/v5"
)

// Hardship flag priorities, strongest first.
const (
	PriorityHigh   = "HIGH"
	PriorityMedium = "MEDIUM"
	PriorityLow    = "LOW"
)

// priorityRank orders priorities, strongest first; 0 is not a priority.
func priorityRank(p string) int {
	switch p {
	case PriorityHigh:
		return 1
	case PriorityMedium:
		return 2
	case PriorityLow:
		return 3
	}
	return 0
}

// FlagRow is one hardship flag of a person as the rule engine computed it.
// Evidence is a JSON list of evidence items; Fingerprint is a stable hash
// of the evidence, so it changes exactly when the evidence does.
type FlagRow struct {
	PersonID       int64
	Rule           string
	RuleSetVersion string
	Category       string
	Priority       string
	Score          float64
	Evidence       json.RawMessage
	ExplanationZH  string
	ExplanationEN  string
	Fingerprint    string
}

// Flag is a stored flag: the row and when it last changed.
type Flag struct {
	FlagRow
	ComputedAt time.Time
}

// flagsFingerprint combines the fingerprints of one person's flags into
// one, whatever their order: what a dismissal is compared with.
func flagsFingerprint(flags []FlagRow) string {
	lines := make([]string, len(flags))
	for i, f := range flags {
		lines[i] = f.Rule + "\x00" + f.Fingerprint + "\n"
	}
	slices.Sort(lines)
	h := sha256.New()
	for _, l := range lines {
		h.Write([]byte(l))
	}
	return hex.EncodeToString(h.Sum(nil))
}

// strongest is the flag a case takes its priority and category from: the
// highest priority, then the highest score, then the first rule by name.
func strongest(flags []FlagRow) FlagRow {
	return slices.MinFunc(flags, func(a, b FlagRow) int {
		return cmp.Or(cmp.Compare(priorityRank(a.Priority), priorityRank(b.Priority)),
			cmp.Compare(b.Score, a.Score), cmp.Compare(a.Rule, b.Rule))
	})
}

// flagsCheck refuses flags FlagsReplace cannot store as given, and returns
// them sorted by person and rule.
func flagsCheck(personIDs []int64, flags []FlagRow) ([]FlagRow, error) {
	persons := make(map[int64]bool, len(personIDs))
	for _, id := range personIDs {
		persons[id] = true
	}
	sorted := slices.Clone(flags)
	slices.SortFunc(sorted, func(a, b FlagRow) int {
		return cmp.Or(cmp.Compare(a.PersonID, b.PersonID), cmp.Compare(a.Rule, b.Rule))
	})
	for i, f := range sorted {
		switch {
		case !persons[f.PersonID]:
			return nil, fmt.Errorf("flag %s of person %d: the person is not among those replaced", f.Rule, f.PersonID)
		case f.Rule == "" || f.Fingerprint == "" || f.Category == "":
			return nil, fmt.Errorf("flag of person %d: rule, category and fingerprint are required", f.PersonID)
		case priorityRank(f.Priority) == 0:
			return nil, fmt.Errorf("flag %s of person %d: priority %q is not HIGH, MEDIUM or LOW", f.Rule, f.PersonID, f.Priority)
		case !json.Valid(f.Evidence):
			return nil, fmt.Errorf("flag %s of person %d: evidence is not JSON", f.Rule, f.PersonID)
		case i > 0 && sorted[i-1].PersonID == f.PersonID && sorted[i-1].Rule == f.Rule:
			return nil, fmt.Errorf("flag %s of person %d given twice", f.Rule, f.PersonID)
		}
	}
	return sorted, nil
}

// flagsStore makes the stored flags of persons equal to flags: rules no
// longer flagged go, others are inserted or, only where something
// differs, updated (so storing the same flags again changes no row).
func flagsStore(ctx context.Context, tx pgx.Tx, persons []int64, flags []FlagRow) error {
	n := len(flags)
	cols := struct {
		person                            []int64
		rule, version, category, priority []string
		score                             []float64
		evidence, zh, en, fingerprint     []string
	}{person: make([]int64, n), score: make([]float64, n)}
	for i, f := range flags {
		cols.person[i], cols.score[i] = f.PersonID, f.Score
		cols.rule = append(cols.rule, f.Rule)
		cols.version = append(cols.version, f.RuleSetVersion)
		cols.category = append(cols.category, f.Category)
		cols.priority = append(cols.priority, f.Priority)
		cols.evidence = append(cols.evidence, string(f.Evidence))
		cols.zh, cols.en = append(cols.zh, f.ExplanationZH), append(cols.en, f.ExplanationEN)
		cols.fingerprint = append(cols.fingerprint, f.Fingerprint)
	}
	batch := &pgx.Batch{}
	batch.Queue(`DELETE FROM hardship_flags f WHERE f.person_id = ANY($1) AND NOT EXISTS
		(SELECT 1 FROM unnest($2::bigint[], $3::text[]) AS n(person_id, rule)
		 WHERE n.person_id = f.person_id AND n.rule = f.rule)`, persons, cols.person, cols.rule)
	batch.Queue(`INSERT INTO hardship_flags (person_id, rule, rule_set_version, category, priority, score,
			evidence, explanation_zh, explanation_en, fingerprint)
		SELECT p, r, v, c, pr, s, e::jsonb, zh, en, fp
		FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::float8[],
			$7::text[], $8::text[], $9::text[], $10::text[]) AS n(p, r, v, c, pr, s, e, zh, en, fp)
		ON CONFLICT (person_id, rule) DO UPDATE SET rule_set_version = EXCLUDED.rule_set_version,
			category = EXCLUDED.category, priority = EXCLUDED.priority, score = EXCLUDED.score,
			evidence = EXCLUDED.evidence, explanation_zh = EXCLUDED.explanation_zh,
			explanation_en = EXCLUDED.explanation_en, fingerprint = EXCLUDED.fingerprint, computed_at = now()
		WHERE (hardship_flags.rule_set_version, hardship_flags.category, hardship_flags.priority,
			hardship_flags.score, hardship_flags.evidence, hardship_flags.explanation_zh,
			hardship_flags.explanation_en, hardship_flags.fingerprint)
			IS DISTINCT FROM (EXCLUDED.rule_set_version, EXCLUDED.category, EXCLUDED.priority, EXCLUDED.score,
			EXCLUDED.evidence, EXCLUDED.explanation_zh, EXCLUDED.explanation_en, EXCLUDED.fingerprint)`,
		cols.person, cols.rule, cols.version, cols.category, cols.priority, cols.score,
		cols.evidence, cols.zh, cols.en, cols.fingerprint)
	if err := tx.SendBatch(ctx, batch).Close(); err != nil {
		return fmt.Errorf("store flags: %w", err)
	}
	return nil
}

const flagColumns = `person_id, rule, rule_set_version, category, priority, score, evidence,
	explanation_zh, explanation_en, fingerprint, computed_at`

func scanFlag(row pgx.CollectableRow) (Flag, error) {
	var f Flag
	err := row.Scan(&f.PersonID, &f.Rule, &f.RuleSetVersion, &f.Category, &f.Priority, &f.Score,
		(*[]byte)(&f.Evidence), &f.ExplanationZH, &f.ExplanationEN, &f.Fingerprint, &f.ComputedAt)
	return f, err
}

// FlagsOf returns the current flags of the persons, by person, strongest
// first. Callers read the persons (or their cases) in scope first.
func (s *Store) FlagsOf(ctx context.Context, personIDs []int64) ([]Flag, error) {
	return flagsOf(ctx, s.Pool, personIDs...)
}

func flagsOf(ctx context.Context, q DBTX, personIDs ...int64) ([]Flag, error) {
	rows, _ := q.Query(ctx, `SELECT `+flagColumns+` FROM hardship_flags WHERE person_id = ANY($1)
		ORDER BY person_id, CASE priority WHEN 'HIGH' THEN 1 WHEN 'MEDIUM' THEN 2 ELSE 3 END, score DESC, rule`, personIDs)
	flags, err := pgx.CollectRows(rows, scanFlag)
	if err != nil {
		return nil, fmt.Errorf("flags of persons %v: %w", personIDs, err)
	}
	return flags, nil
}

// FlagLine is a current flag as vethub export flags writes it.
type FlagLine struct {
	PersonID int64   `json:"personId"`
	Rule     string  `json:"rule"`
	Category string  `json:"category"`
	Priority string  `json:"priority"`
	Score    float64 `json:"score"`
}

// FlagsEach calls fn for every current flag, by person and rule.
func (s *Store) FlagsEach(ctx context.Context, fn func(FlagLine) error) error {
	rows, err := s.Pool.Query(ctx, `SELECT person_id, rule, category, priority, score FROM hardship_flags ORDER BY person_id, rule`)
	if err != nil {
		return fmt.Errorf("flags: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var f FlagLine
		if err := rows.Scan(&f.PersonID, &f.Rule, &f.Category, &f.Priority, &f.Score); err != nil {
			return fmt.Errorf("flags: %w", err)
		}
		if err := fn(f); err != nil {
			return err
		}
	}
	return rows.Err()
}
