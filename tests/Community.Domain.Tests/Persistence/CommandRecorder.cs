using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Community.Domain.Tests.Persistence;

/// <summary>The text of every command EF Core runs through the contexts it is added to, for tests that count statements.</summary>
internal sealed class CommandRecorder : DbCommandInterceptor
{
    private readonly List<string> commands = [];

    /// <summary>A copy of the commands so far, in order.</summary>
    public IReadOnlyList<string> Commands
    {
        get
        {
            lock (commands)
                return commands.ToList();
        }
    }

    private void Add(DbCommand command)
    {
        lock (commands)
            commands.Add(command.CommandText);
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Add(command);
        return ValueTask.FromResult(result);
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Add(command);
        return ValueTask.FromResult(result);
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Add(command);
        return ValueTask.FromResult(result);
    }
}
