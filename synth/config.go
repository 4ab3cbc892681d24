package synth

import (
	"errors"
	"fmt"
	"maps"
	"runtime"
	"strconv"
	"strings"
	"time"
)

// DefaultToday is the reference date used when Config.Today is zero, so that
// output never depends on the wall clock.
var DefaultToday = time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)

// Noise presets accepted by ParseNoise.
const (
	NoiseLow     = 0.05
	NoiseDefault = 0.15
	NoiseHigh    = 0.35
)

// DefaultJobMatchCap is how many job matches per job seeker truth/jobs.ndjson
// lists when Config.JobMatchCap is not set.
const DefaultJobMatchCap = 20

// Config holds the generation parameters. The zero value of every field but
// Persons has a documented default.
type Config struct {
	Persons int     // number of true persons; at least 1
	Jobs    int     // job postings; ≤ 0 means max(20, Persons/10)
	Seed    uint64  // same Config and Seed ⇒ byte-identical output
	Noise   float64 // 0..1: scales every identity error rate (see ParseNoise)
	// Today is the reference date: ages, asOf dates, recent discharges and
	// closing dates are relative to it. Zero means DefaultToday.
	Today time.Time
	// Workers is the number of generating goroutines; ≤ 0 means GOMAXPROCS.
	// It never changes the output.
	Workers int
	// DibaoStandards maps a 6-digit county code to its monthly per-capita
	// 低保 standard in yuan; nil means DefaultDibaoStandards. Every seed
	// county needs one.
	DibaoStandards map[string]float64
	// JobMatchCap bounds the matches listed per job seeker in
	// truth/jobs.ndjson (best first); ≤ 0 means DefaultJobMatchCap.
	JobMatchCap int
}

// DefaultDibaoStandards returns the monthly per-capita 低保 standards (yuan)
// used when Config.DibaoStandards is nil. They are illustrative parameters
// near the published 2024 levels, not official figures:
// 开化县 (Zhejiang) 1,100; 南谯区 (Anhui) 850; 坪山区 (Shenzhen) 1,400;
// 赤壁市 (Hubei) 780.
func DefaultDibaoStandards() map[string]float64 {
	return map[string]float64{"330824": 1100, "341103": 850, "440310": 1400, "421281": 780}
}

// ParseNoise reads a noise level: a share from 0 to 1 ("0.2") or one of the
// presets none (0), low (0.05), default (0.15) and high (0.35). It fails for
// anything else.
func ParseNoise(s string) (float64, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "none":
		return 0, nil
	case "low":
		return NoiseLow, nil
	case "", "default":
		return NoiseDefault, nil
	case "high":
		return NoiseHigh, nil
	}
	v, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil || v < 0 || v > 1 {
		return 0, fmt.Errorf("noise %q: want a share from 0 to 1 or one of none, low, default, high", s)
	}
	return v, nil
}

// withDefaults validates cfg and fills in the defaults.
func (cfg Config) withDefaults() (Config, error) {
	if cfg.Persons < 1 {
		return cfg, errors.New("synth: Persons must be at least 1")
	}
	if cfg.Persons > maxPersons {
		return cfg, fmt.Errorf("synth: Persons must be at most %d", maxPersons)
	}
	if cfg.Noise < 0 || cfg.Noise > 1 {
		return cfg, fmt.Errorf("synth: Noise %g outside 0..1", cfg.Noise)
	}
	if cfg.Jobs <= 0 {
		cfg.Jobs = max(20, cfg.Persons/10)
	}
	if cfg.Today.IsZero() {
		cfg.Today = DefaultToday
	}
	if cfg.Today.Year() < 1990 || cfg.Today.Year() > 2200 {
		return cfg, fmt.Errorf("synth: Today %s outside 1990..2200", cfg.Today.Format(time.DateOnly))
	}
	if cfg.Workers <= 0 {
		cfg.Workers = runtime.GOMAXPROCS(0)
	}
	if cfg.JobMatchCap <= 0 {
		cfg.JobMatchCap = DefaultJobMatchCap
	}
	if cfg.DibaoStandards == nil {
		cfg.DibaoStandards = DefaultDibaoStandards()
	} else {
		cfg.DibaoStandards = maps.Clone(cfg.DibaoStandards)
	}
	for code, v := range cfg.DibaoStandards {
		if v <= 0 {
			return cfg, fmt.Errorf("synth: 低保 standard for %s must be positive", code)
		}
	}
	return cfg, nil
}
