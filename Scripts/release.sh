#!/usr/bin/env bash
# Builds the release artefacts of icp for this machine's platform into dist/:
#   icp-VERSION-ARCH-linux.tar.gz (+ .sha256)   the binary, LICENSE, README, CHANGELOG, shell
#                                              completions, the man page and the editor set-ups
#   icp_VERSION_DEBARCH.deb (+ .sha256)        /usr/bin/icp, completions, man page, copyright
# Usage: Scripts/release.sh [--scratch-path DIR]    (default .build-release)
#
# The binary links the Swift runtime and Foundation statically (`--static-swift-stdlib`), so it
# needs only the C library. It is linked a second time without Yams' Swift layer: icp reads YAML
# through libyaml (which Yams bundles as CYaml) and never calls Yams' Swift API, which imports
# all of Foundation and with it 34 MB of ICU data. If the code ever called that API, the second
# link would fail on the missing symbols rather than ship something else.
#
# macOS (not built here): `swift build -c release --arch arm64 --arch x86_64` gives a universal
# binary in .build/apple/Products/Release/icp; Foundation is the system's there, so no relink.
set -euo pipefail
cd "$(dirname "$0")/.."
scratch=.build-release
if [ "${1:-}" = "--scratch-path" ]; then scratch=$2; fi

version=$(sed -n 's/^    public static let number = "\(.*\)"$/\1/p' Sources/ICPLanguage/ToolVersion.swift)
[ -n "$version" ] || { echo "error: no version in Sources/ICPLanguage/ToolVersion.swift" >&2; exit 1; }
grep -q "^## $version " CHANGELOG.md || { echo "error: CHANGELOG.md has no entry for $version" >&2; exit 1; }
# git is asked about this repository only, with no hook, pager or filter of its configuration run.
commit=$(git -c core.fsmonitor= -c core.hooksPath=/dev/null rev-parse --short=12 HEAD)
# A binary built from uncommitted changes does not pass for the commit.
if [ -n "$(git -c core.fsmonitor= status --porcelain --untracked-files=no)" ]; then commit="$commit-modified"; fi
case "$(uname -m)" in
  x86_64) arch=x86_64; debarch=amd64 ;;
  aarch64|arm64) arch=aarch64; debarch=arm64 ;;
  *) echo "error: no release for $(uname -m)" >&2; exit 1 ;;
esac
[ "$(uname -s)" = Linux ] || { echo "error: this script builds the Linux artefacts; see its header for macOS" >&2; exit 1; }

# The commit goes into the binary for this build only; the file is put back whatever happens.
stamp=Sources/ICPLanguage/BuildCommit.swift
mkdir -p "$scratch"
cp "$stamp" "$scratch/BuildCommit.swift.orig"
trap 'mv "$scratch/BuildCommit.swift.orig" "$stamp"' EXIT
sed -i "s/static let hash: String? = nil/static let hash: String? = \"$commit\"/" "$stamp"

echo "== building icp $version ($commit) for $arch"
start=$(date +%s)
products="$scratch/release"
# Built verbosely (always so: the flag is part of what SwiftPM compares), with the binary removed
# first so that the link runs and prints SwiftPM's own link command, which is then run again
# with Yams' Swift objects left out.
rm -f "$products/icp"
swift build -c release --static-swift-stdlib --product icp --scratch-path "$scratch" -v > "$scratch/build.log" 2>&1 \
  || { grep -E "error:" "$scratch/build.log" | head -40; tail -5 "$scratch/build.log"; exit 1; }
link=$(grep -E "^\S*swiftc .* -o \S*/release/icp " "$scratch/build.log" | tail -1)
[ -n "$link" ] || { echo "error: SwiftPM's link command for icp was not found" >&2; exit 1; }
filelist=$(echo "$link" | grep -oE "@\S*Objects\.LinkFileList")
grep -v "/Yams.build/" "${filelist#@}" > "$scratch/icp-lean.LinkFileList"
# The C++ runtime and the unwinder linked in too, so that ldd lists the C library alone: a folder
# searched first holds their static archives under the names the link asks for.
static="$scratch/static-libs"
mkdir -p "$static"
ln -sf "$(gcc -print-file-name=libstdc++.a)" "$static/libstdc++.a"
ln -sf "$(gcc -print-file-name=libgcc_eh.a)" "$static/libgcc_s.a"
link=${link//$filelist/@$scratch/icp-lean.LinkFileList}
# lld (the toolchain's) drops references of collected sections from the dynamic symbols, where
# gold keeps libstdc++'s unused arc4random and with it a glibc 2.36 floor.
link=$(echo "$link" | sed -E "s#^(\S*swiftc) -v #\1 -use-ld=lld -L $static #")
case "$link" in *"-use-ld=lld -L $static "*) ;; *) echo "error: SwiftPM's link command has a new shape: $link" >&2; exit 1 ;; esac
eval "$link" > "$scratch/link.log" 2>&1 || { cat "$scratch/link.log"; exit 1; }
echo "built in $(( $(date +%s) - start )) s"

