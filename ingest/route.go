package ingest

import (
	"bytes"
	"hash/fnv"
)

// partition picks the worker for a raw line: lines carrying the same ID
// number go to the same worker, so concurrent chunks never race to create
// the person of one ID (which works, but makes one wait for the other's
// commit). A line without an ID number is spread by its line number. Only
// speed depends on this; a mis-routed line is still linked correctly.
func partition(line []byte, number, workers int) int {
	key := idRouteKey(line)
	if key == nil {
		return number % workers
	}
	h := fnv.New32a()
	h.Write(key)
	return int(h.Sum32() % uint32(workers))
}

var idNumberKey = []byte(`"idNumber"`)

// idRouteKey returns the first 17 characters of the line's 18-digit ID
// number, or of its 15-digit legacy form once upgraded ("19" inserted after
// the address code), so both forms of one ID route alike; nil if none.
func idRouteKey(line []byte) []byte {
	i := bytes.Index(line, idNumberKey)
	if i < 0 {
		return nil
	}
	rest := bytes.TrimLeft(line[i+len(idNumberKey):], " \t:")
	if len(rest) == 0 || rest[0] != '"' {
		return nil
	}
	end := bytes.IndexByte(rest[1:], '"')
	if end < 0 {
		return nil
	}
	id := bytes.TrimSpace(rest[1 : 1+end])
	switch len(id) {
	case 18:
		return id[:17]
	case 15:
		return append(append(append([]byte(nil), id[:6]...), '1', '9'), id[6:]...)
	}
	return nil
}
