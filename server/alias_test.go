package server

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/vektah/gqlparser/v2"

	"github.com/vethub/vethub/graph"
)

func TestAliasCount(t *testing.T) {
	t.Parallel()
	schema := graph.NewExecutableSchema(graph.Config{}).Schema()
	tests := []struct {
		name, query string
		want        int
	}{
		{"none", `{ __typename viewer { role } }`, 0},
		{"same name", `{ __typename: __typename viewer { role: role } }`, 0},
		{"top level and nested", `{ a: __typename v: viewer { r: role d: department } }`, 4},
		{"inline fragment", `{ ... on Query { a: __typename b: __typename } }`, 2},
		{"fragment at each spread", `query { ...F v: viewer { role } ...F } fragment F on Query { x: __typename }`, 3},
		{"fragment in fragment", `query { ...G ...G } fragment G on Query { ...F ...F } fragment F on Query { x: __typename }`, 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			doc, errs := gqlparser.LoadQuery(schema, tt.query)
			if errs != nil {
				t.Fatal(errs)
			}
			c := aliasCounter{memo: map[string]int{}}
			if got := c.selections(doc.Operations[0].SelectionSet); got != tt.want {
				t.Fatalf("%d aliases, want %d", got, tt.want)
			}
		})
	}
}

// TestAliasCountFragmentBomb checks that fragments doubling each other are
// counted in linear time, the count saturating instead of wrapping.
func TestAliasCountFragmentBomb(t *testing.T) {
	t.Parallel()
	schema := graph.NewExecutableSchema(graph.Config{}).Schema()
	const levels = 70 // 2^70 aliases overflow int64
	var q strings.Builder
	fmt.Fprintf(&q, "query { ...F%d } fragment F0 on Query { x: __typename }\n", levels)
	for i := 1; i <= levels; i++ {
		fmt.Fprintf(&q, "fragment F%d on Query { ...F%d ...F%d }\n", i, i-1, i-1)
	}
	doc, errs := gqlparser.LoadQuery(schema, q.String())
	if errs != nil {
		t.Fatal(errs)
	}
	start := time.Now()
	c := aliasCounter{memo: map[string]int{}}
	if got := c.selections(doc.Operations[0].SelectionSet); got != int(^uint(0)>>1) {
		t.Fatalf("count %d, want the saturated maximum", got)
	}
	if elapsed := time.Since(start); elapsed > time.Second {
		t.Fatalf("counting took %v", elapsed)
	}
}
