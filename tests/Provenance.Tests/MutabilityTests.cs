using System.Collections;
using System.Reflection;
using System.Runtime.CompilerServices;
using Provenance.Assertions;
using Provenance.Cbor;
using Provenance.Cose;
using Provenance.Cryptography;
using Provenance.Manifests;

namespace Provenance.Tests;

/// <summary>
/// What the library hands out cannot be changed behind its back (after NodaTime's <c>MutabilityTest</c>): public types
/// have no public setters but <c>init</c>, no writable public fields and no public mutable collections; decoded CBOR
/// (claims, COSE headers) is read-only.
/// </summary>
public class MutabilityTests
{
    // Builders are mutable by design: they collect what will be signed.
    private static readonly HashSet<Type> Builders = [typeof(ManifestBuilder)];

    private static readonly Type[] MutableCollections =
    [
        typeof(Array), typeof(List<>), typeof(Dictionary<,>), typeof(HashSet<>), typeof(IList<>), typeof(ICollection<>),
        typeof(IDictionary<,>), typeof(ISet<>), typeof(IList), typeof(ICollection), typeof(IDictionary),
        typeof(System.Collections.ObjectModel.Collection<>), typeof(Memory<>),
    ];

    public static TheoryData<string> PublicTypes() => [.. PublicTypeNames()];

    [Theory]
    [MemberData(nameof(PublicTypes))]
    public void PublicType_NoSettersFieldsOrMutableCollections(string typeName)
    {
        Type type = typeof(ManifestBuilder).Assembly.GetType(typeName)!;
        const BindingFlags Public = BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

        foreach (PropertyInfo property in type.GetProperties(Public))
        {
            MethodInfo? setter = property.GetSetMethod();
            Assert.True(setter is null || IsInitOnly(setter), $"{typeName}.{property.Name} has a public setter; use init.");
            Assert.False(IsMutableCollection(property.PropertyType), $"{typeName}.{property.Name} exposes a mutable {property.PropertyType.Name}.");
        }

        foreach (FieldInfo field in type.GetFields(Public).Where(f => !type.IsEnum))
        {
            Assert.True(field.IsInitOnly || field.IsLiteral, $"{typeName}.{field.Name} is a writable public field.");
            Assert.False(IsMutableCollection(field.FieldType), $"{typeName}.{field.Name} exposes a mutable {field.FieldType.Name}.");
        }
    }

    [Fact]
    public void PublicTypes_IncludeTheReportsAndOptions()
    {
        // The theory above must see the types that matter; an empty list would pass it vacuously.
        string[] names = [.. PublicTypeNames()];

        Assert.Contains(typeof(SigningOptions).FullName, names);
        Assert.Contains(typeof(Provenance.Validation.ValidationReport).FullName, names);
        Assert.Contains(typeof(TrainingMiningAssertion).FullName, names);
        Assert.DoesNotContain(typeof(ManifestBuilder).FullName, names);
    }

    [Fact]
    public void Detectors_TellMutableFromReadOnly()
    {
        Assert.True(IsMutableCollection(typeof(byte[])));
        Assert.True(IsMutableCollection(typeof(List<string>)));
        Assert.True(IsMutableCollection(typeof(IDictionary<string, int>)));
        Assert.False(IsMutableCollection(typeof(IReadOnlyList<string>)));
        Assert.False(IsMutableCollection(typeof(ReadOnlyMemory<byte>)));
        Assert.False(IsMutableCollection(typeof(string)));
        Assert.False(IsInitOnly(typeof(ManifestBuilder).GetProperty(nameof(ManifestBuilder.Title))!.GetSetMethod()!));
        Assert.True(IsInitOnly(typeof(SigningOptions).GetProperty(nameof(SigningOptions.Progress))!.GetSetMethod()!));
    }

    [Fact]
    public void TrainingMiningAssertion_EntriesCopiedFromTheCaller()
    {
        var entries = new Dictionary<string, TrainingMiningEntry> { [TrainingMiningAssertion.AiTraining] = new(TrainingMiningUse.NotAllowed, null) };
        var assertion = new TrainingMiningAssertion(entries);

        entries[TrainingMiningAssertion.AiTraining] = new(TrainingMiningUse.Allowed, null);

        Assert.Equal(TrainingMiningUse.NotAllowed, assertion.Entries[TrainingMiningAssertion.AiTraining].Use);
        Assert.IsNotType<Dictionary<string, TrainingMiningEntry>>(assertion.Entries);
    }

    [Fact]
    public async Task DecodedClaimAndCoseHeaders_ReadOnly()
    {
        using LocalSigner signer = TestSigners.Create(SigningAlgorithm.ES256);
        using var output = new MemoryStream();
        await new ManifestBuilder { Title = "read-only" }.SignAsync(new MemoryStream(File.ReadAllBytes(TestPaths.Fixture("no_manifest.jpg"))), output, signer, new SigningOptions { Thumbnails = null });
        Manifest manifest = Validation.Tampering.ReadStore(output.ToArray(), out _).ActiveManifest!;

        Claim claim = manifest.ParseClaim();
        CoseSign1Message cose = Validation.Tampering.FindCose(output.ToArray()).Message;

        Assert.True(claim.Map.IsReadOnly);
        Assert.Throws<InvalidOperationException>(() => claim.Map["dc:title"] = "changed");
        // The runtime's protected header map is read-only once decoded (its unprotected one stays editable by design, but
        // validators read the header values copied into the CBOR model at decoding, which are read-only).
        Assert.True(cose.Decoded.ProtectedHeaders.IsReadOnly);
        Assert.Throws<InvalidOperationException>(() => cose.Decoded.ProtectedHeaders.Add(CoseHeaderLabels.Of(CoseHeaderLabels.Algorithm + 1000), 0));
        Assert.True(cose.GetProtectedHeader(CoseHeaderLabels.Of(CoseHeaderLabels.X5Chain))!.IsReadOnly);
        Assert.Equal("read-only", claim.Title);
    }

    private static IEnumerable<string> PublicTypeNames()
        => typeof(ManifestBuilder).Assembly.GetExportedTypes().Where(t => !Builders.Contains(t)).Select(t => t.FullName!).Order(StringComparer.Ordinal);

    private static bool IsInitOnly(MethodInfo setter)
        => setter.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(IsExternalInit));

    private static bool IsMutableCollection(Type type)
    {
        if (type.IsArray)
        {
            return true;
        }

        Type definition = type.IsGenericType ? type.GetGenericTypeDefinition() : type;
        return MutableCollections.Any(mutable => mutable == definition || (!type.IsInterface && mutable.IsInterface && !mutable.IsGenericTypeDefinition && mutable.IsAssignableFrom(type) && type != typeof(string)))
            || (!type.IsInterface && type.GetInterfaces().Any(i => i.IsGenericType && MutableCollections.Contains(i.GetGenericTypeDefinition()) && i.GetGenericTypeDefinition() != typeof(IEnumerable<>)));
    }
}
