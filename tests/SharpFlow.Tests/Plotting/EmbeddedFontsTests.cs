using SharpFlow.Plotting;

namespace SharpFlow.Tests.Plotting;

// Serial: registering the font changes ScottPlot's process-wide default font.
[Collection("Serial")]
public sealed class EmbeddedFontsTests
{
    [Fact]
    public void EnsureRegistered_MakesTheShippedDejaVuSansScottPlotsDefault()
    {
        EmbeddedFonts.EnsureRegistered();
        EmbeddedFonts.EnsureRegistered();
        Assert.Equal(EmbeddedFonts.Family, ScottPlot.Fonts.Default);
        var regular = ScottPlot.Fonts.GetTypeface(EmbeddedFonts.Family, bold: false, italic: false);
        var bold = ScottPlot.Fonts.GetTypeface(EmbeddedFonts.Family, bold: true, italic: false);
        // The typefaces are the ones decoded from the TTF files inside the assembly, not the operating system's.
        Assert.Same(EmbeddedFonts.Regular, regular);
        Assert.Same(EmbeddedFonts.Bold, bold);
        Assert.Equal("DejaVu Sans", regular.FamilyName);
        Assert.True(bold.IsBold);
        Assert.False(regular.IsBold);
    }

    [Fact]
    public void Figure_ToPng_RendersTextAndDataAtTheRequestedSize()
    {
        using var figure = new Figure("title", "x", "y");
        var png = figure.Line("series", [0.0, 1.0, 2.0], [1.0, 0.0, 1.0]).ToPng(320, 240);
        var image = Examples.PngImage.Decode(png);
        Assert.Equal((320, 240), (image.Width, image.Height));
        Assert.True(image.Pixels.Distinct().Count() > 20);
    }
}
