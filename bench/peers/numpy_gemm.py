"""W4's peer: float32 C = A @ B through NumPy, i.e. OpenBLAS's sgemm, at each size and thread count.

Run with Debian's interpreter and packages (python3-numpy, libopenblas0-pthread, python3-threadpoolctl),
with OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset so OpenBLAS picks its kernel for this CPU:
    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 bench/peers/numpy_gemm.py [--quick]
"""
import os
import sys

import numpy as np
from threadpoolctl import threadpool_info, threadpool_limits

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import timing  # noqa: E402


def main():
    sizes = [256, 1024, 2048]
    threads = [1, 2]
    for arg in sys.argv[1:]:
        if arg == "--quick":
            timing.quick()
        elif arg.startswith("--sizes="):
            sizes = [int(n) for n in arg[8:].split(",")]
        elif arg.startswith("--threads="):
            threads = [int(t) for t in arg[10:].split(",")]
        else:
            sys.exit(f"unknown argument {arg}")
    blas = [i for i in threadpool_info() if i.get("user_api") == "blas"]
    info = blas[0] if blas else {}
    print(f"NumPy {np.__version__}, BLAS {info.get('internal_api')} {info.get('version')} "
          f"kernel {info.get('architecture')}", file=sys.stderr)
    timing.emit({"impl": "OpenBLAS", "bench": "version", "numpy": np.__version__,
                 "blas": info.get("internal_api"), "blas_version": info.get("version"),
                 "blas_kernel": info.get("architecture"), "threading": info.get("threading_layer")})
    rng = np.random.default_rng(3)
    for n in sizes:
        a = (rng.random((n, n), dtype=np.float32) - 0.5)
        b = (rng.random((n, n), dtype=np.float32) - 0.5)
        c = np.empty((n, n), dtype=np.float32)
        for t in threads:
            with threadpool_limits(limits=t, user_api="blas"):
                timing.measure("OpenBLAS", "W4", f"sgemm n={n}", t, lambda: np.matmul(a, b, out=c))


if __name__ == "__main__":
    main()
