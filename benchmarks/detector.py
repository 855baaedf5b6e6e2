"""Print the claim detector's figures: quality on the shared data, speed and memory on news text.

Quality figures retrain the model on each fold with benchmarks/train_detector.py's
recipe and score the held-out part with the full detector (model plus news cues).
Speed figures use the shipped model. Medians over --runs runs.

Example:
    python benchmarks/detector.py                      # ../shared/data/checkworthy
    python benchmarks/detector.py /path/to/checkworthy --runs 5
"""

import argparse
import gc
import re
import statistics
import subprocess
import sys
import time
import tracemalloc
from collections import defaultdict
from pathlib import Path

import numpy as np
from sklearn.metrics import average_precision_score, f1_score
from sklearn.model_selection import StratifiedKFold
from train_detector import DEFAULT_DATA, fit, read_claimbuster, read_clef

from claims.extract import find_claims, score_sentences
from claims.extract.detector import score_with
from claims.extract.model import Model
from claims.extract.sentences import split_sentences

NEWS_SAMPLE = Path(__file__).resolve().parent / "news_sample.txt"
SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_4553a5a73907e540.txt"


def claimbuster_cross_validation(data: Path, folds: int = 5) -> None:
    """Kept/not-kept F1 on ClaimBuster by stratified k-fold cross-validation."""
    rows = read_claimbuster(data)
    texts = [text for text, _ in rows]
    labels = np.array([label for _, label in rows])
    kept = np.zeros(len(rows), dtype=bool)
    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=0)
    for train, held_out in splitter.split(texts, labels):
        model = Model(*fit([texts[i] for i in train], labels[train].tolist()))
        kept[held_out] = [k for _, k in score_with(model, [texts[i] for i in held_out])]
    print(f"ClaimBuster {folds}-fold CV ({len(rows)} sentences, {labels.sum()} check-worthy):")
    print(f"  F1 check-worthy class  {f1_score(labels, kept):.3f}")
    print(f"  F1 weighted            {f1_score(labels, kept, average='weighted'):.3f}")
    print(f"  F1 macro               {f1_score(labels, kept, average='macro'):.3f}")


def clef_leave_one_debate_out(data: Path) -> None:
    """CLEF 2019 MAP: train without one debate (and without ClaimBuster copies of its lines), rank it."""
    clef = read_clef(data)
    claimbuster = read_claimbuster(data)
    debates: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for text, label, debate in clef:
        debates[debate].append((text, label))
    precisions = []
    for debate, held_out in sorted(debates.items()):
        held_out_lines = {_plain(text) for text, _ in held_out}
        train = [(t, label) for t, label, d in clef if d != debate]
        train += [(t, label) for t, label in claimbuster if _plain(t) not in held_out_lines]
        model = Model(*fit([t for t, _ in train], [label for _, label in train]))
        scores = [score for score, _ in score_with(model, [t for t, _ in held_out])]
        precisions.append(average_precision_score([label for _, label in held_out], scores))
    print(f"CLEF 2019 leave-one-debate-out ({len(debates)} debates):")
    print(
        f"  MAP {statistics.mean(precisions):.3f}  (per debate: min {min(precisions):.3f}, max {max(precisions):.3f})"
    )


def _plain(text: str) -> str:
    return re.sub(r"\W+", " ", text.lower()).strip()


def news_article(size: int = 1_000_000) -> str:
    """About `size` characters of news prose: the sample and the seed article, repeated."""
    piece = NEWS_SAMPLE.read_text(encoding="utf-8") + "\n\n" + SEED.read_text(encoding="utf-8") + "\n\n"
    return piece * (size // len(piece) + 1)


def speed(runs: int) -> None:
    article = news_article()
    sentences = [article[s.start : s.end] for s in split_sentences(article)]
    score_sentences(sentences[:10])  # read the weights before timing
    score_times, find_times = [], []
    for _ in range(runs):
        started = time.perf_counter()
        score_sentences(sentences)
        score_times.append(time.perf_counter() - started)
        started = time.perf_counter()
        find_claims(article)
        find_times.append(time.perf_counter() - started)
    print(f"Speed on a {len(article) / 1e6:.2f} MB article, {len(sentences)} sentences (median of {runs}):")
    print(f"  score_sentences  {len(sentences) / statistics.median(score_times):,.0f} sentences/s")
    print(f"  find_claims      {len(sentences) / statistics.median(find_times):,.0f} sentences/s")
    gc.collect()
    tracemalloc.start()
    find_claims(article, include_all=True)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"  find_claims(include_all=True) peak Python allocations  {peak / 1e6:.1f} MB")
    print(f"  peak resident set of a process that only runs it      {_resident_peak(article) / 1e6:.1f} MB")


def _resident_peak(article: str) -> int:
    """Peak RSS in bytes of a fresh interpreter running find_claims, without this script's scikit-learn."""
    # VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the forking parent.
    code = (
        "import re, sys; from claims.extract import find_claims; "
        "find_claims(sys.stdin.read(), include_all=True); "
        "print(re.search(r'VmHWM:\\s+(\\d+)', open('/proc/self/status').read())[1])"
    )
    done = subprocess.run([sys.executable, "-c", code], input=article, capture_output=True, text=True, check=True)
    return int(done.stdout) * 1024  # kB


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="?", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--speed-only", action="store_true", help="skip the (slow) retraining for quality figures")
    args = parser.parse_args()
    speed(args.runs)
    if not args.speed_only:
        claimbuster_cross_validation(args.data)
        clef_leave_one_debate_out(args.data)


if __name__ == "__main__":
    main()
