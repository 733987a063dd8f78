"""Shared set-up of the real-client tests: where the built `icp` is, and the fixture files."""
import os
import pathlib

ROOT = pathlib.Path(__file__).resolve().parents[2]
ICP = os.environ.get("ICP_BINARY", str(ROOT / ".build" / "debug" / "icp"))
FIXTURES = ROOT / "fixtures"
