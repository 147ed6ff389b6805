using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using Provenance.Cryptography;
using Provenance.Thumbnails;
using Provenance.Thumbnails.Skia;
using SkiaSharp;

namespace Provenance.Benchmarks;

/// <summary>
/// Batch labelling of still images with a thumbnail each (issue 8, item 4): signs <c>count</c> 512×512 JPEGs from files
/// to files, one after the other, and prints images per second for each thumbnail mode.
/// <c>dotnet benchmarks/Provenance.Benchmarks/bin/Release/net10.0/Provenance.Benchmarks.dll thumbnail-batch 200</c>
/// </summary>
internal static class ThumbnailBatch
{
    public static async Task RunAsync(int count)
    {
        string dir = Directory.CreateTempSubdirectory("provenance-thumb-batch-").FullName;
        try
        {
            string[] inputs = WriteImages(dir, count);
            using LocalSigner signer = DevelopmentCertificates.EnsureCreated().CreateSigner();
            var modes = new (string Name, SigningOptions Options)[]
            {
                ("no thumbnail", new SigningOptions { Thumbnails = null }),
                ("fixed thumbnail bytes (embedding cost only)", new SigningOptions { Thumbnails = new FixedGenerator(File.ReadAllBytes(inputs[0])) }),
                ("ffmpeg process per image (before)", new SigningOptions { Thumbnails = new ProcessPerImageGenerator() }),
                ("Skia in process (after)", new SigningOptions { Thumbnails = new SkiaThumbnailGenerator() }),
            };
            Console.WriteLine($"{count} JPEGs of 512×512, signed file to file, one at a time (ES256, verify after sign on)");
            foreach ((string name, SigningOptions options) in modes)
            {
                await SignAllAsync(inputs, dir, signer, options, 5); // warm-up
                var clock = Stopwatch.StartNew();
                int thumbnails = await SignAllAsync(inputs, dir, signer, options, inputs.Length);
                clock.Stop();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {inputs.Length / clock.Elapsed.TotalSeconds:F1} images/s | {clock.Elapsed.TotalMilliseconds / inputs.Length:F1} ms/image | {thumbnails} thumbnails |"));
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static async Task<int> SignAllAsync(string[] inputs, string dir, LocalSigner signer, SigningOptions options, int count)
    {
        int thumbnails = 0;
        for (int i = 0; i < count; i++)
        {
            SigningResult result = await new ManifestBuilder { Title = Path.GetFileName(inputs[i]) }.SignFileAsync(inputs[i], Path.Combine(dir, $"out-{i}.jpg"), signer, options);
            thumbnails += result.ThumbnailIncluded ? 1 : 0;
        }

        return thumbnails;
    }

    private static string[] WriteImages(string dir, int count)
    {
        var paths = new string[count];
        for (int i = 0; i < count; i++)
        {
            using var surface = SKSurface.Create(new SKImageInfo(512, 512));
            using (var paint = new SKPaint { Shader = SKShader.CreateLinearGradient(new SKPoint(0, 0), new SKPoint(512, 512), [new SKColor((byte)i, 80, 160), SKColors.Orange], SKShaderTileMode.Clamp) })
            {
                surface.Canvas.DrawRect(0, 0, 512, 512, paint);
            }

            using SKImage image = surface.Snapshot();
            using SKData jpeg = image.Encode(SKEncodedImageFormat.Jpeg, 90);
            paths[i] = Path.Combine(dir, $"in-{i}.jpg");
            File.WriteAllBytes(paths[i], jpeg.ToArray());
        }

        return paths;
    }

    private sealed class FixedGenerator(byte[] jpeg) : IThumbnailGenerator
    {
        public ValueTask<Thumbnail?> TryCreateAsync(Stream asset, string mimeType, CancellationToken cancellationToken)
            => ValueTask.FromResult<Thumbnail?>(Thumbnail.FromImage("image/jpeg", jpeg));
    }

    // The thumbnailer of commit 466747e (Signing/FfmpegThumbnailer.cs), kept here to measure "before" in the same
    // harness: one ffmpeg process per image, with the same arguments.
    private sealed class ProcessPerImageGenerator : IThumbnailGenerator
    {
        public async ValueTask<Thumbnail?> TryCreateAsync(Stream asset, string mimeType, CancellationToken cancellationToken)
        {
            string path = ((FileStream)asset).Name;
            var start = new ProcessStartInfo("ffmpeg") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
            foreach (string argument in new[] { "-v", "error", "-nostdin", "-i", path, "-frames:v", "1", "-vf", "scale='min(1024,iw)':'min(1024,ih)':force_original_aspect_ratio=decrease", "-f", "image2", "-c:v", "mjpeg", "-q:v", "5", "pipe:1" })
            {
                start.ArgumentList.Add(argument);
            }

            using Process process = Process.Start(start) ?? throw new Win32Exception("ffmpeg did not start");
            using var output = new MemoryStream();
            Task<string> errors = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.StandardOutput.BaseStream.CopyToAsync(output, cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            string error = await errors;
            return process.ExitCode == 0 && output.Length > 0 ? Thumbnail.FromImage("image/jpeg", output.ToArray()) : Thumbnail.None(error);
        }
    }
}
