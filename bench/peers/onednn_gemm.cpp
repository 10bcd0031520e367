// W4's second peer: oneDNN's dnnl_sgemm (Debian's libdnnl-dev), row-major C = A·B.
// Built and run by bench/run.sh: g++ -O2 onednn_gemm.cpp -ldnnl; threads via OMP_NUM_THREADS.
// Prints one JSON line per size in the format of bench/peers/timing.py (same timing algorithm).
#include <oneapi/dnnl/dnnl.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

static double now() {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

int main(int argc, char** argv) {
    double warmup = 1.0, batch = 0.02;   // many short batches, as in Timing.cs
    int reps = 31, threads = 1;
    std::vector<int> sizes = {256, 1024, 2048};
    for (int i = 1; i < argc; i++) {
        std::string arg = argv[i];
        if (arg == "--quick") { warmup = 0.3; batch = 0.01; reps = 5; }
        else if (arg.rfind("--threads=", 0) == 0) threads = std::atoi(arg.c_str() + 10);
        else if (arg.rfind("--sizes=", 0) == 0) {
            sizes.clear();
            for (const char* p = arg.c_str() + 8; *p;) { sizes.push_back(std::atoi(p)); while (*p && *p != ',') p++; if (*p) p++; }
        }
    }
    const dnnl_version_t* v = dnnl_version();
    std::printf("{\"impl\": \"oneDNN\", \"bench\": \"version\", \"onednn\": \"%d.%d.%d\"}\n", v->major, v->minor, v->patch);
    std::mt19937 rng(3);
    std::uniform_real_distribution<float> dist(-0.5f, 0.5f);
    for (int n : sizes) {
        std::vector<float> a(size_t(n) * n), b(size_t(n) * n), c(size_t(n) * n);
        for (auto& x : a) x = dist(rng);
        for (auto& x : b) x = dist(rng);
        auto call = [&] { dnnl_sgemm('N', 'N', n, n, n, 1.0f, a.data(), n, b.data(), n, 0.0f, c.data(), n); };
        double t0 = now();
        for (int w = 0; w < 3 || now() - t0 < warmup; w++) call();
        long iterations = 1;
        for (;;) {
            double s = now();
            for (long i = 0; i < iterations; i++) call();
            double t = now() - s;
            if (t >= batch) break;
            iterations = std::max(iterations * 2, long(iterations * batch / std::max(t, 1e-9) * 1.1));
        }
        std::vector<double> samples;
        for (int r = 0; r < reps; r++) {
            double s = now();
            for (long i = 0; i < iterations; i++) call();
            samples.push_back((now() - s) / iterations);
        }
        std::vector<double> sorted = samples;
        std::sort(sorted.begin(), sorted.end());
        double median = reps % 2 ? sorted[reps / 2] : 0.5 * (sorted[reps / 2 - 1] + sorted[reps / 2]);
        std::printf("{\"impl\": \"oneDNN\", \"bench\": \"W4\", \"case\": \"sgemm n=%d\", \"threads\": %d, \"median_s\": %.9g, \"bytes_per_call\": -1, \"samples_s\": [", n, threads, median);
        for (int r = 0; r < reps; r++) std::printf("%s%.9g", r ? ", " : "", samples[r]);
        std::printf("]}\n");
        std::fflush(stdout);
        std::fprintf(stderr, "  %-16s W4   sgemm n=%-14d t=%d  median %.3f ms  (%ld calls/batch)\n", "oneDNN", n, threads, median * 1e3, iterations);
    }
    return 0;
}
