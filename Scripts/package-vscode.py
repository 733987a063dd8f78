#!/usr/bin/env python3
"""Writes the VS Code extension as one .vsix per platform, with the icp server inside.

    Scripts/package-vscode.py BINARY VSCODE_TARGET [--out DIR] [--without-dependencies]

BINARY is a release binary (dist/icp-VERSION-x86_64-linux/bin/icp), VSCODE_TARGET the
platform it runs on (linux-x64, linux-arm64, darwin-arm64, ...). The archive is what
`vsce package --target VSCODE_TARGET` writes: extension.vsixmanifest, [Content_Types].xml and
extension/ holding package.json, extension.js, the schemas, README, LICENSE, server/icp and
node_modules/ (vscode-languageclient and what it needs). extension.js starts server/icp when
the `icp.path` setting is empty, as it is by default.

node_modules/ comes from editors/vscode/node_modules (run `npm install --omit=dev` there first, where npm
reaches its registry). --without-dependencies leaves it out, for checking the archive's
structure on a machine without npm: such a .vsix does not activate in VS Code.
"""
import argparse
import json
import os
import stat
import sys
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "editors" / "vscode"
TARGETS = {"linux-x64", "linux-arm64", "linux-armhf", "alpine-x64", "alpine-arm64", "darwin-x64", "darwin-arm64", "win32-x64", "win32-arm64"}
# A fixed time for every entry, so the same inputs give the same archive.
STAMP = (2026, 1, 1, 0, 0, 0)


def manifest(package, target):
    identity = f'<Identity Language="en-US" Id={quoteattr(package["name"])} Version={quoteattr(package["version"])} ' \
               f'Publisher={quoteattr(package["publisher"])} TargetPlatform={quoteattr(target)}/>'
    return f"""<?xml version="1.0" encoding="utf-8"?>
<PackageManifest Version="2.0.0" xmlns="http://schemas.microsoft.com/developer/vsx-schema/2011" xmlns:d="http://schemas.microsoft.com/developer/vsx-schema-design/2011">
  <Metadata>
    {identity}
    <DisplayName>{escape(package["displayName"])}</DisplayName>
    <Description xml:space="preserve">{escape(package["description"])}</Description>
    <Categories>{escape(",".join(package["categories"]))}</Categories>
    <GalleryFlags>Public</GalleryFlags>
    <License>extension/LICENSE.txt</License>
    <Properties>
      <Property Id="Microsoft.VisualStudio.Code.Engine" Value={quoteattr(package["engines"]["vscode"])}/>
      <Property Id="Microsoft.VisualStudio.Code.ExtensionKind" Value="workspace"/>
    </Properties>
  </Metadata>
  <Installation>
    <InstallationTarget Id="Microsoft.VisualStudio.Code"/>
  </Installation>
  <Dependencies/>
  <Assets>
    <Asset Type="Microsoft.VisualStudio.Code.Manifest" Path="extension/package.json" Addressable="true"/>
    <Asset Type="Microsoft.VisualStudio.Services.Content.Details" Path="extension/README.md" Addressable="true"/>
    <Asset Type="Microsoft.VisualStudio.Services.Content.License" Path="extension/LICENSE.txt" Addressable="true"/>
  </Assets>
</PackageManifest>
"""


CONTENT_TYPES = """<?xml version="1.0" encoding="utf-8"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
  <Default Extension=".json" ContentType="application/json"/>
  <Default Extension=".js" ContentType="application/javascript"/>
  <Default Extension=".md" ContentType="text/markdown"/>
  <Default Extension=".txt" ContentType="text/plain"/>
  <Default Extension=".vsixmanifest" ContentType="text/xml"/>
  <Default Extension=".xml" ContentType="text/xml"/>
  <Default Extension="" ContentType="application/octet-stream"/>
</Types>
"""


def add(archive, name, data, executable=False):
    info = zipfile.ZipInfo(name, STAMP)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = ((0o755 if executable else 0o644) | stat.S_IFREG) << 16
    archive.writestr(info, data)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("binary", type=Path)
    parser.add_argument("target")
    parser.add_argument("--out", type=Path, default=ROOT / "dist")
    parser.add_argument("--without-dependencies", action="store_true")
    options = parser.parse_args()
    if options.target not in TARGETS:
        sys.exit(f"error: {options.target} is not a VS Code target ({', '.join(sorted(TARGETS))})")
    if not options.binary.is_file() or not os.access(options.binary, os.X_OK):
        sys.exit(f"error: {options.binary} is not an executable file")
    modules = SOURCE / "node_modules"
    if not options.without_dependencies and not (modules / "vscode-languageclient").is_dir():
        sys.exit("error: editors/vscode/node_modules has no vscode-languageclient: run `npm install --omit=dev` there, "
                 "or pass --without-dependencies for an archive that only shows the structure")

    package = json.loads((SOURCE / "package.json").read_text())
    package.pop("devDependencies", None)
    package.pop("scripts", None)
    options.out.mkdir(parents=True, exist_ok=True)
    windows = options.target.startswith("win32")
    destination = options.out / f"{package['name']}-{options.target}-{package['version']}.vsix"
    with zipfile.ZipFile(destination, "w") as archive:
        add(archive, "extension.vsixmanifest", manifest(package, options.target))
        add(archive, "[Content_Types].xml", CONTENT_TYPES)
        add(archive, "extension/package.json", json.dumps(package, indent=2) + "\n")
        add(archive, "extension/extension.js", (SOURCE / "extension.js").read_bytes())
        add(archive, "extension/README.md", (SOURCE / "README.md").read_bytes())
        add(archive, "extension/LICENSE.txt", (ROOT / "LICENSE").read_bytes())
        for schema in sorted((SOURCE / "schemas").glob("*.json")):
            add(archive, f"extension/schemas/{schema.name}", schema.read_bytes())
        add(archive, "extension/server/icp.exe" if windows else "extension/server/icp", options.binary.read_bytes(), executable=True)
        if not options.without_dependencies:
            for file in sorted(modules.rglob("*")):
                if file.is_file() and not file.is_symlink():
                    add(archive, f"extension/node_modules/{file.relative_to(modules).as_posix()}", file.read_bytes())
    print(destination)


if __name__ == "__main__":
    main()
