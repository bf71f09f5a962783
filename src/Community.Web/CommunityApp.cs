using System.Threading.RateLimiting;
using Community.Web.Accounts;
using Community.Web.Caching;
using Community.Web.Components;
using Community.Web.Database;
using Community.Web.Email;
using Community.Web.Endpoints;
using Community.Web.Hosting;
using Community.Web.Jobs;
using Community.Web.Notifications;
using Community.Web.ScaleOut;

namespace Community.Web;

/// <summary>The composition root: what the forum is made of, and the order requests go through it.</summary>
public static class CommunityApp
{
    public const string WritesRateLimit = "writes";

    public static WebApplicationBuilder AddCommunity(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<SiteOptions>().BindConfiguration(SiteOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(builder.Configuration.GetSection("RateLimits").Get<Community.Domain.Posting.WriteRateLimitOptions>() ?? new());
        services.AddSingleton(builder.Configuration.GetSection("Reputation").Get<Community.Domain.Reputation.ReputationOptions>() ?? new());
        services.AddSingleton(builder.Configuration.GetSection("Privileges").Get<Community.Domain.Privileges.PrivilegeOptions>() ?? new());
        services.AddSingleton(builder.Configuration.GetSection("Moderation").Get<Community.Domain.Moderation.ModerationOptions>() ?? new());
        services.AddSingleton(provider => new Community.Domain.Staff.CompanyOptions(
            provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<SiteOptions>>().Value.CompanyName));
        services.AddSingleton(builder.Configuration.GetSection("ResponseClock").Get<Community.Domain.Escalations.ResponseClockOptions>() ?? new());
        services.AddSingleton(builder.Configuration.GetSection("PersonalData").Get<Community.Domain.Escalations.PersonalDataOptions>() ?? new());
        services.AddCommunityDatabase(builder.Configuration, builder.Environment);
        services.AddCommunityAccounts();
        services.AddCommunityEmail();
        services.AddCommunityJobs();
        services.AddCommunityNotifications();
        services.AddRazorComponents().AddInteractiveServerComponents()
            // The default 32 KB drops the circuit well below a 30,000-character non-Latin post.
            .AddHubOptions(hub => hub.MaximumReceiveMessageSize = Components.Editor.MarkdownEditorConnection.MaximumReceiveMessageSize);
        services.AddCommunityRateLimits();
        services.AddPageCaching(builder.Configuration);
        services.AddCommunityRedis(builder.Configuration);
        services.AddBenchDiagnostics(builder.Configuration);
        return builder;
    }

    public static WebApplication UseCommunity(this WebApplication app)
    {
        // Friendly pages in every environment: no stack trace ever reaches a visitor. A malformed
        // request (a form field that does not parse) is the visitor's 400, not the server's 500.
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandlingPath = "/Error",
            CreateScopeForErrors = true,
            StatusCodeSelector = exception => exception is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
        });
        app.Use(DatabaseReady.WaitForDatabaseAsync);
        if (!app.Environment.IsDevelopment())
            app.UseHsts();
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.Use(RenderErrorPagesAsGet);
        app.UseRateLimiter();
        app.UseAntiforgery();
        app.Use(RefuseInvalidFormTokens);
        app.UseOutputCache();

        app.MapStaticAssets();
        app.MapHealthChecks("/healthz").DisableRateLimiting();
        app.MapJobsDashboard();
        app.MapRazorComponents<App>()
            .AddInteractiveServerRenderMode()
            .RequireRateLimiting(WritesRateLimit);
        app.MapAdditionalIdentityEndpoints();
        app.MapPostEndpoints();
        app.MapModerationEndpoints();
        app.MapKnowledgeBaseEndpoints();
        app.MapNotificationEndpoints();
        app.MapSearchEndpoints();
        app.MapEscalationEndpoints();
        app.MapBenchDiagnostics();
        return app;
    }

    /// <summary>
    /// A form endpoint's invalid antiforgery token is the client's error (400), never a 500: the endpoints' request
    /// delegates are generated at build time, and those read the form without first checking the token the
    /// antiforgery middleware found invalid, which throws. Blazor's own form endpoints answer their own 400.
    /// </summary>
    internal static Task RefuseInvalidFormTokens(HttpContext context, Func<Task> next)
    {
        if (context.Features.Get<Microsoft.AspNetCore.Antiforgery.IAntiforgeryValidationFeature>() is { IsValid: false } invalid
            && context.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Components.Endpoints.ComponentTypeMetadata>() is null)
            throw invalid.Error is { } reason
                ? new BadHttpRequestException("Invalid anti-forgery token.", StatusCodes.Status400BadRequest, reason)
                : new BadHttpRequestException("Invalid anti-forgery token.", StatusCodes.Status400BadRequest);
        return next();
    }

    /// <summary>
    /// The error and not-found pages are re-executed with the failed request's method; a POST would reach
    /// them as a form submission without a form. They only ever render, so they are served as a GET.
    /// </summary>
    private static Task RenderErrorPagesAsGet(HttpContext context, Func<Task> next)
    {
        if (context.Request.Path.Equals("/Error", StringComparison.OrdinalIgnoreCase) || context.Request.Path.Equals("/not-found", StringComparison.OrdinalIgnoreCase))
            context.Request.Method = HttpMethods.Get;
        return next();
    }

    /// <summary>Form posts (sign-in, register, ask, answer) per person or address; reads are not limited here.</summary>
    private static IServiceCollection AddCommunityRateLimits(this IServiceCollection services) =>
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(WritesRateLimit, context =>
            {
                // Reads, and the circuit's own connection requests (/_blazor/negotiate is a POST): writes made over a
                // circuit are limited in the domain services instead.
                if (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)
                    || context.Request.Path.StartsWithSegments("/_blazor"))
                    return RateLimitPartition.GetNoLimiter("reads");
                var who = context.User.Identity?.IsAuthenticated == true
                    ? "user:" + context.User.Identity.Name
                    : "ip:" + context.Connection.RemoteIpAddress;
                var limit = context.RequestServices.GetRequiredService<IConfiguration>().GetValue("RateLimits:WritesPerMinute", 30);
                return RateLimitPartition.GetFixedWindowLimiter(who, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = limit,
                    Window = TimeSpan.FromMinutes(1),
                });
            });
        });
}
