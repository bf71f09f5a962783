namespace Community.Domain.Demo;

public static partial class DemoContent
{
    /// <summary>Short remarks the seeder puts under the first answered questions (author, text).</summary>
    public static readonly IReadOnlyList<(string Author, string Text)> Comments =
    [
        ("Dana Whitfield", "Thanks, this worked for me too after a **full** power cycle."),
        ("Priya Raman", "Worth adding: check the firmware version under *Settings > System* first."),
        ("Kenji Watanabe", "Same here on a Beacon Pro; the `factory reset` step was the one that fixed it."),
        ("Sam Ortega", "We are tracking this one internally. See [our status page](https://status.brightwave.example) for updates."),
        ("Amara Okafor", "Could you say which app version you are on? The menu moved in 4.2."),
        ("Ingrid Solberg", "Edited the title so others searching for the same error can find it."),
        ("Priya Raman", "If the amber light keeps blinking, move the point closer for the first sync, then put it back."),
        ("Siobhan O'Neill", "Confirmed: disabling band steering stopped the drops for my printer."),
    ];
}
