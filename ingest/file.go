package ingest

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/vethub/vethub/db"
	"github.com/vethub/vethub/feed"
)

// FileOptions tune ImportRecords and ImportPostings.
type FileOptions struct {
	ChunkSize int               // lines per transaction; 0 means 20,000
	OnProblem func(LineProblem) // called for every rejected or stale line
	OnChunk   func(lines int)   // called after each stored chunk with the lines read so far
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

// ImportRecords loads an NDJSON feed of one department: lines are decoded
// and validated while the previous chunk is being stored, each chunk in one
// transaction (COPY into staging, one upsert, its linkage job). A bad line
// is reported through OnProblem and never stops the rest; re-importing the
// same file writes nothing.
func (s *Service) ImportRecords(ctx context.Context, dept feed.Department, r io.Reader, opts FileOptions) (FileReport, error) {
	decode := func(line []byte) feed.Result { return feed.DecodeRecord(dept, line) }
	return importFile(ctx, r, opts, decode, s.Records)
}

// ImportPostings loads an NDJSON feed of job postings like ImportRecords.
func (s *Service) ImportPostings(ctx context.Context, r io.Reader, opts FileOptions) (FileReport, error) {
	return importFile(ctx, r, opts, feed.DecodeJob, s.Postings)
}

// chunk is a run of decoded lines with their line numbers.
type chunk[T any] struct {
	results []T
	lines   []int
	read    int // lines read so far, including this chunk
	err     error
}

func importFile[T any](ctx context.Context, r io.Reader, opts FileOptions, decode func([]byte) T, store func(context.Context, []T) (Batch, error)) (FileReport, error) {
	if opts.ChunkSize <= 0 {
		opts.ChunkSize = 20000
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	chunks := make(chan chunk[T], 1) // decode one chunk ahead of the database
	go readChunks(ctx, r, opts.ChunkSize, decode, chunks)
	rep := FileReport{Warnings: map[string]int{}}
	for c := range chunks {
		if c.err != nil {
			return rep, c.err
		}
		b, err := store(ctx, c.results)
		if err != nil {
			return rep, fmt.Errorf("lines %d-%d: %w", c.lines[0], c.lines[len(c.lines)-1], err)
		}
		rep.record(b, c.lines, opts.OnProblem)
		rep.Lines = c.read
		if opts.OnChunk != nil {
			opts.OnChunk(c.read)
		}
	}
	return rep, ctx.Err()
}

func readChunks[T any](ctx context.Context, r io.Reader, size int, decode func([]byte) T, out chan<- chunk[T]) {
	defer close(out)
	lr := feed.NewLineReader(r)
	c := chunk[T]{}
	send := func() bool {
		select {
		case out <- c:
			c = chunk[T]{read: c.read}
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
			c.err = fmt.Errorf("read line %d: %w", n+1, err)
			send()
			return
		}
		c.read++
		c.results = append(c.results, decodeOrTooLong(decode, line, err))
		c.lines = append(c.lines, n)
		if len(c.results) == size && !send() {
			return
		}
	}
	if len(c.results) > 0 {
		send()
	}
}

// decodeOrTooLong decodes a line; an over-long line decodes as an empty one,
// which fails validation, so it is reported like any other bad line.
func decodeOrTooLong[T any](decode func([]byte) T, line []byte, err error) T {
	if err != nil {
		return decode([]byte(`"line too long"`))
	}
	return decode(line)
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
