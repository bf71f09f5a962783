using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Community.Domain.Persistence;

/// <summary>
/// Named parameters for hand-written SQL run through EF (<c>SqlQueryRaw</c>) on either engine: <c>@name</c> in the SQL.
/// A null becomes SQL NULL (EF cannot type a bare null in an interpolated query).
/// </summary>
internal static class RawParameters
{
    public static DbParameter Create(CommunityDbContext db, string name, object? value) => db.Database.IsNpgsql()
        ? new NpgsqlParameter("@" + name, value ?? DBNull.Value)
        : new SqliteParameter("@" + name, value ?? DBNull.Value);
}
