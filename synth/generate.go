package synth

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"
)

// Generate writes the synthetic feeds and their truth into outDir (created
// if needed; existing files of the same names are replaced). See
// GenerateContext.
func Generate(cfg Config, outDir string) (Stats, error) {
	return GenerateContext(context.Background(), cfg, outDir)
}

// GenerateContext is Generate with cancellation. It fails on an invalid
// Config, on a write error, or when ctx ends; files may then be partial.
func GenerateContext(ctx context.Context, cfg Config, outDir string) (Stats, error) {
	start := time.Now()
	cfg, err := cfg.withDefaults()
	if err != nil {
		return Stats{}, err
	}
	w, err := newWorld(cfg)
	if err != nil {
		return Stats{}, err
	}
	out, err := createOutputs(outDir)
	if err != nil {
		return Stats{}, err
	}
	stats, err := w.writeAll(ctx, out)
	if cerr := out.close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = w.writeParams(filepath.Join(outDir, "truth", "params.json"), stats)
	}
	stats.Elapsed = time.Since(start)
	return stats, err
}

func (w *world) writeAll(ctx context.Context, out *outputs) (Stats, error) {
	var b []byte
	for i := range w.jobs {
		b = appendJob(b, &w.jobs[i])
		if len(b) > 1<<20 || i == len(w.jobs)-1 {
			if _, err := out.jobs.Write(b); err != nil {
				return Stats{}, err
			}
			b = b[:0]
		}
	}
	stats, err := w.run(ctx, out.writeShard)
	stats.Jobs = len(w.jobs)
	return stats, err
}

// run builds the shards on cfg.Workers goroutines and hands them to sink
// in shard order. At most 2×Workers shards are in flight, which bounds
// memory whatever the population size.
func (w *world) run(ctx context.Context, sink func(*shard) error) (Stats, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	n := (w.cfg.Persons + shardSize - 1) / shardSize
	workers := w.cfg.Workers
	idDone := make([]chan struct{}, n)
	for i := range idDone {
		idDone[i] = make(chan struct{})
	}
	inflight := make(chan struct{}, 2*workers)
	work := make(chan int)
	results := make(chan *shard, 2*workers)
	go dispatch(ctx, n, inflight, work)
	var (
		wg       sync.WaitGroup
		errMu    sync.Mutex
		firstErr error
	)
	fail := func(err error) {
		errMu.Lock()
		if firstErr == nil {
			firstErr = err
		}
		errMu.Unlock()
		cancel()
	}
	reg := newIDRegistry(w.cfg.Persons)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for s := range work {
				sh, err := w.buildShard(ctx, s, reg, idDone)
				if err != nil {
					fail(err)
					return
				}
				results <- sh
			}
		}()
	}
	go func() { wg.Wait(); close(results) }()
	var stats Stats
	pending := map[int]*shard{}
	next := 0
	for sh := range results {
		pending[sh.idx] = sh
		for p := pending[next]; p != nil; p = pending[next] {
			delete(pending, next)
			if err := sink(p); err != nil {
				fail(err)
			}
			stats.add(&p.stats, p.persons)
			next++
			<-inflight
		}
	}
	if firstErr == nil && next < n {
		firstErr = ctx.Err()
	}
	return stats, firstErr
}

// dispatch hands out shard numbers in order, waiting for a free slot.
func dispatch(ctx context.Context, n int, inflight chan struct{}, work chan<- int) {
	defer close(work)
	for s := range n {
		if ctx.Err() != nil {
			return
		}
		select {
		case inflight <- struct{}{}:
		case <-ctx.Done():
			return
		}
		select {
		case work <- s:
		case <-ctx.Done():
			return
		}
	}
}

// outputs are the open output files.
type outputs struct {
	files   [numOut]*os.File
	writers [numOut]*bufio.Writer
	jobsF   *os.File
	jobs    *bufio.Writer
}

func createOutputs(dir string) (*outputs, error) {
	if err := os.MkdirAll(filepath.Join(dir, "truth"), 0o755); err != nil {
		return nil, fmt.Errorf("synth: %w", err)
	}
	o := &outputs{}
	open := func(name string) (*os.File, *bufio.Writer, error) {
		f, err := os.Create(filepath.Join(dir, name))
		if err != nil {
			return nil, nil, fmt.Errorf("synth: %w", err)
		}
		return f, bufio.NewWriterSize(f, 1<<20), nil
	}
	var err error
	if o.jobsF, o.jobs, err = open("jobs.ndjson"); err != nil {
		return nil, err
	}
	for k, name := range outFiles {
		if o.files[k], o.writers[k], err = open(name); err != nil {
			o.close()
			return nil, err
		}
	}
	return o, nil
}

func (o *outputs) writeShard(sh *shard) error {
	for k, b := range sh.out {
		if _, err := o.writers[k].Write(b); err != nil {
			return fmt.Errorf("synth: write %s: %w", outFiles[k], err)
		}
	}
	return nil
}

// close flushes and closes every file, returning the first error.
func (o *outputs) close() error {
	var errs []error
	flushClose := func(f *os.File, bw *bufio.Writer) {
		if f == nil {
			return
		}
		errs = append(errs, bw.Flush(), f.Close())
	}
	flushClose(o.jobsF, o.jobs)
	for k := range o.files {
		flushClose(o.files[k], o.writers[k])
	}
	return errors.Join(errs...)
}
