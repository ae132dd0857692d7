//go:build duckdb_arrow

package load

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"syscall"
	"time"
)

// ErrBusy means another klacht run holds the warehouse's lock.
var ErrBusy = errors.New("another klacht run holds the lock")

// Lock takes the lock that lets one writer at a time (import or rebuild)
// work on the warehouse at path: an flock on path+".lock", which the kernel
// releases when the process ends, however it ends. It waits up to timeout
// (0: not at all), then returns ErrBusy with what the holder wrote into the
// lock file. unlock releases it.
func Lock(ctx context.Context, path string, timeout time.Duration, holder string) (unlock func(), err error) {
	name := path + ".lock"
	f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("open lock %q: %w", name, err)
	}
	deadline := time.Now().Add(timeout)
	for {
		err = syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		if err == nil {
			break
		}
		if !errors.Is(err, syscall.EWOULDBLOCK) {
			f.Close()
			return nil, fmt.Errorf("lock %q: %w", name, err)
		}
		if !time.Now().Before(deadline) {
			b, _ := os.ReadFile(name)
			f.Close()
			return nil, fmt.Errorf("%w on %s (%s); waited %s (--lock-timeout)", ErrBusy, name, strings.TrimSpace(string(b)), timeout)
		}
		select {
		case <-ctx.Done():
			f.Close()
			return nil, ctx.Err()
		case <-time.After(min(200*time.Millisecond, time.Until(deadline)+time.Millisecond)):
		}
	}
	if err := f.Truncate(0); err == nil {
		fmt.Fprintf(f, "pid %d, %s, since %s\n", os.Getpid(), holder, time.Now().Format(time.RFC3339))
	}
	return func() {
		f.Truncate(0)
		syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
		f.Close()
	}, nil
}
