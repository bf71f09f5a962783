using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Community.Domain.Persistence;

/// <summary>Rows of one table in the source and, after the copy, in the target.</summary>
public sealed record TableCount(string Table, long Source, long Target)
{
    public bool Matches => Source == Target;
}

/// <summary>The target already holds data: a copy only ever fills an empty database, so nothing there is overwritten.</summary>
public sealed class TargetNotEmptyException(IReadOnlyList<TableCount> filled)
    : Exception("The target database is not empty (" + string.Join(", ", filled.Select(t => $"{t.Table}: {t.Target} rows")) + ")."
        + " Copy into a new, empty database; the command creates the tables itself.")
{
    public IReadOnlyList<TableCount> Filled { get; } = filled;
}

/// <summary>
/// Copies a whole community from one database to another of any provider (SQLite to PostgreSQL when scaling out): migrates
/// the target with its own provider's migrations, copies every table of the model (Identity's, the reputation ledger and
/// the join tables included) principal tables first, keeping every id, moves the target's id sequences past the copied
/// ids, and counts each table on both sides. Entities go through EF Core, so each provider writes its own types.
/// The source must not be written to meanwhile: stop the app (or copy a backup of it).
/// </summary>
public sealed class DatabaseCopy(IDbContextFactory<CommunityDbContext> source, IDbContextFactory<CommunityDbContext> target)
{
    /// <summary>Rows per transaction on the target: big enough to be quick, small enough to keep memory flat.</summary>
    public int BatchSize { get; init; } = 1_000;

    public async Task<IReadOnlyList<TableCount>> CopyAsync(IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        await new DatabaseMigrator(target).MigrateAsync(cancellationToken);
        await using (var db = await target.CreateDbContextAsync(cancellationToken))
        {
            var filled = (await CountAsync(db, cancellationToken)).Where(count => count.Target > 0).ToList();
            if (filled.Count > 0)
                throw new TargetNotEmptyException(filled);
        }

        await using (var db = await source.CreateDbContextAsync(cancellationToken))
        {
            foreach (var entityType in CopyOrder(db.Model))
            {
                var copied = await CopyTableAsync(entityType, cancellationToken);
                progress?.Report($"{entityType.GetTableName()}: {copied} rows");
            }
        }

        await using (var db = await target.CreateDbContextAsync(cancellationToken))
            await MoveSequencesPastCopiedIdsAsync(db, cancellationToken);

        return await CompareAsync(cancellationToken);
    }

    /// <summary>Each table's rows in the source and in the target.</summary>
    public async Task<IReadOnlyList<TableCount>> CompareAsync(CancellationToken cancellationToken = default)
    {
        await using var from = await source.CreateDbContextAsync(cancellationToken);
        await using var to = await target.CreateDbContextAsync(cancellationToken);
        var sourceCounts = await CountAsync(from, cancellationToken);
        var targetCounts = (await CountAsync(to, cancellationToken)).ToDictionary(count => count.Table, count => count.Target);
        return [.. sourceCounts.Select(count => new TableCount(count.Table, count.Target, targetCounts[count.Table]))];
    }

    /// <summary>
    /// Tables of the model (one per root entity type; owned types and derived types share their owner's), but those the
    /// target's triggers fill as the others are copied (<see cref="IKeptByTriggers"/>).
    /// </summary>
    public static IReadOnlyList<IEntityType> Tables(IModel model) =>
    [
        .. model.GetEntityTypes()
            .Where(type => type.BaseType is null && !type.IsOwned() && type.GetTableName() is not null && type.FindPrimaryKey() is not null
                && !typeof(IKeptByTriggers).IsAssignableFrom(type.ClrType))
            .OrderBy(type => type.GetTableName(), StringComparer.Ordinal),
    ];

    /// <summary>Principal tables before their dependents, so every foreign key finds its row; a table may point at itself.</summary>
    public static IReadOnlyList<IEntityType> CopyOrder(IModel model)
    {
        var tables = Tables(model);
        var rootOf = model.GetEntityTypes().ToDictionary(type => type, RootTable);
        var dependsOn = tables.ToDictionary(table => table, table => model.GetEntityTypes()
            .Where(type => RootTable(type) == table)
            .SelectMany(type => type.GetDeclaredForeignKeys())
            .Select(key => rootOf[key.PrincipalEntityType])
            .Where(principal => principal != table)
            .ToHashSet());

        var ordered = new List<IEntityType>();
        while (ordered.Count < tables.Count)
        {
            var ready = tables.Where(table => !ordered.Contains(table) && dependsOn[table].All(ordered.Contains)).ToList();
            if (ready.Count == 0)
                throw new InvalidOperationException("The tables' foreign keys form a cycle: "
                    + string.Join(", ", tables.Where(table => !ordered.Contains(table)).Select(table => table.GetTableName())));
            ordered.AddRange(ready);
        }
        return ordered;
    }

    private static IEntityType RootTable(IEntityType type)
    {
        while (type.IsOwned())
            type = type.FindOwnership()!.PrincipalEntityType;
        return type.GetRootType();
    }

