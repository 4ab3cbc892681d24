package db

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
)

// Audit actions.
const (
	AuditReadPII = "READ_PII" // an unmasked read of a person's PII
	AuditWrite   = "WRITE"    // a write of records
)

// AuditEntry is one audited event as the caller describes it.
type AuditEntry struct {
	ActorTokenID int64    // token id of the caller (0 for the CLI/system)
	Actor        string   // token name or "system"
	Role         string   // ADMIN, INTEGRATOR, ANALYST, DASHBOARD, SYSTEM
	Action       string   // AuditReadPII or AuditWrite
	PersonID     int64    // 0 when the entry is not about one person (e.g. a write batch)
	Department   string   // optional
	Fields       []string // e.g. ["Person.idNumber","HealthRecord.diagnoses"], or for writes ["upsertVeteranRecords"]
	Purpose      string   // the reason the caller gave; "" when none
	RequestID    string   // the HTTP request id
	Detail       string   // optional free text, e.g. "85 records written"
}

// AuditRow is an entry as stored: its place in the log, the time of the
// transaction that appended it, and its chain hash.
type AuditRow struct {
	Seq int64
	At  time.Time
	AuditEntry
	Hash []byte
}

// auditLockKey is the transaction advisory lock appends serialise on:
// "auditlog" in ASCII.
const auditLockKey int64 = 0x61756469746c6f67

// auditGenesis is the prev_hash of seq 1.
var auditGenesis = make([]byte, sha256.Size)

// AuditAppend appends entries inside the caller's transaction, so a write
// and its audit commit together. Call it last before commit: from here
// until the transaction ends every other append waits. tx must be READ
// COMMITTED (the default), so the log's head is read after the lock is
// taken rather than from an older snapshot.
func AuditAppend(ctx context.Context, tx pgx.Tx, entries []AuditEntry) error {
	if len(entries) == 0 {
		return nil
	}
	b, err := newAuditBatch(entries)
	if err != nil {
		return fmt.Errorf("audit append: %w", err)
	}
	seq, prev, at, err := auditHead(ctx, tx)
	if err != nil {
		return fmt.Errorf("audit append: %w", err)
	}
	b.chain(seq, prev, at)
	if _, err := tx.Exec(ctx, auditInsert, b.args(at)...); err != nil {
		return fmt.Errorf("audit append of %d entries: %w", len(entries), err)
	}
	return nil
}

// AuditRecord appends entries in a transaction of its own.
func (s *Store) AuditRecord(ctx context.Context, entries []AuditEntry) error {
	if len(entries) == 0 {
		return nil
	}
	return s.InTx(ctx, func(tx pgx.Tx) error { return AuditAppend(ctx, tx, entries) })
}

// auditHead takes the append lock and returns the last seq and hash (0 and
// the genesis hash for an empty log) and the transaction's time. One round
// trip: the batch's second statement runs, with a fresh snapshot, only once
// the first holds the lock.
func auditHead(ctx context.Context, tx pgx.Tx) (int64, []byte, time.Time, error) {
	batch := &pgx.Batch{}
	batch.Queue(`SELECT pg_advisory_xact_lock($1)`, auditLockKey)
	batch.Queue(`SELECT now(), current_setting('transaction_isolation'), h.seq, h.hash
		FROM (SELECT 1) AS one LEFT JOIN (SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1) AS h ON true`)
	br := tx.SendBatch(ctx, batch)
	defer br.Close()
	var (
		at        time.Time
		isolation string
		seq       *int64
		hash      []byte
	)
	if _, err := br.Exec(); err != nil {
		return 0, nil, at, fmt.Errorf("lock: %w", err)
	}
	if err := br.QueryRow().Scan(&at, &isolation, &seq, &hash); err != nil {
		return 0, nil, at, fmt.Errorf("read head: %w", err)
	}
	if isolation != "read committed" {
		return 0, nil, at, fmt.Errorf("needs a read committed transaction, not %s", isolation)
	}
	// PostgreSQL keeps microseconds; the hash must cover what it stores.
	at = at.UTC().Truncate(time.Microsecond)
	if seq == nil {
		return 0, auditGenesis, at, br.Close()
	}
	return *seq, hash, at, br.Close()
}

