package httpapi

import (
	"path/filepath"

	"github.com/gin-gonic/gin"

	"gongwen/internal/compose"
	"gongwen/internal/fontset"
	"gongwen/internal/layout"
)

// templateCatalogue is the answer of GET /v1/templates.
type templateCatalogue struct {
	Kinds    []compose.Kind    `json:"kinds"`
	Profiles []compose.Profile `json:"profiles"`
}

// templates answers GET /v1/templates: the reply kinds a document may name in
// "kind" (with the fields each requires) and the office profiles it may name
// in "profile".
func (s *Server) templates(c *gin.Context) {
	if err := knownParams(c); err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(200, templateCatalogue{Kinds: s.lib.Kinds(), Profiles: s.lib.Profiles()})
}

// fontCatalogue is the answer of GET /v1/fonts.
type fontCatalogue struct {
	Roles []fontRole `json:"roles"`
	// Unusable names font files found in the fonts directory that cannot be
	// used, and why (an .otf, a collection, a truncated file).
	Unusable []string `json:"unusable"`
}

type fontRole struct {
	Role     string     `json:"role"` // fangsong …, as layout names it
	Name     string     `json:"name"` // 仿宋 …
	Faces    []fontFace `json:"faces"`
	Coverage struct {
		GB2312 coverage `json:"gb2312"` // the 6,763 hanzi of GB 2312
		GBK    coverage `json:"gbk"`    // every character of GBK
	} `json:"coverage"`
}

// fontFace is one file of a role's chain, by file name only: where the service
// keeps its files is no client's business.
type fontFace struct {
	File    string `json:"file"`
	Name    string `json:"name"`
	Primary bool   `json:"primary"`
}

type coverage struct {
	Total         int `json:"total"`
	Primary       int `json:"primary"`
	WithFallbacks int `json:"withFallbacks"`
}

// fontList answers GET /v1/fonts: for each role, the files that serve it in
// order and how much of GB 2312 and GBK they cover. Coverage reads every face,
// so it is measured once, on the first request, and kept.
func (s *Server) fontList(c *gin.Context) {
	if err := knownParams(c); err != nil {
		s.fail(c, err)
		return
	}
	st := s.state().fonts
	st.catalogueOnce.Do(func() { st.catalogue, st.catalogueErr = catalogueOf(st.set) })
	if st.catalogueErr != nil {
		s.fail(c, st.catalogueErr)
		return
	}
	c.JSON(200, st.catalogue)
}

func catalogueOf(set *fontset.Set) (*fontCatalogue, error) {
	out := &fontCatalogue{Unusable: append([]string{}, set.Problems...)}
	for _, role := range layout.Roles {
		chain := set.Chain(role)
		cov, err := fontset.CoverageOf(chain)
		if err != nil {
			return nil, err
		}
		r := fontRole{Role: string(role), Name: layout.RoleName(role)}
		for i, f := range chain {
			face := fontFace{File: filepath.Base(f.Path), Primary: i == 0}
			if font, err := f.Font(); err == nil {
				face.Name = font.Name()
			}
			r.Faces = append(r.Faces, face)
		}
		r.Coverage.GB2312 = coverage{cov.GB2312Total, cov.GB2312First, cov.GB2312Chain}
		r.Coverage.GBK = coverage{cov.GBKTotal, cov.GBKFirst, cov.GBKChain}
		out.Roles = append(out.Roles, r)
	}
	return out, nil
}
