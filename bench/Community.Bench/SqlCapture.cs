using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using SQLitePCL;

namespace Community.Bench;

public sealed record CapturedParameter(string Name, object? Value);

/// <summary>A command EF Core executed: its SQL and its parameters' values.</summary>
public sealed record CapturedCommand(string Sql, IReadOnlyList<CapturedParameter> Parameters)
{
    public string ParametersText => string.Join(", ", Parameters.Select(p => $"{p.Name} = {Format(p.Value)}"));

    private static string Format(object? value) => value switch
    {
        null or DBNull => "NULL",
        string s => $"'{s}'",
        DateTime d => $"'{d:yyyy-MM-dd HH:mm:ss.FFFFFFF}'",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}

/// <summary>
/// Records the SQL of every reader EF Core opens while <see cref="Recording"/> is on. Only the capture factory has it,
/// so timed calls run without it.
/// </summary>
public sealed class SqlCapture : DbCommandInterceptor
{
    private readonly List<CapturedCommand> commands = [];

    public bool Recording { get; set; }

    public IReadOnlyList<CapturedCommand> Take()
    {
        var taken = commands.ToList();
        commands.Clear();
        return taken;
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Record(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    private void Record(DbCommand command)
    {
        if (!Recording)
            return;
        commands.Add(new CapturedCommand(command.CommandText,
            command.Parameters.Cast<DbParameter>().Select(p => new CapturedParameter(p.ParameterName, p.Value)).ToList()));
    }
}

/// <summary>One line of EXPLAIN QUERY PLAN, with its depth in the plan tree and what is worth flagging in it.</summary>
public sealed record PlanLine(int Depth, string Detail, IReadOnlyList<string> Flags);

/// <summary>What SQLite did to run a statement once: its own counters (sqlite3_stmt_status), not a guess.</summary>
public sealed record StatementCounters(long Rows, long VmSteps, long FullScanSteps, long Sorts, long AutoIndexes, bool Interrupted);

/// <summary>EXPLAIN QUERY PLAN and statement counters for SQL captured from EF Core, with its parameters bound.</summary>
public static class QueryPlans
{
    public const string FullScan = "FULL SCAN";
    public const string TempBTree = "TEMP B-TREE";
    public const string NoSeek = "NO KEYSET SEEK";
    public const string AutomaticIndex = "AUTOMATIC INDEX";
    public const string UncorrelatedProbe = "SUBQUERY NOT BY KEY";
    public const string Materialized = "MATERIALIZED";

    /// <summary>Tables smaller than this are not worth a flag when scanned (Tags has 50 rows).</summary>
    private const long SmallTable = 1_000;

    private static readonly string[] SortKeyColumns = ["CreatedAt", "Score", "LastActivityAt"];

    public static IReadOnlyList<PlanLine> Explain(SqliteConnection connection, CapturedCommand command, bool hasCursor, Func<string, long> tableRows)
    {
        using var explain = connection.CreateCommand();
        explain.CommandText = "EXPLAIN QUERY PLAN " + command.Sql;
        foreach (var parameter in command.Parameters)
            explain.Parameters.Add(new SqliteParameter(parameter.Name, parameter.Value ?? DBNull.Value));
        var rows = new List<(int Id, int Parent, string Detail)>();
        using (var reader = explain.ExecuteReader())
        {
            while (reader.Read())
                rows.Add((reader.GetInt32(0), reader.GetInt32(1), reader.GetString(3)));
        }
        var depth = new Dictionary<int, int> { [0] = -1 };
        var correlated = new HashSet<int>(); // ids of CORRELATED subquery nodes and everything under them
        var materialized = new HashSet<int>(); // ids of MATERIALIZE nodes and everything under them
        var tables = TableAliases(command.Sql);
        var lines = new List<PlanLine>();
        foreach (var (id, parent, detail) in rows)
        {
            depth[id] = depth.GetValueOrDefault(parent, -1) + 1;
            if (detail.StartsWith("CORRELATED", StringComparison.Ordinal) || correlated.Contains(parent))
                correlated.Add(id);
            if (detail.StartsWith("MATERIALIZE", StringComparison.Ordinal) || materialized.Contains(parent))
                materialized.Add(id);
            var flags = Flag(detail, depth[id], correlated.Contains(parent), hasCursor, tables, tableRows);
            // A subquery SQLite materializes is computed whole, whatever the outer query keeps of it: a loop in it that
            // scans (rather than searches by a value from outside) reads its table or the whole join on every run.
            if (materialized.Contains(parent) && detail.StartsWith("SCAN ", StringComparison.Ordinal))
                flags.Add($"{Materialized} (the whole subquery is built on every run)");
            lines.Add(new PlanLine(depth[id], detail, flags));
        }
        return lines;
    }

    /// <summary>
    /// Flags: a table scan of a large table with no index (<see cref="FullScan"/>); an index SQLite builds on every run
    /// (<see cref="AutomaticIndex"/>); a sort SQLite must do itself (<see cref="TempBTree"/>: "inner" sorts every matching
    /// row before LIMIT); a walk of a list index with no range on its sort column on a page after the first
    /// (<see cref="NoSeek"/>: the keyset predicate is filtered row by row, so the cost grows with the depth); a correlated
    /// subquery that searches Posts by something other than a key (<see cref="UncorrelatedProbe"/>: many rows per outer row).
    /// </summary>
    private static List<string> Flag(string detail, int depth, bool inCorrelated, bool hasCursor, Dictionary<string, string> tables, Func<string, long> tableRows)
    {
        var flags = new List<string>();
        var words = detail.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var isLoop = words.Length >= 2 && words[0] is "SCAN" or "SEARCH";
        var table = isLoop ? tables.GetValueOrDefault(words[1]) : null;
        var onPosts = table == "Posts";
        var range = detail.Contains('(') ? detail[detail.IndexOf('(')..] : "";
        if (isLoop && words[0] == "SCAN" && !detail.Contains("INDEX", StringComparison.Ordinal) && table is not null && tableRows(table) >= SmallTable)
            flags.Add($"{FullScan} of {table} ({tableRows(table):N0} rows)");
        if (detail.Contains("AUTOMATIC", StringComparison.Ordinal) && detail.Contains("INDEX", StringComparison.Ordinal))
            flags.Add($"{AutomaticIndex} (built on every run)");
        if (detail.StartsWith("USE TEMP B-TREE", StringComparison.Ordinal))
            flags.Add(depth == 0 ? $"{TempBTree} outer (sorts the joined page)" : $"{TempBTree} inner (sorts every matching row before LIMIT)");
        if (onPosts && hasCursor && !inCorrelated && detail.Contains("INDEX", StringComparison.Ordinal))
        {
            var sortColumn = SortKeyColumns.FirstOrDefault(c => IndexName(detail).Contains(c, StringComparison.Ordinal));
            if (sortColumn is not null && !range.Contains(sortColumn + "<", StringComparison.Ordinal))
                flags.Add(NoSeek);
        }
        if (onPosts && inCorrelated && words[0] == "SEARCH")
        {
            var keys = range.Trim('(', ')').Split(" AND ").Where(c => c.EndsWith("=?", StringComparison.Ordinal) && !c.StartsWith("Kind", StringComparison.Ordinal));
            if (!keys.Any())
                flags.Add($"{UncorrelatedProbe} (scans {range} for every outer row)");
        }
        return flags;
    }

    private static string IndexName(string detail)
    {
        var words = detail.Split(' ');
        var at = Array.IndexOf(words, "INDEX");
        return at >= 0 && at + 1 < words.Length ? words[at + 1] : "";
    }

    /// <summary>Alias to table, from the SQL (EXPLAIN QUERY PLAN names tables by alias).</summary>
    private static Dictionary<string, string> TableAliases(string sql)
    {
        var aliases = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (System.Text.RegularExpressions.Match match in System.Text.RegularExpressions.Regex.Matches(sql, "\"(\\w+)\" AS \"(\\w+)\""))
            aliases[match.Groups[2].Value] = match.Groups[1].Value;
        return aliases;
    }

    /// <summary>
    /// Runs the statement once through SQLite's C API to read its counters (VM steps measure the work done), stopping
    /// at <paramref name="limit"/> (then the counters say how far it got).
    /// </summary>
    public static StatementCounters Profile(SqliteConnection connection, CapturedCommand command, TimeSpan limit)
    {
        var db = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        CallLimit.Install(connection);
        Check(db, raw.sqlite3_prepare_v2(db, command.Sql, out sqlite3_stmt statement));
        using (statement)
        {
            foreach (var parameter in command.Parameters)
            {
                var name = parameter.Name[0] is '@' or '$' or ':' ? parameter.Name : "@" + parameter.Name;
                var index = raw.sqlite3_bind_parameter_index(statement, name);
                if (index > 0)
                    Check(db, Bind(statement, index, parameter.Value));
            }
            long rows = 0;
            var rc = raw.SQLITE_OK;
            var completed = CallLimit.Run(() =>
            {
                while ((rc = raw.sqlite3_step(statement)) == raw.SQLITE_ROW)
                    rows++;
                if (CallLimit.IsInterruptCode(rc))
                    throw new CallLimit.InterruptedException();
            }, limit);
            if (completed && rc != raw.SQLITE_DONE)
                Check(db, rc);
            return new StatementCounters(rows,
                raw.sqlite3_stmt_status(statement, raw.SQLITE_STMTSTATUS_VM_STEP, 0),
                raw.sqlite3_stmt_status(statement, raw.SQLITE_STMTSTATUS_FULLSCAN_STEP, 0),
                raw.sqlite3_stmt_status(statement, raw.SQLITE_STMTSTATUS_SORT, 0),
                raw.sqlite3_stmt_status(statement, raw.SQLITE_STMTSTATUS_AUTOINDEX, 0),
                !completed);
        }
    }

    /// <summary>Binds as Microsoft.Data.Sqlite does (DateTime as 'yyyy-MM-dd HH:mm:ss.FFFFFFF' text).</summary>
    private static int Bind(sqlite3_stmt statement, int index, object? value) => value switch
    {
        null or DBNull => raw.sqlite3_bind_null(statement, index),
        bool b => raw.sqlite3_bind_int64(statement, index, b ? 1 : 0),
        int or long or short or byte or sbyte or ushort or uint or Enum => raw.sqlite3_bind_int64(statement, index, Convert.ToInt64(value, CultureInfo.InvariantCulture)),
        double or float => raw.sqlite3_bind_double(statement, index, Convert.ToDouble(value, CultureInfo.InvariantCulture)),
        DateTime d => raw.sqlite3_bind_text(statement, index, d.ToString(@"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFF", CultureInfo.InvariantCulture)),
        byte[] bytes => raw.sqlite3_bind_blob(statement, index, bytes),
        _ => raw.sqlite3_bind_text(statement, index, Convert.ToString(value, CultureInfo.InvariantCulture)),
    };

    private static void Check(sqlite3 db, int rc)
    {
        if (rc != raw.SQLITE_OK)
            throw new InvalidOperationException($"SQLite error {rc}: {raw.sqlite3_errmsg(db).utf8_to_string()}");
    }
}
