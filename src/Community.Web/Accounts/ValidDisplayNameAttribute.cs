using System.ComponentModel.DataAnnotations;
using Community.Domain.Accounts;

namespace Community.Web.Accounts;

/// <summary>Form-level check of a display name, with the same message the account rules give.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ValidDisplayNameAttribute : ValidationAttribute
{
    protected override ValidationResult? IsValid(object? value, ValidationContext context)
    {
        var problem = DisplayNames.Validate(value as string);
        return problem is null ? ValidationResult.Success : new ValidationResult(problem, [context.MemberName!]);
    }
}
