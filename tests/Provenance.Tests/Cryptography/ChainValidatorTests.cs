using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Provenance.Cryptography;

namespace Provenance.Tests.Cryptography;

/// <summary>
/// RFC 5280 path validation as <see cref="ChainValidator"/> does it: each way a chain can be wrong, built with its own
/// small PKI, must be refused, and the honest shapes (intermediates in any order, mixed key types) accepted.
/// </summary>
public sealed class ChainValidatorTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    [Fact]
    public void RootIntermediateLeaf_Trusted_ChainInOrder()
    {
        using Pki pki = Pki.Create();

        ChainValidationResult result = ChainValidator.Validate(pki.Leaf.Certificate, [pki.Intermediate.Certificate], pki.Anchors, Now);

        Assert.True(result.IsTrusted, result.Problem);
        Assert.Equal([pki.Leaf.Certificate.Thumbprint, pki.Intermediate.Certificate.Thumbprint, pki.Root.Certificate.Thumbprint], result.Chain.Select(c => c.Thumbprint));
    }

    [Fact]
    public void IntermediatesInAnyOrderWithStrangers_Trusted()
    {
        using Pki pki = Pki.Create();
        using Node stranger = Node.SelfSigned("CN=Stranger", ca: true);
        using Node second = Node.Issue(pki.Intermediate, "CN=Second Intermediate", ca: true);
        using Node leaf = Node.Issue(second, "CN=Deep Leaf", ca: false);

        ChainValidationResult result = ChainValidator.Validate(leaf.Certificate, [stranger.Certificate, pki.Intermediate.Certificate, leaf.Certificate, second.Certificate], pki.Anchors, Now);

        Assert.True(result.IsTrusted, result.Problem);
        Assert.Equal(4, result.Chain.Count);
    }

    [Fact]
    public void SelfSignedLeafThatIsAnAnchor_Trusted()
    {
        using Node leaf = Node.SelfSigned("CN=Self Signed Signer", ca: false);

        Assert.True(ChainValidator.Validate(leaf.Certificate, [], TrustAnchorSet.FromCertificates([leaf.Certificate]), Now).IsTrusted);
    }

    [Fact]
    public void IntermediateAsTheAnchor_Trusted()
    {
        using Pki pki = Pki.Create();

        ChainValidationResult result = ChainValidator.Validate(pki.Leaf.Certificate, [pki.Intermediate.Certificate], TrustAnchorSet.FromCertificates([pki.Intermediate.Certificate]), Now);

        Assert.True(result.IsTrusted, result.Problem);
    }

    public static TheoryData<string> KeyTypes() => ["P-384", "P-521", "RSA PKCS#1", "RSA-PSS"];

    [Theory]
    [MemberData(nameof(KeyTypes))]
    public void IntermediateOfAnotherKeyType_Trusted(string keyType)
    {
        using Node root = Node.SelfSigned("CN=Root", ca: true);
        using Node intermediate = Node.Issue(root, "CN=Intermediate " + keyType, ca: true, keyType: keyType);
        using Node leaf = Node.Issue(intermediate, "CN=Leaf", ca: false);

        ChainValidationResult result = ChainValidator.Validate(leaf.Certificate, [intermediate.Certificate], TrustAnchorSet.FromCertificates([root.Certificate]), Now);

        Assert.True(result.IsTrusted, result.Problem);
    }

    [Fact]
    public void CriticalExtendedKeyUsageOnLeaf_Trusted()
    {
        using Pki pki = Pki.Create();
        using Node leaf = Node.Issue(pki.Intermediate, "CN=Critical EKU", ca: false, criticalEku: true);

        ChainValidationResult result = ChainValidator.Validate(leaf.Certificate, [pki.Intermediate.Certificate], pki.Anchors, Now);

        Assert.True(result.IsTrusted, result.Problem);
    }

    [Fact]
    public void NameConstraints_Honoured()
    {
        using Node root = Node.SelfSigned("CN=Root", ca: true);
        using Node intermediate = Node.Issue(root, "CN=Constrained Intermediate, O=Allowed", ca: true, permittedSubtree: "O=Allowed");
        using Node inside = Node.Issue(intermediate, "CN=Inside, O=Allowed", ca: false);
        using Node outside = Node.Issue(intermediate, "CN=Outside, O=Other", ca: false);
        TrustAnchorSet anchors = TrustAnchorSet.FromCertificates([root.Certificate]);

        ChainValidationResult allowed = ChainValidator.Validate(inside.Certificate, [intermediate.Certificate], anchors, Now);

        Assert.True(allowed.IsTrusted, allowed.Problem);
        Assert.False(ChainValidator.Validate(outside.Certificate, [intermediate.Certificate], anchors, Now).IsTrusted);
    }

    public static TheoryData<string> BrokenChains() =>
    [
        "intermediate missing",
        "other anchors",
        "intermediate not a CA",
        "intermediate without basic constraints",
        "intermediate without keyCertSign",
        "root's path length exceeded",
        "intermediate's path length exceeded",
        "intermediate expired",
        "intermediate not yet valid",
        "leaf expired",
        "root expired",
        "impostor intermediate",
        "impostor root",
        "unknown critical extension on intermediate",
        "unknown critical extension on leaf",
        "leaf signed by a leaf",
        "issuers in a loop",
        "non-CA leaf as the anchor of another leaf",
        "anchor's name constraints",
    ];

    [Theory]
    [MemberData(nameof(BrokenChains))]
    public void BrokenChain_NotTrusted(string broken)
    {
        using Pki pki = Pki.Create();
        var disposables = new List<IDisposable>();
        Node Keep(Node node)
        {
            disposables.Add(node);
            return node;
        }

        TrustAnchorSet anchors = pki.Anchors;
        X509Certificate2 leaf = pki.Leaf.Certificate;
        X509Certificate2[] intermediates = [pki.Intermediate.Certificate];
        DateTimeOffset time = Now;
        switch (broken)
        {
            case "intermediate missing":
                intermediates = [];
                break;
            case "other anchors":
                anchors = TrustAnchorSet.FromCertificates([Keep(Node.SelfSigned("CN=Root", ca: true)).Certificate]);
                break;
            case "intermediate not a CA":
            case "intermediate without basic constraints":
            case "intermediate without keyCertSign":
            {
                Node bad = Keep(Node.Issue(pki.Root, "CN=Bad Intermediate", ca: broken != "intermediate not a CA",
                    omitBasicConstraints: broken == "intermediate without basic constraints",
                    usage: broken == "intermediate without keyCertSign" ? X509KeyUsageFlags.DigitalSignature : null));
                leaf = Keep(Node.Issue(bad, "CN=Leaf", ca: false)).Certificate;
                intermediates = [bad.Certificate];
                break;
            }

            case "root's path length exceeded":
            {
                Node root = Keep(Node.SelfSigned("CN=Short Root", ca: true, pathLength: 0));
                Node intermediate = Keep(Node.Issue(root, "CN=Intermediate", ca: true));
                leaf = Keep(Node.Issue(intermediate, "CN=Leaf", ca: false)).Certificate;
                intermediates = [intermediate.Certificate];
                anchors = TrustAnchorSet.FromCertificates([root.Certificate]);
                break;
            }

            case "intermediate's path length exceeded":
            {
                Node first = Keep(Node.Issue(pki.Root, "CN=First", ca: true, pathLength: 0));
                Node second = Keep(Node.Issue(first, "CN=Second", ca: true));
                leaf = Keep(Node.Issue(second, "CN=Leaf", ca: false)).Certificate;
                intermediates = [first.Certificate, second.Certificate];
                break;
            }

            case "intermediate expired":
            case "intermediate not yet valid":
            {
                (DateTimeOffset from, DateTimeOffset to) = broken == "intermediate expired" ? (Now.AddDays(-10), Now.AddDays(-1)) : (Now.AddDays(1), Now.AddDays(10));
                Node bad = Keep(Node.Issue(pki.Root, "CN=Ill-Timed Intermediate", ca: true, notBefore: from, notAfter: to));
                leaf = Keep(Node.Issue(bad, "CN=Leaf", ca: false)).Certificate;
                intermediates = [bad.Certificate];
                break;
            }

            case "leaf expired":
                time = pki.Leaf.Certificate.NotAfter.AddDays(1);
                break;
            case "root expired":
            {
                Node root = Keep(Node.SelfSigned("CN=Old Root", ca: true, notBefore: Now.AddDays(-10), notAfter: Now.AddDays(-1)));
                Node intermediate = Keep(Node.Issue(root, "CN=Intermediate", ca: true, notBefore: Now.AddDays(-5), notAfter: Now.AddDays(5)));
                leaf = Keep(Node.Issue(intermediate, "CN=Leaf", ca: false, notBefore: Now.AddDays(-5), notAfter: Now.AddDays(5))).Certificate;
                intermediates = [intermediate.Certificate];
                anchors = TrustAnchorSet.FromCertificates([root.Certificate]);
                break;
            }

            case "impostor intermediate":
                // The same name as the real intermediate, issued by the same root, but another key: the leaf's signature
                // is not its.
                intermediates = [Keep(Node.Issue(pki.Root, pki.Intermediate.Certificate.Subject, ca: true)).Certificate];
                break;
            case "impostor root":
                anchors = TrustAnchorSet.FromCertificates([Keep(Node.SelfSigned(pki.Root.Certificate.Subject, ca: true)).Certificate]);
                break;
            case "unknown critical extension on intermediate":
            {
                Node bad = Keep(Node.Issue(pki.Root, "CN=Odd Intermediate", ca: true, unknownCritical: true));
                leaf = Keep(Node.Issue(bad, "CN=Leaf", ca: false)).Certificate;
                intermediates = [bad.Certificate];
                break;
            }

            case "unknown critical extension on leaf":
                leaf = Keep(Node.Issue(pki.Intermediate, "CN=Odd Leaf", ca: false, unknownCritical: true)).Certificate;
                break;
            case "leaf signed by a leaf":
                leaf = Keep(Node.Issue(pki.Leaf, "CN=Leaf's Leaf", ca: false)).Certificate;
                intermediates = [pki.Leaf.Certificate, pki.Intermediate.Certificate];
                break;
            case "issuers in a loop":
            {
                // A and B name each other as issuer, neither reaching an anchor; the search must end.
                Node a = Keep(Node.SelfSigned("CN=Loop A", ca: true));
                Node b = Keep(Node.Issue(a, "CN=Loop B", ca: true));
                Node aByB = Keep(Node.Issue(b, "CN=Loop A", ca: true));
                leaf = Keep(Node.Issue(b, "CN=Leaf", ca: false)).Certificate;
                intermediates = [b.Certificate, aByB.Certificate];
                break;
            }

            case "non-CA leaf as the anchor of another leaf":
                leaf = Keep(Node.Issue(pki.Leaf, "CN=Leaf's Leaf", ca: false)).Certificate;
                anchors = TrustAnchorSet.FromCertificates([pki.Leaf.Certificate]);
                intermediates = [];
                break;
            case "anchor's name constraints":
            {
                Node root = Keep(Node.SelfSigned("CN=Constrained Root, O=Allowed", ca: true, permittedSubtree: "O=Allowed"));
                Node intermediate = Keep(Node.Issue(root, "CN=Intermediate, O=Allowed", ca: true));
                leaf = Keep(Node.Issue(intermediate, "CN=Outside, O=Other", ca: false)).Certificate;
                intermediates = [intermediate.Certificate];
                anchors = TrustAnchorSet.FromCertificates([root.Certificate]);
                break;
            }

            default:
                throw new ArgumentOutOfRangeException(nameof(broken));
        }

        try
        {
            ChainValidationResult result = ChainValidator.Validate(leaf, intermediates, anchors, time);

            Assert.False(result.IsTrusted, broken);
            Assert.False(string.IsNullOrWhiteSpace(result.Problem));
        }
        finally
        {
            disposables.ForEach(d => d.Dispose());
        }
    }

    [Fact]
    public void SameChainAgain_TrustedFromTheKeptResult_NamingTheCallersCertificates()
    {
        using Pki pki = Pki.Create();
        TrustAnchorSet anchors = pki.Anchors;
        ChainValidationResult first = ChainValidator.Validate(pki.Leaf.Certificate, [pki.Intermediate.Certificate], anchors, Now);
        using var leaf = X509CertificateLoader.LoadCertificate(pki.Leaf.Certificate.RawData);
        using var intermediate = X509CertificateLoader.LoadCertificate(pki.Intermediate.Certificate.RawData);

        ChainValidationResult again = ChainValidator.Validate(leaf, [intermediate], anchors, Now.AddDays(1));

        Assert.True(first.IsTrusted, first.Problem);
        Assert.True(again.IsTrusted, again.Problem);
        Assert.Equal(1, anchors.Pkix.Validated.Count);
        Assert.Same(leaf, again.Chain[0]);
        Assert.Same(intermediate, again.Chain[1]);
        Assert.Same(pki.Root.Certificate, again.Chain[2]);
    }

    [Theory]
    [InlineData("leaf expired")]
    [InlineData("leaf not yet valid")]
    [InlineData("intermediate expired")]
    [InlineData("anchor expired")]
    public void KeptChain_ValidatedAtATimeOutsideEveryCertificatesValidity_NotTrusted(string when)
    {
        using Node root = Node.SelfSigned("CN=Kept Root", ca: true, notAfter: Now.AddDays(40));
        using Node intermediate = Node.Issue(root, "CN=Kept Intermediate", ca: true, notAfter: Now.AddDays(30));
        using Node leaf = Node.Issue(intermediate, "CN=Kept Leaf", ca: false, notAfter: Now.AddDays(20));
        TrustAnchorSet anchors = TrustAnchorSet.FromCertificates([root.Certificate]);
        Assert.True(ChainValidator.Validate(leaf.Certificate, [intermediate.Certificate], anchors, Now).IsTrusted);
        DateTimeOffset time = when switch
        {
            "leaf expired" => Now.AddDays(21),
            "leaf not yet valid" => Now.AddDays(-2),
            "intermediate expired" => Now.AddDays(31),
            _ => Now.AddDays(41),
        };

        ChainValidationResult later = ChainValidator.Validate(leaf.Certificate, [intermediate.Certificate], anchors, time);

        Assert.False(later.IsTrusted, when);
    }

    [Fact]
    public void KeptChain_OneByteOfTheSignersSignatureChanged_NotTrusted()
    {
        using Pki pki = Pki.Create();
        TrustAnchorSet anchors = pki.Anchors;
        Assert.True(ChainValidator.Validate(pki.Leaf.Certificate, [pki.Intermediate.Certificate], anchors, Now).IsTrusted);
        byte[] forged = pki.Leaf.Certificate.RawData;
        forged[^3] ^= 0x01; // inside the signature's INTEGER: still DER, no longer the intermediate's signature
        using var impostor = X509CertificateLoader.LoadCertificate(forged);

        ChainValidationResult result = ChainValidator.Validate(impostor, [pki.Intermediate.Certificate], anchors, Now);

        Assert.False(result.IsTrusted);
    }

    [Fact]
    public void KeptChain_AnotherAnchorSet_ValidatedAgainstItsOwnAnchors()
    {
        using Pki pki = Pki.Create();
        using Node stranger = Node.SelfSigned("CN=Test Root", ca: true);
        Assert.True(ChainValidator.Validate(pki.Leaf.Certificate, [pki.Intermediate.Certificate], pki.Anchors, Now).IsTrusted);

        ChainValidationResult other = ChainValidator.Validate(pki.Leaf.Certificate, [pki.Intermediate.Certificate], TrustAnchorSet.FromCertificates([stranger.Certificate]), Now);

        Assert.False(other.IsTrusted);
    }

    [Fact]
    public void Refusal_NotKept_TheSameChainTrustedOnceValid()
    {
        using Pki pki = Pki.Create();
        TrustAnchorSet anchors = pki.Anchors;

        ChainValidationResult early = ChainValidator.Validate(pki.Leaf.Certificate, [pki.Intermediate.Certificate], anchors, Now.AddDays(-3));
        ChainValidationResult now = ChainValidator.Validate(pki.Leaf.Certificate, [pki.Intermediate.Certificate], anchors, Now);

        Assert.False(early.IsTrusted);
        Assert.True(now.IsTrusted, now.Problem);
        Assert.Equal(1, anchors.Pkix.Validated.Count);
    }

    [Fact]
    public void ManyChains_KeptUpToTheCapacity()
    {
        using Pki pki = Pki.Create();
        TrustAnchorSet anchors = pki.Anchors;
        var leaves = new List<Node>();
        try
        {
            for (int i = 0; i <= ValidatedChains.Capacity; i++)
            {
                Node leaf = Node.Issue(pki.Intermediate, $"CN=Leaf {i}", ca: false);
                leaves.Add(leaf);
                Assert.True(ChainValidator.Validate(leaf.Certificate, [pki.Intermediate.Certificate], anchors, Now).IsTrusted);
                Assert.InRange(anchors.Pkix.Validated.Count, 1, ValidatedChains.Capacity);
            }
        }
        finally
        {
            leaves.ForEach(l => l.Dispose());
        }
    }

    [Fact]
    public void OneAnchorSet_ManyThreadsAtOnce_EachTrusted()
    {
        // The set reads its anchors for path building on first use; threads that start together must all get one
        // reading (a path built over one thread's reading and mapped back through another's went missing).
        using Pki pki = Pki.Create();
        for (int round = 0; round < 20; round++)
        {
            TrustAnchorSet anchors = TrustAnchorSet.FromCertificates([pki.Root.Certificate]);
            using var start = new Barrier(8);
            ChainValidationResult?[] results = new ChainValidationResult?[8];
            Exception?[] thrown = new Exception?[8];
            Thread[] threads = [.. Enumerable.Range(0, 8).Select(i => new Thread(() =>
            {
                start.SignalAndWait();
                try
                {
                    results[i] = ChainValidator.Validate(pki.Leaf.Certificate, [pki.Intermediate.Certificate], anchors, Now);
                }
                catch (Exception ex)
                {
                    thrown[i] = ex;
                }
            }))];
            Array.ForEach(threads, t => t.Start());
            Array.ForEach(threads, t => t.Join());

            Assert.All(thrown, Assert.Null);
            Assert.All(results, r => Assert.True(r!.IsTrusted, r.Problem));
            Assert.All(results, r => Assert.Same(pki.Root.Certificate, r!.Chain[^1]));
        }
    }

    [Fact]
    public void IntermediateWithABerBoolean_NotTrusted()
    {
        // The intermediate's basic-constraints critical flag written 7B (true in BER) instead of FF: the same content,
        // but not the bytes the root signed. Read and re-encoded it is the signed certificate again, so a check over
        // the re-encoding would pass it; the check must be over the bytes.
        using Pki pki = Pki.Create();
        using X509Certificate2 intermediate = MalformedCertificates.WithBerCriticalFlag(pki.Intermediate.Certificate);

        ChainValidationResult result = ChainValidator.Validate(pki.Leaf.Certificate, [intermediate], pki.Anchors, Now);

        Assert.False(result.IsTrusted);
        Assert.True(ChainValidator.Validate(pki.Leaf.Certificate, [pki.Intermediate.Certificate], pki.Anchors, Now).IsTrusted);
    }

    [Fact]
    public void ManyIntermediatesOfOneName_AnswerQuickly()
    {
        // The attack on path building: the signer's own x5chain carries many CA certificates that all bear the issuer's
        // name and name one another as issuer, none reaching an anchor. Every order of them is a candidate path.
        using Node root = Node.SelfSigned("CN=Root", ca: true);
        var loop = new List<Node> { Node.SelfSigned("CN=Loop", ca: true) };
        for (int i = 1; i < 16; i++)
        {
            loop.Add(Node.Issue(loop[i - 1], "CN=Loop", ca: true));
        }

        using Node leaf = Node.Issue(loop[^1], "CN=Leaf", ca: false);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            ChainValidationResult result = ChainValidator.Validate(leaf.Certificate, loop.Select(n => n.Certificate), TrustAnchorSet.FromCertificates([root.Certificate]), Now);

            Assert.False(result.IsTrusted);
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"{watch.Elapsed} for {loop.Count} intermediates");
        }
        finally
        {
            loop.ForEach(n => n.Dispose());
        }
    }

    [Fact]
    public void DamagedCertificates_AVerdictNeverAnException_NeverTrusted()
    {
        // Certificates come from the asset. A thousand damaged copies of the intermediate and of the signer (bytes
        // flipped or set, the end cut off), each that .NET still loads given where the original goes: the answer is
        // always a verdict, and never Trusted, since the issuer's signature no longer covers the bytes. (This found that
        // BouncyCastle checks signatures over its own DER re-encoding: a critical flag written 7B instead of FF passed.)
        using Pki pki = Pki.Create();
        var random = new Random(12);
        int loaded = 0;
        for (int i = 0; i < 1000; i++)
        {
            bool intermediate = i % 2 == 0;
            byte[] original = intermediate ? pki.Intermediate.Certificate.RawData : pki.Leaf.Certificate.RawData;
            byte[] damaged = Damage(original, random);
            if (damaged.AsSpan().SequenceEqual(original))
            {
                continue; // a byte set to the value it had
            }

            X509Certificate2 certificate;
            try
            {
                certificate = X509CertificateLoader.LoadCertificate(damaged);
            }
            catch (CryptographicException)
            {
                continue;
            }

            using (certificate)
            {
                loaded++;
                ChainValidationResult result = intermediate
                    ? ChainValidator.Validate(pki.Leaf.Certificate, [certificate], pki.Anchors, Now)
                    : ChainValidator.Validate(certificate, [pki.Intermediate.Certificate], pki.Anchors, Now);
                Assert.False(result.IsTrusted, $"the {(intermediate ? "intermediate" : "signer")} damaged to {Convert.ToHexString(damaged)}");
                Assert.False(string.IsNullOrWhiteSpace(result.Problem));
            }
        }

        Assert.True(loaded > 100, $"only {loaded} damaged certificates loaded");

        static byte[] Damage(byte[] original, Random random)
        {
            byte[] copy = (byte[])original.Clone();
            switch (random.Next(3))
            {
                case 0:
                    for (int n = random.Next(1, 4); n > 0; n--)
                    {
                        copy[random.Next(copy.Length)] ^= (byte)(1 << random.Next(8));
                    }

                    return copy;
                case 1:
                    copy[random.Next(copy.Length)] = (byte)random.Next(256);
                    return copy;
                default:
                    return copy[..random.Next(copy.Length / 2, copy.Length)];
            }
        }
    }

    /// <summary>A root, an intermediate and a C2PA signing leaf, each with its own P-256 key.</summary>
    private sealed record Pki(Node Root, Node Intermediate, Node Leaf) : IDisposable
    {
        public TrustAnchorSet Anchors => TrustAnchorSet.FromCertificates([Root.Certificate]);

        public static Pki Create()
        {
            Node root = Node.SelfSigned("CN=Test Root", ca: true);
            Node intermediate = Node.Issue(root, "CN=Test Intermediate", ca: true);
            return new Pki(root, intermediate, Node.Issue(intermediate, "CN=Test Leaf", ca: false));
        }

        public void Dispose()
        {
            Leaf.Dispose();
            Intermediate.Dispose();
            Root.Dispose();
        }
    }

    /// <summary>A certificate and its key.</summary>
    private sealed class Node(X509Certificate2 certificate, AsymmetricAlgorithm key, RSASignaturePadding? padding = null) : IDisposable
    {
        public X509Certificate2 Certificate { get; } = certificate;

        public AsymmetricAlgorithm Key { get; } = key;

        /// <summary>How an RSA key signs what it issues.</summary>
        public RSASignaturePadding? Padding { get; } = padding;

        public static Node SelfSigned(string subject, bool ca, int? pathLength = null, DateTimeOffset? notBefore = null, DateTimeOffset? notAfter = null, string? permittedSubtree = null)
        {
            var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
            AddExtensions(request, ca, pathLength, null, omitBasicConstraints: false, criticalEku: false, unknownCritical: false, permittedSubtree);
            return new Node(request.CreateSelfSigned(notBefore ?? Now.AddDays(-1), notAfter ?? Now.AddDays(30)), key);
        }

        public static Node Issue(
            Node issuer,
            string subject,
            bool ca,
            int? pathLength = null,
            X509KeyUsageFlags? usage = null,
            bool omitBasicConstraints = false,
            bool criticalEku = false,
            bool unknownCritical = false,
            string? permittedSubtree = null,
            string keyType = "P-256",
            DateTimeOffset? notBefore = null,
            DateTimeOffset? notAfter = null)
        {
            (AsymmetricAlgorithm key, CertificateRequest request) = keyType switch
            {
                "P-256" or "P-384" or "P-521" => NewEc(subject, keyType),
                _ => NewRsa(subject, keyType == "RSA-PSS" ? RSASignaturePadding.Pss : RSASignaturePadding.Pkcs1),
            };
            AddExtensions(request, ca, pathLength, usage, omitBasicConstraints, criticalEku, unknownCritical, permittedSubtree);
            request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer.Certificate, includeKeyIdentifier: true, includeIssuerAndSerial: false));
            X509SignatureGenerator generator = issuer.Key is ECDsa ec
                ? X509SignatureGenerator.CreateForECDsa(ec)
                : X509SignatureGenerator.CreateForRSA((RSA)issuer.Key, issuer.Padding!);
            byte[] serial = RandomNumberGenerator.GetBytes(12);
            serial[0] &= 0x7F;
            X509Certificate2 certificate = request.Create(issuer.Certificate.SubjectName, generator, notBefore ?? Now.AddDays(-1), notAfter ?? Now.AddDays(20), serial);
            return new Node(certificate, key, keyType switch { "RSA-PSS" => RSASignaturePadding.Pss, "RSA PKCS#1" => RSASignaturePadding.Pkcs1, _ => null });

            static (AsymmetricAlgorithm, CertificateRequest) NewEc(string subject, string curve)
            {
                var key = ECDsa.Create(curve switch { "P-384" => ECCurve.NamedCurves.nistP384, "P-521" => ECCurve.NamedCurves.nistP521, _ => ECCurve.NamedCurves.nistP256 });
                return (key, new CertificateRequest(subject, key, HashAlgorithmName.SHA256));
            }

            static (AsymmetricAlgorithm, CertificateRequest) NewRsa(string subject, RSASignaturePadding padding)
            {
                var key = RSA.Create(2048);
                return (key, new CertificateRequest(subject, key, HashAlgorithmName.SHA256, padding));
            }
        }

        public void Dispose()
        {
            Certificate.Dispose();
            Key.Dispose();
        }

        private static void AddExtensions(CertificateRequest request, bool ca, int? pathLength, X509KeyUsageFlags? usage, bool omitBasicConstraints, bool criticalEku, bool unknownCritical, string? permittedSubtree)
        {
            if (!omitBasicConstraints)
            {
                request.CertificateExtensions.Add(new X509BasicConstraintsExtension(ca, pathLength is not null, pathLength ?? 0, true));
            }

            request.CertificateExtensions.Add(new X509KeyUsageExtension(usage ?? (ca ? X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign : X509KeyUsageFlags.DigitalSignature), true));
            if (!ca)
            {
                request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.4.1.62558.2.1")], criticalEku));
            }

            request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
            if (unknownCritical)
            {
                request.CertificateExtensions.Add(new X509Extension("1.3.6.1.4.1.55555.1", [0x05, 0x00], critical: true));
            }

            if (permittedSubtree is not null)
            {
                // NameConstraints ::= SEQUENCE { permittedSubtrees [0] SEQUENCE OF GeneralSubtree } with one directoryName.
                var writer = new AsnWriter(AsnEncodingRules.DER);
                using (writer.PushSequence())
                using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0)))
                using (writer.PushSequence())
                using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 4, isConstructed: true)))
                {
                    writer.WriteEncodedValue(new X500DistinguishedName(permittedSubtree).RawData);
                }

                request.CertificateExtensions.Add(new X509Extension("2.5.29.30", writer.Encode(), critical: true));
            }
        }
    }
}
