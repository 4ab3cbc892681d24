package db

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/vethub/vethub/auth"
)

// Token is one API token as stored, without its secret (only a hash of it
// is kept). Department is empty except for integrators.
type Token struct {
	ID         int64      `db:"id"`
	Name       string     `db:"name"`
	Role       auth.Role  `db:"role"`
	Department string     `db:"department"`
	Regions    []string   `db:"regions"`
	CreatedAt  time.Time  `db:"created_at"`
	ExpiresAt  *time.Time `db:"expires_at"`
	RevokedAt  *time.Time `db:"revoked_at"`
	LastUsedAt *time.Time `db:"last_used_at"`
}

// TokenNew is what TokenCreate stores. SecretHash is auth.HashSecret of a
// token from auth.NewSecret; ExpiresAt nil means the token never expires.
type TokenNew struct {
	Name       string
	Role       auth.Role
	Department string
	Regions    []string
	SecretHash []byte
	ExpiresAt  *time.Time
}

// Principal is who a request made with t acts as.
func (t Token) Principal() auth.Principal {
	return auth.Principal{TokenID: t.ID, Name: t.Name, Role: t.Role, Department: t.Department, Regions: t.Regions}
}

// Usable reports why t cannot authenticate a request at now (revoked or
// expired), or nil when it can.
func (t Token) Usable(now time.Time) error {
	if t.RevokedAt != nil {
		return fmt.Errorf("token %d was revoked", t.ID)
	}
	if t.ExpiresAt != nil && !now.Before(*t.ExpiresAt) {
		return fmt.Errorf("token %d expired", t.ID)
	}
	return nil
}

const tokenColumns = `id, name, role, COALESCE(department, '') AS department, regions,
	created_at, expires_at, revoked_at, last_used_at`

// TokenCreate stores a new token after checking its grant with
// auth.CheckGrant. It fails with ErrConflict if the hash is already stored.
func (s *Store) TokenCreate(ctx context.Context, n TokenNew) (Token, error) {
	if err := auth.CheckGrant(n.Role, n.Department, n.Regions); err != nil {
		return Token{}, fmt.Errorf("token create: %w", err)
	}
	if len(n.SecretHash) == 0 {
		return Token{}, fmt.Errorf("token create: empty secret hash")
	}
	regions := n.Regions
	if regions == nil {
		regions = []string{}
	}
	rows, _ := s.Pool.Query(ctx, `INSERT INTO api_tokens (name, secret_hash, role, department, regions, expires_at)
		VALUES ($1, $2, $3, NULLIF($4, ''), $5, $6)
		RETURNING `+tokenColumns,
		n.Name, n.SecretHash, n.Role, n.Department, regions, n.ExpiresAt)
	t, err := pgx.CollectExactlyOneRow(rows, pgx.RowToStructByName[Token])
	if err != nil {
		return Token{}, fmt.Errorf("token create: %w", translate(err))
	}
	return t, nil
}

// TokenByHash returns the token whose secret hashes to hash, or ErrNotFound.
// Revoked and expired tokens are returned too; check Token.Usable.
func (s *Store) TokenByHash(ctx context.Context, hash []byte) (Token, error) {
	rows, _ := s.Pool.Query(ctx, `SELECT `+tokenColumns+` FROM api_tokens WHERE secret_hash = $1`, hash)
	t, err := pgx.CollectExactlyOneRow(rows, pgx.RowToStructByName[Token])
	if err != nil {
		return Token{}, fmt.Errorf("token by hash: %w", translate(err))
	}
	return t, nil
}

// TokenTouch records that token id was used now. It fails with ErrNotFound
// for an unknown id.
func (s *Store) TokenTouch(ctx context.Context, id int64) error {
	tag, err := s.Pool.Exec(ctx, `UPDATE api_tokens SET last_used_at = now() WHERE id = $1`, id)
	if err != nil {
		return fmt.Errorf("token touch %d: %w", id, translate(err))
	}
	if tag.RowsAffected() == 0 {
		return fmt.Errorf("token touch %d: %w", id, ErrNotFound)
	}
	return nil
}

// TokenList returns every token, revoked and expired ones included, by id.
func (s *Store) TokenList(ctx context.Context) ([]Token, error) {
	rows, _ := s.Pool.Query(ctx, `SELECT `+tokenColumns+` FROM api_tokens ORDER BY id`)
	ts, err := pgx.CollectRows(rows, pgx.RowToStructByName[Token])
	if err != nil {
		return nil, fmt.Errorf("token list: %w", translate(err))
	}
	return ts, nil
}

// TokenRevoke revokes token id from now on; revoking it again keeps the
// first revocation time. It fails with ErrNotFound for an unknown id.
func (s *Store) TokenRevoke(ctx context.Context, id int64) error {
	tag, err := s.Pool.Exec(ctx,
		`UPDATE api_tokens SET revoked_at = COALESCE(revoked_at, now()) WHERE id = $1`, id)
	if err != nil {
		return fmt.Errorf("token revoke %d: %w", id, translate(err))
	}
	if tag.RowsAffected() == 0 {
		return fmt.Errorf("token revoke %d: %w", id, ErrNotFound)
	}
	return nil
}
