package db

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jackc/pgx/v5"
)

// RuleSetRow is a hardship rule set as an admin loaded it. The newest row
// is the active set; the caller parses Source with the rule engine.
type RuleSetRow struct {
	ID       int64
	Version  string
	Source   []byte // the YAML exactly as loaded
	LoadedAt time.Time
	LoadedBy string
}

// Bounds of what the store keeps.
const (
	RuleSetSourceMax  = 1 << 20 // bytes of one rule file
	ruleSetHistoryMax = 100     // rows RuleSets returns
)

// RuleSetSourceCheck says why the store would refuse source: empty, over
// RuleSetSourceMax bytes, not UTF-8 or holding a NUL byte (PostgreSQL
// text holds neither). Callers check before parsing, to fail early.
func RuleSetSourceCheck(source []byte) error {
	switch {
	case len(bytes.TrimSpace(source)) == 0:
		return errors.New("the rule file is empty")
	case len(source) > RuleSetSourceMax:
		return fmt.Errorf("the rule file has %d bytes, more than the %d allowed", len(source), RuleSetSourceMax)
	case !utf8.Valid(source):
		return errors.New("the rule file is not UTF-8 text")
	case bytes.IndexByte(source, 0) >= 0:
		return errors.New("the rule file holds a NUL byte")
	}
	return nil
}

const ruleSetColumns = `id, version, source, loaded_at, loaded_by`

// RuleSetSave stores source as version, loaded by by, and appends audit
// in the same transaction: the set becomes the active one. Loading a
// version again with the same text changes nothing (nor is it audited)
// and returns the stored row, which stays where it was in the history; a
// version loaded before with other text is refused with an error wrapping
// ErrConflict.
func (s *Store) RuleSetSave(ctx context.Context, version string, source []byte, by string, audit AuditEntry) (RuleSetRow, error) {
	if strings.TrimSpace(version) == "" {
		return RuleSetRow{}, errors.New("save rule set: no version")
	}
	if err := RuleSetSourceCheck(source); err != nil {
		return RuleSetRow{}, fmt.Errorf("save rule set %s: %w", version, err)
	}
	var out RuleSetRow
	err := s.InTx(ctx, func(tx pgx.Tx) error {
		row, inserted, err := ruleSetInsert(ctx, tx, version, source, by)
		out = row
		if err != nil || !inserted {
			return err
		}
		return AuditAppend(ctx, tx, []AuditEntry{audit})
	})
	if err != nil {
		return RuleSetRow{}, fmt.Errorf("save rule set %s: %w", version, err)
	}
	return out, nil
}

// ruleSetInsert inserts version, or finds the row that holds it already
// (inserted false) and checks it holds the same text.
func ruleSetInsert(ctx context.Context, tx pgx.Tx, version string, source []byte, by string) (RuleSetRow, bool, error) {
	rows, _ := tx.Query(ctx, `INSERT INTO rule_sets (version, source, loaded_by) VALUES ($1, $2, $3)
		ON CONFLICT (version) DO NOTHING RETURNING `+ruleSetColumns, version, string(source), by)
	row, err := pgx.CollectExactlyOneRow(rows, pgx.RowToStructByPos[RuleSetRow])
	if err == nil {
		return row, true, nil
	}
	if !errors.Is(err, pgx.ErrNoRows) {
		return RuleSetRow{}, false, err
	}
	// A statement of its own sees the row another transaction committed.
	rows, _ = tx.Query(ctx, `SELECT `+ruleSetColumns+` FROM rule_sets WHERE version = $1`, version)
	if row, err = pgx.CollectExactlyOneRow(rows, pgx.RowToStructByPos[RuleSetRow]); err != nil {
		return RuleSetRow{}, false, err
	}
	if !bytes.Equal(row.Source, source) {
		return RuleSetRow{}, false, fmt.Errorf("%w: version %q was loaded on %s with other text: give the file a new version",
			ErrConflict, version, row.LoadedAt.Format(time.DateOnly))
	}
	return row, false, nil
}

// RuleSetActive returns the newest rule set, false when none was loaded
// (the engine's shipped default then applies).
func RuleSetActive(ctx context.Context, q DBTX) (RuleSetRow, bool, error) {
	rows, _ := q.Query(ctx, `SELECT `+ruleSetColumns+` FROM rule_sets ORDER BY id DESC LIMIT 1`)
	row, err := pgx.CollectExactlyOneRow(rows, pgx.RowToStructByPos[RuleSetRow])
	if errors.Is(err, pgx.ErrNoRows) {
		return RuleSetRow{}, false, nil
	}
	if err != nil {
		return RuleSetRow{}, false, fmt.Errorf("active rule set: %w", err)
	}
	return row, true, nil
}

// RuleSets returns the loaded rule sets, newest (the active one) first, at
// most the newest 100.
func (s *Store) RuleSets(ctx context.Context) ([]RuleSetRow, error) {
	rows, _ := s.Pool.Query(ctx, `SELECT `+ruleSetColumns+` FROM rule_sets ORDER BY id DESC LIMIT $1`, ruleSetHistoryMax)
	out, err := pgx.CollectRows(rows, pgx.RowToStructByPos[RuleSetRow])
	if err != nil {
		return nil, fmt.Errorf("rule sets: %w", err)
	}
	return out, nil
}
