package fontfetch

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path"
	"regexp"
	"slices"
	"sort"
	"strings"
)

// Roles a font plays in a document (GB/T 9704-2012 §5.2 and §7).
const (
	RoleFangsong     = "fangsong"     // 仿宋: 正文, 发文字号, 附注, 版记, 成文日期
	RoleXiaobiaosong = "xiaobiaosong" // 小标宋: 发文机关标志, 标题
	RoleHeiti        = "heiti"        // 黑体: 密级, 紧急程度, 一级标题, "附件"
	RoleKaiti        = "kaiti"        // 楷体: 签发人姓名, 二级标题
	RoleSongti       = "songti"       // 宋体: 页码
)

// Roles lists every role in a fixed order; a manifest must define each of them.
var Roles = []string{RoleFangsong, RoleXiaobiaosong, RoleHeiti, RoleKaiti, RoleSongti}

// ManifestSchema is the only manifest schema version understood.
const ManifestSchema = 1

// Manifest is the parsed fonts manifest.
type Manifest struct {
	Schema  int                `json:"schema"`
	Comment string             `json:"comment,omitempty"`
	Roles   map[string]*Role   `json:"roles"`   // by role ID (RoleFangsong …)
	Sources map[string]*Source `json:"sources"` // open files by file name
}

// Role is one role's entry: its name and the candidate files in preference order.
type Role struct {
	Name  string   `json:"name"`           // 仿宋
	Use   string   `json:"use,omitempty"`  // where the role is used
	Note  string   `json:"note,omitempty"` // why the open default was chosen
	Files []string `json:"candidates"`     // file names, most preferred first
}

// Source says where an open font file comes from: exactly one of NPM or Deb.
type Source struct {
	NPM     string `json:"npm,omitempty"` // npm package name
	Deb     string `json:"deb,omitempty"` // Debian binary package name
	Version string `json:"version"`
	Path    string `json:"path"` // member inside the package ("package/…" for npm, "usr/…" for deb)
	SHA256  string `json:"sha256"`
	License string `json:"license"`
	Note    string `json:"note,omitempty"`

	// File is the cached file name: the key in Manifest.Sources, which is the
	// base name of Path. Set by ParseManifest.
	File string `json:"-"`
}

// Package names the source package for messages: "npm NAME@VERSION" or "deb NAME=VERSION".
func (s *Source) Package() string {
	if s.NPM != "" {
		return "npm " + s.NPM + "@" + s.Version
	}
	return "deb " + s.Deb + "=" + s.Version
}

// Candidate is one candidate file of a role. Source is nil for a licensed font
// that only a user can supply.
type Candidate struct {
	File   string
	Source *Source
}

// Candidates returns the role's candidates in preference order, nil for an unknown role.
func (m *Manifest) Candidates(role string) []Candidate {
	r := m.Roles[role]
	if r == nil {
		return nil
	}
	out := make([]Candidate, 0, len(r.Files))
	for _, f := range r.Files {
		out = append(out, Candidate{File: f, Source: m.Sources[f]})
	}
	return out
}

// SourceList returns the open files' sources sorted by file name.
func (m *Manifest) SourceList() []*Source {
	out := make([]*Source, 0, len(m.Sources))
	for _, s := range m.Sources {
		out = append(out, s)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].File < out[j].File })
	return out
}

// LoadManifest reads and validates the manifest at path.
func LoadManifest(path string) (*Manifest, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("fonts manifest: %w", err)
	}
	m, err := ParseManifest(b)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return m, nil
}

// ParseManifest decodes and validates a manifest. Unknown fields, unknown or
// missing roles, a source without a well-formed sha256 and file names other
// than .ttf are errors.
func ParseManifest(data []byte) (*Manifest, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var m Manifest
	if err := dec.Decode(&m); err != nil {
		return nil, fmt.Errorf("fonts manifest: %s", jsonError(data, err))
	}
	if dec.More() {
		return nil, errors.New("fonts manifest: trailing data after the JSON object")
	}
	if err := m.validate(); err != nil {
		return nil, err
	}
	return &m, nil
}

// jsonError adds the line and column to a decoding error.
func jsonError(data []byte, err error) string {
	var off int64 = -1
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		off = se.Offset
	case errors.As(err, &te):
		off = te.Offset
	}
	if off < 0 || off > int64(len(data)) {
		return err.Error()
	}
	line := 1 + bytes.Count(data[:off], []byte("\n"))
	col := int(off) - bytes.LastIndexByte(data[:off], '\n')
	return fmt.Sprintf("line %d, column %d: %v", line, col, err)
}

