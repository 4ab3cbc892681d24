package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"maps"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/vethub/vethub/db"
)

const auditUsage = `usage: vethub audit verify|list [flags]

The audit log records every unmasked read of a person's PII and every
write: who (token), when, which person, which fields, the purpose given and
the request. PostgreSQL refuses to update, delete or truncate it. The log
is 16 independent hash chains (an entry about a person goes to chain
person id mod 16, a write batch to its department's), each numbered
1, 2, 3, … (seq) and each entry carrying a hash chained to the one before
in its chain; appends to different chains never wait for each other.

  verify  recompute every chain: exit 0 when intact, 1 when an entry was
          changed (its hash or the next entry's link fails) or removed (a
          gap in its chain's seqs), naming the chain and seq
  list    [--person ID] [--actor NAME] [--from T] [--to T] [--after ID] [--first N]
          print entries in id order (the order they were appended), one a line

Entries removed from a chain's end cannot be told from a shorter chain:
keep the last seq of each chain verify prints somewhere else and compare
them next time.

Environment: DATABASE_URL (overridden by --database-url).
Run "vethub audit SUBCOMMAND -h" for its flags.
`

func runAudit(ctx context.Context, args []string) error {
	return runSubcommand(ctx, "audit", auditUsage, []subcommand{{"verify", runAuditVerify}, {"list", runAuditList}}, args)
}

// auditFlags is a audit subcommand's flag set with the database flag.
func auditFlags(name, usage string, c *config) *flag.FlagSet {
	return subcommandFlags("audit", name, usage, c)
}

const auditVerifyUsage = `usage: vethub audit verify [flags]

Reads the whole audit log chain by chain and recomputes each hash chain.
Prints "audit log intact: N entries; last seq per chain: chain C seq S, …"
and exits 0, or "audit log BROKEN: …" with the first failing entries and
missing ranges (e.g. "chain 3 seq 17") and exits 1.

Environment: DATABASE_URL (overridden by --database-url).

Flags:
`

// errAuditBroken is verify's failure; the details are on stdout.
var errAuditBroken = errors.New("audit log failed verification")

func runAuditVerify(ctx context.Context, args []string) error {
	var c config
	fs := auditFlags("verify", auditVerifyUsage, &c)
	if err := c.parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("audit verify takes no arguments, got %q", fs.Arg(0))
	}
	return withStore(ctx, c, func(store *db.Store) error {
		return auditVerify(ctx, store, os.Stdout)
	})
}

// auditVerify verifies the log and reports on w; a broken log is
// errAuditBroken.
func auditVerify(ctx context.Context, store *db.Store, w io.Writer) error {
	r, err := store.AuditVerify(ctx)
	if err != nil {
		return err
	}
	if r.OK() {
		fmt.Fprintf(w, "audit log intact: %s\n", auditTotals(r))
		return nil
	}
	fmt.Fprintf(w, "audit log BROKEN: %s", auditTotals(r))
	if n := len(r.Broken); n > 0 {
		fmt.Fprintf(w, "; %d %s the hash check (%s)", n, plural(n, "entry fails", "entries fail"),
			firstFew(r.Broken, func(p db.AuditPos) string { return auditPlace(p.Chain, p.Seq, p.Seq) }))
	}
	if n := len(r.Gaps); n > 0 {
		fmt.Fprintf(w, "; %d %s (missing %s)", n, plural(n, "gap", "gaps"),
			firstFew(r.Gaps, func(g db.AuditGap) string { return auditPlace(g.Chain, g.From, g.To) }))
	}
	fmt.Fprintln(w)
	return errAuditBroken
}

// auditTotals is "N entries" and every chain's last seq, for the operator
// to keep.
func auditTotals(r db.AuditReport) string {
	s := fmt.Sprintf("%d %s", r.Rows, plural(int(r.Rows), "entry", "entries"))
	if len(r.LastSeq) == 0 {
		return s
	}
	var heads []string
	for _, c := range slices.Sorted(maps.Keys(r.LastSeq)) {
		heads = append(heads, auditPlace(c, r.LastSeq[c], r.LastSeq[c]))
	}
	return s + "; last seq per chain: " + strings.Join(heads, ", ")
}

