#!/usr/bin/env bash
# Regenerates the pictures of docs/panduan.md (docs/img/*.png) from real ikilint output on examples/:
# coloured terminal output → HTML (aha) → PNG (headless Chromium), one finding or summary per picture.
#
#   apt-get install aha chromium      # once
#   cargo build && bash docs/screenshots.sh target/debug/ikilint
#
# Run it again whenever the wording of a message changes, and look at the pictures before committing them.
set -euo pipefail
cd "$(dirname "$0")/.."
ikilint=$(realpath "${1:-$(command -v ikilint)}")
out=$PWD/docs/img
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# ikilint in Indonesian and in colour; exit code 1 (findings) is what the examples give.
lint() { "$ikilint" check --lang id --color always "$@" || [ $? -eq 1 ]; }

# The first finding of rule $1 in the Indonesian output on the files $2...: findings are separated by blank lines.
finding() {
  local code=$1
  shift
  lint "$@" | awk -v code="[$code]" 'BEGIN { RS = "" } !done && index($0, code) { print; done = 1 }'
}

# Save terminal output (stdin) as $out/$1.png, as wide as its longest line up to 150 columns (a longer line, a help
# text, wraps) and as high as its lines.
picture() {
  local name=$1 text plain columns rows
  text=$(cat)
  plain=$(printf '%s\n' "$text" | sed 's/\x1b\[[0-9;]*m//g')
  columns=$(printf '%s\n' "$plain" | awk '{ if (length($0) > m) m = length($0) } END { print (m > 150) ? 150 : m + 1 }')
  rows=$(printf '%s\n' "$plain" |
    awk -v c="$columns" '{ n += (length($0) > c) ? int((length($0) + c - 1) / c) : 1 } END { print n }')
  {
    printf '<!doctype html><meta charset="utf-8"><style>'
    printf 'body{margin:0;background:#0c0c0c;color:#cccccc}'
    printf 'pre{margin:0;padding:12px 16px;font:14px/18px "DejaVu Sans Mono",monospace;white-space:pre-wrap;'
    printf 'width:%sch}</style><pre>' "$columns"
    printf '%s\n' "$text" | aha --no-header
    printf '</pre>'
  } > "$work/$name.html"
  chromium --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
    --disable-component-update --disable-sync --hide-scrollbars --user-data-dir="$work/profile" \
    --window-size="$((columns * 85 / 10 + 40)),$((rows * 18 + 26))" \
    --screenshot="$out/$name.png" "file://$work/$name.html" 2>/dev/null
  echo "docs/img/$name.png: $rows lines"
}

cd examples
finding A001 masama-2020.yaml | picture temuan-a001
finding U001 masama-2020.yaml | picture temuan-u001
finding N004 masama-2020.yaml | picture temuan-n004
lint masama-2020.yaml | awk 'BEGIN { RS = "" } !done && /Survey/ && /perbaikan/ { print; done = 1 }' | picture temuan-t001
lint --statistics --quiet . | picture ringkasan

# The HTML report as it opens: the first screen of the page.
"$ikilint" report --lang id . -o "$work/laporan.html" >/dev/null
chromium --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
  --disable-component-update --disable-sync --hide-scrollbars --user-data-dir="$work/profile" \
  --window-size=1280,900 --screenshot="$out/laporan.png" "file://$work/laporan.html" 2>/dev/null
echo "docs/img/laporan.png: the report's first screen"
