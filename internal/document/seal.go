package document

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"image/png"
	"strings"
)

// Limits of an image seal: a seal is printed 42 mm across, so 4000 pixels is far
// more than enough, and checking the header first keeps a tiny compressed file
// from expanding into gigabytes of pixels.
const (
	MaxSealBytes  = 4 << 20
	MaxSealPixels = 4000
)

var pngMagic = []byte("\x89PNG\r\n\x1a\n")

// UnmarshalJSON accepts a mode string ("none", "stamp"; other strings are left
// for Validate to report) or {"image": base64 PNG}.
func (s *Seal) UnmarshalJSON(data []byte) error {
	data = bytes.TrimSpace(data)
	if string(data) == "null" {
		return nil
	}
	if len(data) > 0 && data[0] == '"' {
		var mode string
		if err := json.Unmarshal(data, &mode); err != nil {
			return err
		}
		*s = Seal{Mode: mode}
		return nil
	}
	var obj struct {
		Image string `json:"image"`
	}
	if err := json.Unmarshal(data, &obj); err != nil {
		return err
	}
	img, err := sealBase64(obj.Image)
	if err != nil {
		return err
	}
	*s = Seal{Mode: SealImage, Image: img}
	return nil
}

// MarshalJSON writes the form UnmarshalJSON reads, so a document round-trips.
func (s Seal) MarshalJSON() ([]byte, error) {
	switch {
	case s.Mode == SealImage:
		return json.Marshal(map[string]string{"image": base64.StdEncoding.EncodeToString(s.Image)})
	case s.Mode == "":
		return []byte("null"), nil
	}
	return json.Marshal(s.Mode)
}

// UnmarshalJSON accepts an array of blocks or one plain-text string, which is
// split into blocks by ParseText. Numbers in tables decode as json.Number.
func (b *Body) UnmarshalJSON(data []byte) error {
	data = bytes.TrimSpace(data)
	if string(data) == "null" {
		return nil
	}
	if len(data) > 0 && data[0] == '"' {
		var s string
		if err := json.Unmarshal(data, &s); err != nil {
			return err
		}
		*b = ParseText(s)
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var blocks []Block
	if err := dec.Decode(&blocks); err != nil {
		return err
	}
	*b = blocks
	return nil
}

// sealBase64 decodes the image of a seal. A data URL prefix, line breaks and
// missing padding are accepted because that is how base64 arrives from browsers
// and from `base64` without -w0.
func sealBase64(s string) ([]byte, error) {
	s = strings.TrimSpace(s)
	s = strings.TrimPrefix(s, "data:image/png;base64,")
	b, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		b, err = base64.RawStdEncoding.DecodeString(strings.TrimRight(s, "="))
	}
	if err != nil {
		return nil, fmt.Errorf("不是有效的 base64 编码（%v）；请用标准 base64 编码 PNG 文件，如 base64 -w0 seal.png", err)
	}
	return b, nil
}

// checkSealPNG reports why b cannot serve as a seal image, or "".
func checkSealPNG(b []byte) string {
	switch {
	case len(b) == 0:
		return "印章图像为空；请给出 base64 编码的 PNG 文件"
	case len(b) > MaxSealBytes:
		return fmt.Sprintf("印章图像过大（%d 字节）；上限为 %d MB", len(b), MaxSealBytes>>20)
	case bytes.HasPrefix(b, []byte("\xff\xd8\xff")):
		return "这是 JPEG 图像；印章须为 PNG 图像（宜为透明背景的红色印章）"
	case !bytes.HasPrefix(b, pngMagic):
		return "不是 PNG 图像；印章须为 PNG 图像（宜为透明背景的红色印章）"
	}
	cfg, err := png.DecodeConfig(bytes.NewReader(b))
	if err != nil {
		return fmt.Sprintf("PNG 图像已损坏（%v）；请重新导出印章 PNG 文件", err)
	}
	if cfg.Width > MaxSealPixels || cfg.Height > MaxSealPixels {
		return fmt.Sprintf("印章图像为 %d×%d 像素，超过上限 %d×%d；请缩小后再用", cfg.Width, cfg.Height, MaxSealPixels, MaxSealPixels)
	}
	if _, err := png.Decode(bytes.NewReader(b)); err != nil {
		return fmt.Sprintf("PNG 图像已损坏（%v）；请重新导出印章 PNG 文件", err)
	}
	return ""
}

// checkSeal is the tree walk's check of a seal: the JSON shape, and that an
// image is base64 of a PNG that decodes. The mode string is Validate's job.
func checkSeal(w *walk, path string, n *node) bool {
	switch n.kind {
	case kString:
		return true
	case kObject:
		if n.get("image") == nil {
			w.add(join(path, "image"), `缺少印章图像；写作 {"image": "<base64 编码的 PNG>"}，或改用 "stamp" / "none"`)
		}
		return eachMember(w, path, n, "对象", func(p, key string, v *node) bool {
			switch {
			case key != "image":
				w.add(p, "%s", unknownField(closest(key, []string{"image"}), []string{"image"}))
				return false
			case v.kind != kString:
				return mismatch(w, p, "字符串（base64 编码的 PNG）", v)
			}
			b, err := sealBase64(v.str)
			if err != nil {
				w.add(p, "%v", err)
				return false
			}
			if msg := checkSealPNG(b); msg != "" {
				w.add(p, "%s", msg)
				return false
			}
			return true
		})
	}
	w.add(path, `应为 "none"（不加盖印章）、"stamp"（加盖印章，留出盖章位置）或 {"image": "<base64 编码的 PNG>"}，实际为%s`, n.kind.describe())
	return false
}
