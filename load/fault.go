//go:build duckdb_arrow

package load

import (
	"os"
	"syscall"
)

// Fault kills the process with SIGKILL at the named point when the
// environment variable KLACHT_FAULT names it. Crash tests use it to prove
// that a run killed at any of these points leaves the previous warehouse
// intact: locked, loaded, closed (working copy written, not yet renamed),
// published (renamed, run log not yet written).
func Fault(point string) {
	if os.Getenv("KLACHT_FAULT") == point {
		syscall.Kill(os.Getpid(), syscall.SIGKILL)
	}
}
