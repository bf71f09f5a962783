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
        // Optimistic concurrency on the row version PostgreSQL keeps by itself, where SQLite compares a column:
        // any write to the row since it was read (not only the columns chosen as tokens) makes a save lose.
        builder.Entity<Post>().Property(p => p.Version).IsConcurrencyToken(false);
        builder.Entity<Post>().Property<uint>(RowVersion).IsRowVersion();
        builder.Entity<Flag>().Property(f => f.Status).IsConcurrencyToken(false);
        builder.Entity<Flag>().Property<uint>(RowVersion).IsRowVersion();

        // Booleans are booleans here, not 0 and 1.
        builder.Entity<StaffTeam>().HasIndex(t => t.IsDefault).HasFilter("\"IsDefault\"");
    }
}
