namespace Community.Domain.Notifications;

/// <summary>
/// Finds <c>@Display Name</c> mentions of known members in a text. Names may contain spaces, so instead of guessing where a
/// name ends, each candidate's name is looked for after an @; the longest name at a position wins ("@Sam Ortega" over "@Sam").
/// Only the candidates the caller allows can be mentioned (members of the thread and staff).
/// </summary>
public static class Mentions
{
    public static IReadOnlySet<string> Find(string text, IReadOnlyDictionary<string, string> displayNameByUserId)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        if (string.IsNullOrEmpty(text) || displayNameByUserId.Count == 0)
            return found;
        var byLength = displayNameByUserId.Where(c => c.Value.Length > 0).OrderByDescending(c => c.Value.Length).ToList();
        for (var at = text.IndexOf('@'); at >= 0; at = text.IndexOf('@', at + 1))
        {
            // "name@example.com" is an address, not a mention.
            if (at > 0 && char.IsLetterOrDigit(text[at - 1]))
                continue;
            foreach (var (userId, name) in byLength)
            {
                var end = at + 1 + name.Length;
                if (end <= text.Length && string.Compare(text, at + 1, name, 0, name.Length, StringComparison.OrdinalIgnoreCase) == 0
                    && (end == text.Length || !char.IsLetterOrDigit(text[end])))
                {
                    found.Add(userId);
                    break;
                }
            }
        }
        return found;
    }
}
