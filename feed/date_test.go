package feed

import (
	"encoding/json"
	"testing"
	"time"
)

func TestParseDate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want Date
		ok   bool
	}{
		{"2024-02-29", NewDate(2024, 2, 29), true},
		{"2023-02-29", Date{}, false},
		{"2024-04-31", Date{}, false},
		{"2024-4-01", Date{}, false},
		{"2024-04-01T00:00:00Z", Date{}, false},
		{"0000-01-01", Date{}, false},
		{"0001-01-01", Date{}, false},
		{"1000-01-01", NewDate(1000, 1, 1), true},
		{"+024-01-01", Date{}, false},
		{"", Date{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			t.Parallel()
			got, err := ParseDate(tt.in)
			if got != tt.want || (err == nil) != tt.ok {
				t.Errorf("ParseDate(%q) = %v, %v", tt.in, got, err)
			}
		})
	}
}

func TestDateJSON(t *testing.T) {
	t.Parallel()
	type wrap struct {
		D Date `json:"d"`
		Z Date `json:"z,omitzero"`
	}
	b, err := json.Marshal(wrap{D: NewDate(1985, time.July, 14)})
	if err != nil || string(b) != `{"d":"1985-07-14"}` {
		t.Fatalf("Marshal = %s, %v", b, err)
	}
	var w wrap
	if err := json.Unmarshal([]byte(`{"d":"1985-07-14","z":null}`), &w); err != nil || w.D != NewDate(1985, 7, 14) || !w.Z.IsZero() {
		t.Fatalf("Unmarshal = %+v, %v", w, err)
	}
	for _, bad := range []string{`{"d":"1985-7-14"}`, `{"d":19850714}`} {
		if err := json.Unmarshal([]byte(bad), &w); err == nil {
			t.Errorf("Unmarshal(%s) succeeded", bad)
		}
	}
	if s := (Date{}).String(); s != "" {
		t.Errorf("zero String = %q", s)
	}
}
