using Community.Domain.Accounts;
using Community.Domain.Persistence;
using Microsoft.Data.Sqlite;

namespace Community.Domain.Voting;

/// <summary>
/// What a vote's rules read on SQLite (<see cref="CastVote.VoteFacts"/>), in one prepared statement: the same facts as the
/// EF Core projection PostgreSQL runs, without a context, a LINQ translation or a materializer per vote. Sqlite prepares
/// it on each call (~tens of µs), on a pooled connection.
/// </summary>
internal static class SqliteVoteFacts
{
    internal const string Sql = $"""
        SELECT p."AuthorId", coalesce(p."QuestionId", p."Id"), p."Kind" = 'Answer', p."DeletedAt", p."HiddenAt",
            q."LockedAt" IS NOT NULL, q."Id" IS NOT NULL AND q."DeletedAt" IS NULL,
            p."Kind" = 'Answer' AND q."AcceptedAnswerId" IS NOT NULL AND q."AcceptedAnswerId" = p."Id",
            coalesce((SELECT u."Reputation" FROM "AspNetUsers" AS u WHERE u."Id" = @voter), 0),
            EXISTS (SELECT 1 FROM "MemberSanctions" AS s
                WHERE s."MemberId" = @voter AND s."Kind" = 'Suspension' AND s."LiftedAt" IS NULL AND s."EndsAt" > @now),
            EXISTS (SELECT 1 FROM "AspNetUserRoles" AS ur JOIN "AspNetRoles" AS r ON r."Id" = ur."RoleId"
                WHERE ur."UserId" = @voter AND r."Name" IN ('{Roles.Staff}', '{Roles.Admin}')),
            EXISTS (SELECT 1 FROM "AspNetUserRoles" AS ur JOIN "AspNetRoles" AS r ON r."Id" = ur."RoleId"
                WHERE ur."UserId" = p."AuthorId" AND r."Name" IN ('{Roles.Staff}', '{Roles.Admin}'))
        FROM "Posts" AS p
        LEFT JOIN "Posts" AS q ON q."Id" = coalesce(p."QuestionId", p."Id") AND q."Kind" = 'Question'
        WHERE p."Id" = @post
        """;

    /// <summary>On a pooled connection (opening one from the pool costs no I/O; the pool is what tests clear to delete a file).</summary>
    public static CastVote.VoteFacts? Read(string connectionString, string voterId, int postId, DateTime now)
    {
        using var reader = new Reader(connectionString);
        return reader.Read(voterId, postId, now);
    }

    /// <summary>An open connection with the statement on it.</summary>
    private sealed class Reader : IDisposable
    {
        private readonly SqliteConnection connection;
        private readonly SqliteCommand command;

        public Reader(string connectionString)
        {
            connection = new SqliteConnection(connectionString);
            try
            {
                connection.Open();
                SqliteConnectionSettings.Apply(connection);
                command = connection.CreateCommand();
                command.CommandText = Sql;
                command.Parameters.Add(new SqliteParameter { ParameterName = "@voter" });
                command.Parameters.Add(new SqliteParameter { ParameterName = "@post" });
                command.Parameters.Add(new SqliteParameter { ParameterName = "@now" });
            }
            catch
            {
                connection.Dispose();
                throw;
            }
        }

        public CastVote.VoteFacts? Read(string voterId, int postId, DateTime now)
        {
            command.Parameters[0].Value = voterId;
            command.Parameters[1].Value = postId;
            command.Parameters[2].Value = now;
            using var reader = command.ExecuteReader();
            if (!reader.Read())
                return null;
            return new CastVote.VoteFacts(
                reader.GetString(0),
                reader.GetInt32(1),
                reader.GetBoolean(2),
                reader.IsDBNull(3) ? null : DateTime.SpecifyKind(reader.GetDateTime(3), DateTimeKind.Utc),
                reader.IsDBNull(4) ? null : DateTime.SpecifyKind(reader.GetDateTime(4), DateTimeKind.Utc),
                reader.GetBoolean(5),
                reader.GetBoolean(6),
                reader.GetBoolean(7),
                reader.GetInt32(8),
                reader.GetBoolean(9),
                reader.GetBoolean(10),
                reader.GetBoolean(11));
        }

        public void Dispose()
        {
            command.Dispose();
            connection.Dispose();
        }
    }
}
