using IonPortal.Core.Data;

namespace IonPortal.Core.Catalog;

/// <summary>A software maker whose products the distributor sells (Microsoft, Adobe, …).</summary>
public sealed class Vendor : IChangeTagged
{
    public Guid Id { get; init; }

    public string Name { get; set; } = "";

    public string? Website { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    IEnumerable<string> IChangeTagged.ChangeTags => [ChangeTags.Catalog];
}
