using Community.Domain.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Community.Web.Email;

public static class EmailRegistration
{
    /// <summary>MailKit over SMTP when <c>Email:Smtp</c> is set; otherwise the pickup folder.</summary>
    public static IServiceCollection AddCommunityEmail(this IServiceCollection services)
    {
        services.AddOptions<EmailOptions>().BindConfiguration(EmailOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<EmailOptions>, SmtpSettingsValidator>();
        services.AddSingleton<PickupDirectory>();
        services.AddSingleton<SmtpEmailTransport>();
        services.AddSingleton<IEmailTransport>(provider =>
            provider.GetRequiredService<IOptions<EmailOptions>>().Value.Smtp is null
                ? provider.GetRequiredService<PickupDirectory>()
                : provider.GetRequiredService<SmtpEmailTransport>());
        services.AddSingleton<IEmailSender<CommunityUser>, IdentityEmailSender>();
        return services;
    }

    /// <summary>DataAnnotations do not descend into nested objects; this checks <c>Email:Smtp</c> when present.</summary>
    private sealed class SmtpSettingsValidator : IValidateOptions<EmailOptions>
    {
        public ValidateOptionsResult Validate(string? name, EmailOptions options)
        {
            if (options.Smtp is null)
                return ValidateOptionsResult.Success;
            var results = new List<System.ComponentModel.DataAnnotations.ValidationResult>();
            System.ComponentModel.DataAnnotations.Validator.TryValidateObject(options.Smtp, new(options.Smtp), results, validateAllProperties: true);
            return results.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(results.Select(r => r.ErrorMessage!));
        }
    }
}
