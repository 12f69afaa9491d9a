"""Regenerate the report writers' golden files: ``python tests/regen_golden.py`` (``make golden``).

Review the diff of tests/golden/ before committing: every change there is a change users see.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent), str(HERE)]

from report_fixture import GOLDEN_DIR, GOLDEN_FILES, golden_bytes  # noqa: E402


def main() -> int:
    GOLDEN_DIR.mkdir(exist_ok=True)
    for fmt, name in GOLDEN_FILES.items():
        path = GOLDEN_DIR / name
        new = golden_bytes(fmt)
        old = path.read_bytes() if path.exists() else None
        if new != old:
            path.write_bytes(new)
            print(f"updated {path.relative_to(HERE.parent)}")
        else:
            print(f"unchanged {path.relative_to(HERE.parent)}")
    from test_end_to_end import regen as regen_e2e  # end-to-end goldens of examples/

    print("\n".join(regen_e2e()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
