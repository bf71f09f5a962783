using System.Globalization;
using System.Net;
using System.Text;
using Community.Domain.Escalations;

namespace Community.Web.Components.Pages.Escalations;

/// <summary>
/// The desk metrics' pictures as server-drawn SVG (no JavaScript; each has a title and a description): escalations opened
/// and resolved per day, and first-response times per team.
/// </summary>
public static class DeskCharts
{
    private const double Width = 640, Height = 200, Left = 40, Right = 12, Top = 12, Bottom = 28;
    private const double PlotWidth = Width - Left - Right, PlotHeight = Height - Top - Bottom;

    public static string Daily(IReadOnlyList<DayCount> days)
    {
        var max = Math.Max(1, days.Count == 0 ? 1 : days.Max(d => Math.Max(d.Opened, d.Resolved)));
        var slot = days.Count == 0 ? PlotWidth : PlotWidth / days.Count;
        var bar = Math.Max(1, slot * 0.4);
        var svg = Open("daily-chart", "Escalations opened and resolved per day",
            $"{days.Sum(d => d.Opened)} opened and {days.Sum(d => d.Resolved)} resolved over {days.Count} days; at most {max} in a day.");
        for (var i = 0; i < days.Count; i++)
        {
            var x = Left + i * slot;
            Bar(svg, "opened", x, bar, days[i].Opened, max, "#0b4f8a", $"{days[i].Day:d MMM}: {days[i].Opened} opened");
            Bar(svg, "resolved", x + bar, bar, days[i].Resolved, max, "#2e8540", $"{days[i].Day:d MMM}: {days[i].Resolved} resolved");
        }
        Axis(svg, max);
        if (days.Count > 0)
        {
            Text(svg, Left, Height - 8, days[0].Day.ToString("d MMM", CultureInfo.InvariantCulture), "start");
            Text(svg, Left + PlotWidth, Height - 8, days[^1].Day.ToString("d MMM", CultureInfo.InvariantCulture), "end");
        }
        return svg.Append("</svg>").ToString();
    }

    public static string FirstResponse(IReadOnlyList<TeamMetrics> teams)
    {
        var measured = teams.Where(t => t.MedianFirstResponse is not null).ToList();
        var max = Math.Max(1, measured.Count == 0 ? 1 : measured.Max(t => t.P90FirstResponse!.Value.TotalHours));
        var svg = Open("response-chart", "Time to first staff response per team (median and 90th percentile, hours)",
            measured.Count == 0 ? "No staff responses in this period." :
            string.Join("; ", measured.Select(t => $"{t.Team}: median {Hours(t.MedianFirstResponse)} h, 90th percentile {Hours(t.P90FirstResponse)} h")));
        var slot = measured.Count == 0 ? PlotWidth : PlotWidth / measured.Count;
        var bar = Math.Max(1, slot * 0.35);
        for (var i = 0; i < measured.Count; i++)
        {
            var x = Left + i * slot + slot * 0.1;
            Bar(svg, "median", x, bar, measured[i].MedianFirstResponse!.Value.TotalHours, max, "#0b4f8a", $"{measured[i].Team}: median {Hours(measured[i].MedianFirstResponse)} h");
            Bar(svg, "p90", x + bar, bar, measured[i].P90FirstResponse!.Value.TotalHours, max, "#b26a00", $"{measured[i].Team}: 90th percentile {Hours(measured[i].P90FirstResponse)} h");
            Text(svg, x, Height - 8, measured[i].Team, "start");
        }
        Axis(svg, max);
        return svg.Append("</svg>").ToString();
    }

    public static string Hours(TimeSpan? span) => span is { } s ? s.TotalHours.ToString("0.0", CultureInfo.InvariantCulture) : "—";

    private static StringBuilder Open(string id, string title, string description) => new StringBuilder()
        .Append($"<svg class=\"desk-chart\" viewBox=\"0 0 {N(Width)} {N(Height)}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" xmlns=\"http://www.w3.org/2000/svg\" preserveAspectRatio=\"xMidYMid meet\">")
        .Append($"<title id=\"{id}-title\">{WebUtility.HtmlEncode(title)}</title><desc id=\"{id}-desc\">{WebUtility.HtmlEncode(description)}</desc>");

    private static void Bar(StringBuilder svg, string kind, double x, double width, double value, double max, string colour, string label)
    {
        var height = value * PlotHeight / max;
        svg.Append($"<rect class=\"bar bar-{kind}\" x=\"{N(x)}\" y=\"{N(Top + PlotHeight - height)}\" width=\"{N(width)}\" height=\"{N(height)}\" fill=\"{colour}\"><title>{WebUtility.HtmlEncode(label)}</title></rect>");
    }

    private static void Axis(StringBuilder svg, double max)
    {
        svg.Append($"<line x1=\"{N(Left)}\" x2=\"{N(Left + PlotWidth)}\" y1=\"{N(Top + PlotHeight)}\" y2=\"{N(Top + PlotHeight)}\" stroke=\"#dde3e9\" />");
        Text(svg, Left - 6, Top + 4, max.ToString("0.#", CultureInfo.InvariantCulture), "end");
        Text(svg, Left - 6, Top + PlotHeight + 4, "0", "end");
    }

    private static void Text(StringBuilder svg, double x, double y, string text, string anchor) =>
        svg.Append($"<text x=\"{N(x)}\" y=\"{N(y)}\" text-anchor=\"{anchor}\" font-size=\"11\" fill=\"#5f6b76\">{WebUtility.HtmlEncode(text)}</text>");

    private static string N(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
