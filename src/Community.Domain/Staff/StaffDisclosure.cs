namespace Community.Domain.Staff;

/// <summary>
/// What a post says about its author's employment when it was written: copied at write time and never changed by
/// later role changes, so a former employee's answers stay disclosed and a later hire's old posts stay unmarked.
/// </summary>
public sealed record StaffDisclosure(string Name, string Title, string Team, string Company)
{
    public string Describe() => $"{Name}, {Title}, {Company}";
}
