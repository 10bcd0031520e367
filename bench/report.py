"""Turns one run's JSON lines (bench/out/<run>/*.jsonl) into bench/RESULTS.md's Markdown.

    /usr/bin/python3 bench/report.py OUT_DIR [NOTES_FROM]

Every number is a median of >= 5 timed batches; every ratio compares two medians measured in the
same run. Text after the NOTES marker in NOTES_FROM (the previous RESULTS.md) is carried over, so
the hand-written analysis of missed targets survives a rerun.
"""
import glob
import json
import os
import statistics
import sys

NOTES = "<!-- notes: everything below this line is hand-written and kept by bench/report.py across runs -->"


def load(out_dir):
    records = []
    for path in sorted(glob.glob(os.path.join(out_dir, "*.jsonl"))):
        with open(path) as f:
            for line in f:
                line = line.strip()
                if line.startswith("{"):
                    records.append(json.loads(line))
    return records


def find(records, impl, bench, case, threads):
    """The case's record; with several rounds, the median of their medians (allocation: the largest)."""
    found = [r for r in records
             if (r.get("impl"), r.get("bench"), r.get("case"), r.get("threads")) == (impl, bench, case, threads)]
    if len(found) <= 1:
        return found[0] if found else None
    merged = dict(found[0])
    merged["median_s"] = statistics.median(r["median_s"] for r in found)
    merged["samples_s"] = [x for r in found for x in r.get("samples_s", [])]
    merged["bytes_per_call"] = max(r.get("bytes_per_call", -1) for r in found)
    merged["rounds"] = len(found)
    return merged


def us(seconds):
    if seconds < 1e-5:
        return f"{seconds * 1e6:.2f} µs"
    return f"{seconds * 1e6:,.1f} µs" if seconds < 1e-2 else f"{seconds * 1e3:,.2f} ms"


def best_ratio(ours, peer):
    """Peer's fastest batch over ours: a check on the medians when other processes share the machine."""
    if not ours or not peer or not ours.get("samples_s") or not peer.get("samples_s"):
        return ""
    return f"best batches {min(peer['samples_s']) / min(ours['samples_s']):.2f}×"


def join(*parts):
    return "; ".join(p for p in parts if p)


def verdict(ratio, target):
    if ratio is None:
        return "not run"
    return "met" if ratio >= target else "**missed**"


