using IonPortal.Core.Paging;
using IonPortal.Core.Accounts;
using IonPortal.Core.Data;
using IonPortal.Core.Tenancy;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IonPortal.Core.Auditing;

/// <summary>A change that matters: who made it, when, and the state before and after.</summary>
[SharedAcrossTenants("Platform changes (the catalog) have no reseller; AuditTrail reads only the current reseller's events.")]
public sealed class AuditEvent
{
    public Guid Id { get; init; }

    /// <summary>The reseller whose data changed; null for platform changes (the catalog).</summary>
    public Guid? ResellerId { get; init; }

    public Guid? ActorUserId { get; init; }

    public string ActorName { get; init; } = "";

    /// <summary>What happened, e.g. <c>price-book.rule-set</c>.</summary>
    public string Action { get; init; } = "";

    public string EntityType { get; init; } = "";

    public Guid EntityId { get; init; }

    /// <summary>JSON snapshot before the change; null when something was created.</summary>
    public string? Before { get; init; }

    /// <summary>JSON snapshot after the change; null when something was removed.</summary>
    public string? After { get; init; }

    public DateTimeOffset At { get; init; }
}

internal sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> b)
    {
        b.ToTable("audit_events");
        b.Property(e => e.ActorName).HasMaxLength(256);
        b.Property(e => e.Action).HasMaxLength(60);
        b.Property(e => e.EntityType).HasMaxLength(60);
        b.Property(e => e.Before).HasColumnType("jsonb");
        b.Property(e => e.After).HasColumnType("jsonb");
        b.HasIndex(e => new { e.ResellerId, e.EntityType, e.EntityId, e.At });
        b.HasIndex(e => new { e.ResellerId, e.At });   // the audit log, newest first
    }
}

/// <summary>
/// Writes audit events in the caller's unit of work (they commit with the change they describe)
/// and reads an entity's history for the current reseller.
/// </summary>
public sealed class AuditTrail(PortalDbContext db, TenantContext tenant, CurrentActor actor, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <param name="actorName">Who acted when it isn't the signed-in person: a visitor signing up, an automatic decision.</param>
    public void Record(string action, string entityType, Guid entityId, object? before, object? after, Guid? resellerId = null, string? actorName = null)
    {
        var now = clock.GetUtcNow();
        db.Add(new AuditEvent
        {
            Id = Guid.CreateVersion7(now),
            ResellerId = resellerId ?? tenant.ResellerId,
            ActorUserId = actor.UserId,
            ActorName = actorName ?? actor.Name,
            Action = action,
            EntityType = entityType,
            EntityId = entityId,
            Before = before is null ? null : JsonSerializer.Serialize(before, Json),
            After = after is null ? null : JsonSerializer.Serialize(after, Json),
            At = now,
        });
    }

    /// <summary>Newest first. Only the current reseller's events (or the platform's, without a tenant).</summary>
    public Task<Page<AuditEvent>> HistoryAsync(string entityType, Guid entityId, PageRequest page, CancellationToken ct = default) =>
        db.Set<AuditEvent>().AsNoTracking()
            .Where(e => e.ResellerId == tenant.ResellerId && e.EntityType == entityType && e.EntityId == entityId)
            .OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
            .ToPageAsync(page, ct);

    /// <summary>
    /// The current reseller's audit log, newest first, paged in the database: by who acted (a part
    /// of their name), what kind of thing changed, and when (whole days, UTC, both ends included).
    /// </summary>
    public Task<Page<AuditEvent>> SearchAsync(string? who, string? entityType, DateOnly? from, DateOnly? to, PageRequest page, CancellationToken ct = default)
    {
        var events = db.Set<AuditEvent>().AsNoTracking().Where(e => e.ResellerId == tenant.ResellerId);
        if (SearchPattern.Contains(who) is { } pattern)
            events = events.Where(e => EF.Functions.ILike(e.ActorName, pattern));
        if (!string.IsNullOrEmpty(entityType))
            events = events.Where(e => e.EntityType == entityType);
        if (from is { } first)
        {
            var start = new DateTimeOffset(first.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            events = events.Where(e => e.At >= start);
        }
        if (to is { } last)
        {
            var end = new DateTimeOffset(last.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            events = events.Where(e => e.At < end);
        }
        return events.OrderByDescending(e => e.At).ThenByDescending(e => e.Id).ToPageAsync(page, ct);
    }

    /// <summary>A snapshot's fields as name/value pairs, for showing before and after side by side; null for a field without a value.</summary>
    public static IReadOnlyDictionary<string, string?> Fields(string? snapshot) =>
        snapshot is null
            ? new Dictionary<string, string?>()
            : JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(snapshot, Json)!
                .ToDictionary(p => p.Key, p => p.Value.ValueKind switch
                {
                    JsonValueKind.Null => (string?)null,
                    // 20.0000 from a numeric column reads as 20.
                    JsonValueKind.Number => p.Value.GetDecimal().ToString("0.####", System.Globalization.CultureInfo.InvariantCulture),
                    _ => p.Value.ToString(),
                });
}
