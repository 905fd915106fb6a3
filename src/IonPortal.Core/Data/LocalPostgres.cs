using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace IonPortal.Core.Data;

public sealed class LocalPostgresOptions
{
    /// <summary>The cluster's folder; created on first start and kept unless <see cref="Throwaway"/>.</summary>
    public required string Directory { get; init; }

    /// <summary>For tests: no fsync, and the folder is deleted when the cluster stops.</summary>
    public bool Throwaway { get; init; }

    /// <summary>Where <c>initdb</c> and <c>pg_ctl</c> live; found on the machine when not given.</summary>
    public string? BinDirectory { get; init; }
}

public sealed class LocalPostgresException(string message) : Exception(message);

/// <summary>
/// A private PostgreSQL cluster started from the machine's server binaries, listening on 127.0.0.1
/// only. Development and the tests use it so nobody has to create a database by hand. As root the
/// binaries run as the <c>postgres</c> user, since PostgreSQL refuses to run as root.
/// </summary>
public sealed class LocalPostgres : IAsyncDisposable
{
    private readonly string _bin;
    private readonly bool _throwaway;
    private readonly ILogger _logger;
    private int _stopped;

    private LocalPostgres(string directory, string bin, int port, bool throwaway, ILogger logger)
    {
        Directory = directory;
        _bin = bin;
        Port = port;
        _throwaway = throwaway;
        _logger = logger;
    }

    public string Directory { get; }

    public int Port { get; }