const auditInsert = `INSERT INTO audit_log (seq, at, actor_token_id, actor, role, action, person_id,
		department, fields, purpose, request_id, detail, prev_hash, hash)
	SELECT u.seq, $1, NULLIF(u.token, 0), u.actor, u.role, u.action, NULLIF(u.person, 0),
		NULLIF(u.dept, ''), ($2::text[])[u.f_from:u.f_to], u.purpose, u.request, u.detail, u.prev, u.hash
	FROM unnest($3::bigint[], $4::bigint[], $5::text[], $6::text[], $7::text[], $8::bigint[],
		$9::text[], $10::int[], $11::int[], $12::text[], $13::text[], $14::text[], $15::bytea[], $16::bytea[])
		AS u(seq, token, actor, role, action, person, dept, f_from, f_to, purpose, request, detail, prev, hash)`

// auditBatch is one append's entries as insert columns. All but seq and
// the hashes are built before the lock is taken. Fields are flattened into
// one array that each row slices (f_from:f_to, 1-based, inclusive), as
// unnest cannot take an array of arrays of different lengths.
type auditBatch struct {
	tails              [][]byte // each entry's encoding after seq and at
	tokens, persons    []int64
	actors, roles      []string
	actions, depts     []string
	fields             []string
	fFrom, fTo         []int32
	purposes, requests []string
	details            []string
	seqs               []int64
	prevs, hashes      [][]byte
}

func newAuditBatch(entries []AuditEntry) (*auditBatch, error) {
	n := len(entries)
	b := &auditBatch{tails: make([][]byte, n), seqs: make([]int64, n),
		prevs: make([][]byte, n), hashes: make([][]byte, n), fields: []string{}}
	for i, e := range entries {
		if e.Action != AuditReadPII && e.Action != AuditWrite {
			return nil, fmt.Errorf("action %q: want %s or %s", e.Action, AuditReadPII, AuditWrite)
		}
		e = e.clean()
		b.tails[i] = e.encode(nil)
		b.tokens, b.persons = append(b.tokens, e.ActorTokenID), append(b.persons, e.PersonID)
		b.actors, b.roles = append(b.actors, e.Actor), append(b.roles, e.Role)
		b.actions, b.depts = append(b.actions, e.Action), append(b.depts, e.Department)
		b.fFrom = append(b.fFrom, int32(len(b.fields)+1))
		b.fields = append(b.fields, e.Fields...)
		b.fTo = append(b.fTo, int32(len(b.fields)))
		b.purposes, b.requests = append(b.purposes, e.Purpose), append(b.requests, e.RequestID)
		b.details = append(b.details, e.Detail)
	}
	return b, nil
}

// chain numbers the entries after seq and links their hashes from prev.
func (b *auditBatch) chain(seq int64, prev []byte, at time.Time) {
	for i := range b.tails {
		seq++
		b.seqs[i], b.prevs[i] = seq, prev
		b.hashes[i] = auditHashTail(prev, seq, at, b.tails[i])
		prev = b.hashes[i]
	}
}

func (b *auditBatch) args(at time.Time) []any {
	return []any{at, b.fields, b.seqs, b.tokens, b.actors, b.roles, b.actions, b.persons,
		b.depts, b.fFrom, b.fTo, b.purposes, b.requests, b.details, b.prevs, b.hashes}
}

// auditHash is a row's chain hash: SHA-256 of the previous row's hash and
// the row's canonical encoding (see encode), which begins with seq and at
// (Unix microseconds, UTC).
func auditHash(prev []byte, seq int64, at time.Time, e *AuditEntry) []byte {
	return auditHashTail(prev, seq, at, e.encode(nil))
}

func auditHashTail(prev []byte, seq int64, at time.Time, tail []byte) []byte {
	h := sha256.New()
	h.Write(prev)
	var head [16]byte
	binary.BigEndian.PutUint64(head[:8], uint64(seq))
	binary.BigEndian.PutUint64(head[8:], uint64(at.UnixMicro()))
	h.Write(head[:])
	h.Write(tail)
	return h.Sum(nil)
}

