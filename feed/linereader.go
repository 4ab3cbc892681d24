package feed

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
)

// DefaultMaxLineBytes bounds a line when LineReader.MaxLineBytes is 0.
const DefaultMaxLineBytes = 64 << 20

// ErrLineTooLong is wrapped by the error Next returns for a line longer
// than MaxLineBytes. The line is skipped and reading may continue.
var ErrLineTooLong = errors.New("feed: line too long")

// LineReader reads an NDJSON stream line by line with 1-based line
// numbers. It strips a UTF-8 byte order mark at the start and a trailing
// \r, skips blank lines (still counting them), and handles lines of any
// length up to MaxLineBytes.
type LineReader struct {
	// MaxLineBytes bounds a line; 0 means DefaultMaxLineBytes.
	MaxLineBytes int

	r    *bufio.Reader
	n    int    // number of the last line read
	long []byte // assembles lines longer than the bufio buffer
}

// NewLineReader returns a LineReader reading from r.
func NewLineReader(r io.Reader) *LineReader {
	return &LineReader{r: bufio.NewReaderSize(r, 64<<10)}
}

// Next returns the next non-blank line and its number. The bytes are valid
// only until the next call (DecodeRecord and DecodeJob copy what they keep).
// At the end of the input it returns io.EOF. For a line over MaxLineBytes it
// returns the line's number, nil and an error wrapping ErrLineTooLong, after
// which Next may be called again; any other error is the reader's and final.
func (lr *LineReader) Next() (int, []byte, error) {
	for {
		line, err := lr.readLine()
		if err != nil {
			return lr.n, nil, err
		}
		if lr.n == 1 {
			line = bytes.TrimPrefix(line, []byte("\xEF\xBB\xBF"))
		}
		line = bytes.TrimSuffix(line, []byte{'\r'})
		if len(bytes.TrimSpace(line)) > 0 {
			return lr.n, line, nil
		}
	}
}

// readLine returns the next line without its \n, counting it.
func (lr *LineReader) readLine() ([]byte, error) {
	line, err := lr.r.ReadSlice('\n')
	if err == nil || (err == io.EOF && len(line) > 0) {
		lr.n++
		line = bytes.TrimSuffix(line, []byte{'\n'})
		if len(line) > lr.limit() {
			return nil, lr.tooLong()
		}
		return line, nil
	}
	if err != bufio.ErrBufferFull {
		return nil, err
	}
	lr.n++
	return lr.readLongLine(line)
}

// readLongLine assembles a line that overflowed the buffer, or drains it
// when it exceeds the limit.
func (lr *LineReader) readLongLine(first []byte) ([]byte, error) {
	limit := lr.limit()
	if cap(lr.long) > 4<<20 {
		lr.long = nil // let a buffer grown by an earlier huge line go
	}
	lr.long = append(lr.long[:0], first...)
	tooLong := false
	for {
		part, err := lr.r.ReadSlice('\n')
		if !tooLong && len(lr.long)+len(part) > limit+1 { // +1 for the \n
			tooLong, lr.long = true, lr.long[:0]
		}
		if !tooLong {
			lr.long = append(lr.long, part...)
		}
		switch {
		case err == bufio.ErrBufferFull:
			continue
		case err != nil && err != io.EOF:
			return nil, err
		}
		line := bytes.TrimSuffix(lr.long, []byte{'\n'})
		if tooLong || len(line) > limit {
			return nil, lr.tooLong()
		}
		return line, nil
	}
}

func (lr *LineReader) limit() int {
	if lr.MaxLineBytes <= 0 {
		return DefaultMaxLineBytes
	}
	return lr.MaxLineBytes
}

func (lr *LineReader) tooLong() error {
	return fmt.Errorf("line %d is over %d bytes: %w", lr.n, lr.limit(), ErrLineTooLong)
}
