"""Whether pip-audit's vulnerability service answers here, so `make lint` can run
`make audit` where it can and say plainly that it was skipped where it cannot.

    python scripts/audit_probe.py pypi requirements.lock   # or: osv

Asks the service about one locked package (Django, at its locked version), the way
pip-audit will: PyPI's JSON API must answer that release with its "vulnerabilities"
list; OSV must answer a query. Exit 0: reachable; exit 1: not, with the reason on stdout.
Standard library only; five seconds at most."""

from __future__ import annotations

import json
import re
import sys
import urllib.error
import urllib.request
from pathlib import Path

TIMEOUT = 5


def locked_version(lock: Path, package: str = "django") -> str:
    for line in lock.read_text(encoding="utf-8").splitlines():
        match = re.match(rf"^{package}==([^\s;#]+)", line.strip(), re.IGNORECASE)
        if match:
            return match.group(1)
    raise SystemExit(f"{package} is not in {lock}")


def probe(service: str, version: str) -> str | None:
    """None when the service answers as pip-audit needs; otherwise why not."""
    if service == "pypi":
        request = urllib.request.Request(f"https://pypi.org/pypi/Django/{version}/json")
    elif service == "osv":
        body = {"package": {"name": "django", "ecosystem": "PyPI"}, "version": version}
        request = urllib.request.Request(
            "https://api.osv.dev/v1/query",
            data=json.dumps(body).encode(),
            headers={"Content-Type": "application/json"},
        )
    else:
        return f"unknown vulnerability service {service!r} (pypi or osv)"
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:  # noqa: S310 - https only
            answer = json.load(response)
    except urllib.error.HTTPError as error:
        return f"{request.full_url} answered HTTP {error.code}"
    except (urllib.error.URLError, OSError, ValueError) as error:
        return f"{request.full_url} not reachable ({getattr(error, 'reason', error)})"
    if service == "pypi" and "vulnerabilities" not in answer:
        return f"{request.full_url} answered without a vulnerabilities list"
    return None


def main(argv: list[str]) -> int:
    service = argv[1] if len(argv) > 1 else "pypi"
    lock = Path(argv[2] if len(argv) > 2 else "requirements.lock")
    reason = probe(service, locked_version(lock))
    if reason:
        print(reason)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
