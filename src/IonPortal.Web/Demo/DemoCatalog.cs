using IonPortal.Core.Catalog;
using IonPortal.Core.Data;
using IonPortal.Core.Pricing;
using Microsoft.EntityFrameworkCore;

namespace IonPortal.Web.Demo;

/// <summary>
/// A realistic demo catalog: 60 products of six vendors, about 150 plans, each priced in the six
/// catalog currencies. Seat products get a monthly-term plan and an annual one (Microsoft and
/// Google also annual-term billed monthly, the big suites a 3-year term); metered ones bill usage.
/// </summary>
public static class DemoCatalog
{
    private sealed record VendorSeed(string Code, string Name, string Website, string Provider, decimal CostShare);

    private sealed record ProductSeed(string Vendor, string Name, string Category, decimal MonthlyUsd, string ShortDescription, string Unit = "user", bool Metered = false, bool ThreeYear = false);

    private static readonly VendorSeed[] Vendors =
    [
        new("MSFT", "Microsoft", "https://www.microsoft.com", "microsoft", 0.85m),
        new("GOOG", "Google", "https://workspace.google.com", "google", 0.85m),
        new("AWS", "Amazon Web Services", "https://aws.amazon.com", "aws", 0.95m),
        new("ADBE", "Adobe", "https://www.adobe.com", "adobe", 0.87m),
        new("ACRN", "Acronis", "https://www.acronis.com", "direct", 0.70m),
        new("DBX", "Dropbox", "https://www.dropbox.com", "direct", 0.80m),
    ];

