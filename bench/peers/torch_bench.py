"""PyTorch's side of issue 6's benchmark: W1-W3 written as a PyTorch user writes them.

Run with Debian's interpreter and packages (apt-get install python3-torch python3-numpy):
    /usr/bin/python3 bench/peers/torch_bench.py [--quick] [--threads=1,2] [--only=W1,W2,W3,MEM]
"""
import os
import sys

import numpy as np
import torch
import torch.nn.functional as F
from threadpoolctl import threadpool_info, threadpool_limits

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import timing  # noqa: E402


def w1(threads):
    """The circle network [2, 10, 5, 3, 1], ELU, MSE + L2(0.003), Adam(0.001), batch 150: one training step."""
    torch.manual_seed(1)
    dims = [2, 10, 5, 3, 1]
    weights = [torch.randn(dims[i - 1], dims[i], requires_grad=True) for i in range(1, len(dims))]
    biases = [torch.full((dims[i],), 0.1, requires_grad=True) for i in range(1, len(dims))]
    rng = np.random.default_rng(1)
    data = rng.uniform(-1, 1, (150, 2)).astype(np.float32)
    labels = ((data ** 2).sum(axis=1, keepdims=True) <= 1).astype(np.float32)
    x, y = torch.from_numpy(data), torch.from_numpy(labels)
    opt = torch.optim.Adam(weights + biases, lr=0.001, eps=1e-8)

    def step():
        opt.zero_grad()
        h = x
        for w, b in zip(weights, biases):
            h = F.elu(h @ w + b)
        mse = ((y - h) ** 2).sum() / 150
        # tf.contrib.layers.l2_regularizer(scale)(w) = scale * sum(w**2) / 2
        l2 = sum(0.003 * (w * w).sum() / 2 for w in weights)
        (mse + l2).backward()
        opt.step()
    timing.measure("PyTorch", "W1", "step", threads, step)


def w2(threads):
    """API.md's forward pass (x 1x2, w1 2x3, w2 3x1): NumPy in, NumPy out, every call."""
    torch.manual_seed(1)
    w1_, w2_ = torch.randn(2, 3), torch.randn(3, 1)
    x = np.array([[0.7, 0.9]], dtype=np.float32)
    sink = [0.0]

    def step():
        y = torch.from_numpy(x) @ w1_ @ w2_
        sink[0] += float(y.numpy()[0, 0])
    timing.measure("PyTorch", "W2", "step", threads, step)


def w3_model():
    torch.manual_seed(2)
    w1_ = (torch.randn(784, 500) * 0.1).clamp_(-0.2, 0.2).requires_grad_()
    b1 = torch.full((500,), 0.1, requires_grad=True)
    w2_ = (torch.randn(500, 10) * 0.1).clamp_(-0.2, 0.2).requires_grad_()
    b2 = torch.full((10,), 0.1, requires_grad=True)
    rng = np.random.default_rng(2)
    x = torch.from_numpy(rng.uniform(0, 1, (100, 784)).astype(np.float32))
    target = torch.from_numpy(rng.integers(0, 10, 100))
    opt = torch.optim.SGD([w1_, b1, w2_, b2], lr=0.1)

    def step():
        opt.zero_grad()
        logits = torch.relu(x @ w1_ + b1) @ w2_ + b2
        F.cross_entropy(logits, target).backward()
        opt.step()
    return step


def w3(threads):
    """MLP 784-500-10, ReLU, softmax cross-entropy, SGD(0.1), batch 100: one training step."""
    timing.measure("PyTorch", "W3", "step", threads, w3_model())


def peak_rss_kib():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return -1


def mem():
    """Peak resident memory of a process that imports the framework and trains W3 for 200 steps at 1 thread."""
    base = peak_rss_kib()
    step = w3_model()
    for _ in range(200):
        step()
    peak = peak_rss_kib()
    timing.emit({"impl": "PyTorch", "bench": "MEM", "case": "W3 peak RSS", "threads": 1,
                 "peak_kib": peak, "base_kib": base})


def main():
    only = {"W1", "W2", "W3"}
    threads = [1, 2]
    for arg in sys.argv[1:]:
        if arg == "--quick":
            timing.quick()
        elif arg.startswith("--only="):
            only = set(arg[7:].upper().split(","))
        elif arg.startswith("--threads="):
            threads = [int(t) for t in arg[10:].split(",")]
        else:
            sys.exit(f"unknown argument {arg}")
    # Debian's torch calls the system BLAS (OpenBLAS) for matrix products; its thread pool is not the one
    # torch.set_num_threads sets, so cap both, or "1 thread" uses every core. run.sh loads OpenBLAS's
    # OpenMP build for this script: with the pthreads build, torch's spinning OpenMP workers and
    # OpenBLAS's threads fight over the two cores and a 2-thread W3 step takes 3-5x longer.
    if "MEM" in only:
        torch.set_num_threads(1)
        with threadpool_limits(limits=1):
            mem()
        return
    torch.set_num_interop_threads(1)
    blas = [i for i in threadpool_info() if i.get("user_api") == "blas"]
    layer = f"{blas[0]['internal_api']} {blas[0].get('threading_layer')}" if blas else "?"
    print(f"PyTorch {torch.__version__}, NumPy {np.__version__}, BLAS {layer}", file=sys.stderr)
    timing.emit({"impl": "PyTorch", "bench": "version", "torch": torch.__version__, "numpy": np.__version__,
                 "torch_blas": layer})
    for name, fn in (("W1", w1), ("W2", w2), ("W3", w3)):
        if name not in only:
            continue
        for t in threads:
            torch.set_num_threads(t)
            with threadpool_limits(limits=t):
                fn(t)


if __name__ == "__main__":
    main()
