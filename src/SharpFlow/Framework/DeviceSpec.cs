using System.Text.RegularExpressions;

namespace SharpFlow;

/// <summary>Parses and normalises device strings as TensorFlow does (<c>/gpu:0</c> → <c>/device:GPU:0</c>).</summary>
internal static partial class DeviceSpec
{
    internal const string LocalCpu = "/job:localhost/replica:0/task:0/device:CPU:0";

    [GeneratedRegex(@"^(?:/job:(?<job>[^/]+))?(?:/replica:(?<replica>\d+))?(?:/task:(?<task>\d+))?(?:/device:(?<dt>[A-Za-z_]+):(?<di>\d+|\*)|/(?<st>cpu|gpu|CPU|GPU):(?<si>\d+|\*))?$")]
    private static partial Regex Pattern();

    /// <summary>Canonical form of a device string; empty stays empty.</summary>
    internal static string Normalize(string? device)
    {
        if (string.IsNullOrEmpty(device)) return "";
        var m = Pattern().Match(device);
        if (!m.Success) throw new ValueError($"Unknown attribute: '{device}' in '{device}'");
        var parts = new List<string>();
        if (m.Groups["job"].Success) parts.Add("/job:" + m.Groups["job"].Value);
        if (m.Groups["replica"].Success) parts.Add("/replica:" + m.Groups["replica"].Value);
        if (m.Groups["task"].Success) parts.Add("/task:" + m.Groups["task"].Value);
        if (m.Groups["dt"].Success) parts.Add($"/device:{m.Groups["dt"].Value.ToUpperInvariant()}:{m.Groups["di"].Value}");
        else if (m.Groups["st"].Success) parts.Add($"/device:{m.Groups["st"].Value.ToUpperInvariant()}:{m.Groups["si"].Value}");
        return string.Concat(parts);
    }

    /// <summary>An inner device scope's fields override the outer one's; fields it leaves out are kept (TF's MergeDevice).</summary>
    internal static string Merge(string outer, string inner)
    {
        if (outer.Length == 0 || inner.Length == 0) return inner.Length == 0 ? outer : inner;
        var o = Pattern().Match(outer);
        var i = Pattern().Match(inner);
        string Pick(string group) => i.Groups[group].Success ? i.Groups[group].Value : o.Groups[group].Success ? o.Groups[group].Value : "";
        var parts = new List<string>();
        if (Pick("job") is { Length: > 0 } job) parts.Add("/job:" + job);
        if (Pick("replica") is { Length: > 0 } replica) parts.Add("/replica:" + replica);
        if (Pick("task") is { Length: > 0 } task) parts.Add("/task:" + task);
        var dev = i.Groups["dt"].Success ? i : o.Groups["dt"].Success ? o : null;
        if (dev is not null) parts.Add($"/device:{dev.Groups["dt"].Value}:{dev.Groups["di"].Value}");
        return string.Concat(parts);
    }

    /// <summary>The device type (<c>CPU</c>, <c>GPU</c>) named by a canonical string, or null.</summary>
    internal static string? DeviceType(string device)
    {
        int i = device.IndexOf("/device:", StringComparison.Ordinal);
        if (i < 0) return null;
        var rest = device[(i + 8)..];
        int colon = rest.IndexOf(':');
        return colon < 0 ? rest : rest[..colon];
    }
}
