using Microsoft.EntityFrameworkCore.Metadata;

namespace Community.Domain.Persistence;

/// <summary>
/// Each engine's EF model, compiled ahead of time (<c>dotnet ef dbcontext optimize</c>, run by scripts/compile-model;
/// the generated code is in Persistence/CompiledModels). Building it from the configuration at start-up cost ~0.6 s
/// of CPU, the longest step before a new process could answer its first request. <c>CompiledModelTests</c> fails when
/// the code's model and the compiled one differ.
/// </summary>
internal static class CompiledModel
{
    /// <summary>The compiled model, or null while scripts/compile-model builds without it.</summary>
    public static IModel? For(DatabaseProvider provider) =>
#if MODEL_FROM_CODE
        null;
#else
        provider == DatabaseProvider.Postgres
            ? CompiledModels.Postgres.CommunityDbContextModel.Instance
            : CompiledModels.Sqlite.CommunityDbContextModel.Instance;
#endif
}
