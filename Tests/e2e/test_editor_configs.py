"""The editor setups in editors/ parse as their editors' formats and start `icp lsp` for ICP files.

Neovim, Emacs (eglot and lsp-mode) and Vim with ALE are driven for real by their own tests
(see .ci/run); the others are checked here."""
import json
import re
import shutil
import subprocess
import tomllib
import xml.etree.ElementTree as ElementTree

import pytest
import yaml

from conftest import ROOT

EDITORS = ROOT / "editors"


def test_helix_languages():
    config = tomllib.loads((EDITORS / "helix" / "languages.toml").read_text())
    assert config["language-server"]["icp"] == {"command": "icp", "args": ["lsp"]}
    languages = {language["name"]: language for language in config["language"]}
    assert {"glob": "*.icp.yaml"} in languages["icp"]["file-types"]
    assert {"glob": "*.icp.json"} in languages["icp-json"]["file-types"]
    assert all(language["language-servers"] == ["icp"] for language in languages.values())
    assert "icp.workspace.yaml" in languages["icp"]["roots"]
    # Editor settings live in config.toml; languages.toml must not carry them.
    assert "editor" not in config
    assert tomllib.loads((EDITORS / "helix" / "config.toml").read_text())["editor"]["lsp"]["display-inlay-hints"] is True


def test_kate_modes_and_server():
    names = {}
    for file in ("icp.xml", "icp-json.xml"):
        language = ElementTree.parse(EDITORS / "kate" / file).getroot()
        names[language.get("name")] = language.get("extensions").split(";")
        assert language.find(".//IncludeRules").get("context") in ("##YAML", "##JSON")
    assert names == {"ICP": ["*.icp.yaml", "*.icp.yml", "icp.workspace.yaml"], "ICP (JSON)": ["*.icp.json"]}
    server = json.loads((EDITORS / "kate" / "settings.json").read_text())["servers"]["icp"]
    assert server["command"] == ["icp", "lsp"]
    assert all(re.fullmatch(server["highlightingModeRegex"], name) for name in names)
    assert not re.fullmatch(server["highlightingModeRegex"], "YAML")


def test_vim_setups():
    ale = (EDITORS / "vim" / "ale_linters" / "icp" / "icp.vim").read_text()
    assert "call ale#linter#Define('icp'" in ale and "'lsp': 'stdio'" in ale and "'command': '%e lsp'" in ale
    ycm = (EDITORS / "vim" / "ycm.vim").read_text()
    assert "g:ycm_language_server" in ycm and "'lsp']" in ycm and "'filetypes': ['icp']" in ycm


def test_zed_extension():
    manifest = tomllib.loads((EDITORS / "zed" / "extension.toml").read_text())
    assert manifest["language_servers"]["icp"]["languages"] == ["ICP"]
    language = tomllib.loads((EDITORS / "zed" / "languages" / "icp" / "config.toml").read_text())
    assert language["name"] == "ICP" and "icp.yaml" in language["path_suffixes"]
    cargo = tomllib.loads((EDITORS / "zed" / "Cargo.toml").read_text())
    assert "zed_extension_api" in cargo["dependencies"]
    source = (EDITORS / "zed" / "src" / "lib.rs").read_text()
    assert 'which("icp")' in source and 'vec!["lsp".into()]' in source


def test_vscode_extension():
    package = json.loads((EDITORS / "vscode" / "package.json").read_text())
    patterns = [pattern for language in package["contributes"]["languages"] for pattern in language["filenamePatterns"]]
    assert {"*.icp.yaml", "*.icp.yml", "*.icp.json"} <= set(patterns)
    assert package["main"] == "./extension.js"
    for name in ("icp.schema.json", "workspace.schema.json"):
        assert (EDITORS / "vscode" / "schemas" / name).read_text() == (EDITORS / "schemas" / name).read_text()
    source = (EDITORS / "vscode" / "extension.js").read_text()
    assert 'args: ["lsp"]' in source and "icp/preview" in source and 'configurationSection: "icp"' in source
    assert "onLanguage:yaml" in package["activationEvents"]


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_vscode_extension_is_valid_javascript():
    subprocess.run(["node", "--check", str(EDITORS / "vscode" / "extension.js")], check=True)


def test_sublime_settings_and_syntaxes():
    settings = json.loads((EDITORS / "sublime" / "LSP.sublime-settings").read_text())
    client = settings["clients"]["icp"]
    assert client["command"] == ["icp", "lsp"] and client["enabled"] is True
    scopes = set()
    for path in (EDITORS / "sublime").glob("*.sublime-syntax"):
        syntax = yaml.safe_load(path.read_text().split("\n", 1)[1])
        scopes.add(syntax["scope"])
        assert syntax["extends"].startswith("Packages/")
    assert set(client["selector"].replace(" ", "").split("|")) == scopes


def sexp_forms(text):
    """Reads Emacs Lisp top-level forms far enough to prove parentheses and strings balance."""
    depth, forms, in_string, escaped, comment = 0, 0, False, False, False
    for index, char in enumerate(text):
        if comment:
            comment = char != "\n"
        elif in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == ";":
            comment = True
        elif char == "?" and index + 1 < len(text) and text[index + 1] in "()\"":
            continue
        elif char == '"':
            in_string = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            assert depth >= 0, f"unbalanced ) at {index}"
            forms += depth == 0
    assert depth == 0 and not in_string
    return forms


def test_emacs_package():
    source = (EDITORS / "emacs" / "icp.el").read_text()
    assert sexp_forms(source) >= 8
    assert '(list icp-program "lsp")' in source and "(defcustom icp-lsp-client 'auto" in source
    assert "(lsp-register-client" in source and "eglot-server-programs" in source
    assert r"""'("\\.icp\\.ya?ml\\'" . icp-yaml-mode)""" in source
    assert r"""'("\\.icp\\.json\\'" . icp-json-mode)""" in source
    assert "(provide 'icp)" in source


def test_every_editor_has_a_readme_saying_what_was_tested():
    for folder in EDITORS.iterdir():
        if folder.is_dir() and folder.name != "schemas":
            readme = (folder / "README.md").read_text()
            assert "Tested" in readme or "tested" in readme, folder.name
