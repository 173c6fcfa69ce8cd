namespace ActorRisk.Domain.Tests.Cards;

public sealed class MerchantFingerprintTests
{
    [Theory]
    [InlineData("", 0x811c9dc5u)] // FNV-1a 32-bit offset basis
    [InlineData("a", 0xe40c292cu)] // published FNV-1a test vectors
    [InlineData("foobar", 0xbf9cf968u)]
    public void IsFnv1a32(string merchantId, uint expected)
    {
        Assert.Equal(expected, MerchantFingerprint.Of(merchantId));
    }

    [Fact]
    public void HashesUtf8Bytes()
    {
        // "é" is C3 A9 in UTF-8: two rounds of FNV-1a, not one round over the UTF-16 code unit.
        var expected = 2166136261u;
        foreach (var b in new byte[] { 0xC3, 0xA9 })
        {
            expected = unchecked((expected ^ b) * 16777619u);
        }

        Assert.Equal(expected, MerchantFingerprint.Of("é"));
    }

    [Fact]
    public void DistinguishesSimilarIds()
    {
        Assert.NotEqual(MerchantFingerprint.Of("merchant-1"), MerchantFingerprint.Of("merchant-2"));
        Assert.NotEqual(MerchantFingerprint.Of("Merchant-1"), MerchantFingerprint.Of("merchant-1"));
        Assert.Equal(MerchantFingerprint.Of("merchant-1"), MerchantFingerprint.Of(string.Concat("merchant-", "1")));
    }

    [Fact]
    public void NullIsRefused()
    {
        Assert.Throws<ArgumentNullException>(() => MerchantFingerprint.Of(null!));
    }
}
