using Microsoft.Data.Sqlite;

namespace Community.Bench.Floor;

/// <summary>
/// How the floor writes: what any careful hand-written SQLite program does, and what the product does
/// (SqliteConnectionSettings, SqliteWriterQueue): synchronous=NORMAL in WAL mode, a busy timeout, and the writers of
/// one process taking turns asynchronously before BEGIN IMMEDIATE, so none sleeps in Microsoft.Data.Sqlite's retry loop.
/// Without these the floor measured the disk's fsync and the retry loop's 150 ms sleeps, not a floor.
/// </summary>
internal static class FloorWrites
{
    private static readonly SemaphoreSlim Turn = new(1, 1);

    public static async Task<T> InTransactionAsync<T>(string connectionString, Func<SqliteConnection, SqliteTransaction, T> write)
    {
        await Turn.WaitAsync();
        try
        {
            using var connection = new SqliteConnection(connectionString);
            connection.Open();
            using (var settings = connection.CreateCommand())
            {
                settings.CommandText = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000;";
                settings.ExecuteNonQuery();
            }
            using var transaction = connection.BeginTransaction();
            var result = write(connection, transaction);
            transaction.Commit();
            return result;
        }
        finally
        {
            Turn.Release();
        }
    }
}
