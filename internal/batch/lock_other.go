//go:build !unix

package batch

// lockDir is a no-op where flock is unavailable: do not point two processes
// at one data directory there.
func lockDir(string) (func(), error) { return func() {}, nil }
