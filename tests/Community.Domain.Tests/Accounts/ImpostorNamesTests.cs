using Community.Domain.Accounts;

namespace Community.Domain.Tests.Accounts;

public sealed class ImpostorNamesTests
{
    private const string Company = "Brightwave";
    private static readonly string[] Staff = ["Sam Ortega", "Alex Kim", "Jordan Blake"];

    public static TheoryData<string> Impostors =>
    [
        "Staff", "STAFF", "staff", "Sam Staff", "Staff Sam", "Staff_Sam", "SamStaff", "Sam-Staff", "S.t.a.f.f", "S t a f f",
        "St4ff", "5taff", "Ѕtaff", "Ｓｔａｆｆ", "Stаff Member", // Cyrillic S and a; full-width; Cyrillic a
        "Admin", "ADMIN", "Admin Alex", "Alex Admin", "Adm1n", "@dmin", "Аdmin", "Administrator", "The Administrator", "SiteAdmin",
        "Moderator", "Forum Moderator", "M0derator", "Mоderator", "ModeratorJoe",
        "Official", "Official Help", "0fficial", "Offic1al", "Officiаl", "BeaconOfficial",
        "Brightwave", "Brightwave Help", "BrightWave Sam", "Br1ghtwave", "Brlghtwave", "Brightwаve", "BRIGHTWAVE fan", "Ask Brightwave",
        "Sam Ortega", "sam ortega", "Sam 0rtega", "Sаm Ortega", "Alex Kim", "A1ex Kim", "Jordan Blake", "J0rdan B1ake",
    ];

    public static TheoryData<string> LegitimateNames =>
    [
        "Priya Raman", "Dana Whitfield", "Kenji Watanabe", "Amara Okafor", "Siobhan O'Neill", "Yusuf Demir", "Chloe Dubois",
        "Mateo Alvarez", "Nadia Petrova", "Zofia Nowak", "Erik Lindqvist", "Fatima Haddad", "Jamal Carter", "Lukas Becker",
        "Oliver Brennan", "Sofia Marchetti", "Arjun Mehta", "Staffan Larsson", "Adminah Yusuf", "Officer Dibble",
        "Nguyễn Văn An", "Søren Kierkegaard", "José Álvarez", "Zoë Brontë", "Björn Borg", "Łukasz Żuk", "Ngozi Adichie",
        "Иван Петров", "Олена Шевченко", "Γιώργος Παπαδόπουλος", "محمد علي", "דוד כהן", "王小明", "김민준", "佐藤健",
        "Anaïs Nin", "Ifeoma Eze", "Thandiwe Ndlovu", "Kwame Mensah", "Aroha Ngata", "Leilani Kahale", "Rahul Dravid",
        "Mei-Ling Chen", "Jean-Luc Picard", "Mary-Kate Olsen", "Sam Ortiz", "Alexa Kimura", "Jordana Blakely", "Stefan Staffelbach",
        "Samuel Ortegon",
    ];

    [Theory]
    [MemberData(nameof(Impostors))]
    public void ALookAlikeOfStaffOrOfTheCompanysVoiceIsRefused(string name) =>
        Assert.NotNull(ImpostorNames.Problem(name, Company, Staff));

    [Theory]
    [MemberData(nameof(LegitimateNames))]
    public void AnOrdinaryInternationalNameIsAccepted(string name) =>
        Assert.Null(ImpostorNames.Problem(name, Company, Staff));

    [Fact]
    public void TheListsAreLargeEnough()
    {
        Assert.True(Impostors.Count >= 50);
        Assert.True(LegitimateNames.Count >= 50);
    }

    [Fact]
    public void TheReasonSaysWhatIsWrong()
    {
        Assert.Contains("\"staff\"", ImpostorNames.Problem("St4ff Sam", Company, Staff));
        Assert.Contains("company's name", ImpostorNames.Problem("Brightwave Help", Company, Staff));
        Assert.Contains("name of a member of staff", ImpostorNames.Problem("Sаm Ortega", Company, Staff));
    }

    [Theory]
    [InlineData("Ѕtaff", "staff")]   // Cyrillic DZE looks like S
    [InlineData("0fficial", "official")]
    [InlineData("ℌello", "hello")]    // compatibility letters fold under NFKC
    public void LookAlikesShareAKey(string lookAlike, string original) => Assert.Equal(LookAlike.Key(original), LookAlike.Key(lookAlike));

    [Fact]
    public void DifferentNamesKeepDifferentKeys() => Assert.NotEqual(LookAlike.Key("Sam Ortiz"), LookAlike.Key("Sam Ortega"));
}
