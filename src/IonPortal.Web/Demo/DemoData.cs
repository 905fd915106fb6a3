using IonPortal.Core.Accounts;
using IonPortal.Core.Customers;
using IonPortal.Core.Data;
using IonPortal.Core.Resellers;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace IonPortal.Web.Demo;

/// <summary>
/// Two resellers with an owner, a customer and a buyer each, and a platform operator, so tenant
/// separation is visible from the first run. Development only; running it again changes nothing.
/// </summary>
public static class DemoData
{
    public const string Password = "IonPortal-Demo-1";
    public const string OperatorEmail = "operator@ionportal.test";

    public sealed record DemoReseller(string Nickname, string DisplayName, string PrimaryColor, string AccentColor,
        string SupportEmail, string AdminEmail, string AdminName, string CustomerName, string BuyerEmail, string BuyerName, string LogoSvg);

    public static readonly DemoReseller SesDemo = new("sesdemo", "SES Demo Solutions", "#0b5cab", "#f7a600",
        "support@sesdemo.test", "admin@sesdemo.test", "Sofía Estrada", "Contoso Ltd", "buyer@contoso.test", "Carlos Buyer",
        Logo("#0b5cab", "#f7a600", "SES"));

    public static readonly DemoReseller Northwind = new("northwind", "Northwind Cloud", "#0f766e", "#e0523f",
        "help@northwind.test", "admin@northwind.test", "Nora Winters", "Fabrikam Inc", "buyer@fabrikam.test", "Frank Buyer",
        Logo("#0f766e", "#e0523f", "NW"));

    public static async Task SeedDemoDataAsync(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment() || !app.Configuration.GetValue("DemoData:Seed", true))
            return;
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var directory = scope.ServiceProvider.GetRequiredService<AccountDirectory>();
        var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow();

        if (!await directory.IsTakenAsync(SignInRealm.Console, OperatorEmail))
            await CreateAsync(users, PortalUser.Operator(OperatorEmail, "Olivia Operator", now));

        foreach (var demo in new[] { SesDemo, Northwind })
        {
            var reseller = await db.Set<Reseller>().FirstOrDefaultAsync(r => r.Nickname == demo.Nickname);
            if (reseller is null)
            {
                reseller = new Reseller
                {
                    Id = Guid.CreateVersion7(now), Nickname = demo.Nickname, DisplayName = demo.DisplayName,
                    PrimaryColor = demo.PrimaryColor, AccentColor = demo.AccentColor, SupportEmail = demo.SupportEmail,
                    LogoUpdatedAt = now, CreatedAt = now,
                };
                db.Add(reseller);
                db.Add(new ResellerLogo { ResellerId = reseller.Id, ContentType = "image/svg+xml", Content = System.Text.Encoding.UTF8.GetBytes(demo.LogoSvg) });
                await db.SaveChangesAsync();
            }

            if (!await directory.IsTakenAsync(SignInRealm.Console, demo.AdminEmail))
                await CreateAsync(users, PortalUser.Staff(reseller.Id, PortalRoles.Owner, demo.AdminEmail, demo.AdminName, now));

            var customer = await db.Set<Customer>().IgnoreQueryFilters([PortalDbContext.TenantFilter])
                .FirstOrDefaultAsync(c => c.ResellerId == reseller.Id && c.CompanyName == demo.CustomerName);
            if (customer is null)
            {
                customer = new Customer { Id = Guid.CreateVersion7(now), ResellerId = reseller.Id, CompanyName = demo.CustomerName, CreatedAt = now };
                db.Add(customer);
                await db.SaveChangesAsync();
            }

            if (!await directory.IsTakenAsync(SignInRealm.Storefront(reseller.Id), demo.BuyerEmail))
                await CreateAsync(users, PortalUser.CustomerUser(reseller.Id, customer.Id, PortalRoles.CustomerAdmin, demo.BuyerEmail, demo.BuyerName, now));
        }
    }

    private static async Task CreateAsync(UserManager<PortalUser> users, PortalUser user)
    {
        user.EmailConfirmed = true;
        var result = await users.CreateAsync(user, Password);
        if (!result.Succeeded)
            throw new InvalidOperationException($"Demo user {user.Email}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
    }

    /// <summary>A simple square mark with the reseller's initials.</summary>
    private static string Logo(string primary, string accent, string initials) => $"""
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" role="img">
          <rect width="64" height="64" rx="14" fill="#ffffff"/>
          <rect x="6" y="6" width="52" height="52" rx="10" fill="{primary}"/>
          <path d="M6 44 L58 24 L58 48 Q58 58 48 58 L16 58 Q6 58 6 48 Z" fill="{accent}" opacity="0.9"/>
          <text x="32" y="38" text-anchor="middle" font-family="Segoe UI, Helvetica, Arial, sans-serif" font-size="{(initials.Length > 2 ? 18 : 22)}" font-weight="700" fill="#ffffff">{initials}</text>
        </svg>
        """;
}
