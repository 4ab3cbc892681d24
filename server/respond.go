package server

import (
	"encoding/json"
	"net/http"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// Codes this package puts in extensions.code, besides gqlgen's own
// (GRAPHQL_PARSE_FAILED, GRAPHQL_VALIDATION_FAILED,
// PERSISTED_QUERY_NOT_FOUND, COMPLEXITY_LIMIT_EXCEEDED).
const (
	CodeUnauthenticated      = "UNAUTHENTICATED"
	CodeForbidden            = "FORBIDDEN"
	CodeNotFound             = "NOT_FOUND"
	CodeConflict             = "CONFLICT"
	CodeBadUserInput         = "BAD_USER_INPUT"
	CodeBadRequest           = "BAD_REQUEST"
	CodeInternal             = "INTERNAL"
	CodeTimeout              = "TIMEOUT"
	CodeCanceled             = "CANCELED"
	CodeDepthLimit           = "DEPTH_LIMIT_EXCEEDED"
	CodeMethodNotAllowed     = "METHOD_NOT_ALLOWED"
	CodeBodyTooLarge         = "REQUEST_TOO_LARGE"
	CodeUnsupportedMediaType = "UNSUPPORTED_MEDIA_TYPE"
	CodeAliasLimit           = "ALIAS_LIMIT"
	CodeRateLimited          = "RATE_LIMITED"
	CodeBatchNotSupported    = "BATCH_NOT_SUPPORTED"
)

// writeError answers outside GraphQL execution (auth, limits) with a body
// shaped like a GraphQL response, so clients parse every failure alike.
func writeError(w http.ResponseWriter, status int, code, message string) {
	err := &gqlerror.Error{Message: message, Extensions: map[string]any{"code": code}}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false) // keep "<token>" readable in curl output
	enc.Encode(&graphql.Response{Errors: gqlerror.List{err}})
}