def main_table(rec):
    rows = []
    missed = []

    def add(workload, threads, ours, peer_name, peer, ratio, target, note=""):
        met = verdict(ratio, target) if target is not None else "(no target)"
        if target is not None and ratio is not None and ratio < target:
            missed.append(f"{workload}, {threads} thread{'s' if threads > 1 else ''}: {ratio:.2f}× (target {target:g}×)")
        rows.append(f"| {workload} | {threads} | {ours} | {peer_name}: {peer} | "
                    f"{'—' if ratio is None else f'{ratio:.2f}×'} | {'—' if target is None else f'≥ {target:g}×'} | {met} | {note} |")

    for wl, title, targets in (("W1", "W1 circle net, Adam, batch 150 (step)", {1: 20.0, 2: None}),
                               ("W2", "W2 API.md forward, feed + fetch (call)", {1: 3.0, 2: None})):
        for t, target in targets.items():
            s, p = find(rec, "SharpFlow", wl, "step", t), find(rec, "PyTorch", wl, "step", t)
            if not s and not p:
                continue
            ratio = p["median_s"] / s["median_s"] if s and p else None
            alloc = f"{s['bytes_per_call']:,} B/step allocated" if s and s.get("bytes_per_call", -1) >= 0 else ""
            add(title, t, us(s["median_s"]) if s else "not run", "PyTorch", us(p["median_s"]) if p else "not run",
                ratio, target, join(best_ratio(s, p), alloc))
    for t, target in ((1, 1.25), (2, 1.0)):
        s, p = find(rec, "SharpFlow", "W3", "step", t), find(rec, "PyTorch", "W3", "step", t)
        if not s and not p:
            continue
        ratio = p["median_s"] / s["median_s"] if s and p else None
        ips = (lambda r: f"{100 / r['median_s']:,.0f} img/s" if r else "not run")
        alloc = f"{s['bytes_per_call']:,} B/step allocated" if s and s.get("bytes_per_call", -1) >= 0 else ""
        add("W3 MLP 784-500-10, SGD, batch 100 (images/s)", t, ips(s), "PyTorch", ips(p), ratio, target,
            join(best_ratio(s, p), alloc))
    for n in (256, 1024, 2048):
        for t in (1, 2):
            case = f"sgemm n={n}"
            s, o, d = (find(rec, i, "W4", case, t) for i in ("SharpFlow", "OpenBLAS", "oneDNN"))
            if not s and not o:
                continue
            gf = (lambda r: f"{2 * n ** 3 / r['median_s'] / 1e9:,.1f} GFLOP/s" if r else "not run")
            ratio = o["median_s"] / s["median_s"] if s and o else None
            note = f"oneDNN {gf(d)}" if d else ""
            add(f"W4 sgemm n = {n}", t, gf(s), "OpenBLAS", gf(o), ratio, 0.9, join(best_ratio(s, o), note))
    ew_cases = []
    for r in rec:
        if r.get("bench") == "EW" and r.get("impl") == "SharpFlow" and r["case"] not in ew_cases:
            ew_cases.append(r["case"])
    for case in ew_cases:
        s, p = find(rec, "SharpFlow", "EW", case, 1), find(rec, "TensorPrimitives", "EW", case, 1)
        ratio = p["median_s"] / s["median_s"] if s and p else None
        add(f"element-wise {case}, 1 M float32", 1, us(s["median_s"]), "TensorPrimitives",
            us(p["median_s"]) if p else "not run", ratio, 1.0, best_ratio(s, p))
    head = ["| workload | threads | SharpFlow | peer | speed-up | target | result | note |",
            "|---|---|---|---|---|---|---|---|"]
    return head + rows, missed


def memory_rows(rec):
    out = []
    s, p = find(rec, "SharpFlow", "MEM", "W3 peak RSS", 1), find(rec, "PyTorch", "MEM", "W3 peak RSS", 1)
    if s or p:
        out.append("| process | peak RSS (VmHWM) | RSS before building W3 | peak − before |")
        out.append("|---|---|---|---|")
        for name, r in (("SharpFlow", s), ("PyTorch", p)):
            if r:
                out.append(f"| {name} | {r['peak_kib'] / 1024:,.1f} MiB | {r['base_kib'] / 1024:,.1f} MiB | "
                           f"{(r['peak_kib'] - r['base_kib']) / 1024:,.1f} MiB |")
        if s and p:
            verdict_text = "met" if s["peak_kib"] <= p["peak_kib"] else "**missed**"
            out.append("")
            out.append(f"Target (W3 peak memory no higher than PyTorch's): {verdict_text}.")
    return out


def profile_rows(rec):
    out = []
    keys = []
    for r in rec:
        if r.get("bench") == "profile" and (r["case"], r["threads"]) not in keys:
            keys.append((r["case"], r["threads"]))
    for case, t in keys:
        rows = [r for r in rec if r.get("bench") == "profile" and r["case"] == case and r["threads"] == t]
        step = next((r["seconds"] for r in rows if r["op"] == "(session step)"), None)
        kernels = [r for r in rows if not r["op"].startswith("(")]
        total = next((r["seconds"] for r in rows if r["op"] == "(kernels)"), sum(r["seconds"] for r in kernels))
        out.append(f"#### {case}, {t} thread{'s' if t > 1 else ''}: session step {us(step)}, kernels {us(total)}, "
                   f"runtime overhead {us(max(0.0, step - total))} ({100 * max(0.0, step - total) / step:.0f} %)")
        out.append("")
        out.append("| op type | ops | µs / step | share of kernel time | bytes / step |")
        out.append("|---|---|---|---|---|")
        mean_total = sum(r["seconds"] for r in kernels) or 1.0
        for r in kernels[:12]:
            out.append(f"| {r['op']} | {r['count']} | {r['seconds'] * 1e6:,.2f} | {100 * r['seconds'] / mean_total:.1f} % | {r['bytes']:,} |")
        rest = kernels[12:]
        if rest:
            out.append(f"| {len(rest)} other types | {sum(r['count'] for r in rest)} | "
                       f"{sum(r['seconds'] for r in rest) * 1e6:,.2f} | {100 * sum(r['seconds'] for r in rest) / mean_total:.1f} % | "
                       f"{sum(r['bytes'] for r in rest):,} |")
        out.append("")
    return out


