package server

import (
	"context"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// aliasLimit rejects operations with more than max aliased fields.
// Aliases let one request ask for the same field many times over; the
// complexity limit prices each copy, but cheap fields (__typename) cost
// little there and still cost resolving and encoding.
type aliasLimit struct{ max int }

var _ interface {
	graphql.HandlerExtension
	graphql.OperationContextMutator
} = aliasLimit{}

// ExtensionName names the extension in gqlgen's stats.
func (aliasLimit) ExtensionName() string { return "AliasLimit" }

// Validate accepts every schema.
func (aliasLimit) Validate(graphql.ExecutableSchema) error { return nil }

// MutateOperationContext fails with ALIAS_LIMIT for an operation with too
// many aliases.
func (a aliasLimit) MutateOperationContext(_ context.Context, opCtx *graphql.OperationContext) *gqlerror.Error {
	c := aliasCounter{memo: map[string]int{}}
	if n := c.selections(opCtx.Operation.SelectionSet); n > a.max {
		err := gqlerror.Errorf("operation has %d aliased fields, which exceeds the limit of %d", n, a.max)
		errcode.Set(err, CodeAliasLimit)
		return err
	}
	return nil
}

// aliasCounter counts fields whose alias differs from their name, as often
// as they are run: a fragment counts at each spread. Fragment counts are
// memoised, so nested spreads cost linear time even when the count they
// add up to is huge.
type aliasCounter struct{ memo map[string]int }

func (c aliasCounter) selections(set ast.SelectionSet) int {
	n := 0
	for _, sel := range set {
		switch s := sel.(type) {
		case *ast.Field:
			if s.Alias != "" && s.Alias != s.Name {
				n = saturatingAdd(n, 1)
			}
			n = saturatingAdd(n, c.selections(s.SelectionSet))
		case *ast.InlineFragment:
			n = saturatingAdd(n, c.selections(s.SelectionSet))
		case *ast.FragmentSpread:
			n = saturatingAdd(n, c.fragment(s))
		}
	}
	return n
}

func (c aliasCounter) fragment(s *ast.FragmentSpread) int {
	if s.Definition == nil {
		return 0
	}
	if n, ok := c.memo[s.Name]; ok {
		return n
	}
	c.memo[s.Name] = 0 // a cycle (which validation rejects) ends here
	n := c.selections(s.Definition.SelectionSet)
	c.memo[s.Name] = n
	return n
}