// encode appends e's canonical encoding to buf: integers as 8 big-endian
// bytes, strings as a 4-byte big-endian length and their bytes, Fields as
// a 4-byte count and each string, in the table's column order. Every value
// is length-prefixed, so no two different entries encode alike. A zero id
// and an empty department stand for NULL in the table, so they encode the
// same.
func (e *AuditEntry) encode(buf []byte) []byte {
	buf = binary.BigEndian.AppendUint64(buf, uint64(e.ActorTokenID))
	buf = appendString(buf, e.Actor)
	buf = appendString(buf, e.Role)
	buf = appendString(buf, e.Action)
	buf = binary.BigEndian.AppendUint64(buf, uint64(e.PersonID))
	buf = appendString(buf, e.Department)
	buf = binary.BigEndian.AppendUint32(buf, uint32(len(e.Fields)))
	for _, f := range e.Fields {
		buf = appendString(buf, f)
	}
	buf = appendString(buf, e.Purpose)
	buf = appendString(buf, e.RequestID)
	return appendString(buf, e.Detail)
}

func appendString(buf []byte, s string) []byte {
	buf = binary.BigEndian.AppendUint32(buf, uint32(len(s)))
	return append(buf, s...)
}

// clean makes every string storable as PostgreSQL text (valid UTF-8, no
// NUL), so what is hashed is what is stored and a stray byte in, say, a
// request id cannot fail the write being audited.
func (e AuditEntry) clean() AuditEntry {
	for _, p := range []*string{&e.Actor, &e.Role, &e.Action, &e.Department, &e.Purpose, &e.RequestID, &e.Detail} {
		*p = cleanText(*p)
	}
	fields := make([]string, len(e.Fields))
	for i, f := range e.Fields {
		fields[i] = cleanText(f)
	}
	e.Fields = fields
	return e
}

func cleanText(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	return strings.ReplaceAll(s, "\x00", "\uFFFD")
}

// AuditFilter selects log rows; zero fields set no condition.
type AuditFilter struct {
	PersonID int64
	Actor    string
	From, To time.Time // at ≥ From and at < To
	First    int       // page size: 50 when 0, at most 500
	After    int64     // seq cursor, exclusive
}

// AuditList returns the rows matching f in seq order.
func (s *Store) AuditList(ctx context.Context, f AuditFilter) ([]AuditRow, error) {
	var w where
	if f.PersonID != 0 {
		w.add("person_id = " + w.arg(f.PersonID))
	}
	if f.Actor != "" {
		w.add("actor = " + w.arg(f.Actor))
	}
	if !f.From.IsZero() {
		w.add("at >= " + w.arg(f.From))
	}
	if !f.To.IsZero() {
		w.add("at < " + w.arg(f.To))
	}
	if f.After > 0 {
		w.add("seq > " + w.arg(f.After))
	}
	first := min(f.First, 500)
	if first <= 0 {
		first = 50
	}
	rows, _ := s.Pool.Query(ctx, `SELECT `+auditColumns+` FROM audit_log `+w.sql()+
		` ORDER BY seq LIMIT `+w.arg(first), w.args...)
	list, err := collectInPlace(rows, func(r pgx.CollectableRow, row *AuditRow) error {
		var prev []byte
		return scanAuditRow(r, row, &prev)
	})
	if err != nil {
		return nil, fmt.Errorf("audit list: %w", err)
	}
	return list, nil
}

// auditColumns reads NULL ids and department back as the zero values they
// were written from.
const auditColumns = `seq, at, COALESCE(actor_token_id, 0), actor, role, action, COALESCE(person_id, 0),
	COALESCE(department, ''), fields, purpose, request_id, detail, hash, prev_hash`

func scanAuditRow(r pgx.Row, row *AuditRow, prev *[]byte) error {
	e := &row.AuditEntry
	return r.Scan(&row.Seq, &row.At, &e.ActorTokenID, &e.Actor, &e.Role, &e.Action, &e.PersonID,
		&e.Department, &e.Fields, &e.Purpose, &e.RequestID, &e.Detail, &row.Hash, prev)
}
