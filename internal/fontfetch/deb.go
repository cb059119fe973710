package fontfetch

import (
	"archive/tar"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// installedRoot is where installed Debian packages' files live ("/"); tests move it.
var installedRoot = "/"

// fetchDeb installs the srcs of one Debian package (all share Deb and
// Version): from the installed package when its file has the right digest,
// else from `apt-get download`, extracting only the needed members.
func (f *fetcher) fetchDeb(srcs []*Source) error {
	name, version := srcs[0].Deb, srcs[0].Version
	var rest []*Source
	for _, s := range srcs {
		p := filepath.Join(installedRoot, filepath.FromSlash(s.Path))
		sum, err := fileSHA256(p)
		switch {
		case err == nil && sum == s.SHA256:
			if err := f.installFile(p, s); err != nil {
				return fmt.Errorf("fonts: %w", err)
			}
			continue
		case err == nil:
			f.logf("fonts: installed %s has sha256 %s, want %s: downloading %s=%s", p, sum, s.SHA256, name, version)
		}
		rest = append(rest, s)
	}
	if len(rest) == 0 {
		return nil
	}

	tmp, err := os.MkdirTemp("", "gongwen-deb-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	deb, err := f.aptDownload(tmp, name, version)
	if err != nil {
		return fmt.Errorf("fonts: %s: %w", fileNames(rest), err)
	}
	if err := f.extractDeb(deb, rest); err != nil {
		return fmt.Errorf("fonts: %w", err)
	}
	return nil
}

func (f *fetcher) installFile(p string, s *Source) error {
	fh, err := os.Open(p)
	if err != nil {
		return err
	}
	defer fh.Close()
	return f.install(fh, s, "installed package "+s.Deb+" ("+p+")")
}

// aptDownload downloads NAME=VERSION into dir and returns the .deb's path. If
// apt has no candidate it runs `apt-get update` once per Fetch and tries
// again; if the version still cannot be had it warns and downloads the
// candidate version, whose files must still match the manifest's digests.
func (f *fetcher) aptDownload(dir, name, version string) (string, error) {
	f.aptMu.Lock()
	defer f.aptMu.Unlock()
	spec := name + "=" + version
	f.logf("fonts: apt-get download %s", spec)
	_, err := f.run(dir, "apt-get", "download", spec)
	if err != nil && noCandidate(err) && !f.aptUpdated {
		f.aptUpdated = true
		f.logf("fonts: apt has no candidate for %s: running apt-get update", spec)
		if _, uerr := f.run("", "apt-get", "update"); uerr != nil {
			return "", fmt.Errorf("%w; then %w", err, uerr)
		}
		_, err = f.run(dir, "apt-get", "download", spec)
	}
	if err != nil {
		if f.ctx.Err() != nil {
			return "", err
		}
		f.logf("fonts: warning: cannot download %s (%v): trying apt-get download %s, whose files must still match the manifest's sha256", spec, firstLine(err), name)
		if _, err2 := f.run(dir, "apt-get", "download", name); err2 != nil {
			return "", fmt.Errorf("%w; then %w", err, err2)
		}
	}
	return onlyFile(dir, "*.deb")
}

// noCandidate reports whether apt's failure says it does not know the package or version.
func noCandidate(err error) bool {
	var ce *CommandError
	if !errors.As(err, &ce) {
		return false
	}
	s := strings.ToLower(ce.Stderr)
	for _, p := range []string{"unable to locate package", "no installation candidate", "no candidate", "was not found", "can't select candidate"} {
		if strings.Contains(s, p) {
			return true
		}
	}
	return false
}

func firstLine(err error) string {
	s, _, _ := strings.Cut(err.Error(), "\n")
	return s
}

// extractDeb streams the .deb's data archive (`dpkg-deb --fsys-tarfile`) and
// installs only the srcs' members from it.
func (f *fetcher) extractDeb(deb string, srcs []*Source) error {
	ctx, cancel := context.WithTimeout(f.ctx, commandTimeout)
	defer cancel()
	cmd := f.command(ctx, "", "dpkg-deb", "--fsys-tarfile", deb)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		return err
	}
	if err := cmd.Start(); err != nil {
		return f.commandError(ctx, cmd, err, "")
	}
	from := "deb " + filepath.Base(deb)
	xerr := f.extract(tar.NewReader(out), srcs, from)
	io.Copy(io.Discard, out) // let dpkg-deb finish writing
	if err := cmd.Wait(); err != nil {
		return errors.Join(xerr, f.commandError(ctx, cmd, err, stderr.String()))
	}
	return xerr
}
