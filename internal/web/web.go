package web

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"net/http"
	"path"
	"sync"
	"time"
)

// The assets directory, vendor/ included. Files whose names begin with a dot
// (vendor/.gitignore) are left out by go:embed; vendor/README.md keeps the
// directory non-empty so a fresh clone compiles before `make web`.
//
//go:embed assets
var assets embed.FS

// contentTypes lists what the handler serves, by extension. Anything else
// in assets (README.md) is not part of the page and answers 404.
var contentTypes = map[string]string{
	".html": "text/html; charset=utf-8",
	".css":  "text/css; charset=utf-8",
	".js":   "text/javascript; charset=utf-8",
	".mjs":  "text/javascript; charset=utf-8",
	".svg":  "image/svg+xml",
	".png":  "image/png",
	".ico":  "image/x-icon",
}

// ContentSecurityPolicy lets the page load nothing that the service does not
// serve itself. The only exceptions are blob: URLs, which the page makes from
// answers of this same server: a preview PDF shown in the browser's viewer when
// pdf.js is absent, and a seal image's thumbnail. pdf.js runs without eval
// (isEvalSupported: false), so 'unsafe-eval' is not needed.
const ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; " +
	"img-src 'self' blob:; font-src 'self'; connect-src 'self'; worker-src 'self'; " +
	"frame-src 'self' blob:; object-src 'self' blob:; " +
	"base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

// file is an asset ready to serve.
type file struct {
	name  string
	body  []byte
	ctype string
	etag  string
}

var (
	loadOnce sync.Once
	files    map[string]*file // by URL path: "/" and "/assets/…"
)

func load() map[string]*file {
	loadOnce.Do(func() {
		files = map[string]*file{}
		_ = fs.WalkDir(assets, "assets", func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			ctype, ok := contentTypes[path.Ext(p)]
			if !ok {
				return nil
			}
			body, err := assets.ReadFile(p)
			if err != nil {
				return err
			}
			sum := sha256.Sum256(body)
			files["/"+p] = &file{name: p, body: body, ctype: ctype, etag: `"` + hex.EncodeToString(sum[:12]) + `"`}
			return nil
		})
		files["/"] = files["/assets/index.html"]
	})
	return files
}

// HasPDFJS reports whether pdf.js was vendored into the binary (`make web`).
func HasPDFJS() bool {
	_, ok := load()["/assets/vendor/pdf.min.mjs"]
	return ok
}

// Handler serves the page: / is index.html and /assets/… the rest. Mount it
// at "/" and "/assets/" of the service; it answers 404 for any other path.
//
// Every answer is "no-cache" with a strong ETag: file names carry no version,
// so after an upgrade a browser must not mix old modules with new ones (pdf.js
// refuses a worker of another version), while an unchanged file still costs
// only a 304.
func Handler() http.Handler {
	load()
	return http.HandlerFunc(serve)
}

func serve(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Security-Policy", ContentSecurityPolicy)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		h.Set("Allow", "GET, HEAD")
		http.Error(w, "只支持 GET 和 HEAD", http.StatusMethodNotAllowed)
		return
	}
	// Only the files of the page, by their exact paths: no directory listings,
	// no path for "../" to climb.
	f, ok := load()[r.URL.Path]
	if !ok {
		http.Error(w, "没有这个页面："+r.URL.Path+"（起草页面在 /）", http.StatusNotFound)
		return
	}
	h.Set("Content-Type", f.ctype)
	h.Set("Cache-Control", "no-cache")
	h.Set("ETag", f.etag)
	// ServeContent answers If-None-Match with 304, HEAD without a body, and ranges.
	http.ServeContent(w, r, f.name, time.Time{}, bytes.NewReader(f.body))
}
