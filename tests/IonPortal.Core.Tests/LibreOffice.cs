using System.Diagnostics;

namespace IonPortal.Core.Tests;

/// <summary>LibreOffice, headless, to prove an export opens in a real spreadsheet (CI installs libreoffice-calc-nogui).</summary>
internal static class LibreOffice
{
    public static async Task<string> ConvertAsync(string path, string to, string outDir)
    {
        var soffice = new[] { "/usr/bin/soffice", "/usr/bin/libreoffice" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("LibreOffice is needed for this test: apt-get install libreoffice-calc-nogui (.ci/run installs it).");
        Directory.CreateDirectory(outDir);
        // Its own profile, so parallel runs and a root user in CI don't share or lock one.
        var profile = Directory.CreateTempSubdirectory("ionportal-lo-");
        var start = new ProcessStartInfo(soffice)
        {
            ArgumentList = { $"-env:UserInstallation=file://{profile.FullName}", "--headless", "--norestore", "--convert-to", to, "--outdir", outDir, path },
            RedirectStandardOutput = true, RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var output = await process.StandardOutput.ReadToEndAsync(timeout.Token) + await process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        profile.Delete(recursive: true);
        var extension = to.Split(':')[0];
        var converted = Path.Combine(outDir, Path.GetFileNameWithoutExtension(path) + "." + extension);
        return File.Exists(converted) ? converted : throw new InvalidOperationException($"LibreOffice didn't convert {path} to {to}: {output}");
    }
}
