using IonPortal.Core;
using IonPortal.Core.Accounts;
using IonPortal.Core.Approvals;
using IonPortal.Core.Customers;
using IonPortal.Core.MicrosoftTenants;
using IonPortal.Core.ProviderSandbox;
using IonPortal.Core.Data;
using IonPortal.Core.Catalog;
using IonPortal.Core.Pricing;
using IonPortal.Core.Resellers;
using IonPortal.Core.Storefronts;
using IonPortal.Core.SupportPlans;
using IonPortal.Core.Tenancy;
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

    /// <summary>
    /// Operators always sign in with a second step: the demo operator's authenticator key (add it to
    /// an authenticator app, or compute the code with any TOTP tool).
    /// </summary>
    public const string OperatorAuthenticatorKey = "IONPORTALDEMOKEYOPERATOR";

    public sealed record DemoReseller(string Nickname, string DisplayName, string PrimaryColor, string AccentColor,
        string SupportEmail, string AdminEmail, string AdminName, string CustomerName, string BuyerEmail, string BuyerName, string LogoSvg);

    public static readonly DemoReseller SesDemo = new("sesdemo", "SES Demo Solutions", "#0b5cab", "#f7a600",
        "support@sesdemo.test", "admin@sesdemo.test", "Sofía Estrada", "Contoso Ltd", "buyer@contoso.test", "Carlos Buyer",
        Logo("#0b5cab", "#f7a600", "SES"));

    public static readonly DemoReseller Northwind = new("northwind", "Northwind Cloud", "#0f766e", "#e0523f",
        "help@northwind.test", "admin@northwind.test", "Nora Winters", "Fabrikam Inc", "buyer@fabrikam.test", "Frank Buyer",
        Logo("#0f766e", "#e0523f", "NW"));

    private static readonly Actor Seeder = Actor.System("demo data");

    public static async Task SeedDemoDataAsync(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment() || !app.Configuration.GetValue("DemoData:Seed", true))
            return;
        await using var scope = app.Services.CreateAsyncScope();
        new WorkContext(Seeder).Enter(scope.ServiceProvider);
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var directory = scope.ServiceProvider.GetRequiredService<AccountDirectory>();
        var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow();

        if (!await directory.IsTakenAsync(SignInRealm.Console, OperatorEmail))
        {
            var op = PortalUser.Operator(OperatorEmail, "Olivia Operator", now);
            await CreateAsync(users, op);
            // The EF store's own names for the authenticator key (what ResetAuthenticatorKeyAsync writes).
            await users.SetAuthenticationTokenAsync(op, "[AspNetUserStore]", "AuthenticatorKey", OperatorAuthenticatorKey);
            await users.SetTwoFactorEnabledAsync(op, true);
        }
        await DemoCatalog.SeedAsync(db, now);
        await DemoCatalog.SeedSolutionsAsync(db, now);

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

            await using var tenantScope = app.Services.CreateAsyncScope();
            new WorkContext(Seeder, reseller.Id, reseller.Nickname).Enter(tenantScope.ServiceProvider);
            await SeedStorefrontAsync(tenantScope.ServiceProvider, demo);
            var customer = await SeedCustomerAsync(tenantScope.ServiceProvider, demo);
            if (!await directory.IsTakenAsync(SignInRealm.Storefront(reseller.Id), demo.BuyerEmail))
                await CreateAsync(users, PortalUser.CustomerPerson(reseller.Id, customer.Id, PortalRoles.CustomerAdmin, demo.BuyerEmail, demo.BuyerName, now));
            await SeedSignUpsAsync(tenantScope.ServiceProvider, demo, now);
            if (demo == Northwind)
            {
                await SeedMicrosoftTenantAsync(tenantScope.ServiceProvider, customer, now);
                await SeedProgramsAsync(db, reseller, now);
                await SeedBillingAsync(tenantScope.ServiceProvider, customer, now);
            }
        }
        await SeedSandboxTenantAsync(db, "contosodemo.onmicrosoft.com", null, "Contoso (another partner's)", isPartnersCustomer: false, now);
    }

    /// <summary>Northwind sells Microsoft: its CSP program is approved, so orders for Fabrikam can be placed at once (sesdemo is left to ask for it).</summary>
    private static async Task SeedProgramsAsync(PortalDbContext db, Reseller reseller, DateTimeOffset now)
    {
        if (await db.Set<Core.VendorPrograms.ProgramEnrollment>().AnyAsync(e => e.ResellerId == reseller.Id))
            return;
        db.Add(Core.VendorPrograms.ProgramEnrollment.Approved(reseller.Id, "microsoft-csp", $"{reseller.Nickname}.example", "demo data", now));
        await db.SaveChangesAsync();
    }

    /// <summary>
    /// Fabrikam is ready to buy Microsoft: its tenant is linked and the agreement accepted (Contoso
    /// is left for people to try both ways of linking). The sandbox also knows a tenant that is
    /// another partner's, so the prefix "contosodemo" shows as taken.
    /// </summary>
    private static async Task SeedMicrosoftTenantAsync(IServiceProvider services, Customer customer, DateTimeOffset now)
    {
        var db = services.GetRequiredService<PortalDbContext>();
        if (await db.Set<MicrosoftTenant>().AnyAsync(t => t.CustomerId == customer.Id))
            return;
        var tenant = await SeedSandboxTenantAsync(db, "fabrikamdemo.onmicrosoft.com", "fabrikam.test", customer.CompanyName, isPartnersCustomer: true, now);
        var link = MicrosoftTenant.For(customer);
        link.Link(tenant.Id, "fabrikam.test", createdHere: false, now);
        var agreement = CustomerAgreement.For(customer.Id, customer.ResellerId);
        agreement.Accept(new AgreementSigner("Frank", "Buyer", customer.ContactEmail, customer.ContactPhone ?? "+1 416 555 0199"), DateOnly.FromDateTime(now.UtcDateTime),
            services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Core.PartnerCenter.PartnerCenterOptions>>().Value.CustomerAgreementTemplateId, AgreementAcceptedBy.Customer, now);
        db.AddRange(link, agreement);
        await db.SaveChangesAsync();
    }

    /// <summary>
    /// Fabrikam runs an Azure plan (bought at the provider two months ago): last month's usage comes in
    /// as the file Partner Center's billing page gives (imported once), and its draft statement is made;
    /// this month's usage comes from the provider's daily feed, which the billing scheduler imports.
    /// </summary>
    private static async Task SeedBillingAsync(IServiceProvider services, Customer customer, DateTimeOffset now)
    {
        var db = services.GetRequiredService<PortalDbContext>();
        var tenantId = await db.Set<MicrosoftTenant>().Where(t => t.CustomerId == customer.Id).Select(t => t.TenantId).FirstAsync();
        var azurePlan = await db.Set<Plan>().Where(p => p.Product!.Kind == ProductKind.MeteredUsage && p.Product.Provider == "microsoft").Select(p => p.Sku).FirstOrDefaultAsync();
        if (tenantId is null || azurePlan is null)
            return;
        var lastMonth = Core.Billing.Months.Start(now).AddMonths(-1);
        if (!await db.Set<SandboxSubscription>().AnyAsync(s => s.TenantId == tenantId && s.OfferId == azurePlan))
        {
            db.Add(new SandboxSubscription
            {
                Id = Guid.CreateVersion7(now), TenantId = tenantId.Value, OrderId = Guid.Empty, LineNumber = 1, OfferId = azurePlan, Quantity = 1, BillingCycle = "monthly",
                TermDuration = "P1M", CreatedAt = new DateTimeOffset(lastMonth.AddMonths(-1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), CommitmentEnd = now.AddYears(1),
            });
            await db.SaveChangesAsync();
        }
        var currency = await db.Set<ProviderAuthorization>().Where(a => a.CustomerId == customer.Id && a.Provider == "microsoft").Select(a => a.Currency).FirstOrDefaultAsync() ?? "USD";
        // Imported on the first start of the month: later starts don't make and read the file again.
        var name = $"DailyRatedUsage_{lastMonth:yyyyMM}_{currency}.csv";
        if (await db.Set<Core.Billing.UsageImport>().AnyAsync(i => i.Name == name))
            return;
        using var file = new MemoryStream(Core.Billing.CsvText.File(await ProviderSandbox.SandboxUsage.FileAsync(db, currency, lastMonth)));
        var imported = await services.GetRequiredService<Core.Billing.UsageImporter>().ImportAsync(Core.Billing.UsageBatch.FromFile(name, file));
        if (imported.IsDone && imported.Value.Imported)
            await services.GetRequiredService<Core.Billing.StatementRun>().RunAsync(lastMonth);
    }

    private static async Task<SandboxTenant> SeedSandboxTenantAsync(PortalDbContext db, string domain, string? primaryDomain, string company, bool isPartnersCustomer, DateTimeOffset now)
    {
        if (await db.Set<SandboxTenant>().FirstOrDefaultAsync(t => t.Domain == domain) is { } existing)
            return existing;
        var tenant = new SandboxTenant
        {
            Id = Guid.NewGuid(), Domain = domain, PrimaryDomain = primaryDomain, CompanyName = company, Country = "US", CreatedAt = now, IsPartnersCustomer = isPartnersCustomer,
        };
        db.Add(tenant);
        await db.SaveChangesAsync();
        return tenant;
    }

    /// <summary>
    /// Each demo reseller prices its storefront with its own book (sesdemo: 15 % over cost in USD
    /// with an Adobe and a Security override and one fixed price; northwind: 20 % over cost in CAD
    /// with a Google override), shows some vendors, and offers two support plans.
    /// </summary>
    private static async Task SeedStorefrontAsync(IServiceProvider services, DemoReseller demo)
    {
        var books = services.GetRequiredService<PriceBooks>();
        if ((await books.AllAsync()).Count > 0)
            return;
        var db = services.GetRequiredService<PortalDbContext>();
        var vendors = await db.Set<Vendor>().ToDictionaryAsync(v => v.Name, v => v.Id);
        var setup = services.GetRequiredService<StorefrontSetup>();
        var plans = services.GetRequiredService<SupportPlanOffers>();
        if (demo == SesDemo)
        {
            var web = (await books.CreateAsync("Web store USD", PriceBasis.Cost, "USD", 15m)).Value!;
            await books.SetRuleAsync(web.Id, new RuleDraft(RuleScope.Vendor, VendorId: vendors["Adobe"], AdjustmentPercent: 10m));
            await books.SetRuleAsync(web.Id, new RuleDraft(RuleScope.Category, Category: "Security", AdjustmentPercent: 25m));
            var standardAnnual = await db.Set<Plan>().Where(p => p.Product!.Name == "Microsoft 365 Business Standard" && p.Term == Term.P1Y && p.Billing == BillingFrequency.Annual).Select(p => p.Id).FirstAsync();
            await books.SetRuleAsync(web.Id, new RuleDraft(RuleScope.Plan, PlanId: standardAnnual, FixedPrice: 149.00m));
            await books.CreateAsync("Partners MXN", PriceBasis.ListPrice, "MXN", -5m);
            await setup.SetPricingAsync(web.Id, null);
            await setup.SetVendorsAsync([vendors["Microsoft"], vendors["Google"], vendors["Adobe"], vendors["Acronis"], vendors["Dropbox"]]);
            await setup.SetProductShownAsync(await db.Set<Product>().Where(p => p.Name == "Dynamics 365 Sales Professional").Select(p => p.Id).FirstAsync(), false);
            await plans.CreateAsync(new SupportPlanDraft("Standard support", "Business-hours help by email and phone.", 8m, null, null));
            await plans.CreateAsync(new SupportPlanDraft("Premier support", "24/7 help with a named engineer.", 12m, 250m, "USD"));
        }
        else
        {
            var cad = (await books.CreateAsync("Northwind CAD", PriceBasis.Cost, "CAD", 20m)).Value!;
            await books.SetRuleAsync(cad.Id, new RuleDraft(RuleScope.Vendor, VendorId: vendors["Google"], AdjustmentPercent: 25m));
            await setup.SetPricingAsync(cad.Id, null);
            await setup.SetVendorsAsync([vendors["Microsoft"], vendors["Google"], vendors["Amazon Web Services"], vendors["Dropbox"]]);
            await plans.CreateAsync(new SupportPlanDraft("Care", "Help desk for your whole team.", 10m, null, null));
        }
    }

    /// <summary>
    /// The demo customer with a full profile, active, authorized for two providers: Contoso buys
    /// Microsoft at its own "Key accounts" prices (below the storefront's) and Adobe at the web
    /// store's; Fabrikam buys Microsoft and Google at Northwind's CAD prices. Fills in profiles
    /// left empty by databases seeded before customers had them.
    /// </summary>
    private static async Task<Customer> SeedCustomerAsync(IServiceProvider services, DemoReseller demo)
    {
        var customers = services.GetRequiredService<CustomerRecords>();
        var books = await services.GetRequiredService<PriceBooks>().AllAsync();
        var supportPlans = (await services.GetRequiredService<SupportPlanOffers>().ListAsync(new Core.Paging.PageRequest())).Items;
        var isSes = demo == SesDemo;
        var storeBook = books.First(b => b.Name == (isSes ? "Web store USD" : "Northwind CAD"));
        var keyAccounts = isSes ? books.FirstOrDefault(b => b.Name == "Key accounts USD") : storeBook;
        if (keyAccounts is null)
        {
            var priceBooks = services.GetRequiredService<PriceBooks>();
            keyAccounts = (await priceBooks.CreateAsync("Key accounts USD", PriceBasis.Cost, "USD", 8m)).Value!;
        }
        var draft = isSes
            ? new CustomerDraft(demo.CustomerName, "contoso.test", new ContactDetails("Carlos", "Buyer", demo.BuyerEmail, "+1 206 555 0142", "IT manager"),
                new PostalAddress("500 Pine Street", "Seattle", "WA", "98101", "US"), "en", "USD", storeBook.Id, supportPlans[0].Id)
            : new CustomerDraft(demo.CustomerName, "fabrikam.test", new ContactDetails("Frank", "Buyer", demo.BuyerEmail, "+1 416 555 0199", "Operations lead"),
                new PostalAddress("200 Bay Street", "Toronto", "ON", "M5J 2J1", "CA"), "en", "CAD", storeBook.Id, supportPlans[0].Id);

        var existing = await services.GetRequiredService<PortalDbContext>().Set<Customer>().AsNoTracking().FirstOrDefaultAsync(c => c.CompanyName == demo.CustomerName);
        var customer = existing switch
        {
            null => (await customers.CreateAsync(draft)).Value!,
            { ContactEmail: "" } => (await customers.UpdateAsync(existing.Id, draft))!.Value!,
            _ => existing,
        };
        if ((await customers.FindAsync(customer.Id))!.Authorizations.Count == 0)
        {
            await customers.AuthorizeAsync(customer.Id, "microsoft", keyAccounts.Id, keyAccounts.Currency, enabledInPortal: true);
            await customers.AuthorizeAsync(customer.Id, isSes ? "adobe" : "google", storeBook.Id, storeBook.Currency, enabledInPortal: true);
        }
        return customer;
    }

    /// <summary>
    /// Sign-ups: sesdemo reviews each one (email confirmed first, terms to accept) and has one
    /// waiting; northwind approves them automatically with its defaults.
    /// </summary>
    private static async Task SeedSignUpsAsync(IServiceProvider services, DemoReseller demo, DateTimeOffset now)
    {
        var db = services.GetRequiredService<PortalDbContext>();
        if (await db.Set<SignUpSettings>().AnyAsync())
            return;
        var isSes = demo == SesDemo;
        var book = (await services.GetRequiredService<PriceBooks>().AllAsync()).First(b => b.Name == (isSes ? "Web store USD" : "Northwind CAD"));
        var supportPlan = (await services.GetRequiredService<SupportPlanOffers>().ListAsync(new Core.Paging.PageRequest())).Items[0];
        await services.GetRequiredService<SignUpSetup>().SaveAsync(new SignUpSettingsDraft(
            AllowSignUp: true, RequireEmailConfirmation: true, RequireAddress: true,
            TermsText: isSes ? "Orders are billed monthly in arrears. Prices exclude taxes. SES Demo Solutions may suspend accounts with unpaid invoices after 30 days." : null,
            AutoApprove: !isSes, AllowedDomains: null, BlockedDomains: "mailinator.com, example.com",
            DefaultPriceBookId: book.Id, DefaultSupportPlanId: supportPlan.Id,
            DefaultProviders: isSes ? ["microsoft", "adobe"] : ["microsoft", "google"], DefaultEnabledInPortal: true));
        if (isSes)
        {
            // One request already waiting, so the queue has something to show (added as is, without emails).
            var waiting = new ApprovalRequest
            {
                Id = Guid.CreateVersion7(now), ResellerId = book.ResellerId, Kind = ApprovalKind.SignUp,
                CompanyName = "Tailspin Toys", ContactFirstName = "Lena", ContactLastName = "Park", ContactEmail = "lena@tailspintoys.test",
                ContactPhone = "+1 425 555 0107", ContactTitle = "Office manager", Street = "17 Harbor Road", City = "Portland", State = "OR", PostalCode = "97201", Country = "US",
                PreferredLanguage = "en", TermsAcceptedAt = now.AddHours(-3), CreatedAt = now.AddHours(-3),
            };
            waiting.Confirm(now.AddHours(-2));
            waiting.EnterQueue();
            db.Add(waiting);
            await db.SaveChangesAsync();
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
