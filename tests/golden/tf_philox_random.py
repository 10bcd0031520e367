"""Reference values for tests/SharpFlow.Tests/Ops/Random/RandomOpTests.cs (TensorFlow 1.x seeded random ops).

Independent of SharpFlow's Philox: a plain-Python Philox4x32-10 written from Salmon et al. (SC 2011), checked
below against two Random123 known-answer vectors and TensorFlow's published stream for seed 1
(tf.random_uniform([16], seed=1) starts 0.2390374, 0.92039955, 0.05051243, 0.49574447). It applies the
transforms of tensorflow/core/lib/random/random_distributions.h in IEEE float32 (via struct rounding; a
product or sum of two float32 values is exact in a double, so rounding it once gives the float32 result)
and float64. Float32 Box-Muller here uses double sin/cos/log rounded to float32, so those values can differ
from TensorFlow's sinf/cosf/logf by one ulp; the tests compare them within one ulp.
Run: python3 tests/golden/tf_philox_random.py
"""
import math
import struct

M32 = 0xFFFFFFFF
DEFAULT_GRAPH_SEED = 87654321


def philox_block(counter, key):
    c = list(counter)
    k0, k1 = key
    for _ in range(10):
        p0 = 0xD2511F53 * c[0]
        p1 = 0xCD9E8D57 * c[2]
        c = [(p1 >> 32) ^ c[1] ^ k0, p1 & M32, (p0 >> 32) ^ c[3] ^ k1, p0 & M32]
        k0 = (k0 + 0x9E3779B9) & M32
        k1 = (k1 + 0xBB67AE85) & M32
    return c


def stream(seed, seed2, skip=0):
    """Blocks of TF's PhiloxRandom(seed, seed2): key = seed halves, counter = [0, 0, seed2 halves] + skip."""
    n = (seed2 << 64) + skip
    key = (seed & M32, (seed >> 32) & M32)
    while True:
        yield philox_block([(n >> (32 * i)) & M32 for i in range(4)], key)
        n += 1


def f32(x):
    return struct.unpack('<f', struct.pack('<f', x))[0]


def uint32_to_float(x):
    return struct.unpack('<f', struct.pack('<I', 0x3F800000 | (x & 0x7FFFFF)))[0] - 1.0


def uint64_to_double(hi, lo):
    return struct.unpack('<d', struct.pack('<Q', (1023 << 52) | ((hi & 0xFFFFF) << 32) | lo))[0] - 1.0


def box_muller_double(x0, x1, x2, x3):
    u1 = max(uint64_to_double(x0, x1), 1e-7)
    v1 = 2 * math.pi * uint64_to_double(x2, x3)
    r = math.sqrt(-2.0 * math.log(u1))
    return math.sin(v1) * r, math.cos(v1) * r


def box_muller_float(x0, x1):
    u1 = max(f32(uint32_to_float(x0)), f32(1e-7))
    v1 = f32(2.0 * math.pi * uint32_to_float(x1))
    r = f32(math.sqrt(f32(-2.0 * f32(math.log(u1)))))
    return f32(f32(math.sin(v1)) * r), f32(f32(math.cos(v1)) * r)


def take(gen, n, per_block):
    out = []
    while len(out) < n:
        out += per_block(next(gen))
    return out[:n]


def normal_f32(seed, seed2, n, skip=0):
    return take(stream(seed, seed2, skip), n, lambda b: list(box_muller_float(b[0], b[1])) + list(box_muller_float(b[2], b[3])))


def truncated_f32(seed, seed2, n):
    """Each group of 4 restarts 256 blocks after the previous one and reads words one at a time."""
    out = []
    for group in range((n + 3) // 4):
        gen = stream(seed, seed2, group * 256)
        words, kept = [], []
        while len(kept) < 4:
            if len(words) < 2:
                words += next(gen)
            for v in box_muller_float(words[0], words[1]):
                if abs(v) < 2.0 and len(kept) < 4:
                    kept.append(v)
            words = words[2:]
        out += kept
    return out[:n]


def uniform_scaled_f32(seed, seed2, n, lo, hi):
    mn, mx = f32(lo), f32(hi)
    rng = f32(mx - mn)
    return [f32(f32(u * rng) + mn) for u in take(stream(seed, seed2), n, lambda b: [uint32_to_float(x) for x in b])]


assert philox_block([0, 0, 0, 0], (0, 0)) == [0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8]
assert philox_block([0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344], (0xa4093822, 0x299f31d0)) == \
    [0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1]
assert [repr(f32(uint32_to_float(x))) for x in next(stream(DEFAULT_GRAPH_SEED, 1))] == \
    ['0.2390373945236206', '0.92039954662323', '0.05051243305206299', '0.4957444667816162']

S = DEFAULT_GRAPH_SEED
print("random_normal((2,3), seed=1)            ", normal_f32(S, 1, 6))
print("  second run (skip 256*6 blocks)        ", normal_f32(S, 1, 6, 6 * 256))
print("random_normal float64 (2,3), seed=1     ", take(stream(S, 1), 6, lambda b: list(box_muller_double(*b))))
print("random_uniform float64 (3,), seed=1     ", take(stream(S, 1), 3, lambda b: [uint64_to_double(b[0], b[1]), uint64_to_double(b[2], b[3])]))
print("truncated_normal((2,3), seed=1)         ", truncated_f32(S, 1, 6))
print("random_uniform((2,3), -1, 1, seed=1)    ", uniform_scaled_f32(S, 1, 6, -1.0, 1.0))
print("random_uniform int32 [-5,5), seed=1     ", take(stream(S, 1), 6, lambda b: [-5 + x % 10 for x in b]))
print("  second run                            ", take(stream(S, 1, 6 * 256), 6, lambda b: [-5 + x % 10 for x in b]))
r64 = 10 ** 10 + 7
print("random_uniform int64 [-7,1e10), seed=1  ", take(stream(S, 1), 3, lambda b: [-7 + (b[0] | b[1] << 32) % r64, -7 + (b[2] | b[3] << 32) % r64]))
print("graph seed 1234, op id 3: uniform       ", f32(uint32_to_float(next(stream(1234, 3))[0])))
limit = math.sqrt(3.0 / max(1.0, (2 + 3) / 2.0))
print("glorot_uniform (2,3), seeds (1, 3)      ", uniform_scaled_f32(1, 3, 6, -limit, limit))
print("glorot_uniform (2,3), seed=1            ", uniform_scaled_f32(S, 1, 6, -limit, limit))
print("truncated_normal (3,), seed=7 (raw)     ", truncated_f32(S, 7, 3))
print("random_normal (2,), mean 1, stddev 2, seed=3", [f32(f32(v * 2.0) + 1.0) for v in normal_f32(S, 3, 2)])
