package server

import (
	"bytes"
	"encoding/json"
	"io"
	"mime"
	"net/http"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// postTransport serves POST with a JSON body like gqlgen's transport.POST
// (same media types, statuses and errors), minus two copies on the
// busiest path: it decodes the body limitBody has already read instead of
// reading it again, and writes a data-only response as is (see writeJSON).
type postTransport struct{}

var _ graphql.Transport = postTransport{}

// Supports takes POSTs of application/json; upgrades belong to the
// websocket transport.
func (postTransport) Supports(r *http.Request) bool {
	if r.Method != http.MethodPost || isUpgrade(r) {
		return false
	}
	mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	return err == nil && mt == mediaJSON
}

// Do runs the operation in r's body.
func (postTransport) Do(w http.ResponseWriter, r *http.Request, exec graphql.GraphExecutor) {
	ctx := r.Context()
	contentType := responseMediaType(r)
	w.Header().Set("Content-Type", contentType)
	raw := &graphql.RawParams{Headers: r.Header}
	raw.ReadTime.Start = graphql.Now()
	body, err := requestBody(r)
	if err != nil {
		writeJSON(w, exec.DispatchError(ctx, gqlerror.List{gqlerror.Errorf("could not read request body: %+v", err)}))
		return
	}
	if isBatch(body) {
		err := gqlerror.Errorf("batched requests (a JSON array of operations) are not supported: send one operation per request")
		errcode.Set(err, CodeBatchNotSupported)
		w.WriteHeader(http.StatusBadRequest)
		writeJSON(w, exec.DispatchError(ctx, gqlerror.List{err}))
		return
	}
	if err := decodeBody(body, raw); err != nil {
		w.WriteHeader(http.StatusBadRequest)
		writeJSON(w, exec.DispatchError(ctx, gqlerror.List{gqlerror.Errorf(
			"json request body could not be decoded: %+v body:%s", err, body)}))
		return
	}
	raw.ReadTime.End = graphql.Now()
	opCtx, errs := exec.CreateOperationContext(ctx, raw)
	if errs != nil {
		w.WriteHeader(statusForErrors(contentType, errs))
		writeJSON(w, exec.DispatchError(graphql.WithOperationContext(ctx, opCtx), errs))
		return
	}
	responses, ctx := exec.DispatchOperation(ctx, opCtx)
	writeJSON(w, responses(ctx))
}

// decodeBody decodes a request body as gqlgen's POST does: numbers kept as
// json.Number, so Int64 and Money keep their precision.
func decodeBody(body []byte, raw *graphql.RawParams) error {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	return dec.Decode(raw)
}

// isBatch reports whether body is a JSON array, the batching some clients
// use; one operation per request keeps every limit per request.
func isBatch(body []byte) bool {
	trimmed := bytes.TrimLeft(body, " \t\r\n")
	return len(trimmed) > 0 && trimmed[0] == '['
}

// requestBody returns the body limitBody has read, else reads it.
func requestBody(r *http.Request) ([]byte, error) {
	if b, ok := r.Body.(*memBody); ok {
		return b.bytes(), nil
	}
	return io.ReadAll(r.Body)
}
