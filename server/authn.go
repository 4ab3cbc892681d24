package server

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/99designs/gqlgen/graphql/handler/transport"

	"github.com/vethub/vethub/auth"
	"github.com/vethub/vethub/db"
)

const (
	touchEvery      = time.Minute // last_used_at granularity
	maxCachedTokens = 10_000      // bounds memory; the table is far smaller
)

// authenticator resolves bearer tokens to principals. Lookups are cached
// by hash for ttl so hot clients do not hit the database per request;
// unknown hashes are never cached (their key space is unbounded).
type authenticator struct {
	store *db.Store
	log   *slog.Logger
	ttl   time.Duration

	mu      sync.Mutex
	cache   map[string]cachedToken
	touched map[int64]time.Time
}

type cachedToken struct {
	token   db.Token
	fetched time.Time
}

func newAuthenticator(store *db.Store, log *slog.Logger, ttl time.Duration) *authenticator {
	return &authenticator{store: store, log: log, ttl: ttl,
		cache: map[string]cachedToken{}, touched: map[int64]time.Time{}}
}

// middleware requires a valid bearer token and puts its principal in the
// context. OPTIONS and websocket upgrades pass: the websocket
// authenticates in its connection_init payload (wsInit).
func (a *authenticator) middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodOptions || isUpgrade(r) {
			next.ServeHTTP(w, r)
			return
		}
		p, err := a.fromHeader(r.Context(), r.Header.Get("Authorization"))
		if err != nil {
			a.reject(w, r, err)
			return
		}
		next.ServeHTTP(w, r.WithContext(auth.WithPrincipal(r.Context(), p)))
	})
}

// reject answers 401 for a bad token, 503 when tokens cannot be checked.
func (a *authenticator) reject(w http.ResponseWriter, r *http.Request, err error) {
	if errors.Is(err, auth.ErrUnauthenticated) {
		challenge := `Bearer realm="vethub"`
		if r.Header.Get("Authorization") != "" {
			challenge += `, error="invalid_token"`
		}
		w.Header().Set("WWW-Authenticate", challenge)
		writeError(w, http.StatusUnauthorized, CodeUnauthenticated, err.Error())
		return
	}
	writeError(w, http.StatusServiceUnavailable, CodeInternal, a.logFailure(r.Context(), err).Error())
}

// wsInit authenticates a websocket from the Authorization key of its
// connection_init payload.
func (a *authenticator) wsInit(ctx context.Context, payload transport.InitPayload) (context.Context, *transport.InitPayload, error) {
	p, err := a.fromHeader(ctx, payload.Authorization())
	if err == nil {
		return auth.WithPrincipal(ctx, p), nil, nil
	}
	if !errors.Is(err, auth.ErrUnauthenticated) {
		err = a.logFailure(ctx, err)
	}
	return ctx, nil, err
}

func (a *authenticator) logFailure(ctx context.Context, err error) error {
	id := newErrorID()
	a.log.ErrorContext(ctx, "token lookup failed", "error_id", id, "error", err.Error(),
		"request_id", requestID(ctx))
	return &internalError{id: id}
}

// fromHeader checks an Authorization value ("Bearer vh_…"); every failure
// that is the caller's wraps auth.ErrUnauthenticated.
func (a *authenticator) fromHeader(ctx context.Context, header string) (auth.Principal, error) {
	if header == "" {
		return auth.Principal{}, fmt.Errorf("%w: missing bearer token: send the header Authorization: Bearer <token>", auth.ErrUnauthenticated)
	}
	scheme, secret, ok := strings.Cut(strings.TrimSpace(header), " ")
	secret = strings.TrimSpace(secret)
	if !ok || !strings.EqualFold(scheme, "Bearer") || secret == "" {
		return auth.Principal{}, fmt.Errorf("%w: the Authorization header must be Bearer <token>", auth.ErrUnauthenticated)
	}
	return a.principal(ctx, secret)
}

// principal resolves a token secret, rejecting unknown, revoked and
// expired tokens, and records the use.
func (a *authenticator) principal(ctx context.Context, secret string) (auth.Principal, error) {
	tok, err := a.lookup(ctx, auth.HashSecret(secret))
	if errors.Is(err, db.ErrNotFound) {
		return auth.Principal{}, fmt.Errorf("%w: invalid token", auth.ErrUnauthenticated)
	}
	if err != nil {
		return auth.Principal{}, err
	}
	if err := tok.Usable(time.Now()); err != nil {
		return auth.Principal{}, fmt.Errorf("%w: %v", auth.ErrUnauthenticated, err)
	}
	a.touch(tok.ID)
	return tok.Principal(), nil
}

func isUpgrade(r *http.Request) bool { return r.Header.Get("Upgrade") != "" }
