#!/usr/bin/env bash
# Issue 6's benchmark in one command: builds SharpFlow's benchmarks in Release, runs them next to
# the peers (PyTorch for W1-W3, NumPy/OpenBLAS and oneDNN for W4) workload by workload in the same
# run, prints one Markdown table of medians and ratios, and writes it to bench/RESULTS.md.
#
#   bench/run.sh            full run, 2 rounds (≈ 4 minutes; run it on a quiet machine: check `uptime`)
#   bench/run.sh --rounds=3 more rounds; the report keeps, per case, the median of the rounds' medians
#   bench/run.sh --quick    smoke run: 1 round of short batches, written to bench/out/<run>/RESULTS.md only
#
# Peers come from Debian (installed here when missing and running as root): python3-torch,
# python3-numpy, python3-threadpoolctl, libopenblas0-pthread and -openmp, libdnnl-dev, g++.
# BENCH_ARTIFACTS=/some/dir builds into that artifacts path instead of the project's bin/obj.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

quick=()
rounds=2
for arg in "$@"; do
    case "$arg" in
        --quick) quick=(--quick); rounds=1 ;;
        --rounds=*) rounds=${arg#--rounds=} ;;
        *) echo "unknown argument $arg" >&2; exit 2 ;;
    esac
done
PY=/usr/bin/python3
out="bench/out/$(date -u +%Y%m%d-%H%M%S)"
mkdir -p "$out"

blas_omp=/usr/lib/x86_64-linux-gnu/openblas-openmp
packages="python3-torch python3-numpy python3-threadpoolctl libopenblas0-pthread libopenblas0-openmp libdnnl-dev g++"
if ! "$PY" -c "import torch, numpy, threadpoolctl" 2>/dev/null || [ ! -f /usr/include/oneapi/dnnl/dnnl.h ] ||
   [ ! -d /usr/lib/x86_64-linux-gnu/openblas-pthread ] || [ ! -d "$blas_omp" ]; then
    if [ "$(id -u)" = 0 ]; then
        echo "installing the peers from Debian ..." >&2
        # shellcheck disable=SC2086
        apt-get update -q >&2 && apt-get install -y -q $packages >&2
    else
        echo "missing peers: apt-get install $packages" >&2
        exit 1
    fi
fi
# PyTorch runs on OpenBLAS's OpenMP build (one thread pool with torch's own); NumPy's W4 on the default.
# OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE, set on some machines for old OpenBLAS builds, would slow both peers.
torch_peer() { env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE LD_LIBRARY_PATH="$blas_omp" "$PY" bench/peers/torch_bench.py "$@"; }

echo "building ..." >&2
artifacts=()
[ -n "${BENCH_ARTIFACTS:-}" ] && artifacts=(--artifacts-path "$BENCH_ARTIFACTS")
dotnet build bench/SharpFlow.Benchmarks -c Release "${artifacts[@]}" -v q -nologo >&2
sharpflow() { dotnet run --project bench/SharpFlow.Benchmarks -c Release --no-build "${artifacts[@]}" -- "${quick[@]}" "$@"; }
onednn="$out/onednn_gemm"
g++ -O2 -o "$onednn" bench/peers/onednn_gemm.cpp -ldnnl

date -u '+%Y-%m-%d %H:%M UTC' > "$out/date.txt"
echo "$(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores, $(lscpu | grep -q avx512f && echo AVX-512 || echo 'AVX2, no AVX-512'), $(free -g | awk '/Mem:/ {print $2}') GiB" > "$out/machine.txt"
dotnet --version > "$out/dotnet.txt"
cut -d' ' -f1-3 /proc/loadavg > "$out/load-before.txt"

# Workload by workload, ours then the peer's, so both see the same machine state; then again.
load() { echo "$1 $(cut -d' ' -f1 /proc/loadavg)" >> "$out/loads.txt"; }
for round in $(seq 1 "$rounds"); do
    for w in W1 W2 W3; do
        echo "round $round: $w ..." >&2
        load "$w"
        profile=""
        [ "$round" = 1 ] && profile=,PROFILE
        sharpflow --only=$w$profile >> "$out/sharpflow.jsonl"
        torch_peer "${quick[@]}" --only=$w >> "$out/torch.jsonl"
    done
    echo "round $round: W4 ..." >&2
    load W4
    sharpflow --only=W4 >> "$out/sharpflow.jsonl"
    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE "$PY" bench/peers/numpy_gemm.py "${quick[@]}" >> "$out/openblas.jsonl"
    for t in 1 2; do OMP_NUM_THREADS=$t "$onednn" "${quick[@]}" --threads=$t >> "$out/onednn.jsonl"; done
    echo "round $round: element-wise ..." >&2
    load element-wise
    sharpflow --only=EW >> "$out/sharpflow.jsonl"
done
echo "memory ..." >&2
sharpflow --only=MEM >> "$out/sharpflow-mem.jsonl"
torch_peer --only=MEM >> "$out/torch-mem.jsonl"
cut -d' ' -f1-3 /proc/loadavg > "$out/load-after.txt"

"$PY" bench/report.py "$out" bench/RESULTS.md > "$out/RESULTS.md"
[ ${#quick[@]} -eq 0 ] && cp "$out/RESULTS.md" bench/RESULTS.md
cat "$out/RESULTS.md"
echo "raw results: $out" >&2
