"""The console's committed API contract must be what the code says: `make console-client` regenerates it.

Other changes to an API (a new endpoint, a renamed field) fail here until the client is regenerated and
committed, so the console is never typed against an API that no longer exists.
"""
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
CONSOLE = ROOT / "gateway/console"
EXPORT = ROOT / "scripts/export-openapi.py"
GENERATOR = CONSOLE / "node_modules/.bin/openapi-typescript"
STALE = "stale: run `make console-client` and commit the result"


def test_the_committed_openapi_document_and_policy_match_the_code(tmp_path):
    subprocess.run([sys.executable, str(EXPORT), str(tmp_path / "erp.json"), "--policy", str(tmp_path / "policy.json")],
                   check=True, cwd=ROOT, capture_output=True, timeout=240)
    for name in ("erp.json", "policy.json"):
        committed = (CONSOLE / "openapi" / name).read_text()
        assert (tmp_path / name).read_text() == committed, f"gateway/console/openapi/{name} is {STALE}"


@pytest.mark.skipif(not GENERATOR.exists() or shutil.which("node") is None,
                    reason="the console's node_modules are not installed (make console-deps)")
def test_the_committed_typescript_client_matches_the_document(tmp_path):
    subprocess.run([str(GENERATOR), "openapi/erp.json", "-o", str(tmp_path / "schema.d.ts")],
                   check=True, cwd=CONSOLE, capture_output=True, timeout=240)
    committed = (CONSOLE / "src/api/schema.d.ts").read_text()
    assert (tmp_path / "schema.d.ts").read_text() == committed, f"gateway/console/src/api/schema.d.ts is {STALE}"
