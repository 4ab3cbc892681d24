package server

import (
	"context"
	"math"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// complexityLimit is gqlgen's extension.FixedComplexityLimit with the same
// result, error and stats, computed for less: gqlgen's walker builds an
// argument map for every field of every operation, this one only for the
// fields that take arguments, which on a typical read are one in twenty.
// It ran on every request and made a tenth of the allocations of a
// person(id).
type complexityLimit struct {
	limit int
	es    graphql.ExecutableSchema
}

var _ interface {
	graphql.HandlerExtension
	graphql.OperationContextMutator
} = &complexityLimit{}

// ExtensionName is gqlgen's, so extension.GetComplexityStats finds the
// stats.
func (*complexityLimit) ExtensionName() string { return "ComplexityLimit" }

// Validate keeps the schema whose complexity functions apply.
func (c *complexityLimit) Validate(es graphql.ExecutableSchema) error {
	c.es = es
	return nil
}

// MutateOperationContext fails with COMPLEXITY_LIMIT_EXCEEDED for an
// operation over the limit.
func (c *complexityLimit) MutateOperationContext(ctx context.Context, opCtx *graphql.OperationContext) *gqlerror.Error {
	op := opCtx.Doc.Operations.ForName(opCtx.OperationName)
	w := complexityWalker{es: c.es, schema: c.es.Schema(), vars: opCtx.Variables}
	n := w.selections(ctx, op.SelectionSet)
	opCtx.Stats.SetExtension(c.ExtensionName(), &extension.ComplexityStats{Complexity: n, ComplexityLimit: c.limit})
	if n > c.limit {
		err := gqlerror.Errorf("operation has complexity %d, which exceeds the limit of %d", n, c.limit)
		errcode.Set(err, complexityCode)
		return err
	}
	return nil
}

// complexityWalker is gqlgen's complexity.Calculate with default options.
type complexityWalker struct {
	es     graphql.ExecutableSchema
	schema *ast.Schema
	vars   map[string]any
}

// noArgs is what a field without arguments gets (ArgumentMap would make a
// new empty map); complexity functions only read it.
var noArgs = map[string]any{}

func (w complexityWalker) selections(ctx context.Context, set ast.SelectionSet) int {
	total := 0
	for _, sel := range set {
		switch s := sel.(type) {
		case *ast.Field:
			total = saturatingAdd(total, w.field(ctx, s))
		case *ast.FragmentSpread:
			total = saturatingAdd(total, w.selections(ctx, s.Definition.SelectionSet))
		case *ast.InlineFragment:
			total = saturatingAdd(total, w.selections(ctx, s.SelectionSet))
		}
	}
	return total
}

func (w complexityWalker) field(ctx context.Context, f *ast.Field) int {
	def := w.schema.Types[f.Definition.Type.Name()]
	if def.Name == "__Schema" {
		return 0
	}
	child := 0
	switch def.Kind {
	case ast.Object, ast.Interface, ast.Union:
		child = w.selections(ctx, f.SelectionSet)
	}
	args := noArgs
	if len(f.Definition.Arguments) > 0 {
		args = f.ArgumentMap(w.vars)
	}
	if f.ObjectDefinition.Kind != ast.Interface {
		return w.fieldOf(ctx, f.ObjectDefinition, f.Name, child, args)
	}
	// An interface's field costs what its most expensive implementation's
	// does.
	most := 0
	for _, t := range w.schema.GetPossibleTypes(f.ObjectDefinition) {
		most = max(most, w.fieldOf(ctx, t, f.Name, child, args))
	}
	return most
}

// fieldOf is the schema's complexity for the field, else 1 plus its
// children's.
func (w complexityWalker) fieldOf(ctx context.Context, obj *ast.Definition, field string, child int, args map[string]any) int {
	if n, ok := w.es.Complexity(ctx, obj.Name, field, child, args); ok && n >= 1 {
		return n
	}
	return saturatingAdd(1, child)
}

// saturatingAdd adds without overflowing and ignores negative operands, as
// gqlgen does, so no operation can wrap its complexity below the limit.
func saturatingAdd(a, b int) int {
	switch {
	case a < 0 && b < 0:
		return 1
	case a < 0:
		return b
	case b < 0:
		return a
	case a > math.MaxInt-b:
		return math.MaxInt
	}
	return a + b
}
