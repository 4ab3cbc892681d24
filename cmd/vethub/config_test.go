package main

import (
	"flag"
	"io"
	"strings"
	"testing"

	"github.com/vethub/vethub/server"
)

// TestServeLimits checks the rate and alias settings: defaults,
// environment, flags over environment, and malformed values. Not
// parallel: it sets environment variables.
func TestServeLimits(t *testing.T) {
	tests := []struct {
		name    string
		env     map[string]string
		args    []string
		want    server.Config
		wantErr string
	}{
		{"defaults", nil, nil, server.Config{RateLimit: 50, RateBurst: 100, MaxAliases: 30}, ""},
		{"environment", map[string]string{"VETHUB_RATE_LIMIT": "0.5", "VETHUB_RATE_BURST": "3", "VETHUB_MAX_ALIASES": "0"},
			nil, server.Config{RateLimit: 0.5, RateBurst: 3, MaxAliases: 0}, ""},
		{"flags over environment", map[string]string{"VETHUB_RATE_LIMIT": "7"},
			[]string{"--rate-limit", "0", "--rate-burst", "9", "--max-aliases", "12"}, server.Config{RateLimit: 0, RateBurst: 9, MaxAliases: 12}, ""},
		{"malformed environment", map[string]string{"VETHUB_RATE_LIMIT": "fast"}, nil, server.Config{}, "VETHUB_RATE_LIMIT"},
		{"negative environment", map[string]string{"VETHUB_MAX_ALIASES": "-1"}, nil, server.Config{}, "VETHUB_MAX_ALIASES"},
		{"negative flag", nil, []string{"--rate-burst", "-1"}, server.Config{}, "≥ 0"},
		{"NaN flag", nil, []string{"--rate-limit", "NaN"}, server.Config{}, "≥ 0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, k := range []string{"VETHUB_RATE_LIMIT", "VETHUB_RATE_BURST", "VETHUB_MAX_ALIASES"} {
				t.Setenv(k, tt.env[k])
			}
			fs := flag.NewFlagSet("serve", flag.ContinueOnError)
			fs.SetOutput(io.Discard)
			var c config
			c.bindServe(fs)
			err := c.parse(fs, tt.args)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error %v, want one naming %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			got := c.serverConfig()
			if got.RateLimit != tt.want.RateLimit || got.RateBurst != tt.want.RateBurst || got.MaxAliases != tt.want.MaxAliases {
				t.Fatalf("rate %g burst %d aliases %d, want %g %d %d", got.RateLimit, got.RateBurst, got.MaxAliases,
					tt.want.RateLimit, tt.want.RateBurst, tt.want.MaxAliases)
			}
		})
	}
}
