namespace SharpFlow;

/// <summary>Assigns each op of a plan to a device; this runtime has only the local CPU.</summary>
internal static class Placer
{
    internal static void Place(IReadOnlyList<Operation> ops, ConfigProto config, HashSet<Operation> logged)
    {
        foreach (var op in ops)
        {
            var type = op.device.Length == 0 ? "CPU" : DeviceSpec.DeviceType(op.device) ?? "CPU";
            if (type != "CPU" && !config.allow_soft_placement)
                throw new InvalidArgumentError(
                    $"Cannot assign a device for operation '{op.name}': Operation was explicitly assigned to {op.device} but available devices are [ {DeviceSpec.LocalCpu} ]. Make sure the device specification refers to a valid device.", op);
            if (config.log_device_placement && logged.Add(op))
                Console.Error.WriteLine($"{op.name}: ({op.type}): {DeviceSpec.LocalCpu}");
        }
    }
}
