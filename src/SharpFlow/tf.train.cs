#pragma warning disable CS8981
namespace SharpFlow;

public static partial class tf
{
    /// <summary>Optimizers, learning-rate schedules, the global step and moving averages.</summary>
    /// <remarks>Mirrors TensorFlow 1.x's <c>tf.train</c>.</remarks>
    public static partial class train
    {
        /// <summary>Gradient descent with a constant learning rate.</summary>
        public static GradientDescentOptimizer GradientDescentOptimizer(double learning_rate, bool use_locking = false, string name = "GradientDescent") =>
            new(learning_rate, use_locking, name);

        /// <summary>Gradient descent with a learning-rate tensor.</summary>
        public static GradientDescentOptimizer GradientDescentOptimizer(Tensor learning_rate, bool use_locking = false, string name = "GradientDescent") =>
            new(learning_rate, use_locking, name);

        /// <summary>Momentum (optionally Nesterov) with a constant learning rate.</summary>
        public static MomentumOptimizer MomentumOptimizer(double learning_rate, double momentum, bool use_locking = false,
            string name = "Momentum", bool use_nesterov = false) => new(learning_rate, momentum, use_locking, name, use_nesterov);

        /// <summary>Momentum (optionally Nesterov) with a learning-rate tensor.</summary>
        public static MomentumOptimizer MomentumOptimizer(Tensor learning_rate, double momentum, bool use_locking = false,
            string name = "Momentum", bool use_nesterov = false) => new(learning_rate, momentum, use_locking, name, use_nesterov);

        /// <summary>Adam with a constant learning rate (default 0.001).</summary>
        public static AdamOptimizer AdamOptimizer(double learning_rate = 0.001, double beta1 = 0.9, double beta2 = 0.999,
            double epsilon = 1e-8, bool use_locking = false, string name = "Adam") => new(learning_rate, beta1, beta2, epsilon, use_locking, name);

        /// <summary>Adam with a learning-rate tensor.</summary>
        public static AdamOptimizer AdamOptimizer(Tensor learning_rate, double beta1 = 0.9, double beta2 = 0.999,
            double epsilon = 1e-8, bool use_locking = false, string name = "Adam") => new(learning_rate, beta1, beta2, epsilon, use_locking, name);

        /// <summary>Adagrad with a constant learning rate.</summary>
        public static AdagradOptimizer AdagradOptimizer(double learning_rate, double initial_accumulator_value = 0.1,
            bool use_locking = false, string name = "Adagrad") => new(learning_rate, initial_accumulator_value, use_locking, name);

        /// <summary>Adagrad with a learning-rate tensor.</summary>
        public static AdagradOptimizer AdagradOptimizer(Tensor learning_rate, double initial_accumulator_value = 0.1,
            bool use_locking = false, string name = "Adagrad") => new(learning_rate, initial_accumulator_value, use_locking, name);

        /// <summary>RMSProp with a constant learning rate.</summary>
        public static RMSPropOptimizer RMSPropOptimizer(double learning_rate, double decay = 0.9, double momentum = 0.0,
            double epsilon = 1e-10, bool use_locking = false, bool centered = false, string name = "RMSProp") =>
            new(learning_rate, decay, momentum, epsilon, use_locking, centered, name);

        /// <summary>RMSProp with a learning-rate tensor.</summary>
        public static RMSPropOptimizer RMSPropOptimizer(Tensor learning_rate, double decay = 0.9, double momentum = 0.0,
            double epsilon = 1e-10, bool use_locking = false, bool centered = false, string name = "RMSProp") =>
            new(learning_rate, decay, momentum, epsilon, use_locking, centered, name);

        /// <summary>Moving averages of variables with decay min(decay, (1 + n) / (10 + n)) when <paramref name="num_updates"/> is given.</summary>
        public static ExponentialMovingAverage ExponentialMovingAverage(double decay, Tensor? num_updates = null, bool zero_debias = false,
            string name = "ExponentialMovingAverage") => new(decay, num_updates, zero_debias, name);

        /// <summary>learning_rate · decay_rate^(global_step / decay_steps); the exponent is floored when <paramref name="staircase"/>.</summary>
        public static Tensor exponential_decay(double learning_rate, Tensor global_step, double decay_steps, double decay_rate,
            bool staircase = false, string? name = null) =>
            LearningRateSchedules.Exponential(learning_rate, null, global_step, decay_steps, decay_rate, staircase, name);

        /// <inheritdoc cref="exponential_decay(double, Tensor, double, double, bool, string?)"/>
        public static Tensor exponential_decay(Tensor learning_rate, Tensor global_step, double decay_steps, double decay_rate,
            bool staircase = false, string? name = null) =>
            LearningRateSchedules.Exponential(0, learning_rate, global_step, decay_steps, decay_rate, staircase, name);

