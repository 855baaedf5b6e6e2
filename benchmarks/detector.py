"""Print the claim detector's figures: quality on the shared data, speed and memory on news text.

Quality figures use the honest split of benchmarks/train_detector.py (`split`): the data's
tuning part, cross-validated with whole debates left out (ClaimBuster F1 of the check-worthy
class, CLEF 2019 MAP), and its held-out part, scored once by the recipe trained on the whole
tuning part. Only the tuning figures may steer a choice; the held-out figures say whether it
carried. Both score with the full detector (model plus news cues), as `claims score` does.
The shipped model is trained on all of the data, so no figure here is of the shipped weights.
Speed figures use the shipped model. Medians over --runs runs.

Example:
    python benchmarks/detector.py                      # ../shared/data/checkworthy
    python benchmarks/detector.py /path/to/checkworthy --runs 5
"""

import argparse
import gc
import os
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


def quality(data: Path, folds: int = 5) -> None:
    """The recipe's figures on the honest split (train_detector.split): cross-validated within the
    tuning part, grouped by debate, and on the held-out part, trained on the whole tuning part."""
    from train_detector import fit, split, tuning_weights

    parts = split(data)
    texts = [text for text, _ in parts.tune]
    labels = [label for _, label in parts.tune]
    weights = tuning_weights(parts.tune_groups)
    debates = sorted(set(parts.tune_groups))
    claimbuster_debates = [d for d in debates if d.startswith("claimbuster")]
    clef_debates = [d for d in debates if not d.startswith("claimbuster")]
    scores: list[tuple[float, bool]] = [(0.0, False)] * len(texts)
    for fold in range(folds):
        left_out = set(claimbuster_debates[fold::folds]) | set(clef_debates[fold::folds])
        train = [i for i, d in enumerate(parts.tune_groups) if d not in left_out]
        test = [i for i, d in enumerate(parts.tune_groups) if d in left_out]
        model = Model(*fit([texts[i] for i in train], [labels[i] for i in train], [weights[i] for i in train]))
        for i, scored in zip(test, score_with(model, [texts[i] for i in test]), strict=True):
            scores[i] = scored
    cb = [(labels[i], scores[i]) for i, d in enumerate(parts.tune_groups) if d.startswith("claimbuster")]
    clef: dict[str, list[tuple[int, tuple[float, bool]]]] = defaultdict(list)
    for i, d in enumerate(parts.tune_groups):
        if not d.startswith("claimbuster"):
            clef[d].append((labels[i], scores[i]))
    print(f"Tuning part, {folds}-fold cross-validation grouped by debate ({len(texts)} lines):")
    _print_figures(cb, clef)
    model = Model(*fit(texts, labels, weights))
    held_cb = _scored(model, parts.claimbuster)
    held_clef = {debate: _scored(model, rows) for debate, rows in parts.clef.items()}
    print("Held-out part (never tuned on), trained on the whole tuning part:")
    _print_figures(held_cb, held_clef)


def _scored(model: Model, rows: list[tuple[str, int]]) -> list[tuple[int, tuple[float, bool]]]:
    return list(zip((label for _, label in rows), score_with(model, [text for text, _ in rows]), strict=True))


def _print_figures(
    claimbuster: list[tuple[int, tuple[float, bool]]], clef: dict[str, list[tuple[int, tuple[float, bool]]]]
) -> None:
    from sklearn.metrics import average_precision_score, f1_score

    truth = [label for label, _ in claimbuster]
    kept = [k for _, (_, k) in claimbuster]
    print(
        f"  ClaimBuster ({len(truth)} sentences, {sum(truth)} check-worthy): F1 check-worthy class {f1_score(truth, kept):.3f}"
    )
    precisions = [
        average_precision_score([label for label, _ in rows], [score for _, (score, _) in rows])
        for rows in clef.values()
    ]
    print(
        f"  CLEF 2019 ({len(clef)} debates): MAP {statistics.mean(precisions):.3f} "
        f"(per debate: min {min(precisions):.3f}, max {max(precisions):.3f})"
    )


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

        quality(args.data or DEFAULT_DATA)


if __name__ == "__main__":
    main()
