package server

import (
	"context"
	"testing"

	"github.com/99designs/gqlgen/complexity"
	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2"

	"github.com/vethub/vethub/graph"
	"github.com/vethub/vethub/graph/model"
)

// TestComplexityMatchesGqlgen checks complexityLimit's walker against
// gqlgen's complexity.Calculate, which it replaces, with the schema's
// default complexities and with ones that read arguments.
func TestComplexityMatchesGqlgen(t *testing.T) {
	t.Parallel()
	var byArgs graph.ComplexityRoot
	byArgs.Query.Persons = func(child int, _ *model.PersonFilter, first *int, _ *string) int { return child * *first }
	byArgs.Query.Person = func(child int, id string) int { return child + len(id) }
	byArgs.VeteranRecord.Person = func(child int) int { return 7 * child }
	schemas := map[string]graphql.ExecutableSchema{
		"default":   graph.NewExecutableSchema(graph.Config{}),
		"arguments": graph.NewExecutableSchema(graph.Config{Complexity: byArgs}),
	}
	queries := []struct {
		name, query string
		vars        map[string]any
	}{
		{"person", `query($id: ID!) { person(id: $id) { id name region { code parents { code } }
			veteran { skills person { id } } civil { temporaryAssistance { amount } } } }`, map[string]any{"id": "12345"}},
		{"page with default first", `{ persons { edges { node { id records { id } } } } }`, nil},
		{"page by variable", `query($n: Int) { persons(first: $n) { edges { node { id } } pageInfo { hasNextPage } } }`,
			map[string]any{"n": 37}},
		{"interface field", `{ persons { edges { node { records { id person { id } ... on VeteranRecord { rank } } } } } }`, nil},
		{"fragments", `query { persons(first: 5) { ...C } } fragment C on PersonConnection { edges { node { ...P } } }
			fragment P on Person { id veteran { person { name } } }`, nil},
		{"introspection", `{ __schema { types { name } } __typename viewer { role } }`, nil},
	}
	for name, es := range schemas {
		plain := &plainFields{} // shared, as a server's is, and learnt as the queries run
		for _, q := range queries {
			t.Run(name+"/"+q.name, func(t *testing.T) {
				t.Parallel()
				doc, errs := gqlparser.LoadQuery(es.Schema(), q.query)
				if errs != nil {
					t.Fatal(errs)
				}
				op := doc.Operations[0]
				want := complexity.Calculate(context.Background(), es, op, q.vars)
				w := complexityWalker{es: es, schema: es.Schema(), vars: q.vars, plain: plain}
				for range 2 { // the second time with what the first learnt
					if got := w.selections(context.Background(), op.SelectionSet); got != want {
						t.Fatalf("complexity %d, gqlgen's %d", got, want)
					}
				}
			})
		}
	}
}

func TestSaturatingAdd(t *testing.T) {
	t.Parallel()
	const maxInt = int(^uint(0) >> 1)
	tests := []struct{ a, b, want int }{
		{2, 3, 5},
		{-1, 3, 3},
		{3, -1, 3},
		{-1, -1, 1},
		{maxInt, 1, maxInt},
		{maxInt - 1, 1, maxInt},
	}
	for _, tt := range tests {
		if got := saturatingAdd(tt.a, tt.b); got != tt.want {
			t.Errorf("saturatingAdd(%d, %d) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}
