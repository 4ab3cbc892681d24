package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/vethub/vethub/auth"
	"github.com/vethub/vethub/db"
)

const tokenUsage = `usage: vethub token create|list|revoke [flags]

Manages API tokens. Only a SHA-256 hash of a token is stored, so a token is
shown once, when created. A revoked token stops working within 30 seconds
on running servers (they cache lookups that long).

  create --role admin|integrator|analyst|dashboard [--department D] [--regions R,…]
         [--name TEXT] [--expires 720h|90d]
         prints "created ROLE token ID…: vh_…" (the token is the last word)
  list   every token without its secret
  revoke ID

Roles: admin (everything), integrator (writes one department's records:
--department veteran|civil|health|jobs), analyst (reads people in
--regions, region-code prefixes of 6, 9 or 12 digits), dashboard
(aggregates only).

Environment: DATABASE_URL (overridden by --database-url).
Run "vethub token SUBCOMMAND -h" for its flags.
`

func runToken(ctx context.Context, args []string) error {
	return runSubcommand(ctx, "token", tokenUsage, []subcommand{{"create", runTokenCreate}, {"list", runTokenList}, {"revoke", runTokenRevoke}}, args)
}

// tokenFlags is a token subcommand's flag set with the database flag.
func tokenFlags(name, usage string, c *config) *flag.FlagSet {
	return subcommandFlags("token", name, usage, c)
}

// withStore opens the database for one token subcommand.
func withStore(ctx context.Context, c config, fn func(*db.Store) error) error {
	store, err := db.Open(ctx, c.databaseURL, 2)
	if err != nil {
		return err
	}
	defer store.Close()
	return fn(store)
}

// tokenRequest is a parsed "token create".
type tokenRequest struct {
	new     db.TokenNew
	expires time.Duration
}

const tokenCreateUsage = `usage: vethub token create --role ROLE [--department D] [--regions R,…] [--name TEXT] [--expires DURATION]

Creates a token and prints it once, as the last word of the output.

Environment: DATABASE_URL (overridden by --database-url).

Flags:
`

func runTokenCreate(ctx context.Context, args []string) error {
	var c config
	fs := tokenFlags("create", tokenCreateUsage, &c)
	role := fs.String("role", "", "admin, integrator, analyst or dashboard (required)")
	dept := fs.String("department", "", "integrators only (required for them): veteran, civil, health or jobs")
	regions := fs.String("regions", "", "analysts only (required for them): comma-separated region-code prefixes of 6, 9 or 12 digits")
	name := fs.String("name", "", "a label shown by token list, e.g. who holds it")
	expires := fs.String("expires", "", `lifetime, e.g. 720h or 90d; empty never expires`)
	if err := c.parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("unexpected argument %q", fs.Arg(0))
	}
	req, err := parseTokenRequest(*role, *dept, *regions, *name, *expires)
	if err != nil {
		return usagef("%v", err)
	}
	return withStore(ctx, c, func(store *db.Store) error {
		return tokenCreate(ctx, store, req, os.Stdout)
	})
}

// parseTokenRequest validates the create flags, with messages that say
// what to pass.
func parseTokenRequest(role, dept, regions, name, expires string) (tokenRequest, error) {
	if role == "" {
		return tokenRequest{}, errors.New("--role is required: admin, integrator, analyst or dashboard")
	}
	r, err := auth.ParseRole(role)
	if err != nil {
		return tokenRequest{}, err
	}
	req := tokenRequest{new: db.TokenNew{Name: strings.TrimSpace(name), Role: r}}
	if dept != "" {
		if req.new.Department, err = auth.ParseDepartment(dept); err != nil {
			return tokenRequest{}, err
		}
	}
	req.new.Regions = splitList(regions)
	if err := auth.CheckGrant(r, req.new.Department, req.new.Regions); err != nil {
		return tokenRequest{}, fmt.Errorf("%w (see vethub token create -h)", err)
	}
	if req.expires, err = parseLifetime(expires); err != nil {
		return tokenRequest{}, err
	}
	return req, nil
}

