namespace SharpFlow.Tests.Acceptance;

/// <summary>The chapter-3 blocks of shared/API.md, run as written; expected text is TensorFlow 1.x's (API.md comments).</summary>
[Collection("Serial")]
public sealed class Chapter3Tests
{
    [Fact]
    public void GraphsTensorsSessions_PrintAsApiMdShows()
    {
        var (stdout, stderr) = ConsoleCapture.Run(() =>
        {
            using var fresh = tf.Graph();
            using var scope = fresh.as_default();

            var a = tf.constant(new[] { 1.0f, 2.0f }, name: "a");
            var b = tf.constant(new[] { 2.0f, 3.0f }, name: "b");
            var result = a + b;
            Console.WriteLine(result);                               // Tensor("add:0", shape=(2,), dtype=float32)
            Console.WriteLine(a.graph == tf.get_default_graph());    // True
            Console.WriteLine((a + b).name);                         // add_1:0

            var g1 = tf.Graph();
            using (g1.as_default())
                tf.get_variable("v", shape: new[] { 1 }, initializer: tf.zeros_initializer());
            var g2 = tf.Graph();
            using (g2.as_default())
                tf.get_variable("v", shape: new[] { 1 }, initializer: tf.ones_initializer());

            using (var sess = tf.Session(graph: g1))
            {
                tf.global_variables_initializer().run();
                using (tf.variable_scope("", reuse: true))
                    Console.WriteLine(sess.run(tf.get_variable("v", shape: new[] { 1 })));   // [0.]
            }
            using (var sess = tf.Session(graph: g2))
            {
                tf.global_variables_initializer().run();
                using (tf.variable_scope("", reuse: true))
                    Console.WriteLine(sess.run(tf.get_variable("v", shape: new[] { 1 })));   // [1.]
            }

            var g = tf.Graph();
            using (g.as_default())
            using (g.device("/gpu:0"))
            {
                var r = tf.constant(new[] { 1.0f, 2.0f }) + tf.constant(new[] { 2.0f, 3.0f });
                Console.WriteLine(r.device);                         // /device:GPU:0
                var config = tf.ConfigProto(allow_soft_placement: true, log_device_placement: true);
                using var sess = tf.Session(graph: g, config: config);
                Console.WriteLine(sess.run(r));                      // [3. 5.]  (placed on the CPU: no GPU here)
            }

            var isess = tf.InteractiveSession();
            Console.WriteLine(result.eval());                        // [3. 5.]
            isess.close();

            var s = tf.Session();
            using (s.as_default())
                Console.WriteLine(result.eval());                    // [3. 5.]
            s.close();
        });
        Assert.Equal(
            [
                "Tensor(\"add:0\", shape=(2,), dtype=float32)", "True", "add_1:0", "[0.]", "[1.]",
                "/device:GPU:0", "[3. 5.]", "[3. 5.]", "[3. 5.]",
            ],
            ConsoleCapture.Lines(stdout));
        Assert.Contains("add: (Add): /job:localhost/replica:0/task:0/device:CPU:0", ConsoleCapture.Lines(stderr));
    }

    [Fact]
    public void VariablesAndForwardPass_PrintAsApiMdShows()
    {
        var (stdout, _) = ConsoleCapture.Run(() =>
        {
            using var fresh = tf.Graph();
            using var scope = fresh.as_default();

            var w1 = tf.Variable(tf.random_normal((2, 3), stddev: 1, seed: 1));
            var w2 = tf.Variable(tf.random_normal((3, 1), stddev: 1, seed: 1));
            var x = tf.placeholder(tf.float32, shape: (1, 2), name: "input");
            var a = tf.matmul(x, w1);
            var y = tf.matmul(a, w2);

            using var sess = tf.Session();
            var init_op = tf.global_variables_initializer();
            sess.run(init_op);
            Console.WriteLine(sess.run(y, feed_dict: new() { [x] = new[,] { { 0.7f, 0.9f } } }));   // [[3.957578]]
            Console.WriteLine(w1.get_shape());                       // (2, 3)
            Console.WriteLine(w1.get_shape()[1]);                    // 3

            var w3 = tf.Variable(w1.initialized_value());
            var w4 = tf.Variable(w1.initialized_value() * 2.0);
            var w5 = tf.Variable(tf.random_normal((2, 2), stddev: 1), name: "w5");
            var grow = tf.assign(w1, w5, validate_shape: false);
            var step = tf.Variable(0, trainable: false);

            sess.run(tf.global_variables_initializer());
            Console.WriteLine(w3.ToString());
            Console.WriteLine(step.dtype);
            sess.run(grow);
            Console.WriteLine(NDArray.FormatShape(sess.run(w1).shape));
        });
        Assert.Equal(
            [
                "[[3.957578]]", "(2, 3)", "3",
                "<tf.Variable 'Variable_2:0' shape=(2, 3) dtype=float32_ref>", "int32", "(2, 2)",
            ],
            ConsoleCapture.Lines(stdout));
    }
}
