"""The timing loop the peers share; the same algorithm as bench/SharpFlow.Benchmarks/Timing.cs.

Warm up, size a batch to a target duration, time several batches, keep the median per-call time.
Prints one JSON line per measurement on stdout, progress on stderr.
"""
import json
import statistics
import sys
import time

# Many short batches, as in Timing.cs: their median is robust to preemption by other processes.
WARMUP_S = 1.0
BATCH_S = 0.02
REPETITIONS = 31


def quick():
    """Shorter warm-up and batches: a smoke run, not numbers to quote."""
    global WARMUP_S, BATCH_S, REPETITIONS
    WARMUP_S, BATCH_S, REPETITIONS = 0.3, 0.01, 5


def _batch(body, iterations):
    start = time.perf_counter()
    for _ in range(iterations):
        body()
    return time.perf_counter() - start


def measure(impl, bench, case, threads, body):
    start = time.perf_counter()
    warm = 0
    while warm < 3 or time.perf_counter() - start < WARMUP_S:
        body()
        warm += 1
    iterations = 1
    while True:
        t = _batch(body, iterations)
        if t >= BATCH_S or iterations >= 1 << 30:
            break
        iterations = iterations * 8 if t <= 0 else max(iterations * 2, int(iterations * BATCH_S / t * 1.1))
    samples = [_batch(body, iterations) / iterations for _ in range(REPETITIONS)]
    median = statistics.median(samples)
    print(f"  {impl:<16} {bench:<4} {case:<22} t={threads}  median {median * 1e6:.2f} µs  ({iterations} calls/batch)",
          file=sys.stderr, flush=True)
    emit({"impl": impl, "bench": bench, "case": case, "threads": threads, "median_s": median,
          "bytes_per_call": -1, "samples_s": samples})
    return median


def emit(record):
    print(json.dumps(record), flush=True)
