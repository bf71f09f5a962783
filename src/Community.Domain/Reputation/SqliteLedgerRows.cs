using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Community.Domain.Reputation;

/// <summary>
/// The reputation ledger's writes as statements prepared on a batch writer's connection (the vote and acceptance
/// writers, docs/decisions/0011): a ledger row with its member's total, what a source still adds up to reversed, and the
/// privilege notices a gain unlocks. The same rows <see cref="ReputationLedger"/> writes through EF Core.
/// </summary>
internal sealed class SqliteLedgerRows
{
    private readonly SqliteCommand nets;
    private readonly SqliteCommand entry;
    private readonly SqliteCommand total;
    private readonly SqliteCommand privilegeNotice;

    /// <param name="prepare">Prepares a statement on the writer's connection, its parameters named.</param>
    public SqliteLedgerRows(Func<string, string[], SqliteCommand> prepare)
    {
        nets = prepare("""
            SELECT "UserId", "PostId", sum("Amount") FROM "ReputationEntries" WHERE "SourceKey" = @source GROUP BY "UserId", "PostId"
            """, ["@source"]);
        entry = prepare("""
            INSERT INTO "ReputationEntries" ("UserId", "Amount", "Reason", "SourceKey", "PostId", "ActorId", "CreatedAt")
            VALUES (@user, @amount, @reason, @source, @post, @actor, @now)
            """, ["@user", "@amount", "@reason", "@source", "@post", "@actor", "@now"]);
        total = prepare($"""
            UPDATE "AspNetUsers" SET "ReputationPoints" = "ReputationPoints" + @amount,
                "Reputation" = max({ReputationRules.Floor}, {ReputationRules.Floor} + "ReputationPoints" + @amount)
            WHERE "Id" = @user RETURNING "ReputationPoints"
            """, ["@user", "@amount"]);
        privilegeNotice = prepare($"""
            INSERT INTO "Notices" ("UserId", "Text", "Link", "Key", "Kind", "CreatedAt")
            SELECT @user, @text, @link, @key, '{Notifications.NotificationKind.PrivilegeEarned}', @now
            WHERE NOT EXISTS (SELECT 1 FROM "Notices" WHERE "UserId" = @user AND "Key" = @key)
            """, ["@user", "@text", "@link", "@key", "@now"]);
    }

    /// <summary>Cancels what <paramref name="source"/> still adds up to for each member (the vote or acceptance changed or withdrawn).</summary>
    public void Reverse(string source, ReputationReason reason, string actorId, ReputationLedger ledger, DateTime now)
    {
        nets.Parameters["@source"].Value = source;
        var sums = new List<(string UserId, int? PostId, long Net)>();
        using (var reader = nets.ExecuteReader())
            while (reader.Read())
                sums.Add((reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetInt32(1), reader.GetInt64(2)));
        foreach (var (userId, postId, net) in sums)
            if (net != 0)
                Append(userId, (int)-net, reason, source, postId, actorId, ledger, now);
    }

    /// <summary>A ledger row and its member's total; a gain also tells the member of privileges it unlocked.</summary>
    public void Append(string userId, int amount, ReputationReason reason, string source, int? postId, string actorId, ReputationLedger ledger, DateTime now)
    {
        var row = entry.Parameters;
        row["@user"].Value = userId;
        row["@amount"].Value = amount;
        row["@reason"].Value = reason.ToString();
        row["@source"].Value = source;
        row["@post"].Value = (object?)postId ?? DBNull.Value;
        row["@actor"].Value = actorId;
        row["@now"].Value = now;
        entry.ExecuteNonQuery();
        // A row of 0 (an up vote past the daily cap) leaves the total as it is: no write of the member's row, nor of its
        // entry in the reputation index (~1 log page a capped vote, bench/README.md session 13).
        if (amount == 0)
            return;
        total.Parameters["@user"].Value = userId;
        total.Parameters["@amount"].Value = amount;
        var after = Convert.ToInt64(total.ExecuteScalar(), CultureInfo.InvariantCulture);
        if (amount <= 0 || ledger.Notices is not { } notices)
            return;
        foreach (var (text, link, key) in notices.PrivilegeNotices(ReputationRules.Total(after - amount), ReputationRules.Total(after)))
        {
            var notice = privilegeNotice.Parameters;
            notice["@user"].Value = userId;
            notice["@text"].Value = text;
            notice["@link"].Value = link;
            notice["@key"].Value = key;
            notice["@now"].Value = now;
            privilegeNotice.ExecuteNonQuery();
        }
    }
}
