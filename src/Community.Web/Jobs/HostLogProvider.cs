using Hangfire.AspNetCore;
using Hangfire.Logging;

namespace Community.Web.Jobs;

/// <summary>
/// Hangfire's logging is process-wide: the last host to start owns it. When that host stops (a test host, a restart in
/// the same process) its logger factory is disposed, and every other host's job would fail on its first log line. This
/// provider logs through the host's factory while it lives and stays silent after, so a job never fails for logging.
/// </summary>
internal sealed class HostLogProvider(ILoggerFactory factory) : ILogProvider
{
    private readonly AspNetCoreLogProvider inner = new(factory);

    public ILog GetLogger(string name)
    {
        try
        {
            return new SafeLog(inner.GetLogger(name));
        }
        catch (ObjectDisposedException)
        {
            return SafeLog.Silent;
        }
    }

    private sealed class SafeLog(ILog? inner) : ILog
    {
        public static readonly SafeLog Silent = new(null);

        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string> messageFunc, Exception exception)
        {
            try
            {
                return inner?.Log(logLevel, messageFunc, exception) ?? false;
            }
            catch (ObjectDisposedException)
            {
                return false;
            }
        }
    }
}
