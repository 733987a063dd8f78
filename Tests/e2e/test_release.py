"""The release artefacts of Scripts/release.sh, as a user gets them: the tarball unpacked into an
empty folder and run with no Swift toolchain on PATH (--version, icp preview, the language
server over pipes), the .deb installed and removed, the VS Code archive's structure, and the
editor set-ups that download the release naming the assets it writes.

Run after Scripts/release.sh with ICP_RELEASE_DIR=dist (CI does); ICP_DEB_INSTALL=1 also
installs the .deb with apt-get and removes it (root only). Without ICP_RELEASE_DIR the tests
that need the artefacts are skipped, the others still run.
"""
import hashlib
import json
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tarfile
import zipfile

import pytest

from conftest import FIXTURES, ROOT

sys.path.insert(0, str(ROOT / "Scripts"))
import lspclient  # noqa: E402

RELEASE = os.environ.get("ICP_RELEASE_DIR")
needs_release = pytest.mark.skipif(not RELEASE, reason="set ICP_RELEASE_DIR to the folder Scripts/release.sh wrote")
VERSION = re.search(r'public static let number = "([^"]+)"', (ROOT / "Sources/ICPLanguage/ToolVersion.swift").read_text()).group(1)
NAME = f"icp-{VERSION}-x86_64-linux"
# What a machine without Swift has: the system's folders only.
BARE_PATH = "/usr/local/bin:/usr/bin:/bin"


def release(name):
    return pathlib.Path(RELEASE).resolve() / name


@pytest.fixture(scope="module")
def unpacked(tmp_path_factory):
    folder = tmp_path_factory.mktemp("empty")
    with tarfile.open(release(f"{NAME}.tar.gz")) as archive:
        archive.extractall(folder, filter="data")
    return folder / NAME


def bare(command, cwd, path=BARE_PATH):
    environment = {"PATH": path, "HOME": str(cwd), "LANG": "C.UTF-8"}
    return subprocess.run(command, cwd=cwd, env=environment, capture_output=True, text=True, timeout=300)


@needs_release
def test_checksums_match_the_files():
    for sums in [release(f"{NAME}.tar.gz.sha256"), release(f"icp_{VERSION}_amd64.deb.sha256")]:
        digest, name = sums.read_text().split()
        assert hashlib.sha256(release(name).read_bytes()).hexdigest() == digest, name


@needs_release
def test_the_tarball_holds_what_its_readme_says(unpacked):
    for path in ["bin/icp", "LICENSE", "README.md", "CHANGELOG.md", "completions/icp.bash", "completions/_icp",
                 "completions/icp.fish", "man/icp.1", "editors/neovim/lsp/icp.lua", "editors/helix/languages.toml",
                 "editors/schemas/icp.schema.json", "editors/vscode/package.json"]:
        assert (unpacked / path).is_file(), path
    assert not list(unpacked.glob("editors/*/test")), "the editors' own tests stay out"
    assert os.access(unpacked / "bin/icp", os.X_OK)
    assert "complete" in (unpacked / "completions/icp.bash").read_text()
    assert (unpacked / "completions/_icp").read_text().startswith("#compdef icp")
    assert ".Dt ICP 1" in (unpacked / "man/icp.1").read_text()
    assert "Apache License" in (unpacked / "LICENSE").read_text()


@needs_release
def test_the_binary_is_lean_and_needs_only_the_c_library(unpacked):
    binary = unpacked / "bin/icp"
    assert binary.stat().st_size < 30 * 1024 * 1024, f"{binary.stat().st_size} bytes"
    linked = subprocess.run(["ldd", str(binary)], capture_output=True, text=True, check=True).stdout
    libraries = [line.split()[0] for line in linked.splitlines() if line.strip()]
    c_library = re.compile(r"^(linux-vdso\.so\.1|/lib64/ld-linux-x86-64\.so\.2|lib(c|m|dl|pthread|rt|util)\.so\.\d+)$")
    assert all(c_library.match(name) for name in libraries), linked