var (
	sha256Re   = regexp.MustCompile(`^[0-9a-f]{64}$`)
	npmNameRe  = regexp.MustCompile(`^(@[a-z0-9][a-z0-9._-]*/)?[a-z0-9][a-z0-9._-]*$`)
	debNameRe  = regexp.MustCompile(`^[a-z0-9][a-z0-9+.-]+$`)
	versionRe  = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9.+~:_-]*$`)
	refusedExt = map[string]string{
		".otf": "OpenType/CFF outlines",
		".ttc": "a TrueType collection",
		".otc": "an OpenType collection",
	}
)

func (m *Manifest) validate() error {
	var errs []error
	bad := func(format string, a ...any) { errs = append(errs, fmt.Errorf(format, a...)) }

	if m.Schema != ManifestSchema {
		bad("schema is %d, want %d", m.Schema, ManifestSchema)
	}
	var unknown []string
	for id := range m.Roles {
		if !slices.Contains(Roles, id) {
			unknown = append(unknown, id)
		}
	}
	sort.Strings(unknown)
	for _, id := range unknown {
		bad("roles: unknown role %q (known: %s)", id, strings.Join(Roles, ", "))
	}
	used := map[string]bool{}
	for _, id := range Roles {
		r := m.Roles[id]
		if r == nil {
			bad("roles: role %q is missing", id)
			continue
		}
		if r.Name == "" {
			bad("roles.%s: name is empty", id)
		}
		if len(r.Files) == 0 {
			bad("roles.%s: no candidates", id)
			continue
		}
		seen := map[string]bool{}
		open := false
		for i, f := range r.Files {
			if err := checkFileName(f); err != nil {
				bad("roles.%s.candidates[%d]: %v", id, i, err)
				continue
			}
			k := strings.ToLower(f)
			if seen[k] {
				bad("roles.%s.candidates[%d]: %q is listed twice (names match case-insensitively)", id, i, f)
			}
			seen[k] = true
			if m.Sources[f] != nil {
				open = true
				used[f] = true
			}
		}
		if !open {
			bad("roles.%s: no candidate has a source, so a machine without licensed fonts has none", id)
		}
	}
	names := make([]string, 0, len(m.Sources))
	for f := range m.Sources {
		names = append(names, f)
	}
	sort.Strings(names)
	for _, f := range names {
		s := m.Sources[f]
		if s == nil {
			bad("sources.%s: null", f)
			continue
		}
		s.File = f
		for _, err := range s.check() {
			bad("sources.%s: %v", f, err)
		}
		if err := checkFileName(f); err != nil {
			bad("sources.%s: %v", f, err)
		}
		if !used[f] {
			bad("sources.%s: no role lists this file", f)
		}
	}
	if len(errs) > 0 {
		return fmt.Errorf("fonts manifest: %w", errors.Join(errs...))
	}
	return nil
}

func (s *Source) check() []error {
	var errs []error
	switch {
	case s.NPM != "" && s.Deb != "":
		errs = append(errs, errors.New(`give one of "npm" and "deb", not both`))
	case s.NPM == "" && s.Deb == "":
		errs = append(errs, errors.New(`no package: give "npm" or "deb"`))
	case s.NPM != "" && !npmNameRe.MatchString(s.NPM):
		errs = append(errs, fmt.Errorf("npm package name %q is not valid", s.NPM))
	case s.Deb != "" && !debNameRe.MatchString(s.Deb):
		errs = append(errs, fmt.Errorf("Debian package name %q is not valid", s.Deb))
	}
	if s.Version == "" {
		errs = append(errs, errors.New("version is missing"))
	} else if !versionRe.MatchString(s.Version) {
		errs = append(errs, fmt.Errorf("version %q is not valid", s.Version))
	}
	switch {
	case s.Path == "":
		errs = append(errs, errors.New("path is missing"))
	case path.IsAbs(s.Path) || path.Clean(s.Path) != s.Path || s.Path == ".." || strings.HasPrefix(s.Path, "../"):
		errs = append(errs, fmt.Errorf("path %q must be relative and clean, inside the package", s.Path))
	case path.Base(s.Path) != s.File:
		errs = append(errs, fmt.Errorf("path %q does not end in the file name %q", s.Path, s.File))
	}
	switch {
	case s.SHA256 == "":
		errs = append(errs, errors.New("sha256 is missing"))
	case !sha256Re.MatchString(s.SHA256):
		errs = append(errs, fmt.Errorf("sha256 %q is not 64 lower-case hex digits", s.SHA256))
	}
	if s.License == "" {
		errs = append(errs, errors.New("license is missing"))
	}
	return errs
}

// checkFileName accepts a plain .ttf file name.
func checkFileName(f string) error {
	if f == "" || f == "." || f == ".." || strings.ContainsAny(f, `/\`) || strings.ContainsRune(f, 0) {
		return fmt.Errorf("%q is not a plain file name", f)
	}
	ext := strings.ToLower(path.Ext(f))
	if why, ok := refusedExt[ext]; ok {
		return fmt.Errorf("%q is %s: fpdf embeds only TrueType fonts with glyf outlines (.ttf); extract or convert it", f, why)
	}
	if ext != ".ttf" {
		return fmt.Errorf("%q is not a .ttf file", f)
	}
	return nil
}
