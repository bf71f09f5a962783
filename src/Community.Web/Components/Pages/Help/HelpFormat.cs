using System.Globalization;

namespace Community.Web.Components.Pages.Help;

/// <summary>How the help pages write numbers and times: "+10", "−2" (a true minus sign), "5 minutes".</summary>
public static class HelpFormat
{
    public static string Points(int amount) => amount switch
    {
        > 0 => "+" + amount.ToString("N0", CultureInfo.InvariantCulture),
        < 0 => "\u2212" + Math.Abs((long)amount).ToString("N0", CultureInfo.InvariantCulture),
        _ => "0",
    };

    public static string Number(int value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Duration(TimeSpan span) => span switch
    {
        { TotalDays: >= 2 } when span.TotalDays % 1 == 0 => Plural((int)span.TotalDays, "day"),
        { TotalHours: >= 1 } when span.TotalHours % 1 == 0 => Plural((int)span.TotalHours, "hour"),
        { TotalMinutes: >= 1 } when span.TotalMinutes % 1 == 0 => Plural((int)span.TotalMinutes, "minute"),
        _ => Plural((int)Math.Round(span.TotalSeconds), "second"),
    };

    private static string Plural(int n, string unit) => n == 1 ? $"1 {unit}" : $"{n.ToString("N0", CultureInfo.InvariantCulture)} {unit}s";
}