    private string DataDirectory => Path.Combine(Directory, "data");

    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = Port,
            Username = "postgres",
            Database = database,
            MaxPoolSize = _throwaway ? 20 : 100,
        }.ConnectionString;

    public static async Task<LocalPostgres> StartAsync(LocalPostgresOptions options, ILogger? logger = null, CancellationToken ct = default)
    {
        logger ??= NullLogger.Instance;
        var bin = options.BinDirectory ?? FindBinDirectory()
            ?? throw new LocalPostgresException(
                "No PostgreSQL server binaries found (looked for initdb via pg_config --bindir and in /usr/lib/postgresql/*/bin). " +
                "Install PostgreSQL 15 or later, or set ConnectionStrings:IonPortal to an existing database.");

        var directory = PrepareDirectory(Path.GetFullPath(options.Directory), logger);
        var data = Path.Combine(directory, "data");
        if (!File.Exists(Path.Combine(data, "PG_VERSION")))
            await InitDbAsync(bin, data, options.Throwaway, logger, ct);

        if (RunningPort(bin, data) is { } runningPort)
        {
            logger.LogInformation("Reusing the local PostgreSQL already running in {Directory} on port {Port}", directory, runningPort);
            return new LocalPostgres(directory, bin, runningPort, options.Throwaway, logger);
        }

        var port = FreePort();
        var settings = $"-p {port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=''";
        if (options.Throwaway)
            settings += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300";
        await RunAsync(bin, "pg_ctl", ["-D", data, "-l", Path.Combine(directory, "postgres.log"), "-w", "-t", "60", "-o", settings, "start"], ct);
        logger.LogInformation("Started local PostgreSQL in {Directory} on 127.0.0.1:{Port}", directory, port);
        return new LocalPostgres(directory, bin, port, options.Throwaway, logger);
    }

    /// <summary>Creates a database, optionally as a copy of a template database.</summary>
    public async Task CreateDatabaseAsync(string name, string? template = null, CancellationToken ct = default)
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync(ct);
        var sql = $"CREATE DATABASE \"{name}\"" + (template is null ? "" : $" TEMPLATE \"{template}\"");
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct);
    }

    public async Task<bool> DatabaseExistsAsync(string name, CancellationToken ct = default)
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @n", connection);
        command.Parameters.AddWithValue("n", name);
        return await command.ExecuteScalarAsync(ct) is not null;
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
            return;
        NpgsqlConnection.ClearAllPools();
        try
        {
            await RunAsync(_bin, "pg_ctl", ["-D", DataDirectory, "-m", _throwaway ? "immediate" : "fast", "-w", "stop"], CancellationToken.None);
            _logger.LogInformation("Stopped local PostgreSQL in {Directory}", Directory);
        }
        catch (LocalPostgresException e)
        {
            _logger.LogWarning("Stopping local PostgreSQL failed: {Reason}", e.Message);
        }
        if (_throwaway)
        {
            try { System.IO.Directory.Delete(Directory, recursive: true); }
            catch (IOException) { /* a leftover temp folder is harmless */ }
        }
    }

    /// <summary>Stops a cluster left behind in a folder (if it still runs) and deletes the folder.</summary>
    public static async Task DiscardAsync(string directory, CancellationToken ct = default)
    {
        var data = Path.Combine(directory, "data");
        if (FindBinDirectory() is { } bin && RunningPort(bin, data) is not null)
        {
            try { await RunAsync(bin, "pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"], ct); }
            catch (LocalPostgresException) { /* it stopped meanwhile */ }
        }
        try { System.IO.Directory.Delete(directory, recursive: true); }
        catch (IOException) { /* half-deleted: the next run tries again */ }
        catch (UnauthorizedAccessException) { }
    }

    /// <summary>The server binaries: pg_config's answer, else the newest Debian-style install.</summary>
    public static string? FindBinDirectory()
    {
        static bool HasServer(string? dir) => dir is not null && File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "pg_ctl"));

        try
        {
            var fromPgConfig = Capture("pg_config", "--bindir")?.Trim();
            if (HasServer(fromPgConfig))
                return fromPgConfig;
        }
        catch (System.ComponentModel.Win32Exception) { /* pg_config is not installed */ }

        var debian = System.IO.Directory.Exists("/usr/lib/postgresql")
            ? System.IO.Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => (Dir: Path.Combine(d, "bin"), Version: double.TryParse(Path.GetFileName(d), System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : 0))
                .Where(d => HasServer(d.Dir))
                .OrderByDescending(d => d.Version)
                .Select(d => d.Dir)
            : [];
        return debian.Concat(["/usr/local/pgsql/bin", "/opt/homebrew/bin", "/usr/local/bin", "/usr/bin"]).FirstOrDefault(HasServer);
    }

    // .NET reads the user name from the effective uid on Unix.
    private static readonly bool IsRoot = !OperatingSystem.IsWindows() && Environment.UserName == "root";

    /// <summary>
    /// Creates the folder; as root, hands it to the postgres user. When postgres can't reach it
    /// (say, under /root), falls back to a folder under /var/tmp named after the wanted path.
    /// </summary>
    private static string PrepareDirectory(string wanted, ILogger logger)
    {
        System.IO.Directory.CreateDirectory(wanted);
        if (!IsRoot)
            return wanted;
        if (TryHandToPostgres(wanted))
            return wanted;

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(wanted)))[..12];
        var fallback = Path.Combine("/var/tmp", $"ionportal-postgres-{hash}");
        System.IO.Directory.CreateDirectory(fallback);
        if (!TryHandToPostgres(fallback))
            throw new LocalPostgresException($"The postgres user can't write to {wanted} nor to {fallback}.");
        logger.LogWarning("The postgres user can't reach {Wanted}; the local database lives in {Fallback} instead", wanted, fallback);
        return fallback;
    }

    private static bool TryHandToPostgres(string directory)
    {
        Capture("chown", "-R", "postgres:postgres", directory);
        return Exec("runuser", "-u", "postgres", "--", "test", "-w", directory) == 0;
    }

    private static async Task InitDbAsync(string bin, string data, bool throwaway, ILogger logger, CancellationToken ct)
    {
        string[] common = ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", .. throwaway ? new[] { "--no-sync" } : []];
        try
        {
            // ICU's root collation sorts names the way people expect ("b" before "C").
            await RunAsync(bin, "initdb", [.. common, "--locale-provider=icu", "--icu-locale=und", "--locale=C.UTF-8"], ct);
        }
        catch (LocalPostgresException e)
        {
            logger.LogWarning("initdb with ICU collation failed ({Reason}); using the C locale", e.Message);
            if (System.IO.Directory.Exists(data))
                System.IO.Directory.Delete(data, recursive: true);
            await RunAsync(bin, "initdb", [.. common, "--locale=C"], ct);
        }
    }

    /// <summary>The port of a cluster already running on this folder (left over by a killed process).</summary>
    private static int? RunningPort(string bin, string data)
    {
        var pidFile = Path.Combine(data, "postmaster.pid");
        if (!File.Exists(pidFile))
            return null;
        if (Exec(IsRoot ? "runuser" : Path.Combine(bin, "pg_ctl"), IsRoot ? ["-u", "postgres", "--", Path.Combine(bin, "pg_ctl"), "status", "-D", data] : ["status", "-D", data]) != 0)
            return null;
        var lines = File.ReadAllLines(pidFile);
        return lines.Length > 3 && int.TryParse(lines[3], out var port) ? port : null;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task RunAsync(string bin, string tool, string[] args, CancellationToken ct)
    {
        var path = Path.Combine(bin, tool);
        var start = IsRoot ? Info("runuser", ["-u", "postgres", "--", path, .. args]) : Info(path, args);
        start.WorkingDirectory = "/";
        using var process = Process.Start(start) ?? throw new LocalPostgresException($"Could not start {tool}.");
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var error = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0)
            throw new LocalPostgresException($"{tool} exited with {process.ExitCode}: {(await error).Trim()} {(await output).Trim()}".Trim());
    }

    private static ProcessStartInfo Info(string file, IEnumerable<string> args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        return info;
    }

    private static int Exec(string file, params string[] args)
    {
        using var process = Process.Start(Info(file, args))!;
        process.StandardOutput.ReadToEnd();
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode;
    }

    private static string? Capture(string file, params string[] args)
    {
        using var process = Process.Start(Info(file, args))!;
        var output = process.StandardOutput.ReadToEnd();
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? output : null;
    }
}