def read_text(out_dir, name):
    path = os.path.join(out_dir, name)
    return open(path).read().strip() if os.path.exists(path) else "unknown"


def main():
    out_dir = sys.argv[1]
    notes_from = sys.argv[2] if len(sys.argv) > 2 else None
    rec = load(out_dir)
    versions = {}
    for r in rec:
        if r.get("bench") == "version":
            versions.update({k: v for k, v in r.items() if k not in ("impl", "bench")})
    table, missed = main_table(rec)
    lines = [
        "# SharpFlow benchmark results (issue 6)",
        "",
        "Generated by `bench/run.sh`: per-call medians of 31 timed batches of ≥ 20 ms after warm-up, the same "
        "loop in C#, Python and C++, then the median over the run's rounds (each round runs every workload, ours "
        "then the peer's); speed-up = peer time / SharpFlow time, so > 1 means SharpFlow is faster. "
        "\"best batches\" compares the two fastest batches instead, a check on the medians when other "
        "processes share the machine.",
        "",
        f"- Date: {read_text(out_dir, 'date.txt')}",
        f"- Machine: {read_text(out_dir, 'machine.txt')}",
        f"- Load average before / after: {read_text(out_dir, 'load-before.txt')} / {read_text(out_dir, 'load-after.txt')}; "
        f"1-minute load as each workload started, round by round: {read_text(out_dir, 'loads.txt').replace(chr(10), ', ')}",
        f"- .NET: SDK {read_text(out_dir, 'dotnet.txt')}, runtime {versions.get('dotnet_runtime', '?')} "
        f"(Vector512 {'used' if versions.get('vector512') else 'not accelerated'})",
        f"- PyTorch {versions.get('torch', '?')} (Debian python3-torch, matrix products through {versions.get('torch_blas', '?')}), "
        f"NumPy {versions.get('numpy', '?')}, "
        f"{versions.get('blas', 'BLAS')} {versions.get('blas_version', '?')} (kernel {versions.get('blas_kernel', '?')}, "
        f"{versions.get('threading', '?')}), oneDNN {versions.get('onednn', 'not run')}",
        "",
        "## Results",
        "",
        *table,
        "",
    ]
    mem = memory_rows(rec)
    if mem:
        lines += ["## Memory (W3, 200 steps at 1 thread, separate processes)", "", *mem, ""]
    lines += ["## Targets missed in this run", ""]
    lines += [f"- {m}" for m in missed] if missed else ["None."]
    lines.append("")
    prof = profile_rows(rec)
    if prof:
        lines += ["## Where a SharpFlow training step goes (Stopwatch per kernel, plan order)", "",
                  "Each plan step's kernel is re-run in plan order through its own context and timed, alternating with "
                  "whole session steps; the header gives the medians of both, and \"runtime overhead\" is their difference "
                  "(Session.run, feed checks, plan lookup, the plan's own loop). Per-op rows are means.", "",
                  *prof]
    notes = ""
    if notes_from and os.path.exists(notes_from):
        text = open(notes_from).read()
        if NOTES in text:
            notes = text.split(NOTES, 1)[1].strip()
    lines += [NOTES, "", notes, ""] if notes else [NOTES, ""]
    print("\n".join(lines))


if __name__ == "__main__":
    main()
