package resolvers

import (
	"strconv"
	"time"

	"github.com/vethub/vethub/db"
	"github.com/vethub/vethub/graph/model"
)

// auditFilter checks auditLog's arguments. It asks the store for one row
// more than the page, to know whether another page follows.
func auditFilter(personID, actor *string, from, to *time.Time, first *int, after *string) (db.AuditFilter, error) {
	var f db.AuditFilter
	n, err := pageSize("first", first, 50, 500)
	if err != nil {
		return f, err
	}
	f.First = n + 1
	if personID != nil {
		id, ok := idParse(*personID)
		if !ok {
			return f, badInput("personId", "not a person id: %q", *personID)
		}
		f.PersonID = id
	}
	if actor != nil {
		f.Actor = *actor
	}
	if from != nil {
		f.From = *from
	}
	if to != nil {
		f.To = *to
	}
	if after != nil {
		pos, ok := cursorDecode("audit", *after)
		id, valid := idParse(pos)
		if !ok || !valid {
			return f, badInput("after", "not a cursor of the audit log: %q", *after)
		}
		f.After = id
	}
	return f, nil
}

// auditConnection pages rows, of which the one past the page (asked for by
// auditFilter) only says that there is a next page.
func auditConnection(rows []db.AuditRow, asked int) *model.AuditEntryConnection {
	page := rows[:min(len(rows), asked-1)]
	c := &model.AuditEntryConnection{Edges: make([]model.AuditEntryEdge, len(page)), PageInfo: &model.PageInfo{}}
	for i := range page {
		cursor := cursorEncode("audit", idString(page[i].ID))
		c.Edges[i] = model.AuditEntryEdge{Cursor: cursor, Node: auditEntryModel(&page[i])}
		c.PageInfo.EndCursor = &cursor
	}
	c.PageInfo.HasNextPage = len(rows) > len(page)
	return c
}

func auditEntryModel(r *db.AuditRow) *model.AuditEntry {
	return &model.AuditEntry{
		ID: idString(r.ID), Chain: r.Chain, Seq: idString(r.Seq), At: r.At, Actor: r.Actor, ActorTokenID: optID(r.ActorTokenID),
		Role: r.Role, Action: model.AuditAction(r.Action), PersonID: optID(r.PersonID),
		Department: strOf(r.Department), Fields: r.Fields, Purpose: r.Purpose,
		RequestID: r.RequestID, Detail: r.Detail,
	}
}

// optID is an id as a GraphQL ID, nil for 0 (none).
func optID(id int64) *string {
	if id == 0 {
		return nil
	}
	s := strconv.FormatInt(id, 10)
	return &s
}
