using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace Community.Domain.Persistence;

/// <summary>
/// Hand-written SQLite statements prepared once per connection object and reused by every later write on it: in a group
/// commit (docs/decisions/0008) the writer's connection serves every unit of a batch and is kept from batch to batch
/// while units keep coming (<see cref="SqliteGroupCommit.Linger"/>), so a statement is compiled once a run of batches
/// instead of once a unit (or, before the writer kept its connection, once a batch of 2–3 answers). Compiling is what a fresh command pays each time (EF makes one per statement): for an
/// INSERT into <c>Posts</c> it compiles every trigger on the table too. The caller sets every parameter before each
/// use (values stay from the last one) and disposes the readers it opens; the connection's writer is one at a time (a
/// turn), so no two callers share a statement at once. The commands go with their connection (it disposes them when it
/// closes).
/// </summary>
internal static class SqlitePrepared
{
    private static readonly ConditionalWeakTable<SqliteConnection, Dictionary<string, SqliteCommand>> Cache = new();

    /// <summary>The statement <paramref name="sql"/> on this connection, prepared, its parameters named, in <paramref name="transaction"/>.</summary>
    public static SqliteCommand Command(DbConnection connection, DbTransaction? transaction, string sql, params string[] parameters)
    {
        var sqlite = (SqliteConnection)connection;
        var commands = Cache.GetValue(sqlite, _ => new Dictionary<string, SqliteCommand>(StringComparer.Ordinal));
        SqliteCommand? command;
        lock (commands)
        {
            if (!commands.TryGetValue(sql, out command))
            {
                command = sqlite.CreateCommand();
                command.CommandText = sql;
                foreach (var name in parameters)
                    command.Parameters.Add(new SqliteParameter { ParameterName = name });
                command.Transaction = (SqliteTransaction?)transaction;
                command.Prepare();
                commands.Add(sql, command);
            }
        }
        command.Transaction = (SqliteTransaction?)transaction;
        return command;
    }
}
