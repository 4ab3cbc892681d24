package resolvers

import (
	"encoding/json"
	"fmt"

	"github.com/vethub/vethub/db"
	"github.com/vethub/vethub/graph/model"
)

// caseFromRow converts a cases row; person, flags, notes, actions and
// history are loaded from the ids it keeps.
func caseFromRow(c *db.Case) *model.Case {
	return &model.Case{
		ID:              idString(c.ID),
		Status:          model.CaseStatus(c.Status),
		Priority:        model.HardshipPriority(c.Priority),
		Category:        c.Category,
		RegionCode:      c.RegionCode,
		PersonID:        idString(c.PersonID),
		Assignee:        c.Assignee,
		DueDate:         datePtr(c.DueDate),
		DismissedReason: c.DismissedReason,
		Version:         c.Version,
		OpenedAt:        c.OpenedAt,
		UpdatedAt:       c.UpdatedAt,
		ClosedAt:        c.ClosedAt,
		CaseID:          c.ID,
		PersonRef:       c.PersonID,
	}
}

func casesFromRows(rows []db.Case) []model.Case {
	out := make([]model.Case, len(rows))
	for i := range rows {
		out[i] = *caseFromRow(&rows[i])
	}
	return out
}

// evidenceItem is one item of a flag's evidence JSON, as the rule engine
// writes it; values and thresholds may be numbers or strings.
type evidenceItem struct {
	Department *string         `json:"department"`
	SourceID   *string         `json:"sourceId"`
	Field      *string         `json:"field"`
	Value      json.RawMessage `json:"value"`
	Threshold  json.RawMessage `json:"threshold"`
	AsOf       *string         `json:"asOf"`
}

func flagFromRow(f *db.Flag) (model.HardshipFlag, error) {
	var items []evidenceItem
	if err := json.Unmarshal(f.Evidence, &items); err != nil {
		return model.HardshipFlag{}, fmt.Errorf("flag %s of person %d: evidence: %w", f.Rule, f.PersonID, err)
	}
	out := model.HardshipFlag{Rule: f.Rule, RuleSetVersion: f.RuleSetVersion, Category: f.Category,
		Priority: model.HardshipPriority(f.Priority), Score: f.Score, Evidence: make([]model.Evidence, len(items)),
		ExplanationZh: &f.ExplanationZH, ExplanationEn: &f.ExplanationEN, ComputedAt: f.ComputedAt, PersonRef: f.PersonID}
	for i, it := range items {
		e := model.Evidence{SourceID: it.SourceID, Field: it.Field, Value: jsonText(it.Value), Threshold: jsonText(it.Threshold),
			PersonRef: f.PersonID}
		if it.Department != nil {
			d := model.Department(*it.Department)
			e.Department = &d
		}
		if it.AsOf != nil {
			var d model.Date
			if err := d.UnmarshalGQL(*it.AsOf); err == nil {
				e.AsOf = &d
			}
		}
		out.Evidence[i] = e
	}
	return out, nil
}

// jsonText renders a JSON value as text: a string as itself, anything
// else (a number, a list) as its JSON; nil for absent or null.
func jsonText(v json.RawMessage) *string {
	if len(v) == 0 || string(v) == "null" {
		return nil
	}
	var s string
	if json.Unmarshal(v, &s) != nil {
		s = string(v)
	}
	return &s
}

func caseNoteFromRow(n *db.CaseNote) model.CaseNote {
	return model.CaseNote{ID: idString(n.ID), Body: n.Body, CreatedBy: n.CreatedBy, CreatedAt: n.CreatedAt}
}

func caseActionFromRow(a *db.CaseAction) model.CaseAction {
	out := model.CaseAction{ID: idString(a.ID), Kind: model.CaseActionKind(a.Kind), PlannedOn: datePtr(a.PlannedOn),
		DoneOn: datePtr(a.DoneOn), Note: a.Note, CreatedBy: a.CreatedBy, CreatedAt: a.CreatedAt, JobSourceID: a.JobSourceID}
	if a.Amount != nil {
		m := model.Money(*a.Amount)
		out.Amount = &m
	}
	return out
}

func caseEventFromRow(e *db.CaseEvent) model.CaseEvent {
	return model.CaseEvent{At: e.At, Actor: e.Actor, Kind: e.Kind, Detail: e.Detail}
}

// caseConnection builds a page of cases sorted by sort.
func caseConnection(rows []db.Case, sort string, hasNext bool) *model.CaseConnection {
	conn := &model.CaseConnection{Edges: make([]model.CaseEdge, len(rows)), PageInfo: &model.PageInfo{HasNextPage: hasNext}}
	for i := range rows {
		cursor := caseCursorEncode(sort, db.CaseCursor{Key: db.CaseSortKey(&rows[i], sort), ID: rows[i].ID})
		conn.Edges[i] = model.CaseEdge{Cursor: cursor, Node: caseFromRow(&rows[i])}
	}
	if len(rows) > 0 {
		conn.PageInfo.EndCursor = &conn.Edges[len(rows)-1].Cursor
	}
	return conn
}
