package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strconv"
	"strings"

	"github.com/vethub/vethub/resolvers"
	"github.com/vethub/vethub/server"
)

const (
	defaultDatabaseURL = "postgres://postgres@127.0.0.1:5432/vethub?sslmode=disable"
	defaultAddr        = "127.0.0.1:8080"
	defaultRateLimit   = 50 // requests per second per token
	defaultRateBurst   = 100
	defaultMaxAliases  = 30
	defaultMaxDepth    = 12
	defaultComplexity  = 5000
	defaultMaxBodyMB   = 8
)

// config is what the commands read from the environment, overridden by
// flags. Each command binds only the groups it uses.
type config struct {
	databaseURL   string
	dbMaxConns    int
	pprofAddr     string
	addr          string
	logLevel      string
	logFormat     string
	ide           bool
	introspection bool
	rateLimit     float64
	rateBurst     int
	maxAliases    int
	maxDepth      int
	complexity    int
	maxBodyMB     int
	statsMinCount int
	statsBound    bool    // statsMinCount was bound to a flag, so it is checked
	envErrs       []error // malformed variables, reported as usage errors
}

// bindDatabase adds --database-url (DATABASE_URL).
func (c *config) bindDatabase(fs *flag.FlagSet) {
	fs.StringVar(&c.databaseURL, "database-url", envOr("DATABASE_URL", defaultDatabaseURL), "PostgreSQL `url` (env DATABASE_URL)")
}

// bindLog adds --log-level and --log-format (VETHUB_LOG_LEVEL, VETHUB_LOG_FORMAT).
func (c *config) bindLog(fs *flag.FlagSet) {
	fs.StringVar(&c.logLevel, "log-level", envOr("VETHUB_LOG_LEVEL", "info"), "debug, info, warn or error (env VETHUB_LOG_LEVEL)")
	fs.StringVar(&c.logFormat, "log-format", envOr("VETHUB_LOG_FORMAT", "text"), "text or json (env VETHUB_LOG_FORMAT)")
}

// bindServe adds the server's flags.
func (c *config) bindServe(fs *flag.FlagSet) {
	fs.StringVar(&c.addr, "addr", envOr("VETHUB_ADDR", defaultAddr), "listen `address` (env VETHUB_ADDR)")
	fs.BoolVar(&c.ide, "ide", c.envBool("VETHUB_IDE"), "serve the GraphiQL IDE at / (env VETHUB_IDE)")
	fs.BoolVar(&c.introspection, "introspection", c.envBool("VETHUB_INTROSPECTION"), "allow schema introspection (env VETHUB_INTROSPECTION)")
	fs.IntVar(&c.dbMaxConns, "db-max-conns", c.envInt("VETHUB_DB_MAX_CONNS", 0), "database pool size; 0 is pgx's default, max(4, CPUs) (env VETHUB_DB_MAX_CONNS)")
	fs.StringVar(&c.pprofAddr, "pprof-addr", envOr("VETHUB_PPROF_ADDR", ""), "serve Go profiles (net/http/pprof) on this separate `address`, e.g. 127.0.0.1:6060; off when empty (env VETHUB_PPROF_ADDR)")
	fs.Float64Var(&c.rateLimit, "rate-limit", c.envFloat("VETHUB_RATE_LIMIT", defaultRateLimit), "GraphQL requests per second each token may make; 0 is no limit (env VETHUB_RATE_LIMIT)")
	fs.IntVar(&c.rateBurst, "rate-burst", c.envInt("VETHUB_RATE_BURST", defaultRateBurst), "requests a token may make at once before --rate-limit applies (env VETHUB_RATE_BURST)")
	fs.IntVar(&c.maxAliases, "max-aliases", c.envInt("VETHUB_MAX_ALIASES", defaultMaxAliases), "aliased fields allowed in one operation; 0 is no limit (env VETHUB_MAX_ALIASES)")
	fs.IntVar(&c.maxDepth, "max-depth", c.envInt("VETHUB_MAX_DEPTH", defaultMaxDepth), "deepest field nesting allowed (env VETHUB_MAX_DEPTH)")
	fs.IntVar(&c.complexity, "max-complexity", c.envInt("VETHUB_MAX_COMPLEXITY", defaultComplexity), "highest query cost allowed, list sizes counted (env VETHUB_MAX_COMPLEXITY)")
	fs.IntVar(&c.maxBodyMB, "max-body-mb", c.envInt("VETHUB_MAX_BODY_MB", defaultMaxBodyMB), "largest request body in MiB (env VETHUB_MAX_BODY_MB)")
	c.bindStats(fs)
}