// auditPlace is "chain C seq S", or "chain C seq F-T" for a range.
func auditPlace(chain int, from, to int64) string {
	if from == to {
		return fmt.Sprintf("chain %d seq %d", chain, from)
	}
	return fmt.Sprintf("chain %d seq %d-%d", chain, from, to)
}

// firstFew joins the first ten items, saying how many more there are.
func firstFew[T any](items []T, format func(T) string) string {
	const few = 10
	var parts []string
	for _, it := range items[:min(len(items), few)] {
		parts = append(parts, format(it))
	}
	if len(items) > few {
		parts = append(parts, fmt.Sprintf("… and %d more", len(items)-few))
	}
	return strings.Join(parts, ", ")
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

const auditListUsage = `usage: vethub audit list [--person ID] [--actor NAME] [--from T] [--to T] [--after ID] [--first N]

Prints audit entries in id order (the order they were appended), one a
line: id, chain/seq, time (UTC), action, actor (role, token id), then
person, department, fields, purpose, request and detail where set. When a
page is full, stderr says how to get the next.

Environment: DATABASE_URL (overridden by --database-url).

Flags:
`

func runAuditList(ctx context.Context, args []string) error {
	var c config
	fs := auditFlags("list", auditListUsage, &c)
	var f db.AuditFilter
	var from, to string
	fs.Int64Var(&f.PersonID, "person", 0, "only entries about this person `id`")
	fs.StringVar(&f.Actor, "actor", "", "only entries by this actor (token `name`, or system)")
	fs.StringVar(&from, "from", "", "only entries at or after this `time` (2006-01-02 or RFC 3339)")
	fs.StringVar(&to, "to", "", "only entries before this `time` (2006-01-02 or RFC 3339)")
	fs.Int64Var(&f.After, "after", 0, "only entries after this `id` (to page on)")
	fs.IntVar(&f.First, "first", 50, "at most `n` entries (up to 500)")
	if err := c.parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("audit list takes no arguments, got %q", fs.Arg(0))
	}
	var err error
	if f.From, err = parseWhen("--from", from); err != nil {
		return err
	}
	if f.To, err = parseWhen("--to", to); err != nil {
		return err
	}
	if f.First < 1 || f.First > 500 {
		return usagef("--first %d: want 1 to 500", f.First)
	}
	return withStore(ctx, c, func(store *db.Store) error {
		rows, err := store.AuditList(ctx, f)
		if err != nil {
			return err
		}
		printAudit(os.Stdout, rows)
		if len(rows) == f.First {
			fmt.Fprintf(os.Stderr, "more may follow: add --after %d\n", rows[len(rows)-1].ID)
		}
		return nil
	})
}

// parseWhen reads a date (midnight UTC) or an RFC 3339 time; "" is no limit.
func parseWhen(flagName, s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	for _, layout := range []string{time.DateOnly, time.RFC3339Nano} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, usagef("%s %q: want a date such as 2006-01-02 or an RFC 3339 time", flagName, s)
}

// printAudit writes one line per row; free text is quoted so a line is
// always one entry.
func printAudit(w io.Writer, rows []db.AuditRow) {
	for _, r := range rows {
		line := []string{strconv.FormatInt(r.ID, 10), fmt.Sprintf("%d/%d", r.Chain, r.Seq),
			r.At.UTC().Format("2006-01-02T15:04:05.000000Z"),
			r.Action, fmt.Sprintf("%s (%s, token %d)", quoteIfNeeded(r.Actor), r.Role, r.ActorTokenID)}
		if r.PersonID != 0 {
			line = append(line, "person="+strconv.FormatInt(r.PersonID, 10))
		}
		for _, kv := range [][2]string{{"department", r.Department}, {"fields", strings.Join(r.Fields, ",")},
			{"purpose", r.Purpose}, {"request", r.RequestID}, {"detail", r.Detail}} {
			if kv[1] != "" {
				line = append(line, kv[0]+"="+quoteIfNeeded(kv[1]))
			}
		}
		fmt.Fprintln(w, strings.Join(line, " "))
	}
}

func quoteIfNeeded(s string) string {
	if s == "" || strings.ContainsFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || !unicode.IsPrint(r) || r == '"' || r == '='
	}) {
		return strconv.Quote(s)
	}
	return s
}
