namespace Community.Domain.Posting;

public enum WriteFailure
{
    None,
    Invalid,
    Forbidden,
    NotFound,
    Conflict,
    RateLimited,
}

/// <summary>What a write did: its value, or why not, with field-level messages for forms.</summary>
public sealed record WriteResult<T>(T? Value, WriteFailure Failure, string? Message, IReadOnlyDictionary<string, string> FieldErrors)
{
    public bool Succeeded => Failure == WriteFailure.None;

    public static WriteResult<T> Done(T value) => new(value, WriteFailure.None, null, Empty);
    public static WriteResult<T> Fail(WriteFailure failure, string message) => new(default, failure, message, Empty);
    public static WriteResult<T> Invalid(IReadOnlyDictionary<string, string> errors) =>
        new(default, WriteFailure.Invalid, "Fix the highlighted fields and try again.", errors);
    public static WriteResult<T> From(Decision decision) => Fail(WriteFailure.Forbidden, decision.Reason ?? "You cannot do that.");

    private static readonly IReadOnlyDictionary<string, string> Empty = new Dictionary<string, string>();
}
