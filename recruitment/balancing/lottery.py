"""The fair lottery above a merit bar, from the web side: `draw(...)` runs the Sortition
Foundation's maximin algorithm in a separate process (`recruitment.balancing.lottery_process`, which also
describes the request and the result) and returns its result.

The library is an optional extra (GPL-3.0, large), and it reseeds Python's global random state and
adds log handlers, so it is never imported here: see docs/adr/0005-fair-lottery-in-its-own-process.md.
"""

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
LIBRARY = "sortition_algorithms"
ENABLE_HINT = (
    "Install the optional lottery extra: `.venv/bin/pip install -r requirements/lottery.txt`, or run `make setup`."
)


class LotteryError(Exception):
    """The draw could not be made; the message says why in plain English."""


def available() -> bool:
    """Whether the optional library is installed, found without importing it."""
    return importlib.util.find_spec(LIBRARY) is not None


def draw(*, candidates: list[dict], seats: int, targets: list[dict], seed: int, timeout_s: float = 600) -> dict:
    """Draw `seats` of `candidates` ({"id": int, "attributes": {category: value}}) meeting every
    target ({"category", "value", "minimum", "maximum"}), reproducibly from `seed` (1 or more).

    Returns {"selected": [ids], "probabilities": {id: chance}, "seed", "algorithm",
    "library_version"}, with the ids as ints. Raises LotteryError when the library is missing, the
    targets cannot be met, or the draw fails or takes longer than `timeout_s` seconds.
    """
    if not available():
        raise LotteryError(f"The fair lottery is not installed. {ENABLE_HINT}")
    request = {"candidates": candidates, "seats": seats, "targets": targets, "seed": seed}
    # The process would restart itself with this hash seed anyway (see lottery_process.HASH_SEED).
    environment = {**os.environ, "PYTHONHASHSEED": "0"}
    try:
        finished = subprocess.run(
            [sys.executable, "-m", "recruitment.balancing.lottery_process"],
            input=json.dumps(request),
            capture_output=True,
            text=True,
            timeout=timeout_s,
            cwd=PROJECT_ROOT,
            env=environment,
            check=False,
        )
    except subprocess.TimeoutExpired:
        message = f"The lottery took longer than {timeout_s:g} seconds and was stopped."
        raise LotteryError(f"{message} Try again with fewer candidates or fewer targets.") from None
    try:
        result = json.loads(finished.stdout)
    except json.JSONDecodeError:
        result = None
    if not isinstance(result, dict):
        last_line = (finished.stderr.strip().splitlines() or ["no message"])[-1]
        raise LotteryError(f"The lottery process failed (exit code {finished.returncode}): {last_line}")
    if finished.returncode != 0 or "error" in result:
        raise LotteryError(result.get("error") or f"The lottery process failed (exit code {finished.returncode}).")
    result["probabilities"] = {int(key): chance for key, chance in result["probabilities"].items()}
    return result
