package db

import (
	"strings"
	"testing"
)

func TestPrefixEnd(t *testing.T) {
	t.Parallel()
	tests := []struct{ prefix, want string }{
		{"330824", "330825"},
		{"33082", "33083"},
		{"张", "弡"}, // U+5F20 → U+5F21
		{"a\uD7FF", "a\uE000"},
		{"a\U0010FFFF", "b"},
	}
	for _, tt := range tests {
		t.Run(tt.prefix, func(t *testing.T) {
			t.Parallel()
			got := prefixEnd(tt.prefix)
			if got != tt.want {
				t.Fatalf("prefixEnd(%q) = %q, want %q", tt.prefix, got, tt.want)
			}
			if !(tt.prefix+"\U0010FFFF" < got) || strings.HasPrefix(got, tt.prefix) {
				t.Fatalf("%q does not bound the strings starting with %q", got, tt.prefix)
			}
		})
	}
}
