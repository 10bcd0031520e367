#pragma warning disable CS8981   // lowercase facade mirrors NumPy's module name
using SharpFlow.NumPy;

namespace SharpFlow;

public static partial class np
{
    /// <summary>
    /// NumPy's legacy global random stream (<c>np.random.seed</c>, <c>uniform</c>, <c>normal</c> …): the same
    /// MT19937 numbers as NumPy for the same seed.
    /// </summary>
    /// <remarks>
    /// As in NumPy, the state is one per process, shared by all threads and guarded by a lock; without a
    /// seed it starts from an unpredictable one. Array-valued draws fill the array in row-major order, so
    /// they consume the stream exactly as NumPy does.
    /// </remarks>
    public static class random
    {
        static readonly object Gate = new();
        static readonly MersenneTwister State = new((uint)System.Random.Shared.NextInt64(0, 1L << 32));

        /// <summary>Reseeds the global stream (0 ≤ seed &lt; 2³²).</summary>
        public static void seed(long seed)
        {
            if (seed < 0 || seed > uint.MaxValue) throw new ValueError("Seed must be between 0 and 2**32 - 1");
            lock (Gate) State.Seed((uint)seed);
        }

        /// <summary>One sample from [low, high).</summary>
        public static double uniform(double low = 0.0, double high = 1.0)
        {
            lock (Gate) return State.Uniform(low, high);
        }

        /// <summary>An array of samples from [low, high) with the given shape.</summary>
        public static NDArray uniform(double low, double high, params int[] size) => Fill(size, () => State.Uniform(low, high));

        /// <summary>One sample from a normal distribution with mean <paramref name="loc"/> and standard deviation <paramref name="scale"/>.</summary>
        public static double normal(double loc = 0.0, double scale = 1.0)
        {
            CheckScale(scale);
            lock (Gate) return State.Normal(loc, scale);
        }

        /// <summary>An array of normal samples with the given shape.</summary>
        public static NDArray normal(double loc, double scale, params int[] size)
        {
            CheckScale(scale);
            return Fill(size, () => State.Normal(loc, scale));
        }

        /// <summary>One sample from [0, 1).</summary>
        public static double rand()
        {
            lock (Gate) return State.NextDouble();
        }

        /// <summary>An array of samples from [0, 1) with shape (d0, …).</summary>
        public static NDArray rand(int d0, params int[] dims) => Fill([d0, .. dims], State.NextDouble);

        /// <summary>One standard normal sample.</summary>
        public static double randn()
        {
            lock (Gate) return State.StandardNormal();
        }

        /// <summary>An array of standard normal samples with shape (d0, …).</summary>
        public static NDArray randn(int d0, params int[] dims) => Fill([d0, .. dims], State.StandardNormal);

        /// <summary>An integer from [0, <paramref name="low"/>) (NumPy's one-argument form).</summary>
        public static long randint(long low)
        {
            if (low <= 0) throw new ValueError("high <= 0");
            lock (Gate) return State.RandInt(0, low);
        }

        /// <summary>An integer from [low, high).</summary>
        public static long randint(long low, long high)
        {
            if (low >= high) throw new ValueError("low >= high");
            lock (Gate) return State.RandInt(low, high);
        }

        /// <summary>An int64 array of integers from [low, high) with the given shape.</summary>
        public static NDArray randint(long low, long high, params int[] size)
        {
            if (low >= high) throw new ValueError("low >= high");
            var data = new long[NDArray.ShapeSize(size)];
            lock (Gate)
                for (int i = 0; i < data.Length; i++) data[i] = State.RandInt(low, high);
            return NDArray.FromFlat(data, [.. size]);
        }

        /// <summary>Shuffles an array in place along its first axis.</summary>
        public static void shuffle(NDArray x)
        {
            if (x.ndim == 0) throw new TypeError("object of type 'numpy.ndarray' has no len()");
            int n = x.shape[0];
            if (n == 0) return;
            int[] perm;
            lock (Gate) perm = State.Permutation(n);
            int row = x.size / n;
            var copy = (Array)x.Data.Clone();
            for (int i = 0; i < n; i++) Array.Copy(copy, perm[i] * row, x.Data, i * row, row);
        }

        /// <summary>A shuffled <c>arange(n)</c> (int64).</summary>
        public static NDArray permutation(int n)
        {
            int[] perm;
            lock (Gate) perm = State.Permutation(n);
            return NDArray.FromFlat(Array.ConvertAll(perm, i => (long)i), n);
        }

        /// <summary>A shuffled copy of <paramref name="x"/> (along its first axis).</summary>
        public static NDArray permutation(NDArray x)
        {
            var copy = x.copy();
            shuffle(copy);
            return copy;
        }

        static NDArray Fill(int[] size, Func<double> draw)
        {
            foreach (var d in size)
                if (d < 0) throw new ValueError("negative dimensions are not allowed");
            var data = new double[NDArray.ShapeSize(size)];
            lock (Gate)
                for (int i = 0; i < data.Length; i++) data[i] = draw();
            return NDArray.FromFlat(data, [.. size]);
        }

        static void CheckScale(double scale)
        {
            if (scale < 0) throw new ValueError("scale < 0");
        }
    }
}
