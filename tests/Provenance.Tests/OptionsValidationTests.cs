using System.Security.Cryptography;
using Provenance.Assertions;
using Provenance.Cryptography;
using Provenance.Formats;
using Provenance.Thumbnails;
using Provenance.Validation;

namespace Provenance.Tests;

/// <summary>Every option refuses a value it cannot work with when it is set, not later in the middle of a run.</summary>
public class OptionsValidationTests
{
    [Fact]
    public void SigningOptions_NullReferences_ArgumentNullException()
    {
        Assert.Throws<ArgumentNullException>(() => new SigningOptions { TimeProvider = null! });
        Assert.Throws<ArgumentNullException>(() => new SigningOptions { ReadOptions = null! });
        Assert.Throws<ArgumentNullException>(() => new SigningOptions { IngredientTrustAnchors = null! });
    }

    [Theory]
    [InlineData("MD5")]
    [InlineData("SHA1")]
    [InlineData("SHA3_256")]
    [InlineData("sha256")] // HashAlgorithmName compares names exactly: the C2PA spelling is not .NET's
    [InlineData(null)]
    public void SigningOptions_HashAlgorithmC2paDoesNotAllow_ArgumentException(string? name)
        => Assert.Throws<ArgumentException>(() => new SigningOptions { HashAlgorithm = new HashAlgorithmName(name) });

    [Theory]
    [InlineData(0L)]
    [InlineData(-1024L)]
    public void SigningOptions_MerkleBlockSizeNotPositive_ArgumentOutOfRange(long size)
        => Assert.Throws<ArgumentOutOfRangeException>(() => SigningOptions.Default with { MerkleBlockSize = size });

    [Fact]
    public void SigningOptions_Defaults_Accepted()
    {
        var options = new SigningOptions { MerkleBlockSize = null, HashAlgorithm = HashAlgorithmName.SHA512 };

        Assert.Equal(HashAlgorithmName.SHA512, options.HashAlgorithm);
        Assert.Equal("sha512", options.C2paHashName);
        Assert.Equal(HashAlgorithmName.SHA256, SigningOptions.Default.HashAlgorithm);
    }

    [Theory]
    [InlineData("SHA384", "sha384")]
    [InlineData("SHA512", "sha512")]
    public async Task Sign_HashAlgorithm_WrittenInTheClaimAndVerifies(string name, string c2paName)
    {
        using LocalSigner signer = TestSigners.Create(SigningAlgorithm.ES256);
        using var output = new MemoryStream();
        var options = new SigningOptions { HashAlgorithm = new HashAlgorithmName(name), Thumbnails = null };

        await new ManifestBuilder { Title = "hash" }.SignAsync(new MemoryStream(File.ReadAllBytes(TestPaths.Fixture("no_manifest.jpg"))), output, signer, options);
        ValidationReport report = await ManifestVerifier.VerifyAsync(new MemoryStream(output.ToArray()), new VerificationOptions { TrustAnchors = TestSigners.Anchors });

        Assert.Equal(ValidationState.Trusted, report.State);
        Assert.Equal(c2paName, Validation.Tampering.ReadStore(output.ToArray(), out _).ActiveManifest!.ParseClaim().Algorithm);
    }

    [Fact]
    public void VerificationOptions_NullReferences_ArgumentNullException()
    {
        Assert.Throws<ArgumentNullException>(() => new VerificationOptions { TrustAnchors = null! });
        Assert.Throws<ArgumentNullException>(() => new VerificationOptions { IdentityTrustAnchors = null! });
        Assert.Throws<ArgumentNullException>(() => new VerificationOptions { TimeProvider = null! });
        Assert.Throws<ArgumentNullException>(() => new VerificationOptions { ReadOptions = null! });
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void VerificationOptions_MaxIngredientDepthNotPositive_ArgumentOutOfRange(int depth)
        => Assert.Throws<ArgumentOutOfRangeException>(() => VerificationOptions.Default with { MaxIngredientDepth = depth });

    [Fact]
    public void VerificationOptions_AllowedEkus_EmptyEntryRefusedAndListCopied()
    {
        Assert.Throws<ArgumentException>(() => new VerificationOptions { AllowedEkus = ["1.3.6.1.5.5.7.3.36", " "] });
        Assert.Throws<ArgumentException>(() => new VerificationOptions { AllowedEkus = [null!] });

        var ekus = new List<string> { "1.3.6.1.5.5.7.3.36" };
        var options = new VerificationOptions { AllowedEkus = ekus };
        ekus.Add("1.3.6.1.5.5.7.3.1");

        Assert.Equal(["1.3.6.1.5.5.7.3.36"], options.AllowedEkus!);
        Assert.Null(new VerificationOptions { AllowedEkus = null }.AllowedEkus);
    }

    [Fact]
    public void AssetReadOptions_LimitsNotPositive_ArgumentOutOfRange()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new AssetReadOptions { MaxManifestStoreSize = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new AssetReadOptions { MaxManifestStoreSize = -1 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new AssetReadOptions { MaxBoxDepth = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new AssetReadOptions { MinMerkleBlockSize = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new AssetReadOptions { MaxMerkleLeaves = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => AssetReadOptions.Default with { MaxMerkleLeaves = AssetReadOptions.Default.MaxMerkleLeaves + 1 });

        var small = new AssetReadOptions { MaxManifestStoreSize = 1, MaxBoxDepth = 1, MinMerkleBlockSize = 1, MaxMerkleLeaves = 1 };
        Assert.Equal(1, small.MaxBoxDepth);
    }

    [Fact]
    public void SigningCertificateOptions_BadValues_Refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SigningCertificateOptions { RsaKeySize = 1024 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new SigningCertificateOptions { RsaKeySize = 65536 });
        Assert.Throws<ArgumentException>(() => new SigningCertificateOptions { Organization = "" });
        Assert.Throws<ArgumentNullException>(() => new SigningCertificateOptions { Organization = null! });
        Assert.Throws<ArgumentException>(() => new SigningCertificateOptions { ExtendedKeyUsages = [""] });
        Assert.Equal(3072, new SigningCertificateOptions { RsaKeySize = 3072 }.RsaKeySize);
    }

    [Fact]
    public void FfmpegThumbnailGenerator_TimeoutNotPositive_ArgumentOutOfRange()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new FfmpegThumbnailGenerator { Timeout = TimeSpan.Zero });
        Assert.Throws<ArgumentOutOfRangeException>(() => new FfmpegThumbnailGenerator { Timeout = TimeSpan.FromSeconds(-1) });
    }

    [Fact]
    public void C2paAction_EmptyNameOrNullIngredients_Refused()
    {
        var created = new C2paAction(C2paActions.Created);

        Assert.Throws<ArgumentException>(() => created with { Action = "" });
        Assert.Throws<ArgumentNullException>(() => created with { Action = null! });
        Assert.Throws<ArgumentNullException>(() => created with { Ingredients = null! });
        Assert.Throws<ArgumentException>(() => created with { Ingredients = [null!] });
    }
}
