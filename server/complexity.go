package server

import (
	"context"
	"maps"
	"math"
	"sync"
	"sync/atomic"

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
	plain plainFields
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
	w := complexityWalker{es: c.es, schema: c.es.Schema(), vars: opCtx.Variables, plain: &c.plain}
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
	plain  *plainFields
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
// children's. A field known to have no complexity function skips the call:
// gqlgen's Complexity builds an execution context each time, and most
// fields have none.
func (w complexityWalker) fieldOf(ctx context.Context, obj *ast.Definition, field string, child int, args map[string]any) int {
	key := fieldKey{obj.Name, field}
	if w.plain.has(key) {
		return saturatingAdd(1, child)
	}
	n, ok := w.es.Complexity(ctx, obj.Name, field, child, args)
	if ok && n >= 1 {
		return n
	}
	// Without arguments, "not ok" can only mean the schema has no function
	// for the field (with them it may be arguments that did not parse), and
	// that does not change while the schema lives.
	if !ok && takesNoArgs(obj, field) {
		w.plain.add(key)
	}
	return saturatingAdd(1, child)
}

func takesNoArgs(obj *ast.Definition, field string) bool {
	def := obj.Fields.ForName(field)
	return def != nil && len(def.Arguments) == 0
}

type fieldKey struct{ typ, field string }

// plainFields is the set of fields without a complexity function, learnt
// as operations use them. Readers never lock: a newcomer replaces the
// whole map, which happens at most once per field of the schema.
type plainFields struct {
	mu sync.Mutex // serialises writers
	m  atomic.Pointer[map[fieldKey]bool]
}

// has reports whether k is known to have no function; a nil set knows
// none.
func (p *plainFields) has(k fieldKey) bool {
	if p == nil {
		return false
	}
	m := p.m.Load()
	return m != nil && (*m)[k]
}

func (p *plainFields) add(k fieldKey) {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	next := map[fieldKey]bool{}
	if old := p.m.Load(); old != nil {
		next = maps.Clone(*old)
	}
	next[k] = true
	p.m.Store(&next)
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
