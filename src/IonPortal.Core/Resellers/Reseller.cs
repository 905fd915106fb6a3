using IonPortal.Core.Data;
using IonPortal.Core.Tenancy;

namespace IonPortal.Core.Resellers;

/// <summary>A tenant: a reseller company selling the distributor's catalog to its own customers.</summary>
public sealed class Reseller : IChangeTagged
{
    IEnumerable<string> IChangeTagged.ChangeTags => [ChangeTags.Reseller(Id)];

    public static readonly string DefaultPrimaryColor = "#1f3b57";
    public static readonly string DefaultAccentColor = "#f59f00";

    public Guid Id { get; init; }

    /// <summary>The storefront's <c>accountName</c>: a valid <see cref="Resellers.Nickname"/>, lower-case.</summary>
    public string Nickname { get; init; } = "";

    /// <summary>The friendly name customers see on the storefront.</summary>
    public string DisplayName { get; set; } = "";

    /// <summary>Storefront header and buttons, <c>#rrggbb</c>.</summary>
    public string PrimaryColor { get; set; } = DefaultPrimaryColor;

    /// <summary>Links and highlights on the storefront, <c>#rrggbb</c>.</summary>
    public string AccentColor { get; set; } = DefaultAccentColor;

    /// <summary>Where customers write for help; null until the reseller sets one.</summary>
    public string? SupportEmail { get; set; }

    /// <summary>Set when a logo is uploaded; it versions the logo URL so browsers may cache it for good.</summary>
    public DateTimeOffset? LogoUpdatedAt { get; set; }

    /// <summary>Whether every staff member must sign in with a code from an authenticator app too.</summary>
    public bool RequireStaffTwoFactor { get; set; }

    public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>The reseller's logo image, kept apart so loading a reseller never drags the bytes along.</summary>
[SharedAcrossTenants("A reseller's logo is public: anyone may load it by the reseller's nickname.")]
public sealed class ResellerLogo : IChangeTagged
{
    IEnumerable<string> IChangeTagged.ChangeTags => [ChangeTags.Reseller(ResellerId)];

    public Guid ResellerId { get; init; }

    public string ContentType { get; set; } = "";

    public byte[] Content { get; set; } = [];
}
