package db

import (
	"bytes"
	"context"
	"fmt"
)

// AuditPos is an entry's place: its chain and its seq in the chain.
type AuditPos struct {
	Chain int
	Seq   int64
}

// AuditGap is a range of seqs missing from a chain, From to To inclusive.
type AuditGap struct {
	Chain    int
	From, To int64
}

// AuditReport is what AuditVerify found.
type AuditReport struct {
	Rows   int64
	Broken []AuditPos // entries whose hash does not match their content or the entry before in their chain
	Gaps   []AuditGap
	// LastSeq is each chain's last seq, for the chains that have entries:
	// kept elsewhere, it shows entries later removed from a chain's end.
	LastSeq map[int]int64
}

// OK reports whether the log is intact: no broken entry and no gap.
func (r AuditReport) OK() bool { return len(r.Broken) == 0 && len(r.Gaps) == 0 }

// AuditVerify streams the whole log in chain and seq order and recomputes
// each chain from its genesis. A changed row fails its own hash; a row
// whose hash was recomputed to match breaks the next row's link; a deleted
// row leaves a gap; a row moved to another chain fails its hash, which
// covers the chain. Rows removed from a chain's end, or a chain rewritten
// from some row on, can only be caught against last seqs and hashes kept
// elsewhere.
func (s *Store) AuditVerify(ctx context.Context) (AuditReport, error) {
	rows, err := s.Pool.Query(ctx, `SELECT `+auditColumns+` FROM audit_log ORDER BY chain, seq`)
	if err != nil {
		return AuditReport{}, fmt.Errorf("audit verify: %w", err)
	}
	defer rows.Close()
	c := auditChecker{report: AuditReport{LastSeq: map[int]int64{}}}
	var row AuditRow
	var prev []byte
	for rows.Next() {
		if err := scanAuditRow(rows, &row, &prev); err != nil {
			return c.report, fmt.Errorf("audit verify: row after chain %d seq %d: %w", c.chain, c.seq, err)
		}
		c.add(&row, prev)
	}
	if err := rows.Err(); err != nil {
		return c.report, fmt.Errorf("audit verify: %w", err)
	}
	return c.report, nil
}

// auditChecker checks rows one by one in chain and seq order.
type auditChecker struct {
	report AuditReport
	chain  int    // the chain being checked
	seq    int64  // its last seq so far
	last   []byte // the hash of the row at seq
}

func (c *auditChecker) add(row *AuditRow, prev []byte) {
	r := &c.report
	if r.Rows == 0 || row.Chain != c.chain {
		c.chain, c.seq, c.last = row.Chain, 0, append(c.last[:0], auditGenesis...)
	}
	r.Rows++
	next := c.seq + 1
	if row.Seq > next {
		r.Gaps = append(r.Gaps, AuditGap{row.Chain, next, row.Seq - 1})
	}
	// Across a gap the missing row's hash is unknown, so only the row's
	// own hash can be checked.
	linked := row.Seq != next || bytes.Equal(prev, c.last)
	if !linked || !bytes.Equal(row.Hash, auditHash(prev, row.Chain, row.Seq, row.At, &row.AuditEntry)) {
		r.Broken = append(r.Broken, AuditPos{row.Chain, row.Seq})
	}
	c.seq, c.last = row.Seq, append(c.last[:0], row.Hash...)
	r.LastSeq[row.Chain] = row.Seq
}
