package fontfetch

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"strings"
	"time"
)

// commandTimeout bounds each npm, apt-get or dpkg-deb run.
var commandTimeout = 15 * time.Minute

// CommandError is a command that failed; Stderr is the tail of what it printed there.
type CommandError struct {
	Args   []string
	Err    error
	Stderr string
}

func (e *CommandError) Error() string {
	msg := fmt.Sprintf("%s: %v", strings.Join(e.Args, " "), e.Err)
	if e.Stderr != "" {
		msg += ": " + e.Stderr
	}
	return msg
}

func (e *CommandError) Unwrap() error { return e.Err }

// run runs name with args in dir, bounded by commandTimeout, and returns stdout.
func (f *fetcher) run(dir, name string, args ...string) ([]byte, error) {
	ctx, cancel := context.WithTimeout(f.ctx, commandTimeout)
	defer cancel()
	cmd := f.command(ctx, dir, name, args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	if err != nil {
		return nil, f.commandError(ctx, cmd, err, stderr.String())
	}
	return stdout.Bytes(), nil
}

func (f *fetcher) command(ctx context.Context, dir, name string, args ...string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir = dir
	cmd.WaitDelay = 10 * time.Second
	return cmd
}

// commandError explains err, the outcome of cmd run under ctx.
func (f *fetcher) commandError(ctx context.Context, cmd *exec.Cmd, err error, stderr string) error {
	switch {
	case errors.Is(err, exec.ErrNotFound):
		err = fmt.Errorf("%s is not installed (not found on PATH): %w", cmd.Args[0], err)
	case f.ctx.Err() != nil:
		err = f.ctx.Err()
	case ctx.Err() == context.DeadlineExceeded:
		err = fmt.Errorf("timed out after %s", commandTimeout)
	}
	return &CommandError{Args: cmd.Args, Err: err, Stderr: tail(stderr, 2000)}
}

// tail trims s and keeps its last n bytes.
func tail(s string, n int) string {
	s = strings.TrimSpace(s)
	if len(s) > n {
		s = "…" + s[len(s)-n:]
	}
	return s
}
