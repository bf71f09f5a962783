namespace Community.Domain.Questions;

public enum CloseReason
{
    Duplicate,
    OffTopic,
    NeedsDetails,
}

public static class CloseReasons
{
    public static string Describe(CloseReason reason) => reason switch
    {
        CloseReason.Duplicate => "This question has been asked before and already has an answer.",
        CloseReason.OffTopic => "This question is not about our products or services.",
        CloseReason.NeedsDetails => "This question needs more details before it can be answered.",
        _ => reason.ToString(),
    };
}
