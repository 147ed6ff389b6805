using System.Diagnostics;
using System.Security.Cryptography;
using Provenance.Tests.Cli;
using Provenance.Cryptography;
using Xunit.Abstractions;

namespace Provenance.Tests.Signing;

/// <summary>
/// Signing never damages its input (issue 11, item 6): a signer that throws midway, a cancellation at several points
/// and a full disk leave the input byte-identical and no partial output, through <see cref="ManifestBuilder.SignFileAsync"/>,
/// <see cref="ManifestBuilder.SignInPlaceAsync"/> and the CLI's <c>sign -o</c> and <c>sign --in-place</c>.
/// </summary>
public class InputSafetyTests(ITestOutputHelper output)
{
    private static readonly SigningOptions Quick = new() { Thumbnails = null };

    public static TheoryData<string> Inputs() => ["no_manifest.jpg", "sample1.png", "video1_no_manifest.mp4", "formats/sample1.wav"];

    [Theory]
    [MemberData(nameof(Inputs))]
    public async Task SignFile_SignerThrowsMidway_InputUntouchedAndNoOutput(string fixture)
    {
        (string dir, string input, byte[] before) = CopyInput(fixture);
        string outputPath = Path.Combine(dir, "signed" + Path.GetExtension(input));
        using LocalSigner inner = TestSigners.Create(SigningAlgorithm.ES256);
        var failing = new FaultySigner(inner, _ => throw new CryptographicException("the key service went away"));

        await Assert.ThrowsAnyAsync<Exception>(() => new ManifestBuilder().SignFileAsync(input, outputPath, failing, Quick));

        AssertUntouched(dir, input, before);
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public async Task SignFile_CancelledAtEachProgressStage_InputUntouchedAndNoOutput(string fixture)
    {
        using LocalSigner signer = TestSigners.Create(SigningAlgorithm.ES256);

        // A first run counts the progress reports; then signing is cancelled at the first, the middle and the last but one.
        (string countDir, string countInput, _) = CopyInput(fixture);
        var counter = new CancelAt(int.MaxValue, new CancellationTokenSource());
        await new ManifestBuilder().SignFileAsync(countInput, Path.Combine(countDir, "signed" + Path.GetExtension(countInput)), signer, Quick with { Progress = counter });
        Assert.True(counter.Reports >= 2, $"signing {fixture} reported progress {counter.Reports} times");
        int[] stages = [.. new[] { 1, counter.Reports / 2, counter.Reports - 1 }.Distinct()];
        output.WriteLine($"{fixture}: {counter.Reports} progress reports; cancelled at {string.Join(", ", stages)}");

        foreach (int stage in stages)
        {
            (string dir, string input, byte[] before) = CopyInput(fixture);
            using var cancellation = new CancellationTokenSource();
            var progress = new CancelAt(stage, cancellation);

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new ManifestBuilder().SignFileAsync(input, Path.Combine(dir, "signed" + Path.GetExtension(input)), signer, Quick with { Progress = progress }, cancellation.Token));

            AssertUntouched(dir, input, before);
        }
    }

