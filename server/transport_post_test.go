package server

import (
	"context"
	"encoding/json"
	"net/http/httptest"
	"reflect"
	"testing"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/executor"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/vethub/vethub/graph"
)

// TestWriteJSON checks that writeJSON, which writes data-only responses
// itself, writes what json.Marshal does (byte for byte where no string
// needs HTML escaping, which json.Marshal adds and JSON does not need).
func TestWriteJSON(t *testing.T) {
	t.Parallel()
	yes := true
	tests := []struct {
		name  string
		resp  graphql.Response
		exact bool
	}{
		{"data only", graphql.Response{Data: json.RawMessage(`{"person":{"id":"1","name":"王五"}}`)}, true},
		{"null data", graphql.Response{Data: json.RawMessage(`null`)}, true},
		{"no data", graphql.Response{}, true},
		{"escaped by json.Marshal", graphql.Response{Data: json.RawMessage(`{"address":"A<&>B"}`)}, false},
		{"errors", graphql.Response{Data: json.RawMessage(`{"person":null}`), Errors: gqlerror.List{{Message: "boom"}}}, true},
		{"extensions", graphql.Response{Data: json.RawMessage(`{}`), Extensions: map[string]any{"x": 1}}, true},
		{"empty extensions", graphql.Response{Data: json.RawMessage(`{"a":1}`), Extensions: map[string]any{}}, true},
		{"incremental", graphql.Response{Data: json.RawMessage(`{}`), HasNext: &yes, Label: "l"}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			rec := httptest.NewRecorder()
			writeJSON(rec, &tt.resp)
			want, _ := json.Marshal(&tt.resp)
			got := rec.Body.Bytes()
			if tt.exact && string(got) != string(want) {
				t.Fatalf("wrote %s, json.Marshal %s", got, want)
			}
			var g, w any
			if err := json.Unmarshal(got, &g); err != nil {
				t.Fatalf("wrote %s: %v", got, err)
			}
			json.Unmarshal(want, &w)
			if !reflect.DeepEqual(g, w) {
				t.Fatalf("wrote %s, json.Marshal %s", got, want)
			}
		})
	}
}

// TestDataOnlyFromExecutor checks that what gqlgen's executor answers to a
// plain query takes writeJSON's own path (it sets an empty extensions map,
// which json.Marshal omits).
func TestDataOnlyFromExecutor(t *testing.T) {
	t.Parallel()
	exec := executor.New(graph.NewExecutableSchema(graph.Config{}))
	ctx := graphql.StartOperationTrace(context.Background())
	opCtx, errs := exec.CreateOperationContext(ctx, &graphql.RawParams{Query: "{ __typename }"})
	if errs != nil {
		t.Fatal(errs)
	}
	responses, ctx := exec.DispatchOperation(ctx, opCtx)
	if resp := responses(ctx); !dataOnly(resp) {
		t.Fatalf("response %+v is not data only", resp)
	}
}