// parseLifetime reads a Go duration or a whole number of days ("90d").
func parseLifetime(s string) (time.Duration, error) {
	if s == "" {
		return 0, nil
	}
	var d time.Duration
	var err error
	if days, ok := strings.CutSuffix(s, "d"); ok {
		var n int
		n, err = strconv.Atoi(days)
		d = time.Duration(n) * 24 * time.Hour
	} else {
		d, err = time.ParseDuration(s)
	}
	if err != nil || d <= 0 {
		return 0, fmt.Errorf("--expires %q: want a positive duration such as 720h or 90d", s)
	}
	return d, nil
}

// tokenCreate stores a new token and prints it as the last word on w.
func tokenCreate(ctx context.Context, store *db.Store, req tokenRequest, w io.Writer) error {
	secret, hash := auth.NewSecret()
	n := req.new
	n.SecretHash = hash
	if req.expires > 0 {
		at := time.Now().Add(req.expires)
		n.ExpiresAt = &at
	}
	tok, err := store.TokenCreate(ctx, n)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "created %s token %d%s: %s\n", strings.ToLower(string(tok.Role)), tok.ID, grantNote(tok), secret)
	return nil
}

// grantNote describes a token's scope and expiry for the create line.
func grantNote(t db.Token) string {
	var parts []string
	if t.Department != "" {
		parts = append(parts, "department "+t.Department)
	}
	if len(t.Regions) > 0 {
		parts = append(parts, "regions "+strings.Join(t.Regions, ","))
	}
	if t.ExpiresAt != nil {
		parts = append(parts, "expires "+t.ExpiresAt.Local().Format("2006-01-02 15:04"))
	}
	if len(parts) == 0 {
		return ""
	}
	return " (" + strings.Join(parts, ", ") + ")"
}

const tokenListUsage = `usage: vethub token list [flags]

Lists every token (revoked and expired ones too) without secrets.

Environment: DATABASE_URL (overridden by --database-url).

Flags:
`

func runTokenList(ctx context.Context, args []string) error {
	var c config
	fs := tokenFlags("list", tokenListUsage, &c)
	if err := c.parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("unexpected argument %q", fs.Arg(0))
	}
	return withStore(ctx, c, func(store *db.Store) error {
		tokens, err := store.TokenList(ctx)
		if err != nil {
			return err
		}
		return printTokens(os.Stdout, tokens)
	})
}

// printTokens writes an aligned table of tokens. NAME comes last because
// tabwriter counts a Chinese character as one column, not two.
func printTokens(w io.Writer, tokens []db.Token) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tROLE\tDEPARTMENT\tREGIONS\tCREATED\tEXPIRES\tREVOKED\tLAST USED\tNAME")
	for _, t := range tokens {
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", t.ID, t.Role,
			orDash(t.Department), orDash(strings.Join(t.Regions, ",")), stamp(&t.CreatedAt),
			stamp(t.ExpiresAt), stamp(t.RevokedAt), stamp(t.LastUsedAt), orDash(t.Name))
	}
	return tw.Flush()
}

func stamp(t *time.Time) string {
	if t == nil {
		return "-"
	}
	return t.Local().Format("2006-01-02 15:04")
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

const tokenRevokeUsage = `usage: vethub token revoke [flags] ID

Revokes the token with this id (see vethub token list). Running servers
stop accepting it within 30 seconds. Revoking twice is harmless.

Environment: DATABASE_URL (overridden by --database-url).

Flags:
`

func runTokenRevoke(ctx context.Context, args []string) error {
	var c config
	fs := tokenFlags("revoke", tokenRevokeUsage, &c)
	if err := c.parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usagef("token revoke takes one token id")
	}
	id, err := strconv.ParseInt(fs.Arg(0), 10, 64)
	if err != nil || id <= 0 {
		return usagef("token id %q is not a number (see vethub token list)", fs.Arg(0))
	}
	return withStore(ctx, c, func(store *db.Store) error {
		if err := store.TokenRevoke(ctx, id); err != nil {
			if errors.Is(err, db.ErrNotFound) {
				return fmt.Errorf("no token %d", id)
			}
			return err
		}
		fmt.Printf("revoked token %d\n", id)
		return nil
	})
}

// splitList reads "a, b,,c" as [a b c].
func splitList(s string) []string {
	var out []string
	for part := range strings.SplitSeq(s, ",") {
		if p := strings.TrimSpace(part); p != "" {
			out = append(out, p)
		}
	}
	return out
}
