package db

import (
	"context"

	"github.com/jackc/pgx/v5"
)

// CopyTextArray1Int4 copies rows (texts[i], ns[i]) into table's columns
// (t text[], n int) with textArray1 and int4, for a test of their wire form.
func CopyTextArray1Int4(ctx context.Context, tx pgx.Tx, table string, texts []string, ns []int32) error {
	c := newCopyRows(0)
	for i := range texts {
		c.row(2)
		c.textArray1(texts[i])
		c.int4(ns[i])
	}
	return copyBinary(ctx, tx, table, []string{"t", "n"}, c)
}
