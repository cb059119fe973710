package compose

import (
	"os"
	"path/filepath"
	"testing"

	"gongwen/internal/document"
	"gongwen/templates"
)

// builtIn loads the embedded set, as the binary does at start-up.
func builtIn(t *testing.T) *Library {
	t.Helper()
	lib, err := Load(templates.FS)
	if err != nil {
		t.Fatalf("Load(templates.FS): %v", err)
	}
	return lib
}

// decodeFile reads a document through the project's own decoder, so the
// comparison sees exactly what a request would.
func decodeFile(t *testing.T, name string) *document.Document {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := document.Decode(data)
	if err != nil {
		t.Fatalf("Decode(%s): %v", name, err)
	}
	return doc
}

// reply is a minimal template-driven document of the seed office.
func reply(kind string, deputies ...string) *document.Document {
	return &document.Document{
		Kind:   kind,
		Issuer: "株洲市人力资源和社会保障局",
		Proposal: &document.Proposal{
			Session:  "市十六届人大一次会议",
			Number:   "1234",
			Title:    "关于加强产业人才培养的建议",
			Deputies: deputies,
		},
		Body: document.Body{{Text: "正文。"}},
	}
}

// problems returns err as document.Problems, failing the test otherwise.
func problems(t *testing.T, err error) document.Problems {
	t.Helper()
	ps, ok := err.(document.Problems)
	if !ok {
		t.Fatalf("error %v (%T) is not document.Problems", err, err)
	}
	return ps
}

func texts(b document.Body) []string {
	out := make([]string, len(b))
	for i, blk := range b {
		out[i] = blk.Text
	}
	return out
}
