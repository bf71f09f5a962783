using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Community.Domain.Persistence;

/// <summary>
/// An EF Core compiled query, compiled once for each model it meets. EF refuses to run a compiled query against a model
/// other than the first ("compiled queries can only be used with a single model"), and each engine has its own model:
/// a process that reads SQLite and PostgreSQL (copy-database, the tests) needs one compilation per engine.
/// </summary>
public sealed class CompiledPerModel<TQuery>(Func<TQuery> compile) where TQuery : class
{
    private readonly ConditionalWeakTable<IModel, TQuery> compiled = [];

    public TQuery For(DbContext db) => compiled.GetValue(db.Model, _ => compile());
}
