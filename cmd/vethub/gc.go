package main

import (
	"os"
	"runtime/debug"
)

// gcPercentDefault sets the garbage collector's target to percent unless
// the user set GOGC; GOMEMLIMIT still caps the heap either way.
func gcPercentDefault(percent int) {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(percent)
	}
}
