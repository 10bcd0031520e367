using ScottPlot;
using SkiaSharp;

namespace SharpFlow.Plotting;

/// <summary>Registers the DejaVu Sans font that ships inside this assembly with ScottPlot's font system.</summary>
/// <remarks>Without it ScottPlot asks the operating system for a font, and on a machine with none the text vanishes.</remarks>
public static class EmbeddedFonts
{
    /// <summary>The family name under which the embedded font is registered.</summary>
    public const string Family = "SharpFlow DejaVu Sans";

    static readonly Lazy<bool> Registered = new(Register, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Registers the font once and makes it ScottPlot's default; later calls do nothing.</summary>
    public static void EnsureRegistered() => _ = Registered.Value;

    /// <summary>The embedded regular face (tests check that ScottPlot hands out this very object).</summary>
    internal static SKTypeface Regular { get; } = Load("DejaVuSans.ttf");

    /// <summary>The embedded bold face, used for titles.</summary>
    internal static SKTypeface Bold { get; } = Load("DejaVuSans-Bold.ttf");

    static bool Register()
    {
        Fonts.FontResolvers.Insert(0, new Resolver(Regular, Bold));
        Fonts.Default = Family;
        Fonts.Sans = Family;
        return true;
    }

    static SKTypeface Load(string file)
    {
        var name = "SharpFlow.Plotting.Fonts." + file;
        using var stream = typeof(EmbeddedFonts).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded font {name} is missing from SharpFlow.Plotting.");
        using var data = SKData.Create(stream);
        return SKTypeface.FromData(data) ?? throw new InvalidOperationException($"Embedded font {name} could not be decoded.");
    }

    /// <summary>Answers requests for our family with the embedded typefaces; other names fall through to ScottPlot's resolvers.</summary>
    sealed class Resolver(SKTypeface regularFace, SKTypeface boldFace) : IFontResolver
    {
        public SKTypeface? CreateTypeface(string fontName, FontWeight weight, FontSlant slant, FontSpacing spacing) =>
            CreateTypeface(fontName, weight >= FontWeight.SemiBold, slant != FontSlant.Upright);

        public SKTypeface? CreateTypeface(string fontName, bool bold, bool italic) =>
            fontName == Family ? (bold ? boldFace : regularFace) : null;
    }
}
