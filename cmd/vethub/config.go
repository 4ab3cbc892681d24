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
)

const (
	defaultDatabaseURL = "postgres://postgres@127.0.0.1:5432/vethub?sslmode=disable"
	defaultAddr        = "127.0.0.1:8080"
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
	fs.IntVar(&c.dbMaxConns, "db-max-conns", c.envInt("VETHUB_DB_MAX_CONNS"), "database pool size; 0 is pgx's default, max(4, CPUs) (env VETHUB_DB_MAX_CONNS)")
	fs.StringVar(&c.pprofAddr, "pprof-addr", envOr("VETHUB_PPROF_ADDR", ""), "serve Go profiles (net/http/pprof) on this separate `address`, e.g. 127.0.0.1:6060; off when empty (env VETHUB_PPROF_ADDR)")
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

func (c *config) envInt(key string) int {
	v := envOr(key, "0")
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 {
		c.envErrs = append(c.envErrs, fmt.Errorf("%s=%q: want a whole number ≥ 0", key, v))
	}
	return n
}
