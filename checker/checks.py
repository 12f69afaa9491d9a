"""Document-level checks (numeric and cross-sentence), referenced from YAML by ``check: NAME``.

Each check is one function ``(ctx: CheckContext) -> Iterable[CheckHit]`` registered in ``CHECKS``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from .match import CheckContext, CheckHit

CheckFn = Callable[[CheckContext], Iterable[CheckHit]]

CHECKS: dict[str, CheckFn] = {}
