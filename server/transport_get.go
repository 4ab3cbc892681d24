package server

import (
	"encoding/json"
	"mime"
	"net/http"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

const (
	mediaJSON            = "application/json"
	mediaGraphQLResponse = "application/graphql-response+json"
)

// getTransport serves GET per GraphQL-over-HTTP: query, operationName,
// variables and extensions in the URL, queries only. gqlgen's own GET
// answers a mutation with 406; the spec asks for 405 with Allow: POST.
type getTransport struct{}

var _ graphql.Transport = getTransport{}

// Supports takes plain GETs; upgrades belong to the websocket transport.
func (getTransport) Supports(r *http.Request) bool {
	return r.Method == http.MethodGet && !isUpgrade(r)
}

// Do runs the query in r's URL.
func (getTransport) Do(w http.ResponseWriter, r *http.Request, exec graphql.GraphExecutor) {
	contentType := responseMediaType(r)
	raw, msg := getParams(r)
	if msg != "" {
		writeError(w, http.StatusBadRequest, CodeBadRequest, msg)
		return
	}
	ctx := r.Context()
	opCtx, errs := exec.CreateOperationContext(ctx, raw)
	if errs != nil {
		w.Header().Set("Content-Type", contentType)
		w.WriteHeader(statusForErrors(contentType, errs))
		writeJSON(w, exec.DispatchError(graphql.WithOperationContext(ctx, opCtx), errs))
		return
	}
	if opCtx.Operation.Operation != ast.Query {
		w.Header().Set("Allow", "POST")
		writeError(w, http.StatusMethodNotAllowed, CodeMethodNotAllowed,
			"GET allows queries only; send "+string(opCtx.Operation.Operation)+"s with POST")
		return
	}
	w.Header().Set("Content-Type", contentType)
	responses, ctx := exec.DispatchOperation(ctx, opCtx)
	writeJSON(w, responses(ctx))
}

// getParams reads the URL parameters, or says what is wrong with them.
func getParams(r *http.Request) (*graphql.RawParams, string) {
	q := r.URL.Query()
	raw := &graphql.RawParams{Query: q.Get("query"), OperationName: q.Get("operationName"), Headers: r.Header}
	raw.ReadTime.Start = graphql.Now()
	if v := q.Get("variables"); v != "" {
		if err := decodeJSON(v, &raw.Variables); err != nil {
			return nil, "variables must be a JSON object"
		}
	}
	if v := q.Get("extensions"); v != "" {
		if err := decodeJSON(v, &raw.Extensions); err != nil {
			return nil, "extensions must be a JSON object"
		}
	}
	raw.ReadTime.End = graphql.Now()
	return raw, ""
}

func decodeJSON(s string, v any) error {
	dec := json.NewDecoder(strings.NewReader(s))
	dec.UseNumber() // as gqlgen's POST does, so Int64 and Money keep precision
	return dec.Decode(v)
}

// responseMediaType follows the client's Accept like gqlgen's POST:
// application/json unless application/graphql-response+json is asked for
// first (or nothing JSON is acceptable).
func responseMediaType(r *http.Request) string {
	accept := r.Header.Get("Accept")
	if accept == "" {
		return mediaJSON
	}
	for part := range strings.SplitSeq(accept, ",") {
		mt, _, err := mime.ParseMediaType(strings.TrimSpace(part))
		if err != nil {
			continue
		}
		switch mt {
		case mediaGraphQLResponse:
			return mediaGraphQLResponse
		case mediaJSON, "application/*", "*/*":
			return mediaJSON
		}
	}
	return mediaGraphQLResponse
}

// statusForErrors follows the GraphQL-over-HTTP spec: request errors
// (parse, validation, limits) of a well-formed request are 400 under
// application/graphql-response+json, and 200 under the legacy
// application/json, where clients read errors from the body.
func statusForErrors(contentType string, errs gqlerror.List) int {
	if contentType == mediaGraphQLResponse && errcode.GetErrorKind(errs) == errcode.KindProtocol {
		return http.StatusBadRequest
	}
	return http.StatusOK
}

// writeJSON writes resp as json.Marshal would. A response of data alone,
// what nearly every query gets, is written as is: json.Marshal would scan
// and copy the data gqlgen has just encoded, to compact and validate it.
func writeJSON(w http.ResponseWriter, resp *graphql.Response) {
	if dataOnly(resp) {
		body := make([]byte, 0, len(`{"data":}`)+len(resp.Data))
		body = append(append(append(body, `{"data":`...), resp.Data...), '}')
		w.Write(body)
		return
	}
	body, err := json.Marshal(resp)
	if err != nil {
		panic(err) // only unmarshalable extensions; recovered as INTERNAL
	}
	w.Write(body)
}

// dataOnly reports whether resp has data and nothing else to encode.
func dataOnly(resp *graphql.Response) bool {
	return len(resp.Data) > 0 && len(resp.Errors) == 0 && resp.Label == "" && len(resp.Path) == 0 &&
		resp.HasNext == nil && len(resp.Extensions) == 0 // what json.Marshal omits when empty
}
