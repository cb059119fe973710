package fontfetch

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"time"
)

// ChecksumError is a fetched file whose sha256 differs from the manifest's.
// The file was not put into the cache.
type ChecksumError struct {
	File     string // cached file name
	Package  string // "npm NAME@VERSION" or "deb NAME=VERSION"
	Path     string // member inside the package
	Expected string
	Actual   string
}

func (e *ChecksumError) Error() string {
	return fmt.Sprintf("%s from %s (%s): sha256 mismatch: expected %s, got %s; not installed into the cache",
		e.File, e.Package, e.Path, e.Expected, e.Actual)
}

// Fetch makes sure every open font file of the manifest is in cacheDir with
// the sha256 the manifest gives. Files already there with the right digest are
// left alone; when all are, no command runs. The others are fetched one
// package at a time — `npm pack NAME@VERSION`, or for a Debian package the
// installed file if its digest matches, else `apt-get download` — extracting
// only the members needed, and each file is verified before it is renamed into
// cacheDir under its base name. Packages are fetched concurrently; every
// failure is reported (errors.Join), a digest mismatch as a *ChecksumError.
// Progress lines go to log, which may be nil.
func Fetch(ctx context.Context, m *Manifest, cacheDir string, log io.Writer) error {
	if m == nil {
		return errors.New("fonts: no manifest")
	}
	if cacheDir == "" {
		return errors.New("fonts: no cache directory")
	}
	if log == nil {
		log = io.Discard
	}
	f := &fetcher{ctx: ctx, cacheDir: cacheDir, log: &lockedWriter{w: log}}
	if err := os.MkdirAll(cacheDir, 0o755); err != nil {
		return fmt.Errorf("fonts: cache: %w", err)
	}

	start := time.Now()
	var missing []*Source
	for _, s := range m.SourceList() {
		p := filepath.Join(cacheDir, s.File)
		sum, err := fileSHA256(p)
		switch {
		case err == nil && sum == s.SHA256:
			continue
		case err == nil:
			f.logf("fonts: %s in the cache has sha256 %s, want %s: fetching it again", s.File, sum, s.SHA256)
		case !errors.Is(err, os.ErrNotExist):
			f.logf("fonts: %s in the cache: %v: fetching it again", s.File, err)
		}
		missing = append(missing, s)
	}
	if len(missing) == 0 {
		f.logf("fonts: all %d files cached in %s", len(m.Sources), cacheDir)
		return nil
	}

	// One job per package, in the order of first appearance.
	var order []string
	groups := map[string][]*Source{}
	for _, s := range missing {
		k := s.Package()
		if groups[k] == nil {
			order = append(order, k)
		}
		groups[k] = append(groups[k], s)
	}
	errs := make([]error, len(order))
	var wg sync.WaitGroup
	for i, k := range order {
		srcs := groups[k]
		wg.Go(func() {
			if srcs[0].NPM != "" {
				errs[i] = f.fetchNPM(srcs)
			} else {
				errs[i] = f.fetchDeb(srcs)
			}
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return err
	}
	f.logf("fonts: %d of %d files fetched into %s in %s", len(missing), len(m.Sources), cacheDir, time.Since(start).Round(time.Millisecond))
	return nil
}

// fetcher carries one Fetch call's state.
type fetcher struct {
	ctx      context.Context
	cacheDir string
	log      *lockedWriter

	aptMu      sync.Mutex // apt-get runs one at a time
	aptUpdated bool       // apt-get update ran in this Fetch
}

func (f *fetcher) logf(format string, a ...any) {
	f.log.Write(fmt.Appendf(nil, format+"\n", a...))
}

// install copies r into cacheDir as s.File, verifying the digest first: a
// temporary file in cacheDir is renamed over the destination only when the
// sha256 matches.
func (f *fetcher) install(r io.Reader, s *Source, from string) error {
	tmp, err := os.CreateTemp(f.cacheDir, "."+s.File+".*.part")
	if err != nil {
		return fmt.Errorf("%s: %w", s.File, err)
	}
	defer os.Remove(tmp.Name()) // no-op after the rename
	h := sha256.New()
	n, err := io.Copy(io.MultiWriter(tmp, h), r)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("%s from %s: %w", s.File, s.Package(), err)
	}
	if sum := hex.EncodeToString(h.Sum(nil)); sum != s.SHA256 {
		return &ChecksumError{File: s.File, Package: s.Package(), Path: s.Path, Expected: s.SHA256, Actual: sum}
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return fmt.Errorf("%s: %w", s.File, err)
	}
	if err := os.Rename(tmp.Name(), filepath.Join(f.cacheDir, s.File)); err != nil {
		return fmt.Errorf("%s: %w", s.File, err)
	}
	f.logf("fonts: cached %s (%.1f MB, sha256 ok) from %s", s.File, float64(n)/1e6, from)
	return nil
}

func fileSHA256(p string) (string, error) {
	fh, err := os.Open(p)
	if err != nil {
		return "", err
	}
	defer fh.Close()
	h := sha256.New()
	if _, err := io.Copy(h, fh); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// lockedWriter serialises writes from concurrent package jobs.
type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}
