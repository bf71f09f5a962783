using Microsoft.AspNetCore.Identity;

namespace Community.Domain.Persistence;

/// <summary>The Identity table layout the migrations were made with (version 3 has passkeys).</summary>
public static class IdentitySchema
{
    public static readonly Version Version = IdentitySchemaVersions.Version3;
}
