package server

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"regexp"
	"testing"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/vethub/vethub/auth"
	"github.com/vethub/vethub/db"
)

var internalMessage = regexp.MustCompile(`^internal error \(id [0-9a-f]{16}\)$`)

func TestPresent(t *testing.T) {
	t.Parallel()
	p := &presenter{log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	inField := func(args bool) context.Context {
		f := &ast.Field{Name: "persons", Alias: "persons", Arguments: ast.ArgumentList{{Name: "filter"}}}
		fc := &graphql.FieldContext{Field: graphql.CollectedField{Field: f}}
		if args {
			fc.Args = map[string]any{}
		}
		return graphql.WithFieldContext(context.Background(), fc)
	}
	canceled, cancel := context.WithCancel(context.Background())
	cancel()
	tests := []struct {
		name      string
		ctx       context.Context
		err       error
		wantCode  string
		wantMsg   string // exact, when set
		wantField string
	}{
		{"kept code", context.Background(), &gqlerror.Error{Message: "m", Extensions: map[string]any{"code": "X"}}, "X", "m", ""},
		{"unauthenticated", context.Background(), fmt.Errorf("a: %w", auth.ErrUnauthenticated), CodeUnauthenticated, "", ""},
		{"forbidden", context.Background(), auth.Forbiddenf("no"), CodeForbidden, "forbidden: no", ""},
		{"not found", inField(true), fmt.Errorf("person 7: %w", db.ErrNotFound), CodeNotFound, "person 7: not found", ""},
		{"conflict hides the driver", inField(true), errors.Join(db.ErrConflict, errors.New(`duplicate key "secret"`)), CodeConflict, "conflict with stored data", ""},
		{"user error", inField(true), UserErrorf("first", "must be 1–100"), CodeBadUserInput, "first: must be 1–100", "first"},
		{"argument coercion", inField(false), gqlerror.WrapPath(ast.Path{ast.PathName("persons"), ast.PathName("filter"), ast.PathName("since")}, errors.New(`date "x" is not a real date`)), CodeBadUserInput, "", "filter.since"},
		{"request-level gqlgen error", context.Background(), gqlerror.Errorf("json request body could not be decoded"), CodeBadRequest, "", ""},
		{"canceled", canceled, fmt.Errorf("q: %w", context.Canceled), CodeCanceled, "", ""},
		{"anything else", inField(true), errors.New("pq: syntax error at SELECT"), CodeInternal, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := p.present(tt.ctx, tt.err)
			if got.Extensions["code"] != tt.wantCode {
				t.Fatalf("code %v, want %s (%s)", got.Extensions["code"], tt.wantCode, got.Message)
			}
			if tt.wantMsg != "" && got.Message != tt.wantMsg {
				t.Errorf("message %q, want %q", got.Message, tt.wantMsg)
			}
			if f, _ := got.Extensions["field"].(string); f != tt.wantField {
				t.Errorf("field %q, want %q", f, tt.wantField)
			}
			if tt.wantCode == CodeInternal && !internalMessage.MatchString(got.Message) {
				t.Errorf("internal message %q", got.Message)
			}
		})
	}
}

func TestDepthWalker(t *testing.T) {
	t.Parallel()
	field := func(name string, sub ...ast.Selection) *ast.Field {
		return &ast.Field{Name: name, SelectionSet: sub}
	}
	deep := field("a", field("b", field("c", field("d"))))
	frag := &ast.FragmentSpread{Name: "F", Definition: &ast.FragmentDefinition{SelectionSet: ast.SelectionSet{deep}}}
	tests := []struct {
		name  string
		set   ast.SelectionSet
		limit int
		want  int
	}{
		{"flat", ast.SelectionSet{field("a"), field("b")}, 13, 1},
		{"nested", ast.SelectionSet{deep}, 13, 4},
		{"capped", ast.SelectionSet{deep}, 3, 3},
		{"through fragment", ast.SelectionSet{field("x", frag)}, 13, 5},
		{"inline fragment adds nothing", ast.SelectionSet{&ast.InlineFragment{SelectionSet: ast.SelectionSet{deep}}}, 13, 4},
		{"introspection ignored", ast.SelectionSet{field("__schema", deep)}, 13, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			w := depthWalker{limit: tt.limit, memo: map[string]int{}}
			if got := w.selections(tt.set); got != tt.want {
				t.Fatalf("depth %d, want %d", got, tt.want)
			}
		})
	}
}
