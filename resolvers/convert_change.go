package resolvers

import (
	"github.com/vethub/vethub/db"
	"github.com/vethub/vethub/graph/model"
)

// changeConnection converts a page of the change feed. With no change the
// end cursor stays where the caller was, so it can keep polling from there.
func changeConnection(changes []db.Change, hasNext bool, after *string) *model.ChangeConnection {
	conn := &model.ChangeConnection{
		Edges:    make([]model.ChangeEdge, len(changes)),
		PageInfo: &model.PageInfo{HasNextPage: hasNext, EndCursor: after},
	}
	for i := range changes {
		cursor := changeCursorEncode(changes[i].Cursor())
		conn.Edges[i] = model.ChangeEdge{Cursor: cursor, Node: changeFromRow(&changes[i])}
		conn.PageInfo.EndCursor = &cursor
	}
	return conn
}

func changeFromRow(c *db.Change) *model.Change {
	return &model.Change{
		Kind:       model.ChangeKind(c.Kind),
		Op:         model.ChangeOp(c.Op),
		Department: model.Department(c.Department),
		SourceID:   c.SourceID,
		PersonID:   idPtr(c.PersonID),
		At:         c.At,
		RecordID:   c.RecordID,
	}
}
