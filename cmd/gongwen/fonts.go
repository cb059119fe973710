package main

import (
	"context"
	"flag"
	"fmt"
	"time"

	"gongwen/fonts"
	"gongwen/internal/fontfetch"
)

func runFonts(ctx context.Context, e *env, args []string) int {
	if len(args) > 0 && args[0] == "fetch" {
		return runFontsFetch(ctx, e, args[1:])
	}
	fs := flag.NewFlagSet("fonts", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fontDir := fs.String("fonts", "fonts", "directory of user-supplied fonts")
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	return showFonts(e, *fontDir)
}

func runFontsFetch(ctx context.Context, e *env, args []string) int {
	fs := flag.NewFlagSet("fonts fetch", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	cache := fs.String("cache", fontfetch.CacheDir(), "where fetched fonts are kept (outside the repository)")
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	m, err := fontfetch.ParseManifest(fonts.Manifest)
	if err != nil {
		fmt.Fprintf(e.stderr, "gongwen fonts fetch: %v\n", err)
		return exitFailure
	}
	ctx, cancel := context.WithTimeout(ctx, 20*time.Minute)
	defer cancel()
	if err := fontfetch.Fetch(ctx, m, *cache, e.stderr); err != nil {
		fmt.Fprintf(e.stderr, "gongwen fonts fetch: %v\n", err)
		return exitFailure
	}
	fmt.Fprintf(e.stdout, "fonts ready in %s\n", *cache)
	return exitOK
}
