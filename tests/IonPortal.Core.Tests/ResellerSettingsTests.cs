using IonPortal.Core.Accounts;
using IonPortal.Core.Data;
using IonPortal.Core.Resellers;
using IonPortal.Core.Validation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IonPortal.Core.Tests;

/// <summary>A reseller's settings: account information and its nickname rules, colours people can read, logos told by their bytes, the storefront's switches.</summary>
public class ResellerSettingsTests
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13];

    private static AccountDraft Account(string nickname, string timeZone = "America/Toronto") => new("SES Demo", "help@ses.test", "+1 613 555 0101", timeZone, nickname);

    [Fact]
    public async Task A_new_nickname_keeps_the_old_one_for_redirects_and_no_other_reseller_may_take_either()
    {
        await using var harness = await DomainHarness.CreateAsync("settings-nickname");
        var ses = await harness.AddResellerAsync("ses");
        var other = await harness.AddResellerAsync("other");
        var owner = await harness.AddStaffAsync(ses.Id, PortalRoles.Owner, "owner@ses.test");
        var otherOwner = await harness.AddStaffAsync(other.Id, PortalRoles.Owner, "owner@other.test");
        var sales = await harness.AddStaffAsync(ses.Id, PortalRoles.Sales, "sales@ses.test");

        async Task<T> AsAsync<T>(Guid reseller, PortalUser who, Func<ResellerSettings, Task<T>> work)
        {
            await using var scope = harness.Scope(reseller, who);
            return await work(scope.ServiceProvider.GetRequiredService<ResellerSettings>());
        }

        var forbidden = await AsAsync(ses.Id, sales, s => s.SaveAccountAsync(Account("ses-cloud")));
        var invalid = await AsAsync(ses.Id, owner, s => s.SaveAccountAsync(new AccountDraft(" ", "nope", "12", "Mars/Olympus", "No Spaces!")));
        var takenNow = await AsAsync(ses.Id, owner, s => s.SaveAccountAsync(Account("other")));
        var renamed = await AsAsync(ses.Id, owner, s => s.SaveAccountAsync(Account("ses-cloud")));
        var formerIsTaken = await AsAsync(other.Id, otherOwner, s => s.IsNicknameFreeAsync("ses"));
        var formerRefused = await AsAsync(other.Id, otherOwner, s => s.SaveAccountAsync(Account("ses")));
        var ownFormerIsFree = await AsAsync(ses.Id, owner, s => s.IsNicknameFreeAsync("ses"));
        var back = await AsAsync(ses.Id, owner, s => s.SaveAccountAsync(Account("ses")));

        Assert.Equal(OutcomeStatus.Forbidden, forbidden.Status);
        Assert.Equal(Problems.DisplayNameRequired, invalid.Errors["DisplayName"]);
        Assert.Equal(Problems.EmailInvalid, invalid.Errors["SupportEmail"]);
        Assert.Equal(Problems.PhoneInvalid, invalid.Errors["SupportPhone"]);
        Assert.Equal(Problems.TimeZoneUnknown, invalid.Errors["TimeZone"]);
        Assert.NotNull(invalid.Errors["Nickname"]);
        Assert.Equal(Problems.NicknameTaken, takenNow.Errors["Nickname"]);
        Assert.Equal(("ses-cloud", "America/Toronto"), (renamed.Value.Nickname, renamed.Value.TimeZone));
        Assert.False(formerIsTaken.Value);
        Assert.Equal(Problems.NicknameTaken, formerRefused.Errors["Nickname"]);
        Assert.True(ownFormerIsFree.Value);
        Assert.Equal("ses", back.Value.Nickname);
        await using var check = harness.Scope();
        var db = check.ServiceProvider.GetRequiredService<PortalDbContext>();
        Assert.Equal(["ses-cloud"], await db.Set<FormerNickname>().Where(f => f.ResellerId == ses.Id).Select(f => f.Nickname).ToListAsync());
        Assert.Equal("ses", (await check.ServiceProvider.GetRequiredService<ResellerDirectory>().FindByFormerNicknameAsync("SES-Cloud"))!.Nickname);
    }

    [Fact]
    public async Task Colours_must_carry_readable_text_logos_are_told_by_their_bytes_and_the_storefront_switches_are_kept()
    {
        await using var harness = await DomainHarness.CreateAsync("settings-branding");
        var ses = await harness.AddResellerAsync("ses");
        var owner = await harness.AddStaffAsync(ses.Id, PortalRoles.Owner, "owner@ses.test");
        await using var scope = harness.Scope(ses.Id, owner);
        var settings = scope.ServiceProvider.GetRequiredService<ResellerSettings>();

        var notHex = await settings.SaveColorsAsync("blue", "#12345");
        var unreadable = await settings.SaveColorsAsync("#0b5cab", "#808080");   // mid grey: 3.9:1 with white, 3.4:1 with dark text
        var saved = await settings.SaveColorsAsync("#0B5CAB", "#f7a600");
        var svg = await settings.SaveLogoAsync("<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>"u8.ToArray());
        var renamedExe = await settings.SaveLogoAsync([0x4D, 0x5A, 0x90, 0x00]);
        var tooLarge = await settings.SaveLogoAsync([.. Png, .. new byte[ResellerSettings.MaxLogoBytes]]);
        var logo = await settings.SaveLogoAsync(Png);
        var closed = await settings.SaveStorefrontAsync(false, StorefrontBranding.Platform, PortalAreas.All);

        Assert.Equal(Problems.ColorInvalid, notHex.Errors["PrimaryColor"]);
        Assert.Equal(Problems.ColorInvalid, notHex.Errors["AccentColor"]);
        Assert.Null(unreadable.Errors["PrimaryColor"]);
        Assert.Equal(Problems.ColorLowContrast, unreadable.Errors["AccentColor"]);
        Assert.Equal(("#0b5cab", "#f7a600"), (saved.Value.PrimaryColor, saved.Value.AccentColor));   // orange carries dark text
        Assert.Equal(Problems.LogoNotAnImage, svg.Errors["Logo"]);
        Assert.Equal(Problems.LogoNotAnImage, renamedExe.Errors["Logo"]);
        Assert.Equal(Problems.LogoTooLarge, tooLarge.Errors["Logo"]);
        Assert.NotNull(logo.Value.LogoUpdatedAt);
        Assert.Equal("image/png", (await scope.ServiceProvider.GetRequiredService<ResellerDirectory>().FindLogoAsync(ses.Id))!.ContentType);
        Assert.False(closed.Value.StorefrontEnabled);
        Assert.Equal(StorefrontBranding.Platform, closed.Value.StorefrontBranding);
        Assert.Equal(PortalAreas.All & ~(PortalAreas.Catalog | PortalAreas.Purchasing), closed.Value.PortalAreas);   // nothing to browse or buy without a storefront
    }
}
