using Community.Domain.Escalations;

namespace Community.Domain.Tests.Escalations;

/// <summary>The detector on texts members really write: what must be caught, and what must not be.</summary>
public sealed class PersonalDataDetectorTests
{
    private static readonly PersonalDataDetector Detector = new();

    [Theory]
    [InlineData("You can reach me at dana.whitfield@gmail.com if needed", PersonalDataKind.Email)]
    [InlineData("my account is j.o'brien+beacon@outlook.co.uk", PersonalDataKind.Email)]
    [InlineData("Call me on (415) 555-0132 after six", PersonalDataKind.Phone)]
    [InlineData("My number: +44 20 7946 0958", PersonalDataKind.Phone)]
    [InlineData("mobile +49 151 23456789", PersonalDataKind.Phone)]
    [InlineData("Charged twice on card 4111 1111 1111 1111 last week", PersonalDataKind.Card)]
    [InlineData("card 5555-5555-5555-4444", PersonalDataKind.Card)]
    [InlineData("Amex 378282246310005 was refused", PersonalDataKind.Card)]
    [InlineData("My order number is 20261102 and it never came", PersonalDataKind.Order)]
    [InlineData("order #BW-4417782", PersonalDataKind.Order)]
    [InlineData("The invoice says BW-20261102", PersonalDataKind.Order)]
    public void PersonalDataIsFound(string text, PersonalDataKind kind) =>
        Assert.Contains(Detector.Find(text), f => f.Kind == kind);

    [Theory]
    [InlineData("After updating to firmware 4.2.1 the Point blinks amber.")]
    [InlineData("My router's address is 192.168.86.1 and the Point gets 192.168.86.23")]
    [InlineData("Speed test: 943.2 Mbps down, 41 Mbps up, 12 ms ping")]
    [InlineData("It started on 2026-11-23 at 02:00 and lasts 10 minutes")]
    [InlineData("MAC address 3C:52:82:1A:FF:09 keeps reconnecting")]
    [InlineData("Serial on the sticker starts with BPX and the model is B2300")]
    [InlineData("Use support@example.com in your test config")]
    [InlineData("Channel 36 to 48 on 5 GHz, 20/40/80 MHz")]
    [InlineData("Card 4111 1111 1111 1112 fails the checksum")]
    [InlineData("I ordered 3 Points and 2 Minis last year")]
    [InlineData("Build 1234567890123 of the app")]
    public void OrdinaryTechnicalTextIsNotFlagged(string text) =>
        Assert.Empty(Detector.Find(text));

    [Fact]
    public void TheMessageMasksWhatItFoundAndTheConfirmationLetsItThrough()
    {
        var problem = Detector.Problem("reach me at dana.whitfield@gmail.com", confirmedNotPersonal: false, canMoveToPrivate: true);
        Assert.NotNull(problem);
        Assert.Contains("an e-mail address (d•••@gmail.com)", problem);
        Assert.DoesNotContain("dana.whitfield", problem);
        Assert.Contains("private follow-up", problem);
        Assert.Null(Detector.Problem("reach me at dana.whitfield@gmail.com", confirmedNotPersonal: true, canMoveToPrivate: true));
    }

    [Fact]
    public void OrderPatternsAreConfigurable()
    {
        var detector = new PersonalDataDetector(new PersonalDataOptions { OrderPatterns = [@"\bACME-\d{4}\b"] });
        Assert.Contains(detector.Find("ticket ACME-1234"), f => f.Kind == PersonalDataKind.Order);
        Assert.Empty(detector.Find("order BW-20261102"));
    }

    [Theory]
    [InlineData("4111111111111111", true)]
    [InlineData("4111111111111112", false)]
    [InlineData("79927398713", true)]
    public void LuhnChecksTheCheckDigit(string digits, bool valid) => Assert.Equal(valid, PersonalDataDetector.Luhn(digits));
}
