"""The command outputs the README shows are what `icp` prints today: docs that stay true."""
import shlex
import subprocess

import pytest

from conftest import ICP, ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def shown(command):
    """The block of output under `$ command` in the README."""
    marker = f"$ {command}\n"
    start = README.index(marker) + len(marker)
    return README[start:README.index("```", start)].strip()


@pytest.mark.parametrize("command", [
    "icp preview fixtures/icps",
    "icp check fixtures/broken",
    "icp check fixtures/datachecks/values.icp.yaml",
])
def test_readme_output_is_current(command):
    printed = subprocess.run([ICP, *command.split()[1:]], capture_output=True, text=True, cwd=ROOT).stdout.strip()
    assert printed == shown(command)


def test_readme_explain_example_is_current():
    printed = subprocess.run([ICP, "explain", "fixtures/icps/midmarket-saas.icp.yaml", "--record", "A000007"],
                             capture_output=True, text=True, cwd=ROOT, check=True).stdout.strip()
    assert printed in README


def console_commands():
    """Every `$ icp ...` line of the README's console blocks, without its comment."""
    return [line[2:].split("  #")[0].strip() for line in README.splitlines() if line.startswith("$ icp ")]


@pytest.mark.parametrize("command", console_commands())
def test_every_readme_command_runs_from_the_repository_root(command, tmp_path):
    """Run exactly where the README runs them; `--out` files go to a temporary folder."""
    args = shlex.split(command)[1:]
    args = [str(tmp_path / arg) if index > 0 and args[index - 1] == "--out" else arg for index, arg in enumerate(args)]
    result = subprocess.run([ICP, *args], capture_output=True, text=True, cwd=ROOT)
    expected = 1 if command == "icp check fixtures/broken" else 0
    assert result.returncode == expected, result.stderr


def test_readme_visitor_example_is_current():
    """The visitor list: the lines the README shows (before its `...`) are the first lines printed."""
    command = "icp score fixtures/icps/midmarket-saas.icp.yaml --accounts fixtures/visitors/visitors.csv --qualified --top 12 --columns name --format table"
    printed = subprocess.run([ICP, *command.split()[1:]], capture_output=True, text=True, cwd=ROOT, check=True).stdout.splitlines()
    shown_lines = [line for line in shown(command).splitlines() if line != "..."]
    assert len(printed) == 13
    assert [line.rstrip() for line in printed[:len(shown_lines)]] == [line.rstrip() for line in shown_lines]
