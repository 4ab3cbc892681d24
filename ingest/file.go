package ingest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"sync"

	"github.com/vethub/vethub/db"
	"github.com/vethub/vethub/feed"
)

// FileOptions tune ImportRecords and ImportPostings.
type FileOptions struct {
	ChunkSize int                          // lines per transaction; 0 means 10,000
	Workers   int                          // chunks decoded and stored at once; 0 means 3
	OnProblem func(LineProblem)            // called for every rejected or stale line
	OnChunk   func(lines int, bytes int64) // after each stored chunk, in file order: lines and bytes stored so far
}

// LineProblem is a line that was rejected or stale, or unreadable.
type LineProblem struct {
	Line     int
	SourceID string
	Status   string // REJECTED or STALE
	Errors   []feed.FieldError
}

// FileReport sums up an import.
type FileReport struct {
	Lines    int            // non-blank lines read
	Summary  Summary        // outcomes by status
	Warnings map[string]int // warning codes on kept lines, e.g. ID_CHECK_CHARACTER
	JobIDs   []int64        // follow-up jobs enqueued, one per chunk that wrote something
}

// ImportRecords loads an NDJSON feed of one department in chunks that are
// decoded, validated and stored by several workers at once, each chunk in one
// transaction (new records with COPY, updates through a staged upsert, its
// linkage job). A bad line is reported through OnProblem and never stops
// the rest; re-importing the same file writes nothing.
func (s *Service) ImportRecords(ctx context.Context, dept feed.Department, r io.Reader, opts FileOptions) (FileReport, error) {
	// readChunks copies every line, so the decoder may keep it as Raw.
	decode := func(line []byte) feed.Result { return feed.DecodeRecordOwned(dept, line) }
	return importFile(ctx, r, opts, decode, s.Records)
}

// ImportPostings loads an NDJSON feed of job postings like ImportRecords.
func (s *Service) ImportPostings(ctx context.Context, r io.Reader, opts FileOptions) (FileReport, error) {
	return importFile(ctx, r, opts, feed.DecodeJob, s.Postings)
}

// rawChunk is a run of lines with their numbers, read but not decoded.
type rawChunk struct {
	seq     int
	lines   [][]byte
	numbers []int
	read    int   // lines read when the chunk was sent
	bytes   int64 // input bytes read when the chunk was sent (about: blank lines are not counted)
}

// storedChunk is a chunk's outcome, reported in reading order.
type storedChunk struct {
	seq     int
	batch   Batch
	numbers []int
	read    int
	bytes   int64
	err     error
}

func importFile[T any](ctx context.Context, r io.Reader, opts FileOptions, decode func([]byte) T, store func(context.Context, []T) (Batch, error)) (FileReport, error) {
	if opts.ChunkSize <= 0 {
		opts.ChunkSize = 10000
	}
	if opts.Workers <= 0 {
		opts.Workers = 3
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	raw := make([]chan rawChunk, opts.Workers) // one per worker: see partition
	for i := range raw {
		raw[i] = make(chan rawChunk, 1)
	}
	stored := make(chan storedChunk, opts.Workers)
	readErr := make(chan error, 1)
	go func() { readErr <- readChunks(ctx, r, opts.ChunkSize, raw) }()
	var wg sync.WaitGroup
	for _, in := range raw {
		wg.Add(1)
		go func() {
			defer wg.Done()
			storeChunks(ctx, in, stored, decode, store)
		}()
	}
	go func() { wg.Wait(); close(stored) }()
	rep, err := collectChunks(stored, opts, cancel)
	if err != nil {
		return rep, err
	}
	if err := <-readErr; err != nil {
		return rep, err
	}
	return rep, ctx.Err()
}

// storeChunks decodes and stores one worker's chunks until raw closes.
// Chunks hold disjoint lines and each upsert locks rows in key order, so
// concurrent chunks do not deadlock.
func storeChunks[T any](ctx context.Context, raw <-chan rawChunk, out chan<- storedChunk, decode func([]byte) T, store func(context.Context, []T) (Batch, error)) {
	for c := range raw {
		results := make([]T, len(c.lines))
		for i, line := range c.lines {
			results[i] = decode(line)
		}
		b, err := store(ctx, results)
		if err != nil {
			err = fmt.Errorf("lines %d-%d: %w", c.numbers[0], c.numbers[len(c.numbers)-1], err)
		}
		out <- storedChunk{seq: c.seq, batch: b, numbers: c.numbers, read: c.read, bytes: c.bytes, err: err}
	}
}

// collectChunks reports stored chunks in reading order; on the first error
// it cancels the rest.
func collectChunks(stored <-chan storedChunk, opts FileOptions, cancel func()) (FileReport, error) {
	rep := FileReport{Warnings: map[string]int{}}
	pending := map[int]storedChunk{}
	next := 0
	var firstErr error
	for c := range stored {
		if c.err != nil && firstErr == nil {
			firstErr = c.err
			cancel()
		}
		pending[c.seq] = c
		for done, ok := pending[next]; ok && firstErr == nil; done, ok = pending[next] {
			delete(pending, next)
			next++
			rep.record(done.batch, done.numbers, opts.OnProblem)
			rep.Lines = done.read
			if opts.OnChunk != nil {
				opts.OnChunk(done.read, done.bytes)
			}
		}
	}
	return rep, firstErr
}

// readChunks splits the input into chunks of raw lines, one run of chunks
// per worker (lines routed by partition); an over-long line becomes an
// invalid value so it is reported like any other bad line.
func readChunks(ctx context.Context, r io.Reader, size int, outs []chan rawChunk) error {
	defer func() {
		for _, o := range outs {
			close(o)
		}
	}()
	lr := feed.NewLineReader(r)
	parts := make([]rawChunk, len(outs))
	seq, read, total := 0, 0, int64(0)
	send := func(p int) bool {
		c := parts[p]
		c.seq, c.read, c.bytes = seq, read, total
		select {
		case outs[p] <- c:
			seq++
			parts[p] = rawChunk{}
			return true
		case <-ctx.Done():
			return false
		}
	}
	for {
		n, line, err := lr.Next()
		if err == io.EOF {
			break
		}
		if err != nil && !errors.Is(err, feed.ErrLineTooLong) {
			return fmt.Errorf("read line %d: %w", n+1, err)
		}
		if err != nil {
			line = []byte(`"line too long"`)
		}
		read++
		total += int64(len(line)) + 1
		p := partition(line, n, len(outs))
		parts[p].lines = append(parts[p].lines, bytes.Clone(line))
		parts[p].numbers = append(parts[p].numbers, n)
		if len(parts[p].lines) == size && !send(p) {
			return ctx.Err()
		}
	}
	for p := range parts {
		if len(parts[p].lines) > 0 && !send(p) {
			return ctx.Err()
		}
	}
	return nil
}

func (rep *FileReport) record(b Batch, lines []int, onProblem func(LineProblem)) {
	rep.Summary.Merge(b.Summary)
	if b.JobID != 0 {
		rep.JobIDs = append(rep.JobIDs, b.JobID)
	}
	for _, o := range b.Outcomes {
		for _, w := range o.Warnings {
			rep.Warnings[w.Code]++
		}
		if (o.Status == StatusRejected || o.Status == db.StatusStale) && onProblem != nil {
			onProblem(LineProblem{Line: lines[o.Index], SourceID: o.SourceID, Status: o.Status, Errors: o.Errors})
		}
	}
}