// bindStats adds --stats-min-count (VETHUB_STATS_MIN_COUNT).
func (c *config) bindStats(fs *flag.FlagSet) {
	c.statsBound = true
	fs.IntVar(&c.statsMinCount, "stats-min-count", c.envInt("VETHUB_STATS_MIN_COUNT", resolvers.DefaultStatsMinCount),
		"stats and reports suppress counts from 1 to below this, shown as <N; 1 shows all (env VETHUB_STATS_MIN_COUNT)")
}

// serverConfig is the server's configuration from the serve flags.
func (c *config) serverConfig() server.Config {
	return server.Config{Addr: c.addr, IDE: c.ide, Introspection: c.introspection,
		RateLimit: c.rateLimit, RateBurst: c.rateBurst, MaxAliases: c.maxAliases,
		MaxDepth: c.maxDepth, ComplexityLimit: c.complexity, MaxBodyBytes: int64(c.maxBodyMB) << 20}
}

// parse parses args into fs and checks the environment and the log
// settings; every failure is a usage error.
func (c *config) parse(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return errUsage // the flag package has printed the problem and the usage
	}
	if err := errors.Join(c.envErrs...); err != nil {
		return usagef("%v", err)
	}
	if !(c.rateLimit >= 0) || c.rateBurst < 0 || c.maxAliases < 0 {
		return usagef("--rate-limit, --rate-burst and --max-aliases must be numbers ≥ 0")
	}
	if c.statsBound && c.statsMinCount < 1 {
		return usagef("--stats-min-count must be ≥ 1 (1 suppresses nothing)")
	}
	if c.logLevel != "" {
		if _, err := parseLevel(c.logLevel); err != nil {
			return usagef("%v", err)
		}
		if c.logFormat != "text" && c.logFormat != "json" {
			return usagef("log format %q: want text or json", c.logFormat)
		}
	}
	return nil
}

// logger builds the logger the log flags describe, writing to stderr.
func (c *config) logger() *slog.Logger {
	return newLogger(os.Stderr, c.logLevel, c.logFormat)
}

func newLogger(w io.Writer, level, format string) *slog.Logger {
	lvl, _ := parseLevel(level)
	opts := &slog.HandlerOptions{Level: lvl}
	if format == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

func parseLevel(s string) (slog.Level, error) {
	var l slog.Level
	if err := l.UnmarshalText([]byte(s)); err != nil {
		return slog.LevelInfo, fmt.Errorf("log level %q: want debug, info, warn or error", s)
	}
	return l, nil
}

// envOr returns the environment variable key, or def when it is unset or
// empty.
func envOr(key, def string) string {
	if v := strings.TrimSpace(os.Getenv(key)); v != "" {
		return v
	}
	return def
}

func (c *config) envBool(key string) bool {
	v := envOr(key, "false")
	b, err := strconv.ParseBool(v)
	if err != nil {
		c.envErrs = append(c.envErrs, fmt.Errorf("%s=%q: want true or false", key, v))
	}
	return b
}

func (c *config) envInt(key string, def int) int {
	v := envOr(key, strconv.Itoa(def))
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 {
		c.envErrs = append(c.envErrs, fmt.Errorf("%s=%q: want a whole number ≥ 0", key, v))
	}
	return n
}

func (c *config) envFloat(key string, def float64) float64 {
	v := envOr(key, strconv.FormatFloat(def, 'g', -1, 64))
	f, err := strconv.ParseFloat(v, 64)
	if err != nil || !(f >= 0) {
		c.envErrs = append(c.envErrs, fmt.Errorf("%s=%q: want a number ≥ 0", key, v))
	}
	return f
}
