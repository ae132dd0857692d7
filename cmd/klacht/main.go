package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"runtime/debug"
	"runtime/pprof"
	"strings"
	"syscall"

	"github.com/spf13/cobra"
	"github.com/spf13/viper"

	"github.com/svmn/klacht/config"
	"github.com/svmn/klacht/load"
)

// Exit codes, documented in the README.
const (
	exitOK      = 0 // done; nothing was rejected
	exitFailure = 1 // the command failed; the warehouse is as it was
	exitUsage   = 2 // bad command line or configuration
	exitRejects = 3 // done and published, but rows, cells or files were rejected: see 'klacht query rejects'
	exitBusy    = 4 // another run holds the lock: nothing was done
)

// usageError marks errors in how klacht was called.
type usageError struct{ error }

// exitError carries an exit code out of a command that did its work.
type exitError struct{ code int }

func (e exitError) Error() string { return fmt.Sprintf("exit %d", e.code) }

// app is what every command shares: the settings and the logger.
type app struct {
	configFile string
	v          *viper.Viper
	cfg        *config.Config
	log        *slog.Logger
}

func main() {
	if path := os.Getenv("KLACHT_CPUPROFILE"); path != "" { // for profiling: docs/performance.md
		if f, err := os.Create(path); err == nil {
			pprof.StartCPUProfile(f)
			defer pprof.StopCPUProfile()
		}
	}
	if os.Getenv("GOGC") == "" {
		// The heap is mostly flat byte buffers (batches, shared strings),
		// cheap to collect: collecting at 1.5 times the live heap rather
		// than 2 keeps peak memory down at no measurable cost.
		debug.SetGCPercent(50)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	pprof.StopCPUProfile()
	os.Exit(code)
}

// run runs klacht with args and returns its exit code.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	a := &app{log: slog.New(slog.NewTextHandler(stderr, nil))}
	root := a.root()
	root.SetArgs(args)
	root.SetOut(stdout)
	root.SetErr(stderr)
	err := root.ExecuteContext(ctx)
	var ee exitError
	var ue usageError
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &ee):
		return ee.code
	case errors.As(err, &ue):
		fmt.Fprintln(stderr, "klacht:", err)
		return exitUsage
	case errors.Is(err, load.ErrBusy):
		fmt.Fprintln(stderr, "klacht:", err)
		return exitBusy
	default:
		fmt.Fprintln(stderr, "klacht:", err)
		return exitFailure
	}
}

func (a *app) root() *cobra.Command {
	root := &cobra.Command{
		Use:           "klacht",
		Short:         "ETL of the SVMN complaint registers into a DuckDB warehouse",
		SilenceUsage:  true,
		SilenceErrors: true,
		PersistentPreRunE: func(cmd *cobra.Command, _ []string) error {
			v, err := config.New(a.configFile)
			if err != nil {
				return usageError{err}
			}
			if err := v.BindPFlag("db", cmd.Flags().Lookup("db")); err != nil {
				return err
			}
			if f := cmd.Flags().Lookup("input"); f != nil {
				if err := v.BindPFlag("input", f); err != nil {
					return err
				}
			}
			for _, key := range []string{"lock-timeout", "log-format"} {
				if f := cmd.Flags().Lookup(key); f != nil && f.Changed {
					v.Set(strings.ReplaceAll(key, "-", "_"), f.Value.String())
				}
			}
			a.v = v
			if a.cfg, err = config.Decode(v); err != nil {
				return usageError{err}
			}
			load.MemoryLimit = a.cfg.DuckDBMemory
			if a.cfg.LogFormat == "json" {
				a.log = slog.New(slog.NewJSONHandler(cmd.ErrOrStderr(), nil))
			}
			return nil
		},
	}
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err} })
	root.PersistentFlags().StringVar(&a.configFile, "config", "", "config file (default: klacht.yaml in the working folder, if present)")
	root.PersistentFlags().String("db", config.Defaults()["db"].(string), "warehouse file (KLACHT_DB)")
	root.PersistentFlags().String("log-format", "text", "log lines on stderr: text or json (KLACHT_LOG_FORMAT)")
	root.AddCommand(a.rebuildCmd(), a.importCmd(), a.statusCmd(), a.queryCmd(), a.checkCmd(), a.reportCmd(), a.exportCmd(), a.sampleCmd(), a.rollbackCmd(), a.inspectCmd(), a.templateCmd(), a.feedbackCmd())
	return root
}
