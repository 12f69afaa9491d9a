"""Speed benchmarks → bench/RESULTS.md (medians; never asserted in unit tests).

1. normalize + segment + match (+ sections, regime, document checks) over generated tender text
   of ~300 and ~1000 pages with the full bundled rule set (runs anywhere);
2. loading and end-to-end ``checker scan`` (fresh process → JSON written) on the synthetic 300-page
   DOCX/PDF built by ``../shared/tools/make_corpus.py`` (when that folder is present; cached in
   bench/out/) and on the real files of ``../shared/corpus/real/``.

Usage: ``python bench/run.py [--quick] [--no-corpus]``
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SHARED = ROOT.parent / "shared"
OUT = ROOT / "bench" / "out"


def median_time(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def bench_text(runs: int) -> list[tuple[str, str]]:
    from bench.textgen import generate
    from checker.pipeline import check
    from checker.rules import load_ruleset
    from checker.segment import nlp

    t0 = time.perf_counter()
    nlp()
    spacy_load = time.perf_counter() - t0
    ruleset = load_ruleset()
    rows = [("spaCy import + blank('zh') pipeline (once per process)", f"{spacy_load:.2f} s")]
    rows.append(("rules loaded", f"{len(ruleset.rules)} rules"))
    for pages in (300, 1000):
        doc = generate(pages)
        chars = sum(len(b.text) for b in doc.blocks)
        check(doc, ruleset, "auto")  # warm-up
        t = median_time(lambda d=doc: check(d, ruleset, "auto"), runs)
        findings = len(check(doc, ruleset, "auto").findings)
        rows.append((f"normalize+segment+match, {pages} pages ({chars:,} chars, {len(doc.blocks):,} blocks)",
                     f"{t:.2f} s median of {runs} ({findings} findings)"))
    return rows


def corpus_files(quick: bool) -> list[Path]:
    """The synthetic 300-page DOCX and PDF (built once into bench/out/corpus)."""
    tool = SHARED / "tools" / "make_corpus.py"
    out = OUT / "corpus"
    want = [out / "tender_0300p.docx", out / "tender_0300p.pdf"]
    if all(p.exists() for p in want):
        return want
    if not tool.exists():
        return []
    out.mkdir(parents=True, exist_ok=True)
    cmd = [sys.executable, str(tool), "--out", str(out), "--sizes", "300"]
    if not shutil.which("soffice") and not shutil.which("libreoffice"):
        cmd.append("--no-pdf")
    subprocess.run(cmd, check=False, stdout=subprocess.DEVNULL)
    return [p for p in want if p.exists()]


def bench_load(path: Path, runs: int) -> float:
    from checker.loaders import load

    load(path)  # warm-up (imports)
    return median_time(lambda: load(path), runs)


def bench_scan(path: Path, runs: int) -> tuple[float, int, int]:
    """Fresh process: start → JSON written. Returns (median seconds, median peak RSS MiB, findings)."""
    import json

    times, rss = [], []
    out = OUT / "scan.json"
    for _ in range(runs):
        t0 = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-m", "checker", "scan", str(path), "--format", "json", "-o", str(out),
                                 "--fail-on", "never"], cwd=ROOT, stderr=subprocess.DEVNULL)
        _, _, usage = os.wait4(proc.pid, 0)
        times.append(time.perf_counter() - t0)
        rss.append(usage.ru_maxrss // 1024)
    data = json.loads(out.read_text(encoding="utf-8"))
    findings = sum(len(d["findings"]) for d in data["documents"])
    return statistics.median(times), int(statistics.median(rss)), findings


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true", help="fewer repetitions")
    ap.add_argument("--no-corpus", action="store_true", help="skip the file-based benchmarks")
    args = ap.parse_args()
    runs = 3 if args.quick else 5
    OUT.mkdir(parents=True, exist_ok=True)
    lines = ["# Benchmark results", "",
             f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
             f"run {time.strftime('%Y-%m-%d %H:%M')} by `python bench/run.py`. Medians; wall-clock seconds.", "",
             "Goals: normalize+segment+match of 300 pages ≤ 1.0 s and of 1000 pages ≤ 3.5 s (growth no worse",
             "than linear); a 300-page PDF or DOCX into blocks ≤ 1.5 s; `checker scan` of the 300-page PDF and",
             "DOCX from process start to JSON written ≤ 3 s each. The machine is shared: repeat runs vary by",
             "±20 % (compare `python -c 'import spacy'`, ~0.55 s on a quiet machine).", "",
             "## Matching (in-process, generated text)", "", "| what | result |", "|---|---|"]
    lines += [f"| {a} | {b} |" for a, b in bench_text(runs)]
    if not args.no_corpus:
        files = corpus_files(args.quick)
        real = sorted((SHARED / "corpus" / "real").glob("*")) if (SHARED / "corpus" / "real").exists() else []
        if files or real:
            lines += ["", "## Loading and end-to-end `checker scan` (fresh process → JSON written)", "",
                      "| file | load into blocks | scan end to end | peak RSS | findings |",
                      "|---|---|---|---|---|"]
            for path in [*files, *real]:
                try:
                    load_t = bench_load(path, 3)
                    load_s = f"{load_t:.2f} s"
                except Exception as exc:  # noqa: BLE001 - an unreadable file is a result too
                    load_s = f"error: {exc}"
                scan_t, rss, n = bench_scan(path, runs)
                label = path.name if path.parent.name != "corpus" else f"make_corpus {path.name}"
                lines.append(f"| {label} | {load_s} | {scan_t:.2f} s | {rss} MiB | {n} |")
        else:
            lines += ["", "(../shared not present: file benchmarks skipped)"]
    text = "\n".join(lines) + "\n"
    (ROOT / "bench" / "RESULTS.md").write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