@needs_release
def test_it_runs_from_an_empty_folder_without_swift(unpacked, tmp_path):
    assert shutil.which("swift", path=BARE_PATH) is None, "a toolchain on the bare PATH would prove nothing"
    shutil.copytree(FIXTURES / "icps", tmp_path / "icps")
    path = f"{unpacked / 'bin'}:{BARE_PATH}"
    version = bare(["icp", "--version"], tmp_path, path)
    assert re.fullmatch(rf"icp {re.escape(VERSION)} \(commit [0-9a-f]{{12}}\)\n", version.stdout), version
    preview = bare(["icp", "preview", "icps"], tmp_path, path)
    assert preview.returncode == 0, preview.stderr
    assert re.search(r"^midmarket-saas +live +8 +381 of 5,000", preview.stdout, re.MULTILINE), preview.stdout
    manual = subprocess.run(["man", "-l", str(unpacked / "man/icp.1")], capture_output=True, text=True, env={"MANWIDTH": "80", "PATH": BARE_PATH})
    assert manual.returncode == 0 and "preview" in manual.stdout


@needs_release
def test_the_language_server_answers_over_pipes(unpacked, tmp_path):
    shutil.copytree(FIXTURES / "icps", tmp_path / "icps")
    server = lspclient.Server(str(unpacked / "bin/icp"), tmp_path / "icps")
    try:
        icp_file = tmp_path / "icps" / "midmarket-saas.icp.yaml"
        server.open(icp_file)
        lines = icp_file.read_text().splitlines()
        line = next(i for i, text in enumerate(lines) if "field: employees" in text)
        hover = server.request("textDocument/hover", {"textDocument": {"uri": icp_file.as_uri()},
                                                      "position": {"line": line, "character": lines[line].index("employees") + 2}})
        text = json.dumps(hover["result"])
        assert "employees" in text and re.search(r"\d", text), hover
    finally:
        server.process.kill()


@needs_release
def test_the_deb_installs_icp_completions_and_manual():
    listing = subprocess.run(["dpkg-deb", "-c", str(release(f"icp_{VERSION}_amd64.deb"))], capture_output=True, text=True, check=True).stdout
    for path in ["./usr/bin/icp", "./usr/share/man/man1/icp.1.gz", "./usr/share/bash-completion/completions/icp",
                 "./usr/share/zsh/vendor-completions/_icp", "./usr/share/fish/vendor_completions.d/icp.fish", "./usr/share/doc/icp/copyright"]:
        assert re.search(rf" {re.escape(path)}$", listing, re.MULTILINE), path
    assert "root/root" in listing and not re.search(r"^-rwxrwxrwx", listing, re.MULTILINE)
    control = subprocess.run(["dpkg-deb", "-f", str(release(f"icp_{VERSION}_amd64.deb"))], capture_output=True, text=True, check=True).stdout
    assert f"Version: {VERSION}" in control and re.search(r"Depends: libc6 \(>= 2\.\d+\)", control), control