    [Fact]
    public async Task SignFile_CancelledWhileSigning_InputUntouchedAndNoOutput()
    {
        (string dir, string input, byte[] before) = CopyInput("sample1.png");
        string outputPath = Path.Combine(dir, "signed.png");
        using LocalSigner inner = TestSigners.Create(SigningAlgorithm.ES256);
        using var cancellation = new CancellationTokenSource();
        var cancelling = new FaultySigner(inner, signature =>
        {
            cancellation.Cancel();
            return signature;
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new ManifestBuilder().SignFileAsync(input, outputPath, cancelling, Quick, cancellation.Token));

        AssertUntouched(dir, input, before);
    }

    [Fact]
    public async Task SignFile_DiskFull_InputUntouchedAndNoPartialOutput()
    {
        (string dir, string input, byte[] before) = CopyInput("formats/sample1.wav");
        using LocalSigner signer = TestSigners.Create(SigningAlgorithm.ES256);
        string? full = SmallTmpfs(out string how);
        output.WriteLine("full disk: " + how);
        if (full is not null)
        {
            try
            {
                // A 1 MiB file system and a 1 MiB input: the output (beside its temporary file) cannot fit.
                string outputPath = Path.Combine(full, "signed.wav");
                IOException error = await Assert.ThrowsAnyAsync<IOException>(() => new ManifestBuilder().SignFileAsync(input, outputPath, signer, Quick));
                output.WriteLine("error: " + error.Message);
                Assert.Empty(Directory.GetFileSystemEntries(full));
                AssertUntouched(dir, input, before);
            }
            finally
            {
                Unmount(full);
            }
        }
        else
        {
            // No tmpfs (not root, or a container that forbids mounts): a stream that runs out of room after 64 KiB.
            await using FileStream source = File.OpenRead(input);
            var disk = new FullDiskStream(64 * 1024);
            IOException error = await Assert.ThrowsAnyAsync<IOException>(() => new ManifestBuilder().SignAsync(source, disk, signer, Quick));
            Assert.Contains("No space left on device", error.Message, StringComparison.Ordinal);
            Assert.Equal(64 * 1024, disk.Written);
            AssertUntouched(dir, input, before);
        }
    }

    [Fact]
    public async Task SignInPlace_WriteFailsMidway_ReservedBytesRestored()
    {
        byte[] reserved = await ReserveAsync(File.ReadAllBytes(TestPaths.Fixture("video1_no_manifest.mp4")));
        using LocalSigner signer = TestSigners.Create(SigningAlgorithm.ES256);

        // The first write of the store fails after 100 bytes (as a failing device would); the restore then succeeds.
        await using var file = new FailOnceStream(reserved, failAfter: 100);
        await Assert.ThrowsAnyAsync<IOException>(() => new ManifestBuilder().SignInPlaceAsync(file, signer, Quick));

        Assert.True(file.Failed, "the write never failed");
        Assert.Equal(reserved, file.ToArray());
    }

    [Fact]
    public async Task SignInPlace_CancelledAfterWriting_ReservedBytesRestored()
    {
        byte[] reserved = await ReserveAsync(File.ReadAllBytes(TestPaths.Fixture("video1_no_manifest.mp4")));
        using LocalSigner signer = TestSigners.Create(SigningAlgorithm.ES256);
        using var cancellation = new CancellationTokenSource();

        // Cancelled as the store is written: the verification that follows stops, and the file goes back as it was.
        await using var file = new FailOnceStream(reserved, failAfter: long.MaxValue) { OnWrite = cancellation.Cancel };
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new ManifestBuilder().SignInPlaceAsync(file, signer, Quick, cancellation.Token));

        Assert.Equal(reserved, file.ToArray());
    }

    [Fact]
    public async Task Cli_SignWithWrongKey_OutputAndInPlace_LeaveInputUntouched()
    {
        string home = TestPaths.NewTempDirectory();
        (string dir, string jpeg, byte[] jpegBefore) = CopyInput("no_manifest.jpg");
        (string chain, _, _) = TestSigners.WriteFiles(SigningAlgorithm.ES256, home);
        (_, string otherKey, _) = TestSigners.WriteFiles(SigningAlgorithm.ES384, home);

        // The key is not the certificate's: signing fails after the input was read and hashed.
        (int exitCode, _, string error) = CliTests.Run(home, "sign", jpeg, "-o", Path.Combine(dir, "signed.jpg"), "--cert", chain, "--key", otherKey, "--alg", "es256");
        Assert.NotEqual(0, exitCode);
        Assert.False(string.IsNullOrWhiteSpace(error));
        AssertUntouched(dir, jpeg, jpegBefore);

        string mp4 = Path.Combine(dir, "export.mp4");
        byte[] reserved = await ReserveAsync(File.ReadAllBytes(TestPaths.Fixture("video1_no_manifest.mp4")));
        File.WriteAllBytes(mp4, reserved);
        (exitCode, _, error) = CliTests.Run(home, "sign", mp4, "--in-place", "--cert", chain, "--key", otherKey, "--alg", "es256");
        Assert.NotEqual(0, exitCode);
        Assert.False(string.IsNullOrWhiteSpace(error));
        Assert.Equal(reserved, File.ReadAllBytes(mp4));
    }