    private Task<long> CopyTableAsync(IEntityType entityType, CancellationToken cancellationToken) =>
        (Task<long>)typeof(DatabaseCopy).GetMethod(nameof(CopyRowsAsync), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!
            .MakeGenericMethod(entityType.ClrType)
            .Invoke(this, [entityType, cancellationToken])!;

    /// <summary>
    /// Streams one table in key order through a tracking query (so that shadow values, such as foreign keys without a
    /// property, come along) and adds each batch to a fresh target context with the same values.
    /// </summary>
    private async Task<long> CopyRowsAsync<TEntity>(IEntityType entityType, CancellationToken cancellationToken) where TEntity : class
    {
        await using var from = await source.CreateDbContextAsync(cancellationToken);
        from.ChangeTracker.AutoDetectChangesEnabled = false;
        IQueryable<TEntity> rows = (entityType.HasSharedClrType ? from.Set<TEntity>(entityType.Name) : from.Set<TEntity>())
            .IgnoreQueryFilters().IgnoreAutoIncludes();
        var keys = entityType.FindPrimaryKey()!.Properties;
        var ordered = rows.OrderBy(row => EF.Property<object>(row, keys[0].Name));
        foreach (var key in keys.Skip(1))
            ordered = ordered.ThenBy(row => EF.Property<object>(row, key.Name));

        long copied = 0;
        var batch = new List<TEntity>(BatchSize);
        await foreach (var row in ordered.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            batch.Add(row);
            if (batch.Count < BatchSize)
                continue;
            copied += await WriteBatchAsync(entityType, from, batch, cancellationToken);
            batch.Clear();
            from.ChangeTracker.Clear();
        }
        if (batch.Count > 0)
            copied += await WriteBatchAsync(entityType, from, batch, cancellationToken);
        return copied;
    }

    private async Task<int> WriteBatchAsync<TEntity>(IEntityType entityType, DbContext from, List<TEntity> batch, CancellationToken cancellationToken) where TEntity : class
    {
        await using var to = await target.CreateDbContextAsync(cancellationToken);
        to.ChangeTracker.AutoDetectChangesEnabled = false;
        foreach (var row in batch)
        {
            if (entityType.HasSharedClrType)
                to.Set<TEntity>(entityType.Name).Add(row);
            else
                to.Add(row);
        }
        // Owned parts are tracked entries of their own; shadow values live only in the source's entries.
        foreach (var entry in to.ChangeTracker.Entries().ToList())
        {
            if (entry.Metadata.HasSharedClrType)
                continue;
            var original = from.Entry(entry.Entity);
            foreach (var property in entry.Metadata.GetProperties().Where(property => property.IsShadowProperty() && !property.IsPrimaryKey()
                         && property.ValueGenerated == ValueGenerated.Never))
                entry.Property(property.Name).CurrentValue = original.Property(property.Name).CurrentValue;
        }
        await to.SaveChangesAsync(cancellationToken);
        return batch.Count;
    }

    /// <summary>
    /// PostgreSQL identity columns keep their own counter, which explicit ids do not move: without this the next new post
    /// would take id 1 again. SQLite's counter follows the largest id by itself.
    /// </summary>
    private static async Task MoveSequencesPastCopiedIdsAsync(CommunityDbContext db, CancellationToken cancellationToken)
    {
        if (!db.Database.IsNpgsql())
            return;
        var sql = db.GetService<ISqlGenerationHelper>();
        foreach (var table in Tables(db.Model))
        {
            var keys = table.FindPrimaryKey()!.Properties;
            if (keys is not [{ ValueGenerated: ValueGenerated.OnAdd } key] || (key.ClrType != typeof(int) && key.ClrType != typeof(long)))
                continue;
            var name = sql.DelimitIdentifier(table.GetTableName()!, table.GetSchema());
            var column = key.GetColumnName();
            // Names from the model, not from anyone's input. pg_get_serial_sequence takes the table as text and the column
            // unquoted; it is null (and setval then does nothing) for a column without a sequence.
            var moveSequence = $"SELECT setval(pg_get_serial_sequence('{name.Replace("'", "''")}', '{column.Replace("'", "''")}'), "
                + $"GREATEST(MAX({sql.DelimitIdentifier(column)}), 1), MAX({sql.DelimitIdentifier(column)}) IS NOT NULL) FROM {name};";
            await db.Database.ExecuteSqlRawAsync(moveSequence, cancellationToken);
        }
    }

    private static async Task<IReadOnlyList<TableCount>> CountAsync(CommunityDbContext db, CancellationToken cancellationToken)
    {
        var sql = db.GetService<ISqlGenerationHelper>();
        var counts = new List<TableCount>();
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            foreach (var table in Tables(db.Model))
            {
                await using var command = connection.CreateCommand();
                command.CommandText = $"SELECT COUNT(*) FROM {sql.DelimitIdentifier(table.GetTableName()!, table.GetSchema())}";
                var rows = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken));
                counts.Add(new TableCount(table.GetTableName()!, 0, rows));
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
        return counts;
    }
}
