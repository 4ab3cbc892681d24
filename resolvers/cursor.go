package resolvers

import (
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"

	"github.com/vethub/vethub/db"
)

// Cursors are opaque to clients: base64 of a kind prefix and the position,
// so a cursor of one list is refused by another.

// pageSize checks a first argument against 1..max; nil takes def.
func pageSize(arg string, first *int, def, max int) (int, error) {
	if first == nil {
		return def, nil
	}
	if *first < 1 || *first > max {
		return 0, badInput(arg, "must be between 1 and %d, got %d", max, *first)
	}
	return *first, nil
}

func cursorEncode(kind, pos string) string {
	return base64.RawURLEncoding.EncodeToString([]byte(kind + ":" + pos))
}

// cursorDecode returns the position of a cursor of kind; ok is false for
// anything cursorEncode did not make.
func cursorDecode(kind, cursor string) (string, bool) {
	b, err := base64.RawURLEncoding.DecodeString(cursor)
	if err != nil {
		return "", false
	}
	return strings.CutPrefix(string(b), kind+":")
}

func personCursorEncode(id int64) string { return cursorEncode("person", idString(id)) }

// personCursorDecode returns the person id after which a page starts; nil
// means from the start.
func personCursorDecode(after *string) (int64, error) {
	if after == nil {
		return 0, nil
	}
	pos, ok := cursorDecode("person", *after)
	id, valid := idParse(pos)
	if !ok || !valid {
		return 0, badInput("after", "not a cursor of persons: %q", *after)
	}
	return id, nil
}

// changeCursorEncode writes a feed position as "txid.id", or "txid.id.R"
// between the RECORD and LINK changes of one with-link row.
func changeCursorEncode(c db.ChangeCursor) string {
	pos := fmt.Sprintf("%d.%d", c.TxID, c.ID)
	if c.InRow {
		pos += ".R"
	}
	return cursorEncode("change", pos)
}

// changeCursorDecode returns the feed position to resume after; nil means
// from the start of the feed.
func changeCursorDecode(after *string) (db.ChangeCursor, error) {
	if after == nil {
		return db.ChangeCursor{}, nil
	}
	pos, ok := cursorDecode("change", *after)
	pos, inRow := strings.CutSuffix(pos, ".R")
	txid, id, _ := strings.Cut(pos, ".")
	tx, errTx := strconv.ParseUint(txid, 10, 64)
	n, idOK := idParse(id)
	if !ok || errTx != nil || !idOK {
		return db.ChangeCursor{}, badInput("after", "not a cursor of the change feed: %q", *after)
	}
	return db.ChangeCursor{TxID: tx, ID: n, InRow: inRow}, nil
}

// reviewCursorDecode returns the review id after which a page starts; nil
// means from the start.
func reviewCursorDecode(after *string) (int64, error) {
	if after == nil {
		return 0, nil
	}
	pos, ok := cursorDecode("review", *after)
	id, valid := idParse(pos)
	if !ok || !valid {
		return 0, badInput("after", "not a cursor of link reviews: %q", *after)
	}
	return id, nil
}
