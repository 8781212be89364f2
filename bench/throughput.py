"""Essays per second through analysis and the Markdown worksheet, on a process pool.

    python bench/throughput.py [--essays 1000] [--words 1000] [--workers 2] [--seed 1] [--runs 3]

The essays are generated deterministically from a seed by recombining the
sentences of the sample essays (seeds/ and tests/data/claims/texts/), with two
words of each swapped for others so that no two sentences repeat exactly.
Runs are comparable across machines and commits. Each run starts a fresh pool
forked after the engine is built, as a new `debateprep` batch does; the
median run is the figure (shared machines vary by ±10% from run to run).
Target: 200 essays/s on 2 cores.
"""

from __future__ import annotations

import argparse
import functools
import multiprocessing
import random
import resource
import statistics
import time
from pathlib import Path

import debateprep
from debateprep.batch import Request, prepare
from debateprep.read import read_path
from debateprep.segment import segment

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [*sorted((ROOT / "seeds").iterdir()), *sorted((ROOT / "tests/data/claims/texts").iterdir())]


@functools.lru_cache(maxsize=1)
def sentence_pool() -> tuple[str, ...]:
    """Every body sentence of the sample essays, on one line each."""
    return tuple(
        " ".join(sentence.text.split())
        for path in SOURCES
        for sentence in segment(read_path(str(path)))
    )


@functools.lru_cache(maxsize=1)
def vocabulary() -> tuple[str, ...]:
    return tuple(sorted({w for s in sentence_pool() for w in s.split() if w.isalpha() and w.islower()}))


def vary(sentence: str, rng: random.Random) -> str:
    """The sentence with two of its lower-case words replaced by others."""
    words = sentence.split()
    swappable = [i for i, word in enumerate(words) if word.isalpha() and word.islower()]
    for index in rng.sample(swappable, min(2, len(swappable))):
        words[index] = rng.choice(vocabulary())
    return " ".join(words)


def make_essay(seed: int, words: int) -> str:
    """A Markdown essay of about `words` words: a title, then paragraphs of 2-7 sentences."""
    rng = random.Random(seed)
    pool = sentence_pool()
    title = rng.choice(pool).rstrip(".!?")
    paragraphs, count = [], 0
    while count < words:
        sentences = [vary(s, rng) for s in rng.sample(pool, rng.randint(2, 7))]
        count += sum(len(s.split()) for s in sentences)
        paragraphs.append(" ".join(sentences))
    return f"# {title}\n\n" + "\n\n".join(paragraphs) + "\n"


CHUNK = 8  # essays per task, as a `debateprep` batch hands them to its workers


def worksheets_for(essays: list[str]) -> list[str]:
    """What `debateprep worksheet` does for a chunk of essays, minus the file handling: the library API."""
    analyses = debateprep.analyze_many(essays, names=[f"essay{n}.md" for n in range(len(essays))])
    return [debateprep.render(debateprep.build_worksheet(analysis), "md") for analysis in analyses]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--essays", type=int, default=1000)
    parser.add_argument("--words", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    essays = [make_essay(args.seed * 1_000_003 + n, args.words) for n in range(args.essays)]
    mean_words = sum(len(e.split()) for e in essays) / len(essays)
    print(f"{len(essays)} essays, {mean_words:.0f} words each on average, {args.workers} workers")

    prepare(Request(kind="worksheet", fmt="md"))  # as a batch does: forked workers inherit the engine
    rates, cpu_rates = [], []
    for run in range(1, args.runs + 1):
        start, cpu_start = time.perf_counter(), cpu_seconds()
        with multiprocessing.get_context("fork").Pool(args.workers) as pool:
            chunks = [essays[start:start + CHUNK] for start in range(0, len(essays), CHUNK)]
            sheets = [sheet for chunk in pool.map(worksheets_for, chunks) for sheet in chunk]
            pool.close()
            pool.join()  # reaped, so the workers' CPU time is counted
        seconds, cpu = time.perf_counter() - start, cpu_seconds() - cpu_start
        assert len(sheets) == len(essays) and all(s.startswith("# ") for s in sheets)
        rates.append(len(essays) / seconds)
        cpu_rates.append(args.workers * len(essays) / cpu)
        print(f"run {run}: {seconds:.2f} s, {rates[-1]:,.0f} essays/s (pool start-up included); "
              f"CPU {cpu / len(essays) * 1000:.1f} ms per essay")
    print(f"throughput: median {statistics.median(rates):,.0f} essays/s "
          f"(range {min(rates):,.0f}–{max(rates):,.0f})")
    print(f"from CPU time: median {statistics.median(cpu_rates):,.0f} essays/s on {args.workers} whole cores "
          f"(range {min(cpu_rates):,.0f}–{max(cpu_rates):,.0f}); what the pool would do with no start-up or idle time")


def cpu_seconds() -> float:
    """CPU time of this process and its finished children, user and system."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


if __name__ == "__main__":
    main()
