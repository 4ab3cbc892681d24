package server

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/vethub/vethub/auth"
	"github.com/vethub/vethub/db"
)

// presenter gives every GraphQL error an extensions.code and hides what
// the caller must not see behind a logged error id.
type presenter struct {
	log *slog.Logger
}

// internalError stands in for an error or panic that was logged with id.
type internalError struct{ id string }

func (e *internalError) Error() string { return "internal error (id " + e.id + ")" }

// present is the gqlgen ErrorPresenterFunc. Codes already set (gqlgen's
// parse and validation codes, APQ, complexity, depth) are kept.
func (p *presenter) present(ctx context.Context, err error) *gqlerror.Error {
	gqlErr := graphql.DefaultErrorPresenter(ctx, err)
	if _, ok := gqlErr.Extensions["code"].(string); ok {
		return gqlErr
	}
	code, message, field := p.classify(ctx, err, gqlErr)
	setCode(gqlErr, code)
	if message != "" {
		gqlErr.Message = message
	}
	if field != "" {
		gqlErr.Extensions["field"] = field
	}
	return gqlErr
}

// classify picks the code for err, and a replacement message or the input
// field where there is one.
func (p *presenter) classify(ctx context.Context, err error, gqlErr *gqlerror.Error) (code, message, field string) {
	var internal *internalError
	var input inputError
	switch {
	case errors.As(err, &internal):
		return CodeInternal, internal.Error(), ""
	case errors.Is(err, auth.ErrUnauthenticated):
		return CodeUnauthenticated, "", ""
	case errors.Is(err, auth.ErrForbidden):
		return CodeForbidden, "", ""
	case errors.Is(err, db.ErrNotFound):
		return CodeNotFound, "", ""
	case errors.Is(err, db.ErrConflict):
		// The joined driver error names constraints and values: keep it in.
		return CodeConflict, "conflict with stored data", ""
	case errors.Is(err, context.DeadlineExceeded) && ctx.Err() != nil:
		return CodeTimeout, "the request took too long and was stopped", ""
	case errors.Is(err, context.Canceled) && ctx.Err() != nil:
		// The client left; nobody reads this, and it is no server fault.
		return CodeCanceled, "the request was canceled", ""
	case errors.As(err, &input):
		return CodeBadUserInput, input.Error(), input.UserInputField()
	case isIntrospectionDisabled(ctx, gqlErr):
		return CodeForbidden, "introspection is disabled on this server", ""
	}
	if arg, ok := argumentPath(ctx, gqlErr); ok {
		return CodeBadUserInput, "", arg
	}
	if graphql.GetFieldContext(ctx) == nil && gqlErr.Unwrap() == nil {
		// gqlgen's own complaints about the request (undecodable body,
		// bad APQ data) are plain messages raised outside execution.
		return CodeBadRequest, "", ""
	}
	return CodeInternal, p.logInternal(ctx, err, gqlErr.Path).Error(), ""
}

// recover is the gqlgen RecoverFunc: it logs the panic with its stack and
// returns an error the presenter shows as INTERNAL with the log's id.
func (p *presenter) recover(ctx context.Context, v any) error {
	id := newErrorID()
	p.log.ErrorContext(ctx, "graphql panic", "error_id", id, "panic", fmt.Sprint(v),
		"request_id", requestID(ctx), "stack", string(debug.Stack()))
	return &internalError{id: id}
}

func (p *presenter) logInternal(ctx context.Context, err error, path ast.Path) error {
	id := newErrorID()
	p.log.ErrorContext(ctx, "graphql internal error", "error_id", id, "error", err.Error(),
		"path", path.String(), "request_id", requestID(ctx))
	return &internalError{id: id}
}

// argumentPath reports whether err arose while coercing the current
// field's arguments (gqlgen then has not set the field's Args yet) and
// names the argument, e.g. "filter.regionPrefix".
func argumentPath(ctx context.Context, gqlErr *gqlerror.Error) (string, bool) {
	fc := graphql.GetFieldContext(ctx)
	if fc == nil || fc.Args != nil || len(fc.Field.Arguments) == 0 {
		return "", false
	}
	base := len(fc.Path())
	var parts []string
	for i, el := range gqlErr.Path {
		if i >= base {
			parts = append(parts, fmt.Sprint(el))
		}
	}
	return strings.Join(parts, "."), true
}

// isIntrospectionDisabled spots gqlgen's refusal of __schema and __type,
// which it raises as a plain error.
func isIntrospectionDisabled(ctx context.Context, gqlErr *gqlerror.Error) bool {
	fc := graphql.GetFieldContext(ctx)
	return fc != nil && strings.HasPrefix(fc.Field.Name, "__") && gqlErr.Message == "introspection disabled"
}

func setCode(e *gqlerror.Error, code string) {
	if e.Extensions == nil {
		e.Extensions = map[string]any{}
	}
	e.Extensions["code"] = code
}

func newErrorID() string {
	b := make([]byte, 8)
	rand.Read(b)
	return hex.EncodeToString(b)
}
