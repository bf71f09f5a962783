using Community.Web;
using Community.Web.Hosting;
using Microsoft.Extensions.Options;

// A maintenance command instead of the server: moving a community to PostgreSQL (docs/scale-out.md).
if (Community.Web.ScaleOut.CopyDatabaseCommand.IsRequested(args))
{
    Environment.ExitCode = await Community.Web.ScaleOut.CopyDatabaseCommand.RunAsync(args, Console.Out, Console.Error);
    return;
}

var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    // appsettings.json and wwwroot/ sit at the repository root (DESIGN.md §9).
    ContentRootPath = ContentRoot.IsGiven(args) ? null : ContentRoot.Locate(),
});

try
{
    builder.AddCommunity();
    var app = builder.Build();
    _ = app.Services.GetRequiredService<Community.Domain.Persistence.DatabaseMigrator>().WarmUpModelAsync();
    // Check every setting now, before anything starts, so a bad one fails here and nowhere later.
    app.Services.GetRequiredService<IStartupValidator>().Validate();
    app.UseCommunity();
    app.Run();
}
catch (OptionsValidationException invalid)
{
    // A wrong setting stops the app with a message naming it, not a stack trace.
    Console.Error.WriteLine("Community cannot start because of its settings:");
    foreach (var failure in invalid.Failures)
        Console.Error.WriteLine($"  - {SettingsFailure.Describe(failure)}");
    Environment.ExitCode = 2;
    // Hosted by something else (the test factory): let it see the failure.
    if (System.Reflection.Assembly.GetEntryAssembly() != typeof(Program).Assembly) throw;
}

public partial class Program;
