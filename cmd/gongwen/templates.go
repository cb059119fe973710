package main

import (
	"context"
	"flag"
	"fmt"
	"strings"
)

func runTemplates(ctx context.Context, e *env, args []string) int {
	fs := flag.NewFlagSet("templates", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	dir := fs.String("templates", "", "directory overriding the built-in templates")
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	lib, err := loadTemplates(*dir)
	if err != nil {
		return report(e, err)
	}
	fmt.Fprintln(e.stdout, "Kinds (document field \"kind\"):")
	for _, k := range lib.Kinds() {
		fmt.Fprintf(e.stdout, "  %-8s %s  requires: %s\n", k.Name, k.Label, strings.Join(k.Required, ", "))
	}
	fmt.Fprintln(e.stdout, "\nOffice profiles (document field \"profile\"):")
	for _, p := range lib.Profiles() {
		fmt.Fprintf(e.stdout, "  %-14s %s\n", p.Name, p.Issuer)
	}
	return exitOK
}
