package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"time"

	"github.com/vethub/vethub/db"
	"github.com/vethub/vethub/graph"
	"github.com/vethub/vethub/ingest"
	"github.com/vethub/vethub/jobs"
	"github.com/vethub/vethub/resolvers"
	"github.com/vethub/vethub/server"
)

const serveUsage = `usage: vethub serve [flags]

Runs the hub: migrates the database, starts the background job workers
(record linkage), and serves until SIGINT or SIGTERM, then stops gracefully
(HTTP first, then the workers, then the database pool).

  /graphql  the GraphQL endpoint; every request needs Authorization: Bearer <token>
            (make one with "vethub token create")
  /         the GraphiQL IDE, with --ide; set the token in its Headers pane:
            {"Authorization": "Bearer vh_…"}
  /healthz  liveness; /readyz readiness (database and schema); /metrics Prometheus

Environment: DATABASE_URL, VETHUB_ADDR, VETHUB_IDE, VETHUB_INTROSPECTION,
VETHUB_DB_MAX_CONNS, VETHUB_LOG_LEVEL, VETHUB_LOG_FORMAT, VETHUB_RATE_LIMIT,
VETHUB_RATE_BURST, VETHUB_MAX_ALIASES, VETHUB_MAX_DEPTH, VETHUB_MAX_COMPLEXITY,
VETHUB_MAX_BODY_MB, VETHUB_STATS_MIN_COUNT (flags override);
GOGC (default 800 here, not Go's 100) and GOMEMLIMIT tune the garbage
collector.

Flags:
`

// serveGCPercent is the garbage collector's target unless GOGC is set. The
// server's live heap is a few MB, so Go's default of 100 collects every
// hundred or so requests and GC takes a large share of the CPU; 800 lets
// the heap grow to nine times the live data (about 32 MB under load,
// 60 MB resident) and collects an eighth as often. GOMEMLIMIT still caps it.
const serveGCPercent = 800

// workerStopGrace bounds how long running jobs get to finish on shutdown.
const workerStopGrace = 30 * time.Second

func runServe(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	var c config
	c.bindServe(fs)
	c.bindDatabase(fs)
	c.bindLog(fs)
	fs.Usage = func() { fmt.Fprint(fs.Output(), serveUsage); fs.PrintDefaults() }
	if err := c.parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("serve takes no arguments, got %q", fs.Arg(0))
	}
	log := c.logger()
	slog.SetDefault(log) // libraries that log on their own follow the flags too
	gcPercentDefault(serveGCPercent)
	return serve(ctx, c, log)
}

// serve runs everything until ctx ends.
func serve(ctx context.Context, c config, log *slog.Logger) error {
	store, err := db.Open(ctx, c.databaseURL, int32(c.dbMaxConns))
	if err != nil {
		return err
	}
	defer store.Close()
	mig, err := store.Migrate(ctx)
	if err != nil {
		return err
	}
	log.Info("database ready", "schema_version", mig.Version, "applied", len(mig.Applied))
	startPprof(ctx, c.pprofAddr, log)
	// The workers outlive the signal: they stop only after HTTP has.
	runner, err := jobs.Start(context.WithoutCancel(ctx), store, log)
	if err != nil {
		return err
	}
	defer stopWorkers(runner, log)
	return serveHTTP(ctx, c, store, runner, log)
}

func serveHTTP(ctx context.Context, c config, store *db.Store, runner *jobs.Runner, log *slog.Logger) error {
	res := resolvers.New(resolvers.Deps{Store: store, Ingest: ingest.New(store, runner), Logger: log,
		StatsMinCount: c.statsMinCount})
	srv := server.New(c.serverConfig(), server.Deps{
		Store:          store,
		Schema:         graph.NewExecutableSchema(res.Config()),
		Logger:         log,
		RequestScope:   res.RequestScope,
		AfterOperation: res.AuditReads,
	})
	ln, err := net.Listen("tcp", c.addr)
	if err != nil {
		return fmt.Errorf("listen: %w", err)
	}
	base := "http://" + displayAddr(ln.Addr())
	log.Info("serving GraphQL", "url", base+"/graphql", "introspection", c.introspection)
	if c.ide {
		log.Info("GraphQL IDE", "url", base+"/",
			"hint", `open Headers and set {"Authorization": "Bearer <token>"}; make a token with: vethub token create --role admin`)
	}
	err = server.Serve(ctx, srv, ln)
	log.Info("http server stopped")
	return err
}

func stopWorkers(runner *jobs.Runner, log *slog.Logger) {
	ctx, cancel := context.WithTimeout(context.Background(), workerStopGrace)
	defer cancel()
	if err := runner.Stop(ctx); err != nil {
		log.Warn("job workers stop", "error", err.Error())
		return
	}
	log.Info("job workers stopped")
}

// displayAddr makes a listening address clickable: an unspecified host
// (":8080", "0.0.0.0") is shown as localhost.
func displayAddr(a net.Addr) string {
	tcp, ok := a.(*net.TCPAddr)
	if !ok || !tcp.IP.IsUnspecified() {
		return a.String()
	}
	return fmt.Sprintf("localhost:%d", tcp.Port)
}
