package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/vethub/vethub/auth"
	"github.com/vethub/vethub/db"
	"github.com/vethub/vethub/db/dbtest"
	"github.com/vethub/vethub/graph"
	"github.com/vethub/vethub/graph/model"
	"github.com/vethub/vethub/resolvers"
	"github.com/vethub/vethub/server"
)

// testRoot serves the real generated schema with only Query.viewer
// implemented; the token's name picks how viewer fails.
type testRoot struct{ graph.ResolverRoot }

func (testRoot) Query() graph.QueryResolver { return testQuery{} }

type testQuery struct{ graph.QueryResolver }

type scopeKey struct{}

func (testQuery) Viewer(ctx context.Context) (*model.Viewer, error) {
	p, err := auth.Require(ctx)
	if err != nil {
		return nil, err
	}
	switch p.Name {
	case "sql":
		return nil, fmt.Errorf("viewer: %w", errors.New(`ERROR: relation "secret_table" does not exist (SQLSTATE 42P01)`))
	case "panic":
		panic("boom: SELECT secret FROM api_tokens")
	case "forbidden":
		return nil, auth.Forbiddenf("not for you")
	case "missing":
		return nil, fmt.Errorf("viewer: %w", db.ErrNotFound)
	case "input":
		return nil, server.UserErrorf("regions", "must not be empty")
	case "slow":
		<-ctx.Done()
		return nil, fmt.Errorf("viewer: %w", ctx.Err())
	case "scope":
		if ctx.Value(scopeKey{}) != "scoped" {
			return nil, errors.New("request scope not applied")
		}
	}
	v := &model.Viewer{Role: model.Role(p.Role), Regions: p.Regions}
	if p.Department != "" {
		d := model.Department(p.Department)
		v.Department = &d
	}
	return v, nil
}

// env is one server on its own database.
type env struct {
	t     *testing.T
	store *db.Store
	url   string
	logs  *syncBuffer
}

func newEnv(t *testing.T, cfg server.Config) *env {
	t.Helper()
	store := dbtest.New(t)
	logs := &syncBuffer{}
	srv := server.New(cfg, server.Deps{
		Store:  store,
		Schema: graph.NewExecutableSchema(graph.Config{Resolvers: testRoot{}, Directives: resolvers.Directives()}),
		Logger: slog.New(slog.NewJSONHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug})),
		RequestScope: func(ctx context.Context, _ string) (context.Context, error) {
			return context.WithValue(ctx, scopeKey{}, "scoped"), nil
		},
	})
	ts := httptest.NewServer(srv.Handler)
	t.Cleanup(ts.Close)
	return &env{t: t, store: store, url: ts.URL, logs: logs}
}

// token creates a token named name with role; edit adjusts it first.
func (e *env) token(name string, role auth.Role, edit func(*db.TokenNew)) (string, db.Token) {
	e.t.Helper()
	secret, hash := auth.NewSecret()
	n := db.TokenNew{Name: name, Role: role, SecretHash: hash}
	if edit != nil {
		edit(&n)
	}
	tok, err := e.store.TokenCreate(context.Background(), n)
	if err != nil {
		e.t.Fatalf("create token: %v", err)
	}
	return secret, tok
}

// result is a decoded response.
type result struct {
	status int
	header http.Header
	body   string
	gql    struct {
		Data   map[string]any `json:"data"`
		Errors []struct {
			Message    string         `json:"message"`
			Extensions map[string]any `json:"extensions"`
		} `json:"errors"`
	}
}

func (r result) code() string {
	if len(r.gql.Errors) == 0 {
		return ""
	}
	c, _ := r.gql.Errors[0].Extensions["code"].(string)
	return c
}

// request sends method to path; headers are "Key: value" strings.
func (e *env) request(method, path, body string, headers ...string) result {
	e.t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, e.url+path, rd)
	if err != nil {
		e.t.Fatal(err)
	}
	for _, h := range headers {
		k, v, _ := strings.Cut(h, ": ")
		req.Header.Set(k, v)
	}
	return e.send(req)
}

func (e *env) send(req *http.Request) result {
	e.t.Helper()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	r := result{status: resp.StatusCode, header: resp.Header, body: string(b)}
	if strings.Contains(resp.Header.Get("Content-Type"), "json") {
		if err := json.Unmarshal(b, &r.gql); err != nil {
			e.t.Fatalf("decode %q: %v", b, err)
		}
	}
	return r
}

// post sends a GraphQL query with token (none when empty).
func (e *env) post(token, query string, headers ...string) result {
	e.t.Helper()
	body, _ := json.Marshal(map[string]string{"query": query})
	headers = append(headers, "Content-Type: application/json")
	if token != "" {
		headers = append(headers, "Authorization: Bearer "+token)
	}
	return e.request(http.MethodPost, "/graphql", string(body), headers...)
}

// get sends a GraphQL query in the URL.
func (e *env) get(token, query string, headers ...string) result {
	e.t.Helper()
	if token != "" {
		headers = append(headers, "Authorization: Bearer "+token)
	}
	return e.request(http.MethodGet, "/graphql?query="+url.QueryEscape(query), "", headers...)
}

// waitFor polls cond for up to two seconds.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(2 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if cond() {
			return
		}
	}
	t.Fatalf("timed out waiting for %s", what)
}

// syncBuffer is a log sink safe for concurrent handlers.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