    private static readonly ProductSeed[] Products =
    [
        new("MSFT", "Microsoft 365 Business Basic", "Productivity", 6.00m, "Web and mobile Office apps, Teams, business email and 1 TB of cloud storage per user."),
        new("MSFT", "Microsoft 365 Business Standard", "Productivity", 12.50m, "Desktop Office apps plus everything in Business Basic, for businesses up to 300 users."),
        new("MSFT", "Microsoft 365 Business Premium", "Productivity", 22.00m, "Business Standard with advanced security, device management and threat protection.", ThreeYear: true),
        new("MSFT", "Microsoft 365 E3", "Productivity", 36.00m, "Enterprise productivity suite with compliance, identity and device management.", ThreeYear: true),
        new("MSFT", "Microsoft 365 E5", "Productivity", 57.00m, "The complete enterprise suite: E3 plus advanced security, analytics and voice.", ThreeYear: true),
        new("MSFT", "Office 365 E1", "Productivity", 10.00m, "Web versions of the Office apps with email, file storage and Teams."),
        new("MSFT", "Exchange Online (Plan 1)", "Email", 4.00m, "Business email with a 50 GB mailbox, calendar and contacts."),
        new("MSFT", "Exchange Online (Plan 2)", "Email", 8.00m, "Business email with unlimited archiving and data-loss prevention."),
        new("MSFT", "Microsoft Teams Essentials", "Collaboration", 4.00m, "Meetings, chat and file sharing for small teams."),
        new("MSFT", "Microsoft Teams Premium", "Collaboration", 10.00m, "Intelligent recaps, branded meetings and advanced webinars for Teams."),
        new("MSFT", "Power BI Pro", "Analytics", 14.00m, "Self-service analytics: build, share and collaborate on reports."),
        new("MSFT", "Power BI Premium Per User", "Analytics", 24.00m, "Power BI Pro with larger models, paginated reports and AI features."),
        new("MSFT", "Visio Plan 2", "Productivity", 15.00m, "Professional diagramming with the Visio desktop app."),
        new("MSFT", "Project Plan 3", "Productivity", 30.00m, "Project and portfolio management with the Project desktop client."),
        new("MSFT", "Microsoft Defender for Endpoint P1", "Security", 3.00m, "Next-generation antivirus and attack-surface reduction for devices."),
        new("MSFT", "Microsoft Defender for Business", "Security", 3.00m, "Endpoint protection built for businesses up to 300 users."),
        new("MSFT", "Microsoft Intune Plan 1", "Security", 8.00m, "Manage and secure phones, tablets and computers from the cloud."),
        new("MSFT", "Microsoft Entra ID P1", "Identity", 6.00m, "Single sign-on, multifactor authentication and conditional access."),
        new("MSFT", "Microsoft Entra ID P2", "Identity", 9.00m, "Entra ID P1 with identity protection and privileged identity management."),
        new("MSFT", "Microsoft 365 Copilot", "AI", 30.00m, "The AI assistant in Word, Excel, PowerPoint, Outlook and Teams."),
        new("MSFT", "Dynamics 365 Business Central Essentials", "Business apps", 80.00m, "Finance, sales, purchasing and inventory for growing businesses."),
        new("MSFT", "Dynamics 365 Sales Professional", "Business apps", 65.00m, "Sales force automation with pipeline, forecasting and Outlook integration."),
        new("MSFT", "Windows 365 Business 2 vCPU 8 GB", "Virtual desktops", 41.00m, "A Cloud PC with Windows 11, reachable from any device."),
        new("MSFT", "Azure plan", "Infrastructure", 100.00m, "Pay-as-you-go Azure services: compute, storage, networking and more.", Unit: "100 units of usage", Metered: true),
        new("GOOG", "Google Workspace Business Starter", "Productivity", 7.20m, "Gmail, Meet, Chat, Docs and 30 GB of storage per user."),
        new("GOOG", "Google Workspace Business Standard", "Productivity", 14.40m, "Business Starter with 2 TB per user, recordings and appointment booking."),
        new("GOOG", "Google Workspace Business Plus", "Productivity", 21.60m, "Business Standard with Vault, advanced endpoint management and 5 TB per user."),
        new("GOOG", "Google Workspace Enterprise Standard", "Productivity", 27.60m, "Enterprise-grade security, data regions and as much storage as you need."),
        new("GOOG", "Gemini Business add-on", "AI", 24.00m, "Gemini in Gmail, Docs, Sheets, Slides and Meet."),
        new("GOOG", "Google Vault", "Compliance", 5.00m, "Retention, search and export for Workspace data."),
        new("GOOG", "Chrome Enterprise Upgrade", "Devices", 6.00m, "Cloud management and security for ChromeOS devices.", Unit: "device"),
        new("GOOG", "Google Cloud usage", "Infrastructure", 100.00m, "Google Cloud services billed on what you use.", Unit: "100 units of usage", Metered: true),
        new("GOOG", "Google Voice Standard", "Communications", 20.00m, "Business phone numbers and calling for up to 10 locations."),
        new("GOOG", "AppSheet Core", "Business apps", 12.00m, "Build no-code apps and automations on top of your data."),
        new("AWS", "Amazon EC2 compute", "Infrastructure", 4.16m, "Resizable virtual servers in the AWS cloud.", Unit: "100 vCPU-hours", Metered: true),
        new("AWS", "Amazon S3 storage", "Storage", 2.30m, "Object storage with eleven nines of durability.", Unit: "100 GB-month", Metered: true),
        new("AWS", "Amazon RDS for PostgreSQL", "Databases", 7.20m, "Managed PostgreSQL with backups, patching and failover.", Unit: "100 instance-hours", Metered: true),
        new("AWS", "AWS Lambda", "Infrastructure", 0.20m, "Run code without servers, billed per request.", Unit: "1 million requests", Metered: true),
        new("AWS", "Amazon CloudFront", "Networking", 8.50m, "Content delivery network with edge locations worldwide.", Unit: "100 GB transferred", Metered: true),
        new("AWS", "Amazon WorkSpaces Standard", "Virtual desktops", 35.00m, "Managed Windows desktops in the cloud."),
        new("AWS", "AWS Business Support", "Support", 10.00m, "24/7 technical support by phone, chat and email.", Unit: "100 units of usage", Metered: true),
        new("AWS", "Amazon Connect", "Communications", 18.00m, "Cloud contact centre, billed per minute of use.", Unit: "1,000 minutes", Metered: true),
        new("ADBE", "Acrobat Pro for teams", "Documents", 23.99m, "Create, edit, sign and protect PDFs on any device."),
        new("ADBE", "Acrobat Standard for teams", "Documents", 14.99m, "Edit, sign and share PDFs from desktop and web."),
        new("ADBE", "Creative Cloud All Apps for teams", "Creative", 89.99m, "More than 20 creative apps, including Photoshop, Illustrator and Premiere Pro."),
        new("ADBE", "Photoshop for teams", "Creative", 37.99m, "Image editing and compositing, with generative fill."),
        new("ADBE", "Illustrator for teams", "Creative", 37.99m, "Vector graphics for logos, icons and illustrations."),
        new("ADBE", "InDesign for teams", "Creative", 37.99m, "Page design and layout for print and digital publishing."),
        new("ADBE", "Premiere Pro for teams", "Creative", 37.99m, "Professional video editing for film, TV and the web."),
        new("ADBE", "After Effects for teams", "Creative", 37.99m, "Motion graphics and visual effects."),
        new("ADBE", "Adobe Express for teams", "Creative", 7.99m, "Quick social graphics, flyers and short videos from templates."),
        new("ADBE", "Adobe Stock for teams", "Creative", 29.99m, "Ten licensed photos, videos or templates a month.", Unit: "licence"),
        new("ADBE", "Acrobat Sign Solutions", "Documents", 29.99m, "E-signatures with workflows, payments and integrations."),
        new("ACRN", "Acronis Cyber Protect Cloud", "Backup", 6.50m, "Backup, disaster recovery and anti-malware for servers and workstations.", Unit: "workload"),
        new("ACRN", "Acronis Microsoft 365 Backup", "Backup", 2.50m, "Backup of Exchange, OneDrive, SharePoint and Teams data."),
        new("ACRN", "Acronis Advanced Security + XDR", "Security", 4.00m, "Extended detection and response across endpoints, email and identity.", Unit: "workload"),
        new("DBX", "Dropbox Business Standard", "Storage", 15.00m, "5 TB of shared storage with admin controls and file recovery."),
        new("DBX", "Dropbox Business Advanced", "Storage", 24.00m, "As much storage as a team needs, with advanced admin and compliance."),
        new("DBX", "Dropbox Sign Standard", "Documents", 25.00m, "Send documents for e-signature with templates and reminders."),
        new("DBX", "Dropbox Replay", "Collaboration", 9.00m, "Review and approve video and audio with frame-accurate comments."),
    ];

