// Package flagging runs the hardship rules over persons and keeps their
// flags and cases: after every change to a person's records or links
// (the ingest follow-up job) and in full (vethub flag --all). The rules are
// matching/hardship's, the reads and writes db's.
package flagging

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"runtime"
	"slices"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/vethub/vethub/db"
	"github.com/vethub/vethub/matching/hardship"
)

// Service evaluates persons with the active rule set.
type Service struct {
	store *db.Store
	log   *slog.Logger
	today func() time.Time
	rules ruleCache
}

// Options tune a Service.
type Options struct {
	// Today is the date rules judge ages and recency by; zero means the
	// current date (set it to re-run an evaluation as of a day, e.g. the
	// generator's reference date).
	Today time.Time
}

// New returns a service over store.
func New(store *db.Store, log *slog.Logger, o Options) *Service {
	today := time.Now
	if !o.Today.IsZero() {
		today = func() time.Time { return o.Today }
	}
	return &Service{store: store, log: log, today: today}
}

// Result counts what an evaluation did.
type Result struct {
	Persons, Flags int
	Opened         []int64 // cases opened
	Updated        []int64 // cases whose priority or category changed
	RuleSet        string  // the version evaluated
}

// Evaluate re-evaluates the persons and stores their flags, opening or
// updating their cases, in one transaction; the cases it opens are
// audited as the system's and announced to subscribers at commit. It is
// idempotent: the same records give the same flags and open nothing new.
func (s *Service) Evaluate(ctx context.Context, personIDs []int64) (Result, error) {
	rs, err := s.rules.active(ctx, s.store)
	if err != nil {
		return Result{}, err
	}
	res := Result{Persons: len(personIDs), RuleSet: rs.Version}
	if len(personIDs) == 0 {
		return res, nil
	}
	err = s.store.InTx(ctx, func(tx pgx.Tx) error {
		if err := db.LockPersonsForFlags(ctx, tx, personIDs); err != nil { // before reading: see there
			return err
		}
		persons, err := db.RecordsOfPersons(ctx, tx, personIDs)
		if err != nil {
			return err
		}
		rows, err := evaluateAll(rs, persons, s.today())
		if err != nil {
			return err
		}
		res.Flags = len(rows)
		changed, err := db.FlagsReplace(ctx, tx, personIDs, rows)
		if err != nil {
			return err
		}
		res.Opened, res.Updated = changed.Opened, changed.Updated
		return auditCases(ctx, tx, changed)
	})
	if err != nil {
		return res, fmt.Errorf("evaluate hardship: %w", err)
	}
	return res, nil
}

// evaluateAll evaluates the persons on every CPU and returns their flags
// in person order.
func evaluateAll(rs *hardship.RuleSet, persons []db.PersonRecords, today time.Time) ([]db.FlagRow, error) {
	ev := hardship.NewEvaluator(rs, today)
	flags := make([][]db.FlagRow, len(persons))
	errs := make([]error, len(persons))
	workers := min(runtime.GOMAXPROCS(0), max(1, len(persons)/64))
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < len(persons); i += workers {
				p := persons[i]
				fl, err := ev.Evaluate(hardship.Person{ID: p.PersonID, Records: p.Records})
				flags[i], errs[i] = flagRows(fl), err
			}
		}()
	}
	wg.Wait()
	var out []db.FlagRow
	for i := range persons {
		if errs[i] != nil {
			return nil, errs[i]
		}
		out = append(out, flags[i]...)
	}
	return out, nil
}

// evidenceJSON is an evidence item as stored and served.
type evidenceJSON struct {
	Department string `json:"department"`
	SourceID   string `json:"sourceId"`
	Fact       string `json:"fact"`
	Field      string `json:"field"`
	Value      string `json:"value"`
	Threshold  string `json:"threshold,omitempty"`
	AsOf       string `json:"asOf"`
}

func flagRows(flags []hardship.Flag) []db.FlagRow {
	out := make([]db.FlagRow, len(flags))
	for i, f := range flags {
		ev := make([]evidenceJSON, len(f.Evidence))
		for j, e := range f.Evidence {
			ev[j] = evidenceJSON{Department: string(e.Department), SourceID: e.SourceID, Fact: e.Fact, Field: e.Field,
				Value: e.Value, Threshold: e.Threshold, AsOf: e.AsOf.String()}
		}
		evidence, _ := json.Marshal(ev) // plain strings: cannot fail
		out[i] = db.FlagRow{PersonID: f.PersonID, Rule: f.Rule, RuleSetVersion: f.RuleSetVersion, Category: f.Category,
			Priority: string(f.Priority), Score: f.Score, Evidence: evidence, ExplanationZH: f.Explanation.ZH,
			ExplanationEN: f.Explanation.EN, Fingerprint: f.Fingerprint}
	}
	return out
}

// auditCases records each case the rules opened or updated, on its
// person's chain.
func auditCases(ctx context.Context, tx pgx.Tx, changed db.CasesChanged) error {
	ids := append(slices.Clone(changed.Opened), changed.Updated...)
	if len(ids) == 0 {
		return nil
	}
	persons, err := db.CasePersons(ctx, tx, ids)
	if err != nil {
		return err
	}
	entries := make([]db.AuditEntry, len(ids))
	for i, id := range ids {
		what := "opened"
		if i >= len(changed.Opened) {
			what = "updated (priority or category)"
		}
		entries[i] = db.AuditEntry{Actor: "system", Role: "SYSTEM", Action: db.AuditWrite, PersonID: persons[i],
			Fields: []string{"hardship rules"}, Detail: fmt.Sprintf("case %d %s", id, what)}
	}
	return db.AuditAppend(ctx, tx, entries)
}
