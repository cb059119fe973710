// Package fonts embeds the font manifest, so the binary knows each role's
// candidate files and where the open ones come from wherever it runs. The font
// files themselves are fetched (see README.md here), never committed.
package fonts

import _ "embed"

// Manifest is fonts/manifest.json as built into the binary.
//
//go:embed manifest.json
var Manifest []byte
