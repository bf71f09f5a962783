using Community.Domain.Markdown;
using Community.Web.Components.Editor;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Community.Web.Tests.Editor;

public sealed class MarkdownEditorConnectionTests
{
    [Fact]
    public void TheLongestBodyFitsInOneMessageEvenWhenEveryCharacterIsEscaped()
    {
        Assert.Equal(MarkdownEditorConnection.MaxTextLength, new MarkdownRendererOptions().MaxSourceLength);
        Assert.Equal(MarkdownEditorConnection.MaxTextLength, MarkdownEditor.DefaultMaxLength);

        long worstCase = (long)MarkdownEditorConnection.MaxTextLength * MarkdownEditorConnection.WorstCaseBytesPerCodeUnit
            + MarkdownEditorConnection.MessageOverheadBytes;
        Assert.True(worstCase <= MarkdownEditorConnection.MaximumReceiveMessageSize);

        // Why the default is not enough: ordinary non-Latin text, 3 UTF-8 bytes a character, is already ~88 KB.
        Assert.True(MarkdownEditorConnection.MaxTextLength * 3L > 32 * 1024);
    }

    [Fact]
    public void TheRegistrationLineSetsTheLimitOfBlazorsHub()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddRazorComponents()
            .AddInteractiveServerComponents()
            .AddHubOptions(o => o.MaximumReceiveMessageSize = MarkdownEditorConnection.MaximumReceiveMessageSize);
        using var provider = services.BuildServiceProvider();

        // Blazor's hub type is internal; its options are HubOptions<ComponentHub>.
        var hub = Type.GetType("Microsoft.AspNetCore.Components.Server.ComponentHub, Microsoft.AspNetCore.Components.Server", throwOnError: true)!;
        var optionsType = typeof(IOptions<>).MakeGenericType(typeof(HubOptions<>).MakeGenericType(hub));
        var options = (HubOptions)optionsType.GetProperty(nameof(IOptions<object>.Value))!.GetValue(provider.GetRequiredService(optionsType))!;

        Assert.Equal(256 * 1024, options.MaximumReceiveMessageSize);
    }
}
