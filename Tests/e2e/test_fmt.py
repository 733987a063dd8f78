"""`icp fmt`: the docs' examples are in the layout, and the command keeps a user's file safe."""
import re
import subprocess

import pytest

from conftest import ICP, ROOT

DOCS = [ROOT / "README.md", *sorted((ROOT / "Documentation").glob("*.md")), *sorted((ROOT / "editors").glob("*/README.md"))]


def examples():
    """Every whole ICP or workspace file in a ```yaml block of the docs: a block whose first key
    line is `icp:` (with `parameters:`) or `datasets:`, and that elides nothing (no `...` line)."""
    found = []
    for doc in DOCS:
        text = doc.read_text(encoding="utf-8")
        for number, block in enumerate(re.findall(r"```yaml\n(.*?)```", text, re.S)):
            keys = [line for line in block.splitlines() if line and not line.startswith(("#", " "))]
            if any(line.strip() == "..." for line in block.splitlines()):
                continue
            if keys and (keys[0].startswith("icp:") and any(k.startswith("parameters:") for k in keys) or keys[0].startswith("datasets:")):
                name = "icp.workspace.yaml" if keys[0].startswith("datasets:") else "example.icp.yaml"
                found.append(pytest.param(block, name, id=f"{doc.relative_to(ROOT)}#{number}"))
    return found


@pytest.mark.parametrize("block,name", examples())
def test_doc_examples_are_in_the_layout(block, name, tmp_path):
    path = tmp_path / name
    path.write_text(block, encoding="utf-8")
    result = subprocess.run([ICP, "fmt", "--diff", str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_fmt_writes_through_no_link_and_keeps_a_broken_file(tmp_path):
    target = tmp_path / "real.icp.yaml"
    target.write_text("parameters: [{field: a, mode: filter, is: b}]\nicp: x\n", encoding="utf-8")
    link = tmp_path / "link.icp.yaml"
    link.symlink_to(target)
    result = subprocess.run([ICP, "fmt", str(link)], capture_output=True, text=True)
    assert result.returncode == 1 and "symbolic link" in result.stderr
    assert link.is_symlink() and target.read_text(encoding="utf-8").startswith("parameters:")

    broken = tmp_path / "broken.icp.yaml"
    broken.write_text("icp: x\nparameters:\n  - field: a\n\tmode: filter\n", encoding="utf-8")
    result = subprocess.run([ICP, "fmt", str(broken)], capture_output=True, text=True)
    assert result.returncode == 1 and "broken.icp.yaml:4:1: YAML cannot indent with tab characters" in result.stderr
    assert broken.read_text(encoding="utf-8") == "icp: x\nparameters:\n  - field: a\n\tmode: filter\n"

    result = subprocess.run([ICP, "fmt", "--check", str(target)], capture_output=True, text=True)
    assert result.returncode == 1 and result.stdout.strip().endswith("real.icp.yaml")
    result = subprocess.run([ICP, "fmt", str(target)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert target.read_text(encoding="utf-8") == "icp: x\nparameters:\n  - field: a\n    mode: filter\n    is: b\n"
    result = subprocess.run([ICP, "fmt", "--check", str(target)], capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout == ""
