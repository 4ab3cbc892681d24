// Package parallel splits CPU-bound loops over the machine's cores.
package parallel

import (
	"runtime"
	"sync"
)

// Chunks runs fn over [0, n) in contiguous chunks, one per CPU, and
// returns when all are done.
func Chunks(n int, fn func(from, to int)) {
	if n == 0 {
		return
	}
	workers := runtime.GOMAXPROCS(0)
	chunk := (n + workers - 1) / workers
	var wg sync.WaitGroup
	for from := 0; from < n; from += chunk {
		wg.Go(func() { fn(from, min(from+chunk, n)) })
	}
	wg.Wait()
}