    [Fact]
    public void Cli_SignOntoFullDisk_NoPartialOutput()
    {
        string home = TestPaths.NewTempDirectory();
        (string dir, string input, byte[] before) = CopyInput("formats/sample1.wav");
        string? full = SmallTmpfs(out string how);
        output.WriteLine("full disk: " + how);
        if (full is null)
        {
            // The CLI writes to a path, so no stream can stand in: the library test above ran its fallback instead.
            output.WriteLine("CLI full-disk case not run (no tmpfs); SignFile_DiskFull_InputUntouchedAndNoPartialOutput covered the library");
            return;
        }

        try
        {
            (int exitCode, _, string error) = CliTests.Run(home, "sign", input, "-o", Path.Combine(full!, "signed.wav"));
            output.WriteLine($"exit {exitCode}: {error.Trim()}");
            Assert.NotEqual(0, exitCode);
            Assert.Empty(Directory.GetFileSystemEntries(full!));
            AssertUntouched(dir, input, before);
        }
        finally
        {
            Unmount(full!);
        }
    }

    private static (string Dir, string Input, byte[] Before) CopyInput(string fixture)
    {
        string dir = TestPaths.NewTempDirectory();
        string input = Path.Combine(dir, "input" + Path.GetExtension(fixture));
        File.Copy(TestPaths.Fixture(fixture), input);
        return (dir, input, File.ReadAllBytes(input));
    }

    // The input is byte-identical, and nothing else (no output, no temporary file) was left in its folder.
    private static void AssertUntouched(string dir, string input, byte[] before)
    {
        Assert.Equal(before, File.ReadAllBytes(input));
        Assert.Equal([Path.GetFileName(input)], Directory.GetFileSystemEntries(dir).Select(Path.GetFileName));
    }

    private static async Task<byte[]> ReserveAsync(byte[] mp4)
    {
        using var reservedStream = new MemoryStream();
        await ManifestBuilder.ReserveInPlaceRoomAsync(new MemoryStream(mp4), reservedStream, 64 * 1024);
        return reservedStream.ToArray();
    }

    // A 1 MiB tmpfs, or null with the reason (mounting needs root and a container that allows it).
    private static string? SmallTmpfs(out string how)
    {
        string dir = TestPaths.NewTempDirectory();
        (int exitCode, string error) = RunTool("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", dir);
        if (exitCode != 0)
        {
            how = $"mount -t tmpfs failed ({error.Trim()}): used a stream that throws IOException \"No space left on device\"";
            return null;
        }

        how = "a 1 MiB tmpfs at " + dir;
        return dir;
    }

    private static void Unmount(string dir) => RunTool("umount", dir);

    private static (int ExitCode, string Error) RunTool(string tool, params string[] arguments)
    {
        try
        {
            using Process process = Process.Start(new ProcessStartInfo(tool, arguments) { RedirectStandardError = true, RedirectStandardOutput = true })!;
            string error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, error);
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return (-1, ex.Message);
        }
    }

    // Cancels its source on the given report (counted synchronously, unlike Progress<T>, which posts).
    private sealed class CancelAt(int report, CancellationTokenSource cancellation) : IProgress<long>
    {
        public int Reports { get; private set; }

        public void Report(long value)
        {
            if (++Reports == report)
            {
                cancellation.Cancel();
            }
        }
    }

    // A write-only output that accepts so many bytes, then fails as a full disk does.
    private sealed class FullDiskStream(long capacity) : Stream
    {
        public long Written { get; private set; }

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => Written; set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            long room = capacity - Written;
            Written += Math.Min(room, buffer.Length);
            if (buffer.Length > room)
            {
                throw new IOException("No space left on device");
            }
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Write(buffer.Span);
            return ValueTask.CompletedTask;
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }

    // A file in memory whose first write past failAfter bytes writes part of its buffer and throws; later writes succeed.
    private sealed class FailOnceStream : MemoryStream
    {
        private readonly long _failAfter;
        private long _written;

        public FailOnceStream(byte[] content, long failAfter)
        {
            base.Write(content, 0, content.Length);
            Position = 0;
            _failAfter = failAfter;
        }

        public bool Failed { get; private set; }

        public Action? OnWrite { get; init; }

        // MemoryStream's array overload writes the bytes itself (its span overload, in a derived type, calls back here).
        public override void Write(byte[] buffer, int offset, int count)
        {
            OnWrite?.Invoke();
            long room = _failAfter - _written;
            if (!Failed && count > room)
            {
                Failed = true;
                base.Write(buffer, offset, (int)room);
                throw new IOException("No space left on device");
            }

            _written += count;
            base.Write(buffer, offset, count);
        }

        public override void Write(ReadOnlySpan<byte> buffer) => Write(buffer.ToArray(), 0, buffer.Length);

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Write(buffer.Span);
            return ValueTask.CompletedTask;
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            Write(buffer, offset, count);
            return Task.CompletedTask;
        }
    }
}
