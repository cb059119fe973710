// Package fontfetch knows which font files gongwen renders with and where they
// come from.
//
// The fonts manifest (fonts/manifest.json) gives each role — fangsong 仿宋 for
// the body, xiaobiaosong 小标宋 for the issuer mark and titles, heiti 黑体,
// kaiti 楷体 and songti 宋体 — an ordered list of candidate file names: first
// the licensed fonts a user may drop into the fonts directory (仿宋_GB2312.ttf,
// 方正小标宋简体.ttf, simhei.ttf …), then the open default, then open fallbacks
// for characters the earlier files lack. Every open file has a source: an npm
// package or a Debian package, a version, the path of the file inside the
// package, its sha256 and its licence.
//
// Fetch brings the open files into a cache outside the repository (CacheDir):
// `npm pack NAME@VERSION` or `apt-get download NAME=VERSION`, extracting only
// the needed members, verifying each file's sha256 before it is renamed into
// place. When every file is already cached with the right digest it runs no
// command at all. Resolve then maps each role to the candidate files that exist,
// searching the user's fonts directory before the cache.
//
// Only TrueType fonts with glyf outlines are accepted, because fpdf embeds
// nothing else: .otf (CFF outlines) and .ttc (collections) are refused by name
// in the manifest, and Resolve skips any file whose header says otherwise
// (CheckTrueType tells why).
//
// The package imports nothing of gongwen's.
package fontfetch
