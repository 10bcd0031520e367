using SharpFlow.Examples.TheTensorflowWay;

namespace SharpFlow.Tests.Examples;

/// <summary>Runs the walkthrough once with <c>--steps 2000</c> into a temporary folder; the tests read what it left.</summary>
public sealed class WalkthroughRun : IDisposable
{
    public string OutDir { get; } = Directory.CreateTempSubdirectory("sharpflow-walkthrough-").FullName;

    public int ExitCode { get; }

    public string Output { get; }

    public string Error { get; }

    public WalkthroughRun()
    {
        var (output, error) = (new StringWriter { NewLine = "\n" }, new StringWriter { NewLine = "\n" });
        ExitCode = Walkthrough.Run(["--steps", "2000", "--out", OutDir], output, error);
        (Output, Error) = (output.ToString(), error.ToString());
    }

    public void Dispose() => Directory.Delete(OutDir, recursive: true);
}

// Serial: the sessions section routes Console.Error (where the placement log goes) into the walkthrough's output.
[Collection("Serial")]
public sealed class WalkthroughTests(WalkthroughRun run) : IClassFixture<WalkthroughRun>
{
    static readonly string[] Pictures = ["learning-rates.png", "circle-data.png", "boundary-mse.png", "boundary-l2.png", "loss-curves.png"];

    string[] Lines => run.Output.Split('\n');

    void AssertLine(string expression, string value) =>
        Assert.Contains(Lines, l => l.StartsWith(expression, StringComparison.Ordinal) && l.TrimEnd().EndsWith(" " + value, StringComparison.Ordinal));

    [Fact]
    public void Run_Steps2000_ExitsZeroWithEverySectionHeading()
    {
        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        Assert.Equal("", run.Error);
        for (int i = 0; i < Walkthrough.SectionNames.Count; i++)
            Assert.Contains(Lines, l => l.StartsWith($"== {i + 1}. ", StringComparison.Ordinal) && l.EndsWith($"(--section {Walkthrough.SectionNames[i]}) =="));
    }

    [Fact]
    public void GraphsSection_PrintsTensorNamesAndPerGraphVariables()
    {
        // API.md, chapter 3 (TensorFlow 1.x prints these for the document's snippet).
        AssertLine("result = a + b", "Tensor(\"add:0\", shape=(2,), dtype=float32)");
        AssertLine("a.graph == tf.get_default_graph()", "True");
        AssertLine("(a + b).name", "add_1:0");
        AssertLine("v in g1", "[0.]");
        AssertLine("v in g2", "[1.]");
    }

    [Fact]
    public void SessionsSection_PrintsResultsDeviceAndPlacementLog()
    {
        AssertLine("with tf.Session() as sess: sess.run(result)", "[3. 5.]");
        AssertLine("with sess.as_default(): result.eval()", "[3. 5.]");
        AssertLine("tf.InteractiveSession(); result.eval()", "[3. 5.]");
        AssertLine("r.device", "/device:GPU:0");
        AssertLine("sess.run(r)", "[3. 5.]");
        // TensorFlow's log_device_placement format: "<op>: (<type>): <device>".
        Assert.Contains(Lines, l => l.Trim() == "add: (Add): /job:localhost/replica:0/task:0/device:CPU:0");
    }

    [Fact]
    public void VariablesSection_PrintsTheDocumentsForwardPass()
    {
        // The document prints [[3.957578]] for seed-1 weights and the input [[0.7, 0.9]].
        AssertLine("sess.run(y, feed_dict: {x: [[0.7, 0.9]]})", "[[3.957578]]");
        AssertLine("w1.get_shape()", "(2, 3)");
        AssertLine("w1.get_shape()[1]", "3");
        AssertLine("w1", "<tf.Variable 'Variable:0' shape=(2, 3) dtype=float32_ref>");
        AssertLine("w1 after tf.assign(w1, w5, validate_shape: false)", "shape (2, 2)");
    }

    [Fact]
    public void CrossEntropySection_NaiveFormulasGiveNaNAndFusedOpsDoNot()
    {
        // -log(0.5) / 3 in float32, NumPy's shortest repr.
        AssertLine("-reduce_mean(y_ * log(clip(y, 1e-10, 1)))", "0.23104906");
        AssertLine("naive softmax exp(b) / sum(exp(b))", "[ 0.  0.  0. nan  0.  0. nan  0.  0.  0.]");
        Assert.Equal(2, Lines.Count(l => l.StartsWith("naive -sum(t·log y + (1-t)·log(1-y)) / n", StringComparison.Ordinal) && l.TrimEnd().EndsWith(" nan")));
        // The document's stable loss is 0.000222961919658 on unrounded inputs; its printed inputs give 0.00022296191951824.
        Assert.Contains(Lines, l => l.StartsWith("mean(sigmoid_cross_entropy_with_logits)", StringComparison.Ordinal) && l.Contains(" 0.000222961919"));
        // Hand-computed: mean of max(x, 0) - x t + log(1 + exp(-|x|)) over the first input is 133.762875383.
        Assert.Contains(Lines, l => l.StartsWith("mean(sigmoid_cross_entropy_with_logits)", StringComparison.Ordinal) && l.Contains(" 133.7628753"));
    }

