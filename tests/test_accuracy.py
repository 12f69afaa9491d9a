"""Measured accuracy gates (issue 4): the development sets and the independent held-out set.

The dev sets (tests/data/dev_*.jsonl) were written alongside the rules. The real-text set
(tests/data/heldout_real.jsonl, see HELDOUT.md) was labelled from real tenders by someone who had
not read the rules; its first measurement (precision 0.958, recall 0.535) was the independent
number. Its misses were then fixed as general rules, so it is now a regression guard, not an
independent measure.
"""

from pathlib import Path

import pytest

from checker.evaluate import read_items, run
from checker.rules import load_ruleset

DATA = Path(__file__).parent / "data"
RULESET = load_ruleset()


@pytest.fixture(scope="module")
def dev():
    return run(read_items(sorted(DATA.glob("dev_*.jsonl"))), RULESET)


@pytest.fixture(scope="module")
def blind():
    return run(read_items([DATA / "heldout_blind.jsonl"]), RULESET)


@pytest.fixture(scope="module")
def heldout():
    return run(read_items([DATA / "heldout_real.jsonl"]), RULESET)


def test_dev_set_has_more_hard_negatives_than_violations(dev):
    assert dev["negatives"] >= dev["positives"] >= 150


def test_dev_set_precision_and_recall(dev):
    assert dev["precision"] >= 0.90, dev["false_alarms"]
    assert dev["recall"] >= 0.90, dev["misses"]


def test_dev_set_no_category_below_075_recall(dev):
    low = {c: v["recall"] for c, v in dev["categories"].items() if v.get("pos") and v["recall"] < 0.75}
    assert low == {}


def test_heldout_precision_and_recall_floor(heldout):
    assert heldout["items"] >= 200
    assert heldout["precision"] >= 0.90, heldout["false_alarms"]
    assert heldout["recall"] >= HELDOUT_RECALL_FLOOR, heldout["misses"]


HELDOUT_RECALL_FLOOR = 0.95  # 1.000 after the fixes; below this something regressed


def test_blind_set_precision_and_recall_floor(blind):
    """Written blind to the rules (HELDOUT_BLIND.md); first (independent) run: precision 0.939,
    recall 0.814. Its misses were then fixed as general rules, so this is now a regression guard."""
    assert blind["items"] >= 250 and blind["negatives"] > blind["positives"]
    assert blind["precision"] >= 0.90, blind["false_alarms"]
    assert blind["recall"] >= 0.80, blind["misses"]


@pytest.fixture(scope="module")
def blind2():
    return run(read_items([DATA / "heldout_blind2.jsonl"]), RULESET)


def test_second_blind_set_precision_and_recall_floor(blind2):
    """Written blind to the rules after the first blind set's fixes (HELDOUT_BLIND2.md), table-style
    rows, 43% 工程建设; first (independent) run: precision 0.989, recall 0.870, F1 0.926. Its misses
    were then fixed as general rules, so this is now a regression guard."""
    assert blind2["items"] >= 230
    assert blind2["precision"] >= 0.95, blind2["false_alarms"]
    assert blind2["recall"] >= 0.85, blind2["misses"]


@pytest.fixture(scope="module")
def blind3():
    return run(read_items([DATA / "heldout_blind3.jsonl"]), RULESET)


def test_third_blind_set_is_the_current_independent_measure(blind3):
    """Written blind to the rules after all fixes (HELDOUT_BLIND3.md: services, 磋商/询价, 勘察设计/
    监理/EPC); NOT used for tuning. Measured: precision 1.000, recall 0.905, F1 0.950."""
    assert blind3["items"] >= 170
    assert blind3["precision"] >= 0.95, blind3["false_alarms"]
    assert blind3["recall"] >= 0.88, blind3["misses"]
