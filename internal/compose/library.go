package compose

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"gongwen/templates"
)

// Library is the parsed set of reply kinds and office profiles.
type Library struct {
	kinds    map[string]*kind
	profiles map[string]*Profile
}

// source is one layer of files: the embedded set, or a user directory whose
// files replace the embedded ones of the same name. label is how its files are
// named in errors (the directory, so the user can open the file).
type source struct {
	fsys  fs.FS
	label string
}

// Load parses every *.tmpl (one reply kind each) and profiles/*.json in fsys.
func Load(fsys fs.FS) (*Library, error) {
	return load(source{fsys: fsys})
}

// LoadDir parses the built-in set with the files of dir laid over it: dir/fenban.tmpl
// replaces the built-in fenban, dir/profiles/x.json adds or replaces profile x.
// This is how an office changes wording without rebuilding.
func LoadDir(dir string) (*Library, error) {
	info, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("模板目录 %s 无法读取：%w", dir, err)
	}
	if !info.IsDir() {
		return nil, fmt.Errorf("模板目录 %s 不是目录", dir)
	}
	return load(source{fsys: templates.FS}, source{fsys: os.DirFS(dir), label: dir})
}

func load(layers ...source) (*Library, error) {
	tmpls, err := collect(layers, ".", ".tmpl")
	if err != nil {
		return nil, err
	}
	profs, err := collect(layers, "profiles", ".json")
	if err != nil {
		return nil, err
	}
	lib := &Library{kinds: map[string]*kind{}, profiles: map[string]*Profile{}}
	var errs []error
	// In name order, so the same broken set always gives the same message.
	for _, name := range slices.Sorted(maps.Keys(tmpls)) {
		k, err := parseKind(name, tmpls[name])
		if err != nil {
			errs = append(errs, err)
			continue
		}
		lib.kinds[name] = k
	}
	for _, name := range slices.Sorted(maps.Keys(profs)) {
		p, err := parseProfile(name, profs[name])
		if err != nil {
			errs = append(errs, err)
			continue
		}
		lib.profiles[name] = p
	}
	if len(lib.kinds) == 0 && len(errs) == 0 {
		errs = append(errs, errors.New("没有找到任何答复类型模板（*.tmpl）"))
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return lib, nil
}

// file is the content of one template or profile and the name errors give it.
type file struct {
	display string
	data    []byte
}

// collect reads the files of dir ending in ext from every layer, keyed by the
// name without ext; a later layer replaces an earlier one. A layer without dir
// (a user directory with only profiles/) contributes nothing.
func collect(layers []source, dir, ext string) (map[string]file, error) {
	out := map[string]file{}
	for _, l := range layers {
		entries, err := fs.ReadDir(l.fsys, dir)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("%s：%w", displayName(l.label, dir), err)
		}
		for _, e := range entries {
			if e.IsDir() || !strings.HasSuffix(e.Name(), ext) {
				continue
			}
			p := path.Join(dir, e.Name())
			data, err := fs.ReadFile(l.fsys, p)
			if err != nil {
				return nil, fmt.Errorf("%s：%w", displayName(l.label, p), err)
			}
			out[strings.TrimSuffix(e.Name(), ext)] = file{display: displayName(l.label, p), data: data}
		}
	}
	return out, nil
}

// displayName names an embedded file templates/x and a user file dir/x, so the
// reader knows which of the two to open.
func displayName(label, p string) string {
	if label == "" {
		return path.Join("templates", p)
	}
	return filepath.Join(label, filepath.FromSlash(p))
}

// Kinds describes every reply kind, sorted by name, for `gongwen templates` and
// GET /v1/templates.
func (l *Library) Kinds() []Kind {
	out := make([]Kind, 0, len(l.kinds))
	for _, name := range slices.Sorted(maps.Keys(l.kinds)) {
		out = append(out, l.kinds[name].info())
	}
	return out
}

// Profiles describes every office profile, sorted by name. The values are
// copies: changing them does not change the library.
func (l *Library) Profiles() []Profile {
	out := make([]Profile, 0, len(l.profiles))
	for _, name := range slices.Sorted(maps.Keys(l.profiles)) {
		out = append(out, l.profiles[name].clone())
	}
	return out
}
