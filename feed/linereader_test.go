package feed

import (
	"errors"
	"io"
	"strings"
	"testing"
	"testing/iotest"
)

type numbered struct {
	n    int
	line string
}

func readAll(t *testing.T, lr *LineReader) ([]numbered, []int) {
	t.Helper()
	var got []numbered
	var tooLong []int
	for {
		n, line, err := lr.Next()
		switch {
		case errors.Is(err, io.EOF):
			return got, tooLong
		case errors.Is(err, ErrLineTooLong):
			tooLong = append(tooLong, n)
		case err != nil:
			t.Fatalf("Next: %v", err)
		default:
			got = append(got, numbered{n, string(line)})
		}
	}
}

func TestLineReader(t *testing.T) {
	t.Parallel()
	big := "{\"k\":\"" + strings.Repeat("字", 1<<20/3) + "\"}"
	tests := []struct {
		name    string
		in      string
		max     int
		want    []numbered
		tooLong []int
	}{
		{"plain", "a\nb\n", 0, []numbered{{1, "a"}, {2, "b"}}, nil},
		{"no final newline", "a\nb", 0, []numbered{{1, "a"}, {2, "b"}}, nil},
		{"blank lines counted", "\n\na\n  \t\n\nb\n\n", 0, []numbered{{3, "a"}, {6, "b"}}, nil},
		{"crlf", "a\r\n\r\nb\r\n", 0, []numbered{{1, "a"}, {3, "b"}}, nil},
		{"bom", "\xEF\xBB\xBFa\nb\n", 0, []numbered{{1, "a"}, {2, "b"}}, nil},
		{"bom on blank first line", "\xEF\xBB\xBF\r\na\n", 0, []numbered{{2, "a"}}, nil},
		{"bom only at start", "a\n\xEF\xBB\xBFb\n", 0, []numbered{{1, "a"}, {2, "\xEF\xBB\xBFb"}}, nil},
		{"1 MiB line", "a\n" + big + "\r\nb", 0, []numbered{{1, "a"}, {2, big}, {3, "b"}}, nil},
		{"too long skipped", "a\n" + big + "\nb\n", 1 << 16, []numbered{{1, "a"}, {3, "b"}}, []int{2}},
		{"short line over limit", "abcdef\nab\n", 4, []numbered{{2, "ab"}}, []int{1}},
		{"empty", "", 0, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			// HalfReader makes bufio see short reads, as from a pipe.
			lr := NewLineReader(iotest.HalfReader(strings.NewReader(tt.in)))
			lr.MaxLineBytes = tt.max
			got, tooLong := readAll(t, lr)
			if len(got) != len(tt.want) {
				t.Fatalf("got %d lines, want %d", len(got), len(tt.want))
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("line %d: got %d %.40q, want %d %.40q", i, got[i].n, got[i].line, tt.want[i].n, tt.want[i].line)
				}
			}
			if len(tooLong) != len(tt.tooLong) || (len(tooLong) > 0 && tooLong[0] != tt.tooLong[0]) {
				t.Errorf("too long lines %v, want %v", tooLong, tt.tooLong)
			}
		})
	}
}

func TestLineReaderReadError(t *testing.T) {
	t.Parallel()
	boom := errors.New("boom")
	lr := NewLineReader(io.MultiReader(strings.NewReader("a\n"), iotest.ErrReader(boom)))
	if n, line, err := lr.Next(); n != 1 || string(line) != "a" || err != nil {
		t.Fatalf("first: %d %q %v", n, line, err)
	}
	if _, _, err := lr.Next(); !errors.Is(err, boom) {
		t.Fatalf("second: %v, want boom", err)
	}
}