        /// <summary>learning_rate / (1 + decay_rate · global_step / decay_steps).</summary>
        public static Tensor inverse_time_decay(double learning_rate, Tensor global_step, double decay_steps, double decay_rate,
            bool staircase = false, string? name = null) =>
            LearningRateSchedules.InverseTime(learning_rate, null, global_step, decay_steps, decay_rate, staircase, name);

        /// <inheritdoc cref="inverse_time_decay(double, Tensor, double, double, bool, string?)"/>
        public static Tensor inverse_time_decay(Tensor learning_rate, Tensor global_step, double decay_steps, double decay_rate,
            bool staircase = false, string? name = null) =>
            LearningRateSchedules.InverseTime(0, learning_rate, global_step, decay_steps, decay_rate, staircase, name);

        /// <summary>learning_rate · exp(−decay_rate · global_step / decay_steps).</summary>
        public static Tensor natural_exp_decay(double learning_rate, Tensor global_step, double decay_steps, double decay_rate,
            bool staircase = false, string? name = null) =>
            LearningRateSchedules.NaturalExp(learning_rate, null, global_step, decay_steps, decay_rate, staircase, name);

        /// <inheritdoc cref="natural_exp_decay(double, Tensor, double, double, bool, string?)"/>
        public static Tensor natural_exp_decay(Tensor learning_rate, Tensor global_step, double decay_steps, double decay_rate,
            bool staircase = false, string? name = null) =>
            LearningRateSchedules.NaturalExp(0, learning_rate, global_step, decay_steps, decay_rate, staircase, name);

        /// <summary>Polynomial decay from learning_rate to end_learning_rate over decay_steps (optionally cycling).</summary>
        public static Tensor polynomial_decay(double learning_rate, Tensor global_step, double decay_steps, double end_learning_rate = 0.0001,
            double power = 1.0, bool cycle = false, string? name = null) =>
            LearningRateSchedules.Polynomial(learning_rate, null, global_step, decay_steps, end_learning_rate, power, cycle, name);

        /// <inheritdoc cref="polynomial_decay(double, Tensor, double, double, double, bool, string?)"/>
        public static Tensor polynomial_decay(Tensor learning_rate, Tensor global_step, double decay_steps, double end_learning_rate = 0.0001,
            double power = 1.0, bool cycle = false, string? name = null) =>
            LearningRateSchedules.Polynomial(0, learning_rate, global_step, decay_steps, end_learning_rate, power, cycle, name);

        /// <summary>A step function of <paramref name="x"/>: values[0] up to boundaries[0], values[i] on (boundaries[i−1], boundaries[i]], then the last value.</summary>
        public static Tensor piecewise_constant(Tensor x, IEnumerable<Tensor> boundaries, IEnumerable<Tensor> values, string? name = null) =>
            LearningRateSchedules.Piecewise(x, [.. boundaries], [.. values], name);

        /// <inheritdoc cref="piecewise_constant(Tensor, IEnumerable{Tensor}, IEnumerable{Tensor}, string?)"/>
        public static Tensor piecewise_constant(Tensor x, int[] boundaries, double[] values, string? name = null)
        {
            var g = x.graph;
            using var scope = g.as_default();
            return LearningRateSchedules.Piecewise(x, [.. boundaries.Select(b => constant(b))], [.. values.Select(v => constant((float)v))], name);
        }

        /// <inheritdoc cref="piecewise_constant(Tensor, IEnumerable{Tensor}, IEnumerable{Tensor}, string?)"/>
        public static Tensor piecewise_constant(Tensor x, double[] boundaries, double[] values, string? name = null)
        {
            var g = x.graph;
            using var scope = g.as_default();
            return LearningRateSchedules.Piecewise(x, [.. boundaries.Select(b => constant((float)b))], [.. values.Select(v => constant((float)v))], name);
        }

        /// <summary>The global step of <paramref name="graph"/> (the <c>global_step</c> collection, else a tensor named <c>global_step:0</c>), or null.</summary>
        public static Variable? get_global_step(Graph? graph = null) => GlobalStep.Get(graph ?? get_default_graph());

        /// <summary>Creates the int64 <c>global_step</c> variable; fails if one exists.</summary>
        public static Variable create_global_step(Graph? graph = null) => GlobalStep.Create(graph ?? get_default_graph());

        /// <summary>The global step, created if missing.</summary>
        public static Variable get_or_create_global_step(Graph? graph = null)
        {
            var g = graph ?? get_default_graph();
            return GlobalStep.Get(g) ?? GlobalStep.Create(g);
        }

        /// <summary>The value of the global step in <paramref name="sess"/>.</summary>
        public static long global_step(Session sess, Tensor global_step_tensor) => (long)sess.run(global_step_tensor);
    }
}
