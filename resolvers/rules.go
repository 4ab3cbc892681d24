package resolvers

import (
	"context"
	"errors"
	"fmt"

	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/vethub/vethub/auth"
	"github.com/vethub/vethub/db"
	"github.com/vethub/vethub/graph/model"
	"github.com/vethub/vethub/ingest"
	"github.com/vethub/vethub/matching/hardship"
)

// ruleSetParse checks a rule file as the store and the engine would,
// failing with BAD_USER_INPUT on the source argument.
func ruleSetParse(source []byte) (*hardship.RuleSet, error) {
	if err := db.RuleSetSourceCheck(source); err != nil {
		return nil, badInput("source", "%s", err)
	}
	rs, err := hardship.ParseRuleSet(source)
	var invalid *hardship.ValidationError
	if errors.As(err, &invalid) {
		return nil, ruleProblemsError(invalid)
	}
	if err != nil {
		return nil, badInput("source", "%s", err)
	}
	return rs, nil
}

// ruleProblemsError is one BAD_USER_INPUT error for the whole file: the
// message lists every problem for people, extensions.problems for
// programs (an editor marking the lines).
func ruleProblemsError(invalid *hardship.ValidationError) error {
	problems := make([]map[string]any, len(invalid.Problems))
	for i, p := range invalid.Problems {
		problems[i] = map[string]any{"path": p.Path, "reason": p.Reason}
	}
	return &gqlerror.Error{
		Message:    "source: " + invalid.Error(),
		Extensions: map[string]any{"code": "BAD_USER_INPUT", "field": "source", "problems": problems},
	}
}

// ruleSetAudit is the audit entry of the caller's load of version.
func ruleSetAudit(ctx context.Context, version string) db.AuditEntry {
	p, _ := auth.FromContext(ctx)
	return db.AuditEntry{ActorTokenID: p.TokenID, Actor: p.Name, Role: string(p.Role), Action: db.AuditWrite,
		Fields: []string{"Mutation.loadRuleSet"}, RequestID: ingest.ActorFrom(ctx).RequestID,
		Detail: "rule set " + version}
}

// ruleSetSaveError says why a valid rule set was not stored.
func ruleSetSaveError(err error, version string) error {
	if errors.Is(err, db.ErrConflict) {
		return fieldError("CONFLICT", "source", "version %q was loaded before with other text: give the file a new version", version)
	}
	return err
}

// ruleSetModel converts a stored rule set, parsing it again for its rules.
func ruleSetModel(row *db.RuleSetRow) (*model.RuleSet, error) {
	rs, err := hardship.ParseRuleSet(row.Source)
	if err != nil {
		// Validated when loaded: only an engine that changed since refuses it.
		return nil, fmt.Errorf("stored rule set %s no longer validates: %w", row.Version, err)
	}
	return loadedRuleSet(rs, row), nil
}

// loadedRuleSet is the model of rs as row stores it.
func loadedRuleSet(rs *hardship.RuleSet, row *db.RuleSetRow) *model.RuleSet {
	m := ruleSetOf(rs, string(row.Source))
	m.LoadedAt, m.LoadedBy = &row.LoadedAt, &row.LoadedBy
	return m
}

// builtInRuleSet is the model of the engine's shipped default.
func builtInRuleSet() *model.RuleSet {
	m := ruleSetOf(hardship.Default(), string(hardship.DefaultYAML()))
	m.BuiltIn = true
	return m
}

func ruleSetOf(rs *hardship.RuleSet, source string) *model.RuleSet {
	rules := make([]model.Rule, len(rs.Rules))
	for i, r := range rs.Rules {
		rules[i] = model.Rule{ID: r.ID, Category: r.Category, Priority: string(r.Priority), Score: r.Score}
	}
	return &model.RuleSet{Version: rs.Version, Source: source, Rules: rules}
}