    /// <summary>Units of each currency per US dollar, for the demo's prices only.</summary>
    private static readonly (string Currency, decimal PerUsd)[] Rates =
        [("USD", 1m), ("CAD", 1.37m), ("MXN", 17.50m), ("BRL", 5.40m), ("COP", 4000m), ("EUR", 0.92m)];

    /// <summary>Families in which an annual subscription may move up or down a plan.</summary>
    private static readonly string[][] UpgradeFamilies =
    [
        ["Microsoft 365 Business Basic", "Microsoft 365 Business Standard", "Microsoft 365 Business Premium", "Microsoft 365 E3", "Microsoft 365 E5"],
        ["Exchange Online (Plan 1)", "Exchange Online (Plan 2)"],
        ["Power BI Pro", "Power BI Premium Per User"],
        ["Google Workspace Business Starter", "Google Workspace Business Standard", "Google Workspace Business Plus", "Google Workspace Enterprise Standard"],
        ["Acrobat Standard for teams", "Acrobat Pro for teams"],
        ["Dropbox Business Standard", "Dropbox Business Advanced"],
    ];

    public static async Task SeedAsync(PortalDbContext db, DateTimeOffset now)
    {
        if (await db.Set<Vendor>().AnyAsync())
            return;
        var vendors = Vendors.ToDictionary(v => v.Code, v => new Vendor { Id = Guid.CreateVersion7(now), Name = v.Name, Website = v.Website, CreatedAt = now });
        db.AddRange(vendors.Values);

        var annualPlans = new Dictionary<string, Guid>();
        var number = 0;
        foreach (var seed in Products)
        {
            number++;
            var vendor = Vendors.Single(v => v.Code == seed.Vendor);
            var product = new Product
            {
                Id = Guid.CreateVersion7(now), VendorId = vendors[seed.Vendor].Id, Name = seed.Name, Category = seed.Category,
                ShortDescription = seed.ShortDescription, Description = seed.ShortDescription,
                Kind = seed.Metered ? ProductKind.MeteredUsage : ProductKind.SeatLicence, Provider = vendor.Provider, CreatedAt = now,
            };
            db.Add(product);
            foreach (var (term, billing, name, monthlyFactor) in PlansFor(seed))
            {
                var sku = $"{seed.Vendor}-{number:000}-{term}-{billing.ToString()[..3].ToUpperInvariant()}";
                var plan = new Plan { Id = Guid.CreateVersion7(now), ProductId = product.Id, Sku = sku, Name = name, Term = term, Billing = billing, Unit = seed.Unit, CreatedAt = now };
                foreach (var (currency, rate) in Rates)
                {
                    var list = Money.Round(seed.MonthlyUsd * monthlyFactor * rate);
                    plan.Prices.Add(new PlanPrice { PlanId = plan.Id, Currency = currency, ListPrice = list, Cost = Money.Round(list * vendor.CostShare) });
                }
                db.Add(plan);
                if (term == Term.P1Y && billing == BillingFrequency.Annual)
                    annualPlans[seed.Name] = plan.Id;
            }
        }
        foreach (var family in UpgradeFamilies)
        {
            for (var i = 0; i + 1 < family.Length; i++)
            {
                db.Add(new PlanUpgrade { FromPlanId = annualPlans[family[i]], ToPlanId = annualPlans[family[i + 1]] });
                db.Add(new PlanUpgrade { FromPlanId = annualPlans[family[i + 1]], ToPlanId = annualPlans[family[i]] });
            }
        }
        await db.SaveChangesAsync();
    }

