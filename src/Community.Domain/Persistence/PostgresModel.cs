using Community.Domain.Escalations;
using Community.Domain.Moderation;
using Community.Domain.Questions;
using Microsoft.EntityFrameworkCore;

namespace Community.Domain.Persistence;

/// <summary>
/// Where PostgreSQL's model differs from SQLite's: applied after every feature's configuration, only on PostgreSQL,
/// so SQLite's model (and its migrations) stay as they are.
/// </summary>
internal static class PostgresModel
{
    /// <summary>The shadow property mapped to PostgreSQL's <c>xmin</c> system column (the native row version).</summary>
    public const string RowVersion = "RowVersion";

    public static void Apply(ModelBuilder builder)
    {
        // A flag's row changes only when it is handled: PostgreSQL's own row version says exactly that.
        // Posts keep SQLite's token, their edit Version: their rows also change with every view counted, vote and
        // answer, and xmin made an edit, a close or an acceptance lose to any of those (CI's PostgreSQL pass failed
        // a close and an acceptance that way). EF writes only the columns a save changed, so nothing else is lost.
        builder.Entity<Flag>().Property(f => f.Status).IsConcurrencyToken(false);
        builder.Entity<Flag>().Property<uint>(RowVersion).IsRowVersion();

        // Booleans are booleans here, not 0 and 1.
        builder.Entity<StaffTeam>().HasIndex(t => t.IsDefault).HasFilter("\"IsDefault\"");
    }
}
