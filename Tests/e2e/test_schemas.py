"""The JSON Schemas of `icp schema` (committed in editors/schemas/) against the fixtures,
read as editors read YAML (1.2 core schema: numbers are numbers, only true/false are booleans,
dates stay text)."""
import json
import re
import subprocess

import jsonschema
import pytest
import yaml

from conftest import FIXTURES, ICP, ROOT

SCHEMAS = ROOT / "editors" / "schemas"


class Yaml12Loader(yaml.SafeLoader):
    """PyYAML's safe loader with YAML 1.2 core-schema booleans and no timestamps."""


Yaml12Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag not in ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:timestamp")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
Yaml12Loader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))


def load(path):
    text = path.read_text(encoding="utf-8")
    return json.loads(text) if path.suffix == ".json" else yaml.load(text, Loader=Yaml12Loader)


@pytest.mark.parametrize("kind,name", [("icp", "icp.schema.json"), ("workspace", "workspace.schema.json")])
def test_committed_schemas_are_what_icp_schema_prints(kind, name):
    printed = subprocess.run([ICP, "schema", kind], capture_output=True, text=True, check=True).stdout
    assert printed == (SCHEMAS / name).read_text(encoding="utf-8")
    jsonschema.Draft7Validator.check_schema(json.loads(printed))


GOOD = sorted(list((FIXTURES / "icps").glob("*.icp.*")) + list((FIXTURES / "datasets" / "messy").glob("*.icp.yaml")))


@pytest.mark.parametrize("path", GOOD, ids=lambda p: p.name)
def test_example_icps_validate(path):
    schema = json.loads((SCHEMAS / "icp.schema.json").read_text())
    errors = [error.message for error in jsonschema.Draft7Validator(schema).iter_errors(load(path))]
    assert errors == []


def test_the_broken_example_fails_where_icp_check_does():
    schema = json.loads((SCHEMAS / "icp.schema.json").read_text())
    messages = " | ".join(error.message for error in jsonschema.Draft7Validator(schema).iter_errors(load(FIXTURES / "broken" / "broken.icp.yaml")))
    assert "'nmae' was unexpected" in messages
    assert "'published' is not one of" in messages


@pytest.mark.parametrize("path", [FIXTURES / "icps" / "icp.workspace.yaml", FIXTURES / "datasets" / "messy" / "icp.workspace.yaml", FIXTURES / "datachecks" / "icp.workspace.yaml"], ids=lambda p: p.parent.name)
def test_example_workspace_files_validate(path):
    schema = json.loads((SCHEMAS / "workspace.schema.json").read_text())
    assert [error.message for error in jsonschema.Draft7Validator(schema).iter_errors(load(path))] == []
