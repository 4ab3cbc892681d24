package resolvers

import (
	"fmt"

	"github.com/vektah/gqlparser/v2/gqlerror"
)

// badInput is an argument error the client can fix: it names the argument
// and carries the BAD_USER_INPUT code.
func badInput(field, format string, args ...any) error {
	return &gqlerror.Error{
		Message:    fmt.Sprintf("%s: %s", field, fmt.Sprintf(format, args...)),
		Extensions: map[string]any{"code": "BAD_USER_INPUT", "field": field},
	}
}