out=dist
name="icp-$version-$arch-linux"
stage="$out/$name"
rm -rf "$stage" "$out/deb"
mkdir -p "$stage/bin" "$stage/completions" "$stage/man"
strip -o "$stage/bin/icp" "$products/icp"
"$stage/bin/icp" --version | grep -qF "(commit $commit)" || { echo "error: the binary does not name $commit" >&2; exit 1; }
if ldd "$stage/bin/icp" | grep -vqE "linux-vdso|ld-linux|lib(c|m|dl|pthread|rt|util)\.so"; then
  echo "error: the binary needs more than the C library:" >&2; ldd "$stage/bin/icp" >&2; exit 1
fi
if nm "$products/icp" | grep -q icudt; then echo "error: ICU data is still in the binary" >&2; exit 1; fi

"$stage/bin/icp" --generate-completion-script bash > "$stage/completions/icp.bash"
"$stage/bin/icp" --generate-completion-script zsh > "$stage/completions/_icp"
"$stage/bin/icp" --generate-completion-script fish > "$stage/completions/icp.fish"
# The man page comes from swift-argument-parser's own generator, built from its checkout.
swift build --package-path "$scratch/checkouts/swift-argument-parser" --scratch-path "$scratch/generate-manual" --product generate-manual >/dev/null
released=$(date -u -d "@$(git -c core.fsmonitor= log -1 --format=%ct)" +%Y-%m-%d)
"$scratch/generate-manual/debug/generate-manual" "$stage/bin/icp" --date "$released" --authors "ICP maintainers" -o "$stage/man"
cp LICENSE README.md CHANGELOG.md "$stage/"
mkdir -p "$stage/editors"
(cd editors && find . -path '*/test' -prune -o -type f -print | while read -r file; do
  mkdir -p "../$stage/editors/$(dirname "$file")" && cp "$file" "../$stage/editors/$file"; done)

# Reproducible archives: fixed owner, order and times.
epoch=$(git -c core.fsmonitor= log -1 --format=%ct)
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$epoch" -C "$out" -cf - "$name" | gzip -n -9 > "$out/$name.tar.gz"

deb="$out/deb/icp_${version}_$debarch"
mkdir -p "$deb/DEBIAN" "$deb/usr/bin" "$deb/usr/share/man/man1" "$deb/usr/share/doc/icp" \
  "$deb/usr/share/bash-completion/completions" "$deb/usr/share/zsh/vendor-completions" "$deb/usr/share/fish/vendor_completions.d"
install -m 755 "$stage/bin/icp" "$deb/usr/bin/icp"
install -m 644 "$stage/completions/icp.bash" "$deb/usr/share/bash-completion/completions/icp"
install -m 644 "$stage/completions/_icp" "$deb/usr/share/zsh/vendor-completions/_icp"
install -m 644 "$stage/completions/icp.fish" "$deb/usr/share/fish/vendor_completions.d/icp.fish"
gzip -n -9 -c "$stage/man/icp.1" > "$deb/usr/share/man/man1/icp.1.gz"
gzip -n -9 -c CHANGELOG.md > "$deb/usr/share/doc/icp/changelog.gz"
{ echo "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/"
  echo "Upstream-Name: icp"; echo; echo "Files: *"; echo "License: Apache-2.0"; echo " See /usr/share/common-licenses/Apache-2.0."; } \
  > "$deb/usr/share/doc/icp/copyright"
# The newest glibc symbol version the binary asks for is the package's floor.
glibc=$(objdump -T "$stage/bin/icp" | grep -oE "GLIBC_[0-9]+(\.[0-9]+)+" | sed 's/GLIBC_//' | sort -V | tail -1)
cat > "$deb/DEBIAN/control" <<CONTROL
Package: icp
Version: $version
Architecture: $debarch
Maintainer: ICP maintainers <maintainers@icp.invalid>
Depends: libc6 (>= $glibc)
Section: devel
Priority: optional
Installed-Size: $(du -sk "$deb/usr" | cut -f1)
Description: Ideal Customer Profiles as files: checker, previewer and language server
 icp checks ICP files (which companies are worth chasing) like a compiler checks code,
 shows what they qualify in your data, scores accounts, and serves editors over LSP
 (icp lsp).
CONTROL
find "$deb" -exec touch -h -d "@$epoch" {} +
dpkg-deb --root-owner-group -Zxz --build "$deb" "$out/icp_${version}_$debarch.deb" >/dev/null

(cd "$out" && sha256sum "$name.tar.gz" > "$name.tar.gz.sha256" && sha256sum "icp_${version}_$debarch.deb" > "icp_${version}_$debarch.deb.sha256")
echo "== $out/$name.tar.gz ($(du -h "$out/$name.tar.gz" | cut -f1)), $out/icp_${version}_$debarch.deb; binary $(du -h "$stage/bin/icp" | cut -f1) stripped, needs glibc $glibc"
