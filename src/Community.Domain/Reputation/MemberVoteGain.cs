using Community.Domain.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Community.Domain.Reputation;

/// <summary>
/// What a member has gained from upvotes on their latest day of gains (the daily cap's measure): the sum of their
/// ledger rows with a capped reason on <see cref="Day"/>, kept by a trigger on every ledger insert, whoever makes it
/// (<see cref="MemberVoteGains"/>). Each vote used to add up the member's rows of the day, which a popular member has
/// by the thousand (every upvote past the cap is a row of 0): ~2 ms inside the vote's write turn on the benchmark.
/// </summary>
public sealed class MemberVoteGain : Persistence.IKeptByTriggers
{
    public string UserId { get; set; } = "";
    public CommunityUser? User { get; set; }

    /// <summary>The UTC day of the latest capped gain (rows of an earlier day never change it).</summary>
    public DateOnly Day { get; set; }

    public int Gained { get; set; }
}

internal sealed class MemberVoteGainConfiguration : IEntityTypeConfiguration<MemberVoteGain>
{
    public void Configure(EntityTypeBuilder<MemberVoteGain> gain)
    {
        gain.ToTable("MemberVoteGains");
        gain.HasKey(g => g.UserId);
        gain.HasOne(g => g.User).WithMany().HasForeignKey(g => g.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>The trigger that keeps <see cref="MemberVoteGain"/>, and its backfill (today's rows), on both engines.</summary>
public static class MemberVoteGains
{
    private const string Capped = $"('{nameof(ReputationReason.QuestionUpvoted)}', '{nameof(ReputationReason.AnswerUpvoted)}')";

    // A later day starts again from the row's amount; the same day adds; an earlier day (a row dated in the past) changes nothing.
    private const string Merge = """
        ON CONFLICT ("UserId") DO UPDATE SET
            "Gained" = CASE WHEN excluded."Day" = "MemberVoteGains"."Day" THEN "MemberVoteGains"."Gained" + excluded."Gained"
                            WHEN excluded."Day" > "MemberVoteGains"."Day" THEN excluded."Gained"
                            ELSE "MemberVoteGains"."Gained" END,
            "Day" = CASE WHEN excluded."Day" > "MemberVoteGains"."Day" THEN excluded."Day" ELSE "MemberVoteGains"."Day" END;
        """;

    /// <summary>SQLite: today's (UTC) rows. Dates are stored as 'yyyy-MM-dd HH:mm:ss…' text, DateOnly as 'yyyy-MM-dd'.</summary>
    public const string BackfillSqlite = $"""
        INSERT INTO "MemberVoteGains" ("UserId", "Day", "Gained")
        SELECT "UserId", date('now'), sum("Amount") FROM "ReputationEntries"
        WHERE "CreatedAt" >= date('now') AND "CreatedAt" < date('now', '+1 day') AND "Reason" IN {Capped}
        GROUP BY "UserId";
        """;

    public const string BackfillPostgres = $"""
        INSERT INTO "MemberVoteGains" ("UserId", "Day", "Gained")
        SELECT "UserId", (now() AT TIME ZONE 'UTC')::date, sum("Amount") FROM "ReputationEntries"
        WHERE ("CreatedAt" AT TIME ZONE 'UTC')::date = (now() AT TIME ZONE 'UTC')::date AND "Reason" IN {Capped}
        GROUP BY "UserId";
        """;

    public static IEnumerable<string> CreateSqlite()
    {
        yield return BackfillSqlite;
        yield return $"""
            CREATE TRIGGER MemberVoteGains_EntryAdded AFTER INSERT ON ReputationEntries WHEN NEW.Reason IN {Capped} BEGIN
                INSERT INTO "MemberVoteGains" ("UserId", "Day", "Gained") VALUES (NEW."UserId", substr(NEW."CreatedAt", 1, 10), NEW."Amount")
                {Merge}
            END;
            """;
    }

    public static IEnumerable<string> DropSqlite()
    {
        yield return "DROP TRIGGER IF EXISTS MemberVoteGains_EntryAdded;";
    }

    public static IEnumerable<string> CreatePostgres()
    {
        yield return BackfillPostgres;
        yield return $"""
            CREATE FUNCTION member_vote_gains_entry_added() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                INSERT INTO "MemberVoteGains" ("UserId", "Day", "Gained") VALUES (NEW."UserId", (NEW."CreatedAt" AT TIME ZONE 'UTC')::date, NEW."Amount")
                {Merge}
                RETURN NULL;
            END $$;
            """;
        yield return $"""
            CREATE TRIGGER member_vote_gains_entry_added AFTER INSERT ON "ReputationEntries"
            FOR EACH ROW WHEN (NEW."Reason" IN {Capped}) EXECUTE FUNCTION member_vote_gains_entry_added();
            """;
    }

    public static IEnumerable<string> DropPostgres()
    {
        yield return """DROP TRIGGER IF EXISTS member_vote_gains_entry_added ON "ReputationEntries";""";
        yield return "DROP FUNCTION IF EXISTS member_vote_gains_entry_added();";
    }
}
