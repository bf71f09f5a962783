using System.Globalization;
using Community.Domain.Reputation.Queries;

namespace Community.Web.Components.Pages.Users;

public sealed record ChartLabel(double X, double Y, string Text);

/// <summary>Where everything in the reputation chart goes, in the SVG's own units (its viewBox).</summary>
public sealed record ChartLayout(string Points, IReadOnlyList<ChartLabel> DayLabels, IReadOnlyList<ChartLabel> ValueLabels, double Max);

/// <summary>
/// Lays the cumulative series out as a polyline: days from left to right, reputation from 0 at the bottom to a
/// round maximum at the top, with the first and last dates and three values as labels.
/// </summary>
public static class ReputationChartGeometry
{
    public const double Width = 640, Height = 200, Left = 56, Right = 16, Top = 12, Bottom = 28;
    public const double PlotWidth = Width - Left - Right, PlotHeight = Height - Top - Bottom;

    public static ChartLayout Layout(IReadOnlyList<ReputationPoint> series)
    {
        if (series.Count == 0)
            return new ChartLayout("", [], [], 1);
        var max = RoundUp(series.Max(p => p.Reputation));
        var (first, last) = (series[0].Day.DayNumber, series[^1].Day.DayNumber);
        double X(int day) => last == first ? Left : Left + (day - first) * PlotWidth / (last - first);
        double Y(int value) => Top + PlotHeight - value * PlotHeight / max;
        var coordinates = series.Select(p => (X: X(p.Day.DayNumber), Y: Y(p.Reputation))).ToList();
        if (coordinates.Count == 1)
            coordinates.Add((Left + PlotWidth, coordinates[0].Y)); // one day: a flat line across
        var points = string.Join(" ", coordinates.Select(c => $"{Number(c.X)},{Number(c.Y)}"));
        var days = new List<ChartLabel> { new(Left, Height - 8, Date(series[0].Day)) };
        if (last != first)
            days.Add(new ChartLabel(Left + PlotWidth, Height - 8, Date(series[^1].Day)));
        var values = new[] { 0, max / 2, max }.Distinct()
            .Select(v => new ChartLabel(Left - 6, Y(v) + 4, v.ToString("N0", CultureInfo.InvariantCulture))).ToList();
        return new ChartLayout(points, days, values, max);
    }

    /// <summary>The smallest of 1, 2, 3, 4, 5, 6, 8, 10, 20 … at or above <paramref name="value"/>, so labels are round and the line fills the height.</summary>
    public static int RoundUp(int value)
    {
        if (value <= 1)
            return 1;
        var power = 1L;
        while (true)
        {
            foreach (var step in new long[] { 1, 2, 3, 4, 5, 6, 8 })
                if (step * power >= value)
                    return (int)Math.Min(int.MaxValue, step * power);
            power *= 10;
        }
    }

    public static string Number(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    public static string Date(DateOnly day) => day.ToString("d MMM yyyy", CultureInfo.InvariantCulture);
}
