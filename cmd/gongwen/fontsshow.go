package main

import (
	"fmt"
	"path/filepath"

	"gongwen/internal/fontset"
	"gongwen/internal/layout"
)

// showFonts prints, for each role, the files that serve it in order and their
// coverage of GB 2312 hanzi and of GBK.
func showFonts(e *env, userDir string) int {
	set, err := fontset.Load(fontset.Options{UserDir: userDir})
	if err != nil {
		fmt.Fprintf(e.stderr, "gongwen fonts: %v\n", err)
		return exitFailure
	}
	for _, p := range set.Problems {
		fmt.Fprintf(e.stdout, "unusable font: %s\n", p)
	}
	for _, role := range layout.Roles {
		chain := set.Chain(role)
		cov, err := fontset.CoverageOf(chain)
		if err != nil {
			fmt.Fprintf(e.stderr, "gongwen fonts: %v\n", err)
			return exitFailure
		}
		fmt.Fprintf(e.stdout, "%s (%s)\n", layout.RoleName(role), role)
		for i, f := range chain {
			name := ""
			if font, err := f.Font(); err == nil {
				name = font.Name()
			}
			tag := "fallback"
			if i == 0 {
				tag = "primary "
			}
			fmt.Fprintf(e.stdout, "  %s %s  %s\n", tag, filepath.Base(f.Path), name)
		}
		fmt.Fprintf(e.stdout, "  GB 2312 hanzi: %d/%d in the primary, %d with fallbacks; GBK: %d/%d, %d with fallbacks\n",
			cov.GB2312First, cov.GB2312Total, cov.GB2312Chain, cov.GBKFirst, cov.GBKTotal, cov.GBKChain)
	}
	return exitOK
}
