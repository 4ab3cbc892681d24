package db

import (
	"crypto/sha256"
	"encoding/binary"
	"strings"
	"time"
)

// auditHash is a row's chain hash: SHA-256 of the previous row's hash in
// its chain, a head of chain, seq and at (Unix microseconds, UTC), each 8
// big-endian bytes, and the entry's canonical encoding (see encode). The
// head covers the chain, so a row moved to another chain fails.
func auditHash(prev []byte, chain int, seq int64, at time.Time, e *AuditEntry) []byte {
	return auditHashTail(prev, chain, seq, at, e.encode(nil))
}

func auditHashTail(prev []byte, chain int, seq int64, at time.Time, tail []byte) []byte {
	h := sha256.New()
	h.Write(prev)
	var head [24]byte
	binary.BigEndian.PutUint64(head[:8], uint64(chain))
	binary.BigEndian.PutUint64(head[8:16], uint64(seq))
	binary.BigEndian.PutUint64(head[16:], uint64(at.UnixMicro()))
	h.Write(head[:])
	h.Write(tail)
	return h.Sum(nil)
}

// encode appends e's canonical encoding to buf: integers as 8 big-endian
// bytes, strings as a 4-byte big-endian length and their bytes, Fields as
// a 4-byte count and each string, in the table's column order. Every value
// is length-prefixed, so no two different entries encode alike. A zero id
// and an empty department stand for NULL in the table, so they encode the
// same.
func (e *AuditEntry) encode(buf []byte) []byte {
	buf = binary.BigEndian.AppendUint64(buf, uint64(e.ActorTokenID))
	buf = appendString(buf, e.Actor)
	buf = appendString(buf, e.Role)
	buf = appendString(buf, e.Action)
	buf = binary.BigEndian.AppendUint64(buf, uint64(e.PersonID))
	buf = appendString(buf, e.Department)
	buf = binary.BigEndian.AppendUint32(buf, uint32(len(e.Fields)))
	for _, f := range e.Fields {
		buf = appendString(buf, f)
	}
	buf = appendString(buf, e.Purpose)
	buf = appendString(buf, e.RequestID)
	return appendString(buf, e.Detail)
}

func appendString(buf []byte, s string) []byte {
	buf = binary.BigEndian.AppendUint32(buf, uint32(len(s)))
	return append(buf, s...)
}

// clean makes every string storable as PostgreSQL text (valid UTF-8, no
// NUL), so what is hashed is what is stored and a stray byte in, say, a
// request id cannot fail the write being audited.
func (e AuditEntry) clean() AuditEntry {
	for _, p := range []*string{&e.Actor, &e.Role, &e.Action, &e.Department, &e.Purpose, &e.RequestID, &e.Detail} {
		*p = cleanText(*p)
	}
	fields := make([]string, len(e.Fields))
	for i, f := range e.Fields {
		fields[i] = cleanText(f)
	}
	e.Fields = fields
	return e
}

func cleanText(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	return strings.ReplaceAll(s, "\x00", "\uFFFD")
}
