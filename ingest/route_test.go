package ingest

import (
	"bytes"
	"testing"
)

func TestIDRouteKey(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, line, want string
	}{
		{"18 digits", `{"sourceId":"a","idNumber":"11010519491231002X"}`, "11010519491231002"},
		{"15-digit legacy routes like its upgrade", `{"idNumber": "110105491231002"}`, "11010519491231002"},
		{"none", `{"sourceId":"a"}`, ""},
		{"null", `{"idNumber":null}`, ""},
		{"odd length", `{"idNumber":"123"}`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := idRouteKey([]byte(tt.line)); !bytes.Equal(got, []byte(tt.want)) && !(got == nil && tt.want == "") {
				t.Errorf("key = %q, want %q", got, tt.want)
			}
		})
	}
	a := partition([]byte(`{"idNumber":"11010519491231002X"}`), 1, 3)
	b := partition([]byte(`{"idNumber":"110105491231002"}`), 2, 3)
	if a != b {
		t.Errorf("both forms of one ID go to workers %d and %d", a, b)
	}
}
