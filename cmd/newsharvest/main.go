// Command newsharvest crawls news sites and extracts their articles as
// JSON, one object per line.
//
// Usage:
//
//	newsharvest crawl [flags] SEED...
//	newsharvest crawl --config jobs.yaml [flags]
//	newsharvest extract [--url URL] INPUT...
//	newsharvest version
//	newsharvest completion bash|zsh|fish|powershell
//
// Every command shares --quiet, --log-level and --log-format; logs,
// progress and the summary go to standard error, records to standard
// output or to -o FILE. See newsharvest COMMAND --help for examples.
//
// Exit status: 0 on success (a crawl's failed pages are counted, not
// fatal), 1 on a fatal error (an input, the output or the state failed),
// 2 on a usage or job file error, 3 when a crawl completed but no document
// could be fetched (the site is down or blocks us), 130 or 143 when SIGINT
// or SIGTERM stopped the command.
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
	"syscall"

	"github.com/spf13/cobra"
)

// version is the release version, set at build time with
//
//	go build -ldflags "-X main.version=v1.2.3" ./cmd/newsharvest
//
// When it is left at "dev", the module version recorded in the binary's
// build information is used instead, when there is one.
var version = "dev"

// Exit statuses. A command stopped by SIGINT or SIGTERM exits 130 or 143.
const (
	exitOK      = 0
	exitFailure = 1 // an input or the output failed: a fatal error
	exitUsage   = 2 // bad command line or job file
	exitNoFetch = 3 // crawl completed, but no document could be fetched
)

func main() {
	ctx, cancel := context.WithCancelCause(context.Background())
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	go func() {
		s := <-sigs
		// Restore the default behaviour so that a second signal stops
		// the process at once.
		signal.Stop(sigs)
		if sig, ok := s.(syscall.Signal); ok {
			cancel(signalError{sig})
		} else {
			cancel(nil)
		}
	}()
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	signal.Stop(sigs)
	os.Exit(code)
}

// exitCodeOf is the exit status of a command that failed with err: the
// one err carries (a signal, a crawl that fetched nothing), else
// exitFailure.
func exitCodeOf(err error) int {
	var ec interface{ ExitCode() int }
	if errors.As(err, &ec) {
		return ec.ExitCode()
	}
	return exitFailure
}

// signalError is the cause of the context of a run stopped by a signal; a
// command stopped by it exits 128 plus the signal's number.
type signalError struct{ sig syscall.Signal }

func (e signalError) Error() string { return "stopped by " + e.sig.String() }
func (e signalError) ExitCode() int { return 128 + int(e.sig) }

// app holds what every subcommand of one run shares.
type app struct {
	version string
	stdin   io.Reader
	stdout  io.Writer
	stderr  *lineWriter // standard error, shared with a live status line
	tty     bool        // standard error is a terminal
	log     *slog.Logger
	logs    logFlags
	handler slog.Handler // log's handler, for records shown at any level
}

// commandFactories builds the subcommands. A subcommand lives in a file of
// its own that registers itself from an init function:
//
//	func init() { registerCommand(newCrawlCmd) }
var commandFactories []func(*app) *cobra.Command

func registerCommand(f func(*app) *cobra.Command) {
	commandFactories = append(commandFactories, f)
}

func init() { registerCommand(newVersionCmd) }

// run executes the command line args (without the program name) and returns
// the process exit status. It is main without the process: tests call it.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	a := &app{
		version: resolveVersion(),
		stdin:   stdin,
		stdout:  stdout,
		stderr:  &lineWriter{w: stderr},
		tty:     isTerminal(stderr),
		logs:    logFlags{level: "warn", format: "text"},
	}
	if err := a.setupLogging(); err != nil {
		panic(err) // the defaults are valid
	}
	root := newRootCmd(a)
	if args == nil {
		args = []string{} // nil makes cobra read os.Args
	}
	root.SetArgs(args)

	cmd, err := root.ExecuteContextC(ctx)
	if err == nil {
		return exitOK
	}
	var re *runError
	if errors.As(err, &re) {
		if !errors.Is(re.err, errReported) {
			fmt.Fprintf(stderr, "newsharvest: %v\n", re.err)
		}
		return exitCodeOf(re.err)
	}
	// Anything else comes from parsing the command line: cobra's own
	// errors (unknown command or flag, wrong number of arguments) and
	// usageErrors returned by a command.
	fmt.Fprintf(stderr, "newsharvest: %v\nRun '%s --help' for usage.\n", err, cmd.CommandPath())
	return exitUsage
}

