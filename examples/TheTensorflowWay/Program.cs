namespace SharpFlow.Examples.TheTensorflowWay;

/// <summary>Entry point of the walkthrough of chapters 3 and 4 of "The Tensorflow Way".</summary>
public static class Program
{
    /// <summary>Runs the walkthrough on the console; the exit code is 0 on success and 2 for a wrong option.</summary>
    public static int Main(string[] args) => Walkthrough.Run(args, Console.Out, Console.Error);
}
