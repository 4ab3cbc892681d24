package db

import (
	"bytes"
	"context"
	"crypto/sha256"
	"fmt"
	"hash/fnv"
	"slices"
	"time"

	"github.com/jackc/pgx/v5"
)

// Audit actions.
const (
	AuditReadPII = "READ_PII" // an unmasked read of a person's PII
	AuditWrite   = "WRITE"    // a write of records
)

// AuditChains is the number of independent hash chains the log is made
// of. Each has its own lock, contiguous seq and hash chain, so appends to
// different chains never wait for each other and no append takes a global
// lock (the hub must run distributed). The schema allows chains 0 to 15.
const AuditChains = 16

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

// AuditRow is an entry as stored: its place in the listing order (ID) and
// in its chain (Chain, Seq), the time of the transaction that appended it,
// and its chain hash.
type AuditRow struct {
	ID    int64
	Chain int
	Seq   int64
	At    time.Time
	AuditEntry
	Hash []byte
}

// AuditChainOf is the chain e is appended to: PersonID mod AuditChains,
// or for an entry about no one (a write batch) an FNV-1a hash of its
// department mod AuditChains, so a person's entries stay in one chain.
func AuditChainOf(e *AuditEntry) int {
	if e.PersonID != 0 {
		return int(uint64(e.PersonID) % AuditChains)
	}
	h := fnv.New32a()
	h.Write([]byte(cleanText(e.Department)))
	return int(h.Sum32() % AuditChains)
}

// auditLockKey is the first key of the chains' transaction advisory locks
// (the chain is the second): "audi" in ASCII.
const auditLockKey int32 = 0x61756469

// auditGenesis is the prev_hash of each chain's seq 1.
var auditGenesis = make([]byte, sha256.Size)

// AuditAppend appends entries inside the caller's transaction, so a write
// and its audit commit together. Call it once, last before commit: from
// here until the transaction ends other appends to the same chains wait
// (a second call could deadlock with another transaction; InTx retries).
// tx must be READ COMMITTED (the default), so the chains' heads are read
// after their locks are taken rather than from an older snapshot.
func AuditAppend(ctx context.Context, tx pgx.Tx, entries []AuditEntry) error {
	if len(entries) == 0 {
		return nil
	}
	b, err := newAuditBatch(entries)
	if err != nil {
		return fmt.Errorf("audit append: %w", err)
	}
	heads, at, err := auditHeads(ctx, tx, b.chainSet())
	if err != nil {
		return fmt.Errorf("audit append: %w", err)
	}
	b.link(heads, at)
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

// auditLink is where a chain's next entry links on: the chain's last seq
// and hash (0 and the genesis hash for an empty chain).
type auditLink struct {
	seq  int64
	hash []byte
}

// auditHeads takes the locks of chains (distinct, ascending, so appends
// cannot deadlock on each other) and returns every chain's head, indexed
// by chain, and the transaction's time. One round trip: the batch's second
// statement runs, with a fresh snapshot, only once the first holds the
// locks, and reads each head with one probe of the (chain, seq) key.
func auditHeads(ctx context.Context, tx pgx.Tx, chains []int16) ([]auditLink, time.Time, error) {
	batch := &pgx.Batch{}
	batch.Queue(`SELECT pg_advisory_xact_lock($1, c) FROM unnest($2::int2[]) AS c`, auditLockKey, chains)
	batch.Queue(`SELECT now(), current_setting('transaction_isolation'), c.chain, h.seq, h.hash
		FROM unnest($1::int2[]) AS c(chain) LEFT JOIN LATERAL
			(SELECT seq, hash FROM audit_log WHERE chain = c.chain ORDER BY seq DESC LIMIT 1) AS h ON true`, chains)
	br := tx.SendBatch(ctx, batch)
	defer br.Close()
	var at time.Time
	if _, err := br.Exec(); err != nil {
		return nil, at, fmt.Errorf("lock chains: %w", err)
	}
	heads, at, err := scanAuditHeads(br)
	if err != nil {
		return nil, at, fmt.Errorf("read heads: %w", err)
	}
	// PostgreSQL keeps microseconds; the hash must cover what it stores.
	return heads, at.UTC().Truncate(time.Microsecond), br.Close()
}

func scanAuditHeads(br pgx.BatchResults) ([]auditLink, time.Time, error) {
	heads := make([]auditLink, AuditChains)
	var (
		at        time.Time
		isolation string
		chain     int16
		seq       *int64
		hash      []byte
	)
	rows, _ := br.Query()
	_, err := pgx.ForEachRow(rows, []any{&at, &isolation, &chain, &seq, &hash}, func() error {
		if seq == nil {
			heads[chain] = auditLink{0, auditGenesis}
		} else {
			heads[chain] = auditLink{*seq, bytes.Clone(hash)}
		}
		return nil
	})
	if err == nil && isolation != "read committed" {
		err = fmt.Errorf("needs a read committed transaction, not %s", isolation)
	}
	return heads, at, err
}

const auditInsert = `INSERT INTO audit_log (chain, seq, at, actor_token_id, actor, role, action, person_id,
		department, fields, purpose, request_id, detail, prev_hash, hash)
	SELECT u.chain, u.seq, $1, NULLIF(u.token, 0), u.actor, u.role, u.action, NULLIF(u.person, 0),
		NULLIF(u.dept, ''), ($2::text[])[u.f_from:u.f_to], u.purpose, u.request, u.detail, u.prev, u.hash
	FROM unnest($3::int2[], $4::bigint[], $5::bigint[], $6::text[], $7::text[], $8::text[], $9::bigint[],
		$10::text[], $11::int[], $12::int[], $13::text[], $14::text[], $15::text[], $16::bytea[], $17::bytea[])
		AS u(chain, seq, token, actor, role, action, person, dept, f_from, f_to, purpose, request, detail, prev, hash)`

// auditBatch is one append's entries as insert columns. All but seq and
// the hashes are built before the locks are taken. Fields are flattened
// into one array that each row slices (f_from:f_to, 1-based, inclusive),
// as unnest cannot take an array of arrays of different lengths.
type auditBatch struct {
	tails              [][]byte // each entry's encoding after the head (chain, seq, at)
	chains             []int16
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
		b.chains = append(b.chains, int16(AuditChainOf(&e)))
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

// chainSet returns the chains the batch appends to, each once, ascending:
// the order their locks are taken in.
func (b *auditBatch) chainSet() []int16 {
	set := slices.Clone(b.chains)
	slices.Sort(set)
	return slices.Compact(set)
}

// link numbers each entry after its chain's head and links its hash to the
// chain's previous entry; entries of one chain keep their order.
func (b *auditBatch) link(heads []auditLink, at time.Time) {
	for i, c := range b.chains {
		h := &heads[c]
		h.seq++
		b.seqs[i], b.prevs[i] = h.seq, h.hash
		b.hashes[i] = auditHashTail(h.hash, int(c), h.seq, at, b.tails[i])
		h.hash = b.hashes[i]
	}
}

func (b *auditBatch) args(at time.Time) []any {
	return []any{at, b.fields, b.chains, b.seqs, b.tokens, b.actors, b.roles, b.actions, b.persons,
		b.depts, b.fFrom, b.fTo, b.purposes, b.requests, b.details, b.prevs, b.hashes}
}
