#!/usr/bin/env bash
# Packages the extension for one platform with ikilint inside (VS Code's platform-specific extensions): the binary
# goes to server/ikilint (server/ikilint.exe for a win32 target), where the extension looks first after the
# `ikilint.path` setting. Used by the release workflow for each platform and by .ci/run for linux-x64.
#
#   scripts/package-platform.sh TARGET BINARY OUT [VERSION]
#
# TARGET: win32-x64, darwin-arm64, darwin-x64 or linux-x64; BINARY: the ikilint built for it; OUT: the .vsix to write;
# VERSION: the extension's version in the package (default: package.json's), e.g. the release's `1.2.3`.
# Run `npm ci` in editors/vscode first. The package is then checked to hold the binary, executable.
set -euo pipefail

if [ "$#" -lt 3 ] || [ "$#" -gt 4 ]; then
  echo "usage: $0 TARGET BINARY OUT [VERSION]" >&2
  exit 2
fi
target=$1 binary=$2 out=$3 version=${4:-}
case "$target" in
  win32-x64 | win32-arm64) name=ikilint.exe ;;
  linux-x64 | linux-arm64 | darwin-x64 | darwin-arm64 | alpine-x64 | alpine-arm64) name=ikilint ;;
  *)
    echo "$0: unknown VS Code target '$target'" >&2
    exit 2
    ;;
esac
if [ ! -f "$binary" ]; then
  echo "$0: no binary at '$binary'" >&2
  exit 1
fi
# BINARY and OUT are relative to the caller's folder; packaging runs in the extension's.
absolute() {
  case "$1" in
    /* | [A-Za-z]:*) printf '%s\n' "$1" ;;
    *) printf '%s\n' "$PWD/$1" ;;
  esac
}
binary=$(absolute "$binary")
out=$(absolute "$out")

cd "$(dirname "$0")/.."
# server/ exists only while packaging, so a package built without a target never carries a stale binary.
rm -rf server
mkdir server
trap 'rm -rf server' EXIT
cp "$binary" "server/$name"
chmod 755 "server/$name"
mkdir -p "$(dirname "$out")"
args=(package --target "$target" --skip-license --out "$out")
if [ -n "$version" ]; then
  args+=("$version" --no-update-package-json)
fi
npx @vscode/vsce "${args[@]}"
node scripts/vsix-entry.js "$out" "extension/server/$name"
