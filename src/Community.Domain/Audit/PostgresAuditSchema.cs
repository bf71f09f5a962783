namespace Community.Domain.Audit;

/// <summary>
/// PostgreSQL's guard of the append-only audit log (SQLite's are triggers in the migration <c>AuditLog</c>): any
/// UPDATE, DELETE or TRUNCATE of AuditEntries fails, whoever issues it.
/// </summary>
public static class PostgresAuditSchema
{
    public const string Message = "The audit log is append-only.";

    public static IEnumerable<string> Create()
    {
        yield return $"""
            CREATE FUNCTION audit_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION '{Message}' USING ERRCODE = 'restrict_violation';
            END $$;
            """;
        yield return """CREATE TRIGGER audit_entries_no_change BEFORE UPDATE OR DELETE ON "AuditEntries" FOR EACH ROW EXECUTE FUNCTION audit_entries_append_only();""";
        yield return """CREATE TRIGGER audit_entries_no_truncate BEFORE TRUNCATE ON "AuditEntries" FOR EACH STATEMENT EXECUTE FUNCTION audit_entries_append_only();""";
    }

    public static IEnumerable<string> Drop()
    {
        yield return """DROP TRIGGER IF EXISTS audit_entries_no_truncate ON "AuditEntries";""";
        yield return """DROP TRIGGER IF EXISTS audit_entries_no_change ON "AuditEntries";""";
        yield return "DROP FUNCTION IF EXISTS audit_entries_append_only();";
    }
}
