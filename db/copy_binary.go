package db

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/vethub/vethub/feed"
)

// copyRows builds the data of a COPY … FROM STDIN (FORMAT binary) by hand.
// pgx's CopyFrom takes each value as an interface and looks up its encoder
// per value, and first asks the server for the column types; for the
// records of a bulk load that was a quarter of the importer's CPU. The
// columns written here have fixed types (see each method), so their wire
// form is simple: a length and the bytes, or -1 for NULL.
type copyRows struct{ buf []byte }

// copySignature opens binary COPY data: the signature, no flags, no header
// extension.
var copySignature = []byte("PGCOPY\n\xff\r\n\x00\x00\x00\x00\x00\x00\x00\x00\x00")

func newCopyRows(sizeHint int) *copyRows {
	c := &copyRows{buf: make([]byte, 0, sizeHint+len(copySignature)+2)}
	c.buf = append(c.buf, copySignature...)
	return c
}

// row starts a row of n columns.
func (c *copyRows) row(n int) { c.buf = binary.BigEndian.AppendUint16(c.buf, uint16(n)) }

func (c *copyRows) null() { c.buf = binary.BigEndian.AppendUint32(c.buf, 0xffffffff) }

// int8 writes a bigint.
func (c *copyRows) int8(v int64) {
	c.buf = binary.BigEndian.AppendUint32(c.buf, 8)
	c.buf = binary.BigEndian.AppendUint64(c.buf, uint64(v))
}

// int4 writes an integer.
func (c *copyRows) int4(v int32) {
	c.buf = binary.BigEndian.AppendUint32(c.buf, 4)
	c.buf = binary.BigEndian.AppendUint32(c.buf, uint32(v))
}

// textOID is the type OID of text, which a binary text[] names for its
// elements.
const textOID = 25

// textArray1 writes a text[] holding s alone: one dimension, no NULLs,
// text elements, one element from index 1.
func (c *copyRows) textArray1(s string) {
	c.buf = binary.BigEndian.AppendUint32(c.buf, uint32(24+len(s)))
	for _, v := range [...]uint32{1, 0, textOID, 1, 1} { // ndim, flags, element type, length, lower bound
		c.buf = binary.BigEndian.AppendUint32(c.buf, v)
	}
	c.text(s)
}

// text writes a text value; its binary form is the UTF-8 bytes.
func (c *copyRows) text(s string) {
	c.buf = binary.BigEndian.AppendUint32(c.buf, uint32(len(s)))
	c.buf = append(c.buf, s...)
}

// optText writes s, or NULL when s is empty (unknown).
func (c *copyRows) optText(s string) {
	if s == "" {
		c.null()
		return
	}
	c.text(s)
}

// bytes writes a bytea, or a json value: json's binary form is its text.
func (c *copyRows) bytes(b []byte) {
	c.buf = binary.BigEndian.AppendUint32(c.buf, uint32(len(b)))
	c.buf = append(c.buf, b...)
}

func (c *copyRows) bool(v bool) {
	c.buf = binary.BigEndian.AppendUint32(c.buf, 1)
	if v {
		c.buf = append(c.buf, 1)
	} else {
		c.buf = append(c.buf, 0)
	}
}

// pgEpoch is where PostgreSQL counts dates and timestamps from.
var pgEpoch = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// date writes d's calendar date as days since 2000-01-01 (as pgx does).
func (c *copyRows) date(d time.Time) {
	day := time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, time.UTC)
	c.buf = binary.BigEndian.AppendUint32(c.buf, 4)
	c.buf = binary.BigEndian.AppendUint32(c.buf, uint32(int32((day.Unix()-pgEpoch.Unix())/86400)))
}

// optDate writes d, or NULL when d is zero (unknown).
func (c *copyRows) optDate(d feed.Date) {
	if d.IsZero() {
		c.null()
		return
	}
	c.date(d.Time)
}

// timestamptz writes t as microseconds since 2000-01-01 UTC.
func (c *copyRows) timestamptz(t time.Time) {
	c.buf = binary.BigEndian.AppendUint32(c.buf, 8)
	c.buf = binary.BigEndian.AppendUint64(c.buf, uint64(t.Sub(pgEpoch).Microseconds()))
}

// copyBinary sends the rows to table's columns in tx.
func copyBinary(ctx context.Context, tx pgx.Tx, table string, columns []string, c *copyRows) error {
	c.buf = binary.BigEndian.AppendUint16(c.buf, 0xffff) // end of data
	sql := "COPY " + pgx.Identifier{table}.Sanitize() + " (" + quoteColumns(columns) + ") FROM STDIN (FORMAT binary)"
	if _, err := tx.Conn().PgConn().CopyFrom(ctx, bytes.NewReader(c.buf), sql); err != nil {
		return fmt.Errorf("copy %s: %w", table, err)
	}
	return nil
}

func quoteColumns(columns []string) string {
	q := make([]string, len(columns))
	for i, col := range columns {
		q[i] = pgx.Identifier{col}.Sanitize()
	}
	return strings.Join(q, ", ")
}
