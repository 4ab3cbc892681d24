package resolvers

import (
	"context"
	"fmt"

	"github.com/99designs/gqlgen/graphql"
)

// operationPurpose reads the reason of the operation's @purpose directive
// ("" without one); the reason may be a variable.
func operationPurpose(ctx context.Context) (string, error) {
	if !graphql.HasOperationContext(ctx) {
		return "", nil
	}
	oc := graphql.GetOperationContext(ctx)
	if oc.Operation == nil {
		return "", nil
	}
	d := oc.Operation.Directives.ForName("purpose")
	if d == nil {
		return "", nil
	}
	arg := d.Arguments.ForName("reason")
	if arg == nil {
		return "", badInput("@purpose.reason", "required")
	}
	v, err := arg.Value.Value(oc.Variables)
	if err != nil {
		return "", badInput("@purpose.reason", "%s", err)
	}
	reason, ok := v.(string)
	if !ok {
		return "", badInput("@purpose.reason", "must be a string, got %s", fmt.Sprint(v))
	}
	return reason, nil
}
