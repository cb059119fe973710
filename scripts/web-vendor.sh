#!/usr/bin/env bash
# web-vendor.sh — fetch pdf.js for the drafting page (make web).
#
# The page must load nothing from outside the service, so pdf.js is taken
# from the npm registry at build time, checked against the digests below and
# embedded in the binary (internal/web/assets/vendor/, ignored by git).
# Without it the page still works: it shows the PDF in the browser's viewer.
#
# The legacy build is used because office PCs often run old Chromium-based
# browsers; the plain build needs Promise.withResolvers (Chromium 119+).
#
# To upgrade: change VERSION, run with UPDATE=1 to print the new digests,
# review the pdf.js release notes, paste the digests below.
set -euo pipefail

VERSION=4.10.38
# file in the package -> file in vendor/ and its sha256
FILES=(
  "legacy/build/pdf.min.mjs pdf.min.mjs 44ec6f011027ee77791386b66c14876a5fc29e20bf0433c07c6726fff7212b72"
  "legacy/build/pdf.worker.min.mjs pdf.worker.min.mjs bd88805178a26c729db8c0107a5b630cb900ec070f4d8c7529a3e45530afd41d"
  "LICENSE LICENSE-pdfjs.txt 0d542e0c8804e39aa7f37eb00da5a762149dc682d7829451287e11b938e94594"
)

root=$(cd "$(dirname "$0")/.." && pwd)
dest="$root/internal/web/assets/vendor"

ok() { [ -f "$dest/$1" ] && [ "$(sha256sum "$dest/$1" | cut -d' ' -f1)" = "$2" ]; }

if [ -z "${UPDATE:-}" ]; then
  all=1
  for f in "${FILES[@]}"; do
    read -r _ out sum <<<"$f"
    ok "$out" "$sum" || all=0
  done
  if [ $all = 1 ]; then
    echo "pdf.js $VERSION already in internal/web/assets/vendor"
    exit 0
  fi
fi

command -v npm >/dev/null || { echo "web-vendor: npm is needed (apt-get install -y npm)" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "pdfjs-dist@$VERSION" >/dev/null)
tar -xzf "$tmp/pdfjs-dist-$VERSION.tgz" -C "$tmp"

status=0
for f in "${FILES[@]}"; do
  read -r src out sum <<<"$f"
  got=$(sha256sum "$tmp/package/$src" | cut -d' ' -f1)
  if [ -n "${UPDATE:-}" ]; then
    echo "  \"$src $out $got\""
  elif [ "$got" != "$sum" ]; then
    echo "web-vendor: $src of pdfjs-dist@$VERSION has sha256 $got, want $sum: refusing it" >&2
    status=1
  fi
done
[ -n "${UPDATE:-}" ] && exit 0
[ $status = 0 ] || exit 1

for f in "${FILES[@]}"; do
  read -r src out _ <<<"$f"
  install -m 0644 "$tmp/package/$src" "$dest/$out"
done
echo "pdf.js $VERSION (legacy build) verified and copied to internal/web/assets/vendor"
