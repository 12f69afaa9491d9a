"""招标文件负面清单审查 — a linter for restrictive clauses in Chinese tender documents."""

__version__ = "0.1.0"
