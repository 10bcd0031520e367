"""Reference values for tests/SharpFlow.Tests/NumPy/NpTests.cs (the API.md circle data set).

Independent of SharpFlow's MersenneTwister: it drives CPython's own MT19937 (random.setstate) from the
state NumPy's legacy `np.random.seed(int)` builds (init_genrand), then applies NumPy's random_sample
(two 32-bit draws -> 53-bit double) and legacy polar Box-Muller (second value cached). Its first normal
after seed(0) is 1.764052345967664 and its first uniform 0.5488135039273248, NumPy's published values.
Run: python3 tests/golden/np_random_circle.py
"""
import math
import random


def np_state(seed):
    mt = [0] * 624
    mt[0] = seed
    for i in range(1, 624):
        mt[i] = (1812433253 * (mt[i - 1] ^ (mt[i - 1] >> 30)) + i) & 0xFFFFFFFF
    r = random.Random()
    r.setstate((3, tuple(mt + [624]), None))
    return r


r = np_state(0)
cache = [None]


def sample():
    a = r.getrandbits(32) >> 5
    b = r.getrandbits(32) >> 6
    return (a * 67108864.0 + b) / 9007199254740992.0


def gauss():
    if cache[0] is not None:
        v, cache[0] = cache[0], None
        return v
    while True:
        x1 = 2.0 * sample() - 1.0
        x2 = 2.0 * sample() - 1.0
        r2 = x1 * x1 + x2 * x2
        if r2 < 1.0 and r2 != 0.0:
            break
    f = math.sqrt(-2.0 * math.log(r2) / r2)
    cache[0] = f * x1
    return f * x2


rows = []
for i in range(150):
    x1 = -1 + 2 * sample()
    x2 = 0 + 2 * sample()
    rows.append((x1, x2, x1 + 0.1 * gauss(), x2 + 0.1 * gauss()))
for i in (0, 1, 149):
    print(i, [repr(v) for v in rows[i]])
print("column sums", repr(sum(row[2] for row in rows)), repr(sum(row[3] for row in rows)))
