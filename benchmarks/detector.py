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
import os
import re
import statistics
import subprocess
import sys
import time
import tracemalloc
from collections import defaultdict
from pathlib import Path

from claims.extract import find_claims, score_sentences
from claims.extract.detector import iter_claims, score_with
from claims.extract.model import Model
from claims.extract.sentences import split_sentences

NEWS_SAMPLE = Path(__file__).resolve().parent / "news_sample.txt"
SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_4553a5a73907e540.txt"


def claimbuster_cross_validation(data: Path, folds: int = 5) -> None:
    """Kept/not-kept F1 on ClaimBuster by stratified k-fold cross-validation."""
    import numpy as np
    from sklearn.metrics import f1_score
    from sklearn.model_selection import StratifiedKFold
    from train_detector import fit, read_claimbuster

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
    from sklearn.metrics import average_precision_score
    from train_detector import fit, read_claimbuster, read_clef

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
    """Sentences a second, in CPU time (process_time) so that other work on a shared machine does not
    count, and in wall time; beside the time of cutting the text into sentences alone, in the same run."""
    article = news_article()
    sentences = [article[s.start : s.end] for s in split_sentences(article)]
    score_sentences(sentences[:10])  # read the weights before timing
    split_times, score_times, find_times, find_walls = [], [], [], []
    for _ in range(runs):
        started = time.process_time()
        split_sentences(article)
        split_times.append(time.process_time() - started)
        started = time.process_time()
        score_sentences(sentences)
        score_times.append(time.process_time() - started)
        started, wall = time.process_time(), time.perf_counter()
        for _ in iter_claims(article, include_all=True):
            pass
        find_times.append(time.process_time() - started)
        find_walls.append(time.perf_counter() - wall)
    count = len(sentences)
    split, find = statistics.median(split_times), statistics.median(find_times)
    print(f"Speed on a {len(article) / 1e6:.2f} MB article, {count} sentences (median of {runs}, CPU time):")
    print(f"  split_sentences  {count / split:,.0f} sentences/s")
    print(f"  score_sentences  {count / statistics.median(score_times):,.0f} sentences/s")
    print(
        f"  find_claims      {count / find:,.0f} sentences/s ({find / split:.1f}x the time of splitting alone; "
        f"wall time {count / statistics.median(find_walls):,.0f}/s on a load of {os.getloadavg()[0]:.1f})"
    )
    gc.collect()
    tracemalloc.start()
    find_claims(article, include_all=True)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"  find_claims(include_all=True) peak Python allocations, 1 MB   {peak / 1e6:.1f} MB")
    big = news_article(10_000_000)
    print(
        f"  peak resident set of a process reading {len(big) / 1e6:.0f} MB with iter_claims    "
        f"{_resident_peak(big) / 1e6:.1f} MB"
    )


def _resident_peak(article: str) -> int:
    """Peak RSS in bytes of a fresh interpreter streaming iter_claims, without this script's scikit-learn."""
    # VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the forking parent.
    code = (
        "import re, sys; from claims.extract.detector import iter_claims; "
        "text = sys.stdin.read(); any(False for _ in iter_claims(text, include_all=True)); "
        "print(re.search(r'VmHWM:\\s+(\\d+)', open('/proc/self/status').read())[1])"
    )
    done = subprocess.run([sys.executable, "-c", code], input=article, capture_output=True, text=True, check=True)
    return int(done.stdout) * 1024  # kB


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="?", type=Path, help="the labelled data (default: ../shared/data/checkworthy)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--speed-only", action="store_true", help="skip the (slow) retraining for quality figures")
    args = parser.parse_args()
    speed(args.runs)
    if not args.speed_only:
        from train_detector import DEFAULT_DATA  # scikit-learn: only for the quality figures

        claimbuster_cross_validation(args.data or DEFAULT_DATA)
        clef_leave_one_debate_out(args.data or DEFAULT_DATA)


if __name__ == "__main__":
    main()
