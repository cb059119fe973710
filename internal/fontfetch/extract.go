package fontfetch

import (
	"archive/tar"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"
)

// extract installs the members of the tar stream that srcs name, verifying
// each, and reads no further once all are found. A member missing from the
// archive is an error naming it.
func (f *fetcher) extract(tr *tar.Reader, srcs []*Source, from string) error {
	want := make(map[string]*Source, len(srcs))
	for _, s := range srcs {
		want[s.Path] = s
	}
	var errs []error
	for len(want) > 0 {
		hdr, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: reading the archive: %w", from, err))
			break
		}
		name := memberName(hdr.Name)
		s := want[name]
		if s == nil {
			continue
		}
		delete(want, name)
		if hdr.Typeflag != tar.TypeReg {
			errs = append(errs, fmt.Errorf("%s: %s in %s is not a regular file", s.File, s.Path, from))
			continue
		}
		if err := f.install(tr, s, from); err != nil {
			errs = append(errs, err)
		}
	}
	for _, s := range srcs {
		if want[s.Path] != nil {
			errs = append(errs, fmt.Errorf("%s: %s is not in %s", s.File, s.Path, from))
		}
	}
	return errors.Join(errs...)
}

// memberName normalises a tar member name: "./usr/x" and "/usr/x" are "usr/x".
func memberName(n string) string {
	n = strings.TrimLeft(strings.TrimPrefix(n, "./"), "/")
	return path.Clean(n)
}