func newRootCmd(a *app) *cobra.Command {
	root := &cobra.Command{
		Use:   "newsharvest",
		Short: "Crawl news sites and extract their articles as JSON",
		Long: `newsharvest crawls news sites and extracts clean, structured articles
(headline, date, byline, body, ...) from their pages, written as JSON, one
object per line.

Exit status: 0 on success (per-page errors are counted, not fatal), 1 on
a fatal error, 2 on a usage or job file error, 3 when a crawl completed
but no document could be fetched (the site is down or blocks us), 130 or
143 when SIGINT or SIGTERM stopped it.`,
		Example: `  # Extract the article of a saved page, or of a URL
  newsharvest extract page.html
  newsharvest extract https://news.example/2024/05/01/story

  # Crawl a site into a file, then the sites of a job file
  newsharvest crawl -o articles.jsonl https://news.example/
  newsharvest crawl --config jobs.yaml --stats run.json

  # Shell completion for bash
  source <(newsharvest completion bash)`,
		Version:       a.version,
		SilenceErrors: true, // run reports errors itself
		SilenceUsage:  true,
	}
	root.SetVersionTemplate("newsharvest {{.Version}}\n")
	addLogFlags(root, a)
	// Declared here to leave -v free: cobra's default has it as shorthand.
	root.Flags().Bool("version", false, "print the version")
	root.SetIn(a.stdin)
	root.SetOut(a.stdout)
	root.SetErr(a.stderr)
	for _, f := range commandFactories {
		root.AddCommand(f(a))
	}
	root.InitDefaultCompletionCmd()
	for _, c := range root.Commands() {
		if c.Name() == "completion" {
			c.Example = `  # Load completions into the current bash session
  source <(newsharvest completion bash)

  # Install them for every zsh session
  newsharvest completion zsh > "${fpath[1]}/_newsharvest"`
		}
	}
	markRunErrors(root)
	return root
}

func newVersionCmd(a *app) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version of newsharvest",
		Example: `  newsharvest version
  newsharvest --version`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			_, err := fmt.Fprintf(cmd.OutOrStdout(), "newsharvest %s\n", a.version)
			return err
		},
	}
}

// resolveVersion returns version, or the main module's version from the
// build information when version was not set at link time.
func resolveVersion() string {
	if version != "dev" && version != "" {
		return version
	}
	if bi, ok := debug.ReadBuildInfo(); ok {
		if v := bi.Main.Version; v != "" && v != "(devel)" {
			return v
		}
	}
	return "dev"
}

// userAgent is the User-Agent newsharvest sends: honest about what it is
// and where to learn more.
func userAgent(version string) string {
	return "newsharvest/" + version + " (+https://github.com/newsharvest/newsharvest)"
}

// usageError is a command-line mistake found by a command itself; run
// reports it like cobra's own parse errors and exits 2.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usageErrorf(format string, args ...any) error {
	return &usageError{msg: fmt.Sprintf(format, args...)}
}

// runError wraps an error returned by a command's RunE: a failure while
// doing the work, exit status 1.
type runError struct{ err error }

func (e *runError) Error() string { return e.err.Error() }
func (e *runError) Unwrap() error { return e.err }

// errReported is returned by a command that has already told the user
// about its failures on stderr: run exits 1 without printing more.
var errReported = errors.New("failures reported")

// markRunErrors wraps the RunE of c and of all its subcommands so that
// their errors, but for usageErrors, become runErrors. Every other error
// that cobra returns comes from parsing the command line.
func markRunErrors(c *cobra.Command) {
	if runE := c.RunE; runE != nil {
		c.RunE = func(cmd *cobra.Command, args []string) error {
			err := runE(cmd, args)
			var ue *usageError
			if err == nil || errors.As(err, &ue) {
				return err
			}
			return &runError{err: err}
		}
	}
	for _, sub := range c.Commands() {
		markRunErrors(sub)
	}
}
