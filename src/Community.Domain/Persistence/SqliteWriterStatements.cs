using Microsoft.Data.Sqlite;

namespace Community.Domain.Persistence;

/// <summary>
/// A batch writer's own connection (<see cref="SqliteBatchWriter{TWrite, TResult, TStatements}"/>) with its statements
/// prepared once and reused by every batch of a run: the connection's settings and foreign keys, the transaction and
/// savepoint statements every batch uses; a subclass prepares its writes' statements with <see cref="Prepare"/> in its
/// constructor, disposing this if one fails.
/// </summary>
internal abstract class SqliteWriterStatements : IDisposable
{
    private readonly SqliteConnection connection;
    private readonly List<SqliteCommand> all = [];

    /// <param name="savepoint">The name of the savepoint each write of a batch runs inside.</param>
    protected SqliteWriterStatements(string connectionString, string savepoint)
    {
        connection = new SqliteConnection(connectionString);
        try
        {
            connection.Open();
            SqliteConnectionSettings.Apply(connection);
            using (var keys = connection.CreateCommand())
            {
                keys.CommandText = "PRAGMA foreign_keys=1;";
                keys.ExecuteNonQuery();
            }
            Begin = Prepare("BEGIN IMMEDIATE");
            Commit = Prepare("COMMIT");
            Rollback = Prepare("ROLLBACK");
            Save = Prepare($"SAVEPOINT {savepoint}");
            Release = Prepare($"RELEASE {savepoint}");
            RollbackTo = Prepare($"ROLLBACK TO {savepoint}");
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public SqliteCommand Begin { get; }
    public SqliteCommand Commit { get; }
    public SqliteCommand Rollback { get; }
    public SqliteCommand Save { get; }
    public SqliteCommand Release { get; }
    public SqliteCommand RollbackTo { get; }

    /// <summary>The statement <paramref name="sql"/> on this connection, prepared, its parameters named (set before each use).</summary>
    protected SqliteCommand Prepare(string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        all.Add(command);
        command.CommandText = sql;
        foreach (var name in parameters)
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        command.Prepare();
        return command;
    }

    public void Dispose()
    {
        foreach (var command in all)
            command.Dispose();
        connection.Dispose();
    }
}
