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
    public string Nickname { get; set; } = "";

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

    /// <summary>Where customers call for help; null until the reseller sets one.</summary>
    public string? SupportPhone { get; set; }

    /// <summary>The reseller's time zone (IANA id), for the days and times its console shows.</summary>
    public string TimeZone { get; set; } = "UTC";

    /// <summary>Off: no catalog or purchasing; the customer portal stays for what the areas allow (reports, statements, dashboard).</summary>
    public bool StorefrontEnabled { get; set; } = true;

    /// <summary>Which storefront address the reseller's customers use: its own brand, or the platform's marketplace.</summary>
    public StorefrontBranding StorefrontBranding { get; set; }

    /// <summary>What its customers see in the customer portal.</summary>
    public PortalAreas PortalAreas { get; set; } = PortalAreas.All;

    /// <summary>Whether every staff member must sign in with a code from an authenticator app too.</summary>
    public bool RequireStaffTwoFactor { get; set; }

    public DateTimeOffset CreatedAt { get; init; }
}

public enum StorefrontBranding
{
    /// <summary>The reseller's name, logo and colours (/v2c/…).</summary>
    WhiteLabel,
    /// <summary>The platform's marketplace look (/marketplace/…).</summary>
    Platform,
}

/// <summary>The parts of the customer portal a reseller shows its customers.</summary>
[Flags]
public enum PortalAreas
{
    None = 0,
    Catalog = 1,
    Purchasing = 2,
    Dashboard = 4,
    Reports = 8,
    Statements = 16,
    Subscriptions = 32,
    Support = 64,
    All = Catalog | Purchasing | Dashboard | Reports | Statements | Subscriptions | Support,
}

/// <summary>A nickname a reseller used before: its old storefront addresses redirect to the new ones, and nobody else may take it.</summary>
[SharedAcrossTenants("Storefront addresses are public: any visitor's old link is looked up by its nickname.")]
public sealed class FormerNickname
{
    public string Nickname { get; init; } = "";

    public Guid ResellerId { get; init; }

    public DateTimeOffset RetiredAt { get; set; }
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
