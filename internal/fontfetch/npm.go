package fontfetch

import (
	"archive/tar"
	"compress/gzip"
	"fmt"
	"os"
	"path/filepath"
)

// fetchNPM packs one npm package (all srcs share NPM and Version) into a
// temporary directory and installs the needed members from the tarball.
func (f *fetcher) fetchNPM(srcs []*Source) error {
	spec := srcs[0].NPM + "@" + srcs[0].Version
	tmp, err := os.MkdirTemp("", "gongwen-npm-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)

	f.logf("fonts: npm pack %s (%d file(s))", spec, len(srcs))
	if _, err := f.run(tmp, "npm", "pack", "--ignore-scripts", spec); err != nil {
		return fmt.Errorf("fonts: %s: %w", fileNames(srcs), err)
	}
	tgz, err := onlyFile(tmp, "*.tgz")
	if err != nil {
		return fmt.Errorf("fonts: npm pack %s: %w", spec, err)
	}
	fh, err := os.Open(tgz)
	if err != nil {
		return err
	}
	defer fh.Close()
	gz, err := gzip.NewReader(fh)
	if err != nil {
		return fmt.Errorf("fonts: npm pack %s: %s: %w", spec, filepath.Base(tgz), err)
	}
	defer gz.Close()
	if err := f.extract(tar.NewReader(gz), srcs, "npm "+spec); err != nil {
		return fmt.Errorf("fonts: %w", err)
	}
	return nil
}

// onlyFile returns the single file in dir matching pattern.
func onlyFile(dir, pattern string) (string, error) {
	m, err := filepath.Glob(filepath.Join(dir, pattern))
	if err != nil {
		return "", err
	}
	if len(m) != 1 {
		return "", fmt.Errorf("expected one %s file, found %d", pattern, len(m))
	}
	return m[0], nil
}

func fileNames(srcs []*Source) string {
	s := ""
	for i, src := range srcs {
		if i > 0 {
			s += ", "
		}
		s += src.File
	}
	return s
}
