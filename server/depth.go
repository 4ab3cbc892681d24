package server

import (
	"context"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// complexityCode is what gqlgen's complexity extension sets.
const complexityCode = "COMPLEXITY_LIMIT_EXCEEDED"

func init() {
	// Over-limit operations are request errors: no data, 400 under
	// application/graphql-response+json (gqlgen would answer 200).
	errcode.RegisterErrorType(CodeDepthLimit, errcode.KindProtocol)
	errcode.RegisterErrorType(CodeAliasLimit, errcode.KindProtocol)
	errcode.RegisterErrorType(complexityCode, errcode.KindProtocol)
}

// depthLimit rejects operations that nest selections deeper than max.
// Introspection fields are not counted: GraphiQL's schema query is deep
// but bounded, and Config.Introspection governs it.
type depthLimit struct{ max int }

var _ interface {
	graphql.HandlerExtension
	graphql.OperationContextMutator
} = depthLimit{}

// ExtensionName names the extension in gqlgen's stats.
func (depthLimit) ExtensionName() string { return "DepthLimit" }

// Validate accepts every schema.
func (depthLimit) Validate(graphql.ExecutableSchema) error { return nil }

// MutateOperationContext fails with DEPTH_LIMIT_EXCEEDED for a too deep
// operation.
func (d depthLimit) MutateOperationContext(_ context.Context, opCtx *graphql.OperationContext) *gqlerror.Error {
	w := depthWalker{limit: d.max + 1, memo: map[string]int{}}
	if w.selections(opCtx.Operation.SelectionSet) > d.max {
		err := gqlerror.Errorf("operation is nested deeper than the limit of %d", d.max)
		errcode.Set(err, CodeDepthLimit)
		return err
	}
	return nil
}

// depthWalker measures field nesting, capped at limit. Fragment depths are
// memoised so a document that spreads fragments in fragments costs linear
// time, not exponential.
type depthWalker struct {
	limit int
	memo  map[string]int
}

func (w *depthWalker) selections(set ast.SelectionSet) int {
	deepest := 0
	for _, sel := range set {
		var d int
		switch s := sel.(type) {
		case *ast.Field:
			if strings.HasPrefix(s.Name, "__") {
				continue
			}
			d = 1 + w.selections(s.SelectionSet)
		case *ast.InlineFragment:
			d = w.selections(s.SelectionSet)
		case *ast.FragmentSpread:
			d = w.fragment(s)
		}
		if d >= w.limit {
			return w.limit
		}
		deepest = max(deepest, d)
	}
	return deepest
}

func (w *depthWalker) fragment(s *ast.FragmentSpread) int {
	if s.Definition == nil {
		return 0
	}
	if d, ok := w.memo[s.Name]; ok {
		return d
	}
	w.memo[s.Name] = 0 // a cycle (which validation rejects) ends here
	d := w.selections(s.Definition.SelectionSet)
	w.memo[s.Name] = d
	return d
}
