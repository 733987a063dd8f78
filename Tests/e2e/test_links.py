"""Every relative link in the repository's Markdown resolves to a file of the repository (and
to a heading there, for a `#section`): the docs must stand alone, so no link may leave the
repository or point at nothing."""
import re

import pytest

from conftest import ROOT

LINK = re.compile(r"(?<!\!)\[[^\]]*\]\(([^)\s]+)\)")
SKIPPED = {".build", ".git", "node_modules", ".pytest_cache"}


def markdown_files():
    return sorted(path for path in ROOT.rglob("*.md")
                  if not any(part in SKIPPED or part.startswith(".build") for part in path.relative_to(ROOT).parts))


def anchors(path):
    """GitHub's anchors of a Markdown file's headings."""
    slugs = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            title = line.lstrip("#").strip().lower()
            slugs.add(re.sub(r"[^\w\- ]", "", title).replace(" ", "-"))
    return slugs


@pytest.mark.parametrize("document", markdown_files(), ids=lambda path: str(path.relative_to(ROOT)))
def test_relative_links_resolve_inside_the_repository(document):
    problems = []
    for target in LINK.findall(document.read_text(encoding="utf-8")):
        if re.match(r"^[a-z]+:", target):
            continue  # http:, https:, mailto:
        path_part, _, anchor = target.partition("#")
        resolved = (document.parent / path_part).resolve() if path_part else document
        if ROOT not in resolved.parents and resolved != ROOT:
            problems.append(f"{target}: leaves the repository")
        elif not resolved.exists():
            problems.append(f"{target}: no such file")
        elif anchor and resolved.suffix == ".md" and anchor not in anchors(resolved):
            problems.append(f"{target}: no heading #{anchor}")
    assert not problems, problems


def test_the_checker_catches_a_link_out_of_the_repository(tmp_path):
    """The checker itself: a link like the one that once pointed outside must be reported."""
    assert LINK.findall("see [the spec](../shared/SPEC.md) and ![img](x.png)") == ["../shared/SPEC.md"]
    outside = (ROOT / "../shared/SPEC.md").resolve()
    assert ROOT not in outside.parents
