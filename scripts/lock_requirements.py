"""Write requirements.lock: the exact versions of Regie's dependencies and its test extra,
as installed in the running environment (make lock; docs/operations.md).

Only the dependency closure of ``regie[test]`` is written (not whatever else the
environment holds), each as ``name==version`` from the installed metadata. The Makefile
installs with ``-c requirements.lock``, so ``make run`` and ``make test`` get exactly
these versions. Usage: .venv/bin/python scripts/lock_requirements.py > requirements.lock
"""

from __future__ import annotations

import sys
from importlib import metadata

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT, EXTRAS = "regie", ("test",)


def closure(root: str, extras: tuple[str, ...]) -> dict[str, str]:
    pinned: dict[str, str] = {}
    todo = [(root, extras)]
    seen: set[tuple[str, str]] = set()
    while todo:
        name, wanted = todo.pop()
        dist = metadata.distribution(name)
        for extra in ("", *wanted):
            if (name, extra) in seen:
                continue
            seen.add((name, extra))
            for text in dist.requires or []:
                req = Requirement(text)
                env = {"extra": extra}
                if req.marker is not None and not req.marker.evaluate(env):
                    continue
                if req.marker is None and extra:
                    continue  # unconditional requirements came with the "" pass
                key = canonicalize_name(req.name)
                installed = metadata.distribution(req.name)
                if key != canonicalize_name(root):
                    pinned[key] = f"{installed.metadata['Name']}=={installed.version}"
                todo.append((req.name, tuple(sorted(req.extras))))
    return pinned


def main() -> None:
    lines = sorted(closure(ROOT, EXTRAS).values(), key=str.lower)
    sys.stdout.write(
        "# Exact versions of Regie's dependencies and its test extra (make lock writes this\n"
        "# file from the environment; make install/install-test install with -c it).\n"
    )
    sys.stdout.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
