namespace SharpFlow;

/// <summary>Assigns ops to devices; this runtime has only the local CPU.</summary>
internal static class Placer
{
    /// <summary>Checks the ops a plan runs; with logging on, prints the placement of every op of the graph not yet shown.</summary>
    /// <remarks>TF parity: DirectSession places (and logs) the whole graph, not only the pruned subgraph.</remarks>
    internal static void Place(IReadOnlyList<Operation> planOps, Graph graph, ConfigProto config, HashSet<Operation> logged)
    {
        foreach (var op in planOps)
        {
            var type = op.device.Length == 0 ? "CPU" : DeviceSpec.DeviceType(op.device) ?? "CPU";
            if (type != "CPU" && !config.allow_soft_placement)
                throw new InvalidArgumentError(
                    $"Cannot assign a device for operation '{op.name}': Operation was explicitly assigned to {op.device} but available devices are [ {DeviceSpec.LocalCpu} ]. Make sure the device specification refers to a valid device.", op);
        }
        if (!config.log_device_placement) return;
        foreach (var op in graph.Ops)
            if (logged.Add(op))
                Console.Error.WriteLine($"{op.name}: ({op.type}): {DeviceSpec.LocalCpu}");
    }
}
