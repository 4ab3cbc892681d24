package server

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/http"
)

// limitBody answers 413 for a body over max bytes, and otherwise hands on
// the body read into memory (gqlgen reads it whole anyway, and would turn
// a cut-off body into a 200 with an error).
func limitBody(max int64, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.ContentLength > max {
			writeError(w, http.StatusRequestEntityTooLarge, CodeBodyTooLarge, tooLarge(max))
			return
		}
		if r.Body == nil || r.Body == http.NoBody || r.ContentLength == 0 {
			next.ServeHTTP(w, r)
			return
		}
		body, err := readBody(http.MaxBytesReader(w, r.Body, max), r.ContentLength)
		var tooBig *http.MaxBytesError
		switch {
		case errors.As(err, &tooBig):
			writeError(w, http.StatusRequestEntityTooLarge, CodeBodyTooLarge, tooLarge(max))
			return
		case err != nil:
			writeError(w, http.StatusBadRequest, CodeBadRequest, "could not read the request body")
			return
		}
		r.Body = &memBody{Reader: bytes.NewReader(body), body: body}
		next.ServeHTTP(w, r)
	})
}

// readBody reads r whole. net/http ends a body at its Content-Length, so a
// known length is read into a buffer of that size, not io.ReadAll's growing
// one.
func readBody(r io.Reader, length int64) ([]byte, error) {
	if length <= 0 {
		return io.ReadAll(r)
	}
	body := make([]byte, length)
	_, err := io.ReadFull(r, body)
	return body, err
}

// memBody is a request body limitBody has read into memory; postTransport
// takes its bytes instead of reading them again.
type memBody struct {
	*bytes.Reader
	body []byte
}

// Close does nothing: there is nothing left to release.
func (*memBody) Close() error { return nil }

// bytes returns the whole body, however much has been read.
func (b *memBody) bytes() []byte { return b.body }

func tooLarge(max int64) string {
	return fmt.Sprintf("request body is larger than %d bytes", max)
}