@pytest.mark.skipif(not RELEASE or os.environ.get("ICP_DEB_INSTALL") != "1", reason="ICP_DEB_INSTALL=1 installs the .deb (root)")
def test_the_deb_installs_and_removes_cleanly(tmp_path):
    deb = release(f"icp_{VERSION}_amd64.deb")
    subprocess.run(["apt-get", "install", "-y", "-qq", str(deb)], check=True, capture_output=True, env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"})
    try:
        shutil.copytree(FIXTURES / "icps", tmp_path / "icps")
        assert shutil.which("icp", path=BARE_PATH) == "/usr/bin/icp"
        assert bare(["icp", "--version"], tmp_path).stdout.startswith(f"icp {VERSION} (commit ")
        assert bare(["icp", "preview", "icps"], tmp_path).returncode == 0
        assert subprocess.run(["man", "-w", "icp"], capture_output=True, text=True).stdout.strip() == "/usr/share/man/man1/icp.1.gz"
    finally:
        subprocess.run(["apt-get", "remove", "-y", "-qq", "icp"], check=True, capture_output=True, env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"})
    assert not pathlib.Path("/usr/bin/icp").exists()
    assert not pathlib.Path("/usr/share/man/man1/icp.1.gz").exists()
    status = subprocess.run(["dpkg-query", "-W", "-f", "${Status}", "icp"], capture_output=True, text=True).stdout
    assert "installed" not in status.split() or "not-installed" in status, status


@needs_release
def test_the_vscode_archive_holds_the_server_package_json_points_at(unpacked, tmp_path):
    made = subprocess.run([sys.executable, str(ROOT / "Scripts/package-vscode.py"), str(unpacked / "bin/icp"), "linux-x64",
                           "--out", str(tmp_path), "--without-dependencies"], capture_output=True, text=True, check=True).stdout.strip()
    with zipfile.ZipFile(made) as archive:
        names = set(archive.namelist())
        assert {"extension.vsixmanifest", "[Content_Types].xml", "extension/package.json", "extension/extension.js",
                "extension/LICENSE.txt", "extension/schemas/icp.schema.json", "extension/server/icp"} <= names
        server = archive.getinfo("extension/server/icp")
        assert server.external_attr >> 16 & 0o111, "the server is executable once unpacked"
        assert archive.read("extension/server/icp") == (unpacked / "bin/icp").read_bytes()
        package = json.loads(archive.read("extension/package.json"))
        assert package["license"] == "Apache-2.0"
        assert package["contributes"]["configuration"]["properties"]["icp.path"]["default"] == ""
        assert package["main"] == "./extension.js"
        script = archive.read("extension/extension.js").decode()
        assert 'path.join("server"' in script and '"icp"' in script
        assert 'TargetPlatform="linux-x64"' in archive.read("extension.vsixmanifest").decode()


def test_the_setups_that_download_the_release_name_its_assets():
    """mason.nvim's entry and the Zed extension look for the names Scripts/release.sh writes."""
    script = (ROOT / "Scripts/release.sh").read_text()
    assert 'name="icp-$version-$arch-linux"' in script and '"$name.tar.gz"' in script
    mason = (ROOT / "editors/neovim/mason/package.yaml").read_text()
    assert 'file: icp-{{ version | strip_prefix "v" }}-x86_64-linux.tar.gz' in mason
    assert 'bin: icp-{{ version | strip_prefix "v" }}-x86_64-linux/bin/icp' in mason
    assert f"@v{VERSION}" in mason
    zed = (ROOT / "editors/zed/src/lib.rs").read_text()
    assert 'format!("icp-{version}-{arch}-linux")' in zed and 'format!("{name}/bin/icp")' in zed
    assert re.search(r'const REPOSITORY: &str = "([^"]+)"', zed).group(1) in mason
    assert f"## {VERSION} " in (ROOT / "CHANGELOG.md").read_text()


def test_the_schemastore_entry_names_the_schemas_ids():
    """The SchemaStore catalog entry, ready to submit: each URL is the `$id` of a committed schema,
    and its file patterns are those the VS Code extension validates."""
    catalog = json.loads((ROOT / "editors/schemas/schemastore-catalog.json").read_text())
    ids = {json.loads((ROOT / "editors/schemas" / name).read_text())["$id"]: name for name in ["icp.schema.json", "workspace.schema.json"]}
    assert {entry["url"] for entry in catalog} == set(ids)
    package = json.loads((ROOT / "editors/vscode/package.json").read_text())
    validated = {pattern for rule in package["contributes"]["yamlValidation"] + package["contributes"]["jsonValidation"]
                 for pattern in ([rule["fileMatch"]] if isinstance(rule["fileMatch"], str) else rule["fileMatch"])}
    assert {pattern for entry in catalog for pattern in entry["fileMatch"]} == validated
