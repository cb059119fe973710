// Package templates holds the built-in reply kinds (one text/template file per
// kind, with a JSON front matter) and office profiles (profiles/*.json) as data,
// embedded so that the binary needs no files beside it. internal/compose parses
// them; a user directory given at start-up replaces files of the same name.
package templates

import "embed"

// FS is the built-in set: *.tmpl at the root, profiles/*.json beneath.
//
//go:embed *.tmpl profiles/*.json
var FS embed.FS
