"""The web console in a real browser: playwright-core drives Debian's chromium through the console the e2e
gateway serves (the build `make console` wrote), against the whole running system.

The journeys themselves are TypeScript in gateway/console/e2e/ (`npm run e2e`); this test starts them with
the system's address and users, and fails with the browser run's own report.
"""
import os
import shutil
import subprocess
from pathlib import Path

import pytest
import requests

REPO = Path(__file__).resolve().parents[1]
CONSOLE = REPO / "gateway/console"
CHROMIUM = os.environ.get("ERP_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
TIMEOUT_SECONDS = 600


@pytest.fixture
def console_url(system):
    if not Path(CHROMIUM).is_file():
        pytest.skip(f"no chromium at {CHROMIUM}: apt-get install chromium (or set ERP_CHROMIUM)")
    if not (CONSOLE / "node_modules/playwright-core").is_dir():
        pytest.fail("gateway/console/node_modules is missing: run `make console-deps`")
    page = requests.get(f"{system.gateway}/sign-in", timeout=10)
    assert page.status_code == 200 and "text/html" in page.headers["Content-Type"], (
        f"the gateway serves no console build ({page.status_code}: {page.text[:300]}): run `make console`")
    return system.gateway


def test_console_journeys_in_chromium(console_url):
    """ERP_E2E_JOURNEYS="procure-to-pay session" runs only the journey files whose names contain those words."""
    env = {**os.environ, "ERP_CONSOLE_URL": console_url, "ERP_CHROMIUM": CHROMIUM,
           "ERP_E2E_ADMIN_USER": "e2e-admin", "ERP_E2E_ADMIN_PASSWORD": "e2e-admin-password",
           "ERP_E2E_USER_PATTERN": "e2e-{role}", "ERP_E2E_PASSWORD_PATTERN": "{role}-password-123",
           "PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD": "1", "NO_COLOR": "1", "CI": "1"}
    try:
        only = os.environ.get("ERP_E2E_JOURNEYS", "").split()
        run = subprocess.run(["npm", "run", "--silent", "e2e", *(["--", *only] if only else [])], cwd=CONSOLE, env=env, capture_output=True,
                             text=True, timeout=TIMEOUT_SECONDS)
    except subprocess.TimeoutExpired as timeout:
        output = (timeout.stdout or b"").decode() if isinstance(timeout.stdout, bytes) else (timeout.stdout or "")
        pytest.fail(f"the browser journeys took over {TIMEOUT_SECONDS} s:\n{output[-20000:]}", pytrace=False)
    if run.returncode != 0:
        pytest.fail(f"browser journeys failed (npm run e2e exited {run.returncode}):\n"
                    f"{run.stdout[-30000:]}\n{run.stderr[-10000:]}", pytrace=False)
