package main

import (
	"context"
	"log/slog"
	"net/http"
	"net/http/pprof"
	"os"
	rpprof "runtime/pprof"
	"time"
)

// startPprof serves Go's profiles on their own listener, so they are never
// reachable through the public address. It stops when ctx ends.
func startPprof(ctx context.Context, addr string, log *slog.Logger) {
	if addr == "" {
		return
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/debug/pprof/", pprof.Index)
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("/debug/pprof/trace", pprof.Trace)
	mux.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
	srv := &http.Server{Addr: addr, Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	go func() {
		log.Info("serving profiles", "url", "http://"+addr+"/debug/pprof/")
		if err := srv.ListenAndServe(); err != nil && err != http.ErrServerClosed {
			log.Warn("pprof listener", "error", err.Error())
		}
	}()
	go func() {
		<-ctx.Done()
		srv.Close()
	}()
}

// startCPUProfile writes a CPU profile of the whole command to path when it
// is set (VETHUB_CPUPROFILE), for measuring import and gen; the returned
// function stops it.
func startCPUProfile(path string) func() {
	if path == "" {
		return func() {}
	}
	f, err := os.Create(path)
	if err == nil {
		err = rpprof.StartCPUProfile(f)
	}
	if err != nil {
		slog.Warn("cpu profile", "error", err.Error())
		return func() {}
	}
	return func() { rpprof.StopCPUProfile(); f.Close() }
}