    [Fact]
    public void LearningRateSection_PrintsTheDocumentsIterations()
    {
        // x ← x − lr · 2x in float32, printed with Python's "%f" (values recomputed independently with float32 rounding).
        string[] expected =
        [
            "After 1 iteration(s): x1 is -5.000000.",
            "After 2 iteration(s): x2 is 5.000000.",
            "After 1 iteration(s): x1 is 4.990000.",
            "After 2 iteration(s): x2 is 4.980020.",
            "After 10 iteration(s): x10 is 4.900895.",
            "After 1 iteration(s): x1 is 4.000000, learning rate is 0.096000.",
            "After 11 iteration(s): x11 is 0.690561, learning rate is 0.063824.",
            "After 21 iteration(s): x21 is 0.222583, learning rate is 0.042432.",
        ];
        foreach (var line in expected) Assert.Contains(line, Lines);
    }

    [Fact]
    public void CircleSection_PrintsLossAtStepZeroForBothTrainings()
    {
        Assert.Contains(Lines, l => l.StartsWith("After 0 steps, mse_loss: ", StringComparison.Ordinal));
        Assert.Contains(Lines, l => l.StartsWith("After 0 steps, loss: ", StringComparison.Ordinal));
        Assert.DoesNotContain(Lines, l => l.StartsWith("After 2000 steps", StringComparison.Ordinal));
        AssertLine("data.shape", "(150, 2)");
    }

    [Fact]
    public void MovingAverageSection_PrintsTheDocumentsFourPairs()
    {
        // The document: [0.0, 0.0], [5.0, 4.5], [10.0, 4.5549998], [10.0, 4.6094499] (NumPy ≥ 1.14: 4.555, 4.60945).
        AssertLine("initially", "[0.0, 0.0]");
        AssertLine("v1 = 5, step 0 (decay 0.1)", "[5.0, 4.5]");
        AssertLine("v1 = 10, step 10000 (decay 0.99)", "[10.0, 4.555]");
        AssertLine("once more", "[10.0, 4.60945]");
    }

    [Theory]
    [InlineData("learning-rates.png")]
    [InlineData("circle-data.png")]
    [InlineData("boundary-mse.png")]
    [InlineData("boundary-l2.png")]
    [InlineData("loss-curves.png")]
    public void Picture_IsA800x600PngThatIsNotBlank(string file)
    {
        var path = Path.Combine(run.OutDir, file);
        Assert.True(File.Exists(path), $"{file} was not written; output:\n{run.Output}");
        var png = PngImage.Decode(File.ReadAllBytes(path));
        Assert.Equal((800, 600), (png.Width, png.Height));
        // A chart has a background, axes, text and coloured data: far more than a handful of colours.
        Assert.True(png.Pixels.Distinct().Count() > 20, $"{file} looks blank");
        Assert.Contains(Pictures, p => p == file);
    }

    [Fact]
    public void Run_WritesExactlyTheExpectedPictures() =>
        Assert.Equal(Pictures.Order(), Directory.GetFiles(run.OutDir).Select(Path.GetFileName).Order());

    [Fact]
    public void Readme_ShowsEveryPictureFromDocsWalkthrough()
    {
        // The README's pictures are committed output of `--out docs/walkthrough` (full 40 000 steps).
        // This source file's compile-time path first: the test binaries may live outside the repository.
        var root = new[] { SourceDirectory(), AppContext.BaseDirectory, Directory.GetCurrentDirectory() }
            .Select(RepositoryAbove).FirstOrDefault(r => r is not null);
        Assert.NotNull(root);
        var readme = File.ReadAllText(Path.Combine(root.FullName, "README.md"));
        foreach (var file in Pictures)
        {
            Assert.Contains($"(docs/walkthrough/{file})", readme);
            var png = PngImage.Decode(File.ReadAllBytes(Path.Combine(root.FullName, "docs", "walkthrough", file)));
            Assert.Equal((800, 600), (png.Width, png.Height));
        }
    }

    static DirectoryInfo? RepositoryAbove(string start)
    {
        var dir = new DirectoryInfo(start);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "SharpFlow.slnx"))) dir = dir.Parent;
        return dir;
    }

    static string SourceDirectory([System.Runtime.CompilerServices.CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}

/// <summary>The command line: help, wrong options, one section.</summary>
[Collection("Serial")]
public sealed class WalkthroughOptionsTests
{
    static (int Code, string Output, string Error) Run(params string[] args)
    {
        var (output, error) = (new StringWriter { NewLine = "\n" }, new StringWriter { NewLine = "\n" });
        int code = Walkthrough.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public void Help_PrintsUsageAndExitsZero()
    {
        var (code, output, error) = Run("--help");
        Assert.Equal(0, code);
        Assert.StartsWith("Usage: TheTensorflowWay [--out DIR] [--steps N] [--section NAME] [--help]", output);
        Assert.Equal("", error);
    }

    [Theory]
    [InlineData("unknown option '--bogus'", "--bogus")]
    [InlineData("--steps needs a positive whole number, got 'many'", "--steps", "many")]
    [InlineData("--steps needs a positive whole number, got '0'", "--steps", "0")]
    [InlineData("option '--out' needs a value", "--out")]
    [InlineData("unknown section 'nope'", "--section", "nope")]
    public void WrongOption_PrintsReasonAndUsageAndExitsNonZero(string reason, params string[] args)
    {
        var (code, output, error) = Run(args);
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.StartsWith("error: " + reason, error);
        Assert.Contains("Usage: TheTensorflowWay", error);
    }

    [Fact]
    public void Section_RunsOnlyThatSection()
    {
        var (code, output, _) = Run("--section", "moving-averages", "--out", Path.Combine(Path.GetTempPath(), "sharpflow-unused"));
        Assert.Equal(0, code);
        Assert.Contains("== 7. Moving averages (--section moving-averages) ==", output);
        Assert.DoesNotContain("== 1.", output);
        Assert.Contains("[10.0, 4.60945]", output);
    }
}