    private static IEnumerable<(Term, BillingFrequency, string, decimal)> PlansFor(ProductSeed seed)
    {
        if (seed.Metered)
        {
            yield return (Term.P1M, BillingFrequency.Monthly, "Pay as you go", 1m);
            yield break;
        }
        // A monthly term costs 20 % more than committing for a year.
        yield return (Term.P1M, BillingFrequency.Monthly, "Monthly commitment", 1.2m);
        if (seed.Vendor is "MSFT" or "GOOG")
            yield return (Term.P1Y, BillingFrequency.Monthly, "Annual commitment, billed monthly", 1m);
        yield return (Term.P1Y, BillingFrequency.Annual, "Annual commitment, billed annually", 12m);
        if (seed.ThreeYear)
            yield return (Term.P3Y, BillingFrequency.Annual, "Three-year commitment, billed annually", 11.4m);
    }

    /// <summary>The click-to-run solutions (article 001): one product per deployable template, sold for a one-time deployment fee.</summary>
    private static readonly (string Code, string Name, string Description, decimal Usd)[] Solutions =
    [
        ("c2r-landing-zone", "Azure landing zone", "A governed starting point: management groups, policies, a hub network and logging, deployed into your Azure.", 1500m),
        ("c2r-virtual-desktop", "Azure Virtual Desktop starter", "A host pool with session hosts and a workspace, ready for your users to sign in.", 900m),
        ("c2r-backup-vault", "Azure Backup vault", "A Recovery Services vault with a daily backup policy and the retention you choose.", 300m),
    ];

    public static async Task SeedSolutionsAsync(PortalDbContext db, DateTimeOffset now)
    {
        const string vendorName = "Azure click-to-run";
        if (await db.Set<Vendor>().AnyAsync(v => v.Name == vendorName))
            return;
        var vendor = new Vendor { Id = Guid.CreateVersion7(now), Name = vendorName, Website = "https://azure.microsoft.com", CreatedAt = now };
        db.Add(vendor);
        foreach (var (code, name, description, usd) in Solutions)
        {
            var product = new Product
            {
                Id = Guid.CreateVersion7(now), VendorId = vendor.Id, Name = name, ExternalId = code, Category = "Azure solutions", ShortDescription = description,
                Description = description, Kind = ProductKind.Solution, Provider = "microsoft", CreatedAt = now,
            };
            var plan = new Plan
            {
                Id = Guid.CreateVersion7(now), ProductId = product.Id, Sku = code.ToUpperInvariant() + "-DEPLOY", Name = "Deployment", Term = Term.P1M,
                Billing = BillingFrequency.OneTime, Unit = "deployment", MinQuantity = 1, MaxQuantity = 1, CreatedAt = now,
            };
            foreach (var (currency, rate) in Rates)
                plan.Prices.Add(new PlanPrice { PlanId = plan.Id, Currency = currency, ListPrice = Money.Round(usd * rate), Cost = Money.Round(usd * rate * 0.8m) });
            db.AddRange(product, plan);
        }
        await db.SaveChangesAsync();
    }
}
