using System.Runtime.InteropServices;

namespace Provenance.IO;

/// <summary>
/// Copies a byte range from one file to another inside the kernel (Linux <c>copy_file_range(2)</c>): the bytes go from
/// page cache to page cache (or are shared, on file systems with reflinks) and never through a user buffer, which on a
/// disk file system costs a fraction of a write. Elsewhere, or when the kernel refuses the pair of files, it says so
/// and the caller copies as usual.
/// </summary>
internal static partial class KernelCopy
{
    private static int s_unavailable = OperatingSystem.IsLinux() ? 0 : 1;

    /// <summary>Whether it is worth trying on this machine (Linux, and not refused as unsupported before).</summary>
    public static bool IsAvailable => Volatile.Read(ref s_unavailable) == 0;

    /// <summary>
    /// Copies up to <paramref name="count"/> bytes from <paramref name="input"/> at <paramref name="inputOffset"/> to
    /// <paramref name="output"/> at <paramref name="outputOffset"/>; returns the bytes copied (fewer at the input's end),
    /// or -1 when the kernel cannot copy between these two files (another file system, an unsupported kind of file).
    /// </summary>
    /// <exception cref="IOException">A read or write error.</exception>
    public static long Copy(SafeHandle input, long inputOffset, SafeHandle output, long outputOffset, long count)
    {
        bool inputAdded = false, outputAdded = false;
        try
        {
            input.DangerousAddRef(ref inputAdded);
            output.DangerousAddRef(ref outputAdded);
            int inputFd = (int)input.DangerousGetHandle();
            int outputFd = (int)output.DangerousGetHandle();
            long copied = 0;
            while (copied < count)
            {
                long fromOffset = inputOffset + copied;
                long toOffset = outputOffset + copied;
                nint n = CopyFileRange(inputFd, ref fromOffset, outputFd, ref toOffset, (nuint)Math.Min(count - copied, 1L << 30), 0);
                if (n > 0)
                {
                    copied += n;
                    continue;
                }

                if (n == 0)
                {
                    break; // the input's end
                }

                int error = Marshal.GetLastPInvokeError();
                switch (error)
                {
                    case Eintr:
                        continue;
                    case Exdev or Einval or Enosys or Eopnotsupp or Ebadf:
                        if (error is Enosys)
                        {
                            Volatile.Write(ref s_unavailable, 1);
                        }

                        return copied > 0 ? copied : -1;
                    default:
                        throw new IOException($"copy_file_range failed: {Marshal.GetPInvokeErrorMessage(error)} (errno {error}) at input offset {fromOffset}.", error);
                }
            }

            return copied;
        }
        finally
        {
            if (inputAdded)
            {
                input.DangerousRelease();
            }

            if (outputAdded)
            {
                output.DangerousRelease();
            }
        }
    }

    private const int Eintr = 4;
    private const int Ebadf = 9;
    private const int Exdev = 18;
    private const int Einval = 22;
    private const int Enosys = 38;
    private const int Eopnotsupp = 95;

#pragma warning disable SYSLIB1054 // LibraryImport would need unsafe code in this assembly; the signature is blittable.
    [DllImport("libc", EntryPoint = "copy_file_range", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern nint CopyFileRange(int inputFd, ref long inputOffset, int outputFd, ref long outputOffset, nuint length, uint flags);
#pragma warning restore SYSLIB1054
}
