using Bunit;
using System.Net;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using IonPortal.Web.Tests.Components;

namespace IonPortal.Web.Tests;

public partial class LocalizationTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task The_storefront_renders_in_Spanish_after_the_switch()
    {
        var client = factory.CreatePortalClient();
        var english = await client.GetAsync("/v2c/catalog?accountName=sesdemo");

        var switched = await client.GetAsync(english.Document.QuerySelector("a[hreflang=es]")!.GetAttribute("href")!);
        Assert.Equal("/v2c/catalog?accountName=sesdemo", switched.RedirectTo);
        var spanish = await client.FollowAsync(switched);

        Assert.Equal("es", spanish.Document.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Productos en la nube de SES Demo Solutions", spanish.Document.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal("Iniciar sesión", spanish.Document.QuerySelector("a[href='/v2c/signin?accountName=sesdemo']")!.TextContent.Trim());
        Assert.Equal("Registrarse", spanish.Document.QuerySelector("a[href='/v2c/signup?accountName=sesdemo']")!.TextContent.Trim());
        Assert.Equal("Buscar", spanish.Document.QuerySelector("label[for=catalog-q]")!.TextContent.Trim());
        Assert.Equal("true", spanish.Document.QuerySelector("a[hreflang=es]")!.GetAttribute("aria-current"));
    }

    [Fact]
    public async Task Validation_messages_follow_the_language()
    {
        var client = factory.CreatePortalClient();
        client.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("es-MX");

        var page = await client.SubmitFormAsync(await client.GetAsync("/account/signin"), "signin",
            new Dictionary<string, string> { ["Input.Email"] = "admin@sesdemo.test", ["Input.Password"] = "wrong password" });

        Assert.Contains("Correo o contraseña incorrectos.", page.Text);
        Assert.Equal("Contraseña", page.Document.QuerySelector("label[for=signin-password]")!.TextContent.Trim());
    }

    [Fact]
    public async Task The_domains_problems_show_next_to_their_fields_in_Spanish()
    {
        await using var ui = await Components.ComponentHarness.AsAsync(factory, "admin@sesdemo.test", "es-ES");
        var form = ui.Render<IonPortal.Web.Components.Console.Customers.CustomerForm>();
        form.WaitForElement("#customer-company");
        form.Type("customer-email", "no-es-un-correo");

        await form.SubmitAsync();

        form.WaitForAssertion(() => Assert.Equal("Escribe el nombre de la empresa.", form.ErrorFor("customer-company")));
        Assert.Equal("Escribe un correo electrónico válido.", form.ErrorFor("customer-email"));
    }

    [Fact]
    public async Task The_switch_only_returns_to_local_pages()
    {
        var client = factory.CreatePortalClient();

        var response = await client.GetAsync("/culture?culture=es&returnUrl=%2F%2Fevil.example%2Fphish");

        Assert.Equal(HttpStatusCode.Redirect, response.Status);
        Assert.Equal("/", response.RedirectTo);
    }

    [Fact]
    public void Every_UI_string_has_a_Spanish_translation_and_none_is_stale()
    {
        var root = RepositoryRoot();
        var used = new HashSet<string>(StringComparer.Ordinal);
        var web = Path.Combine(root, "src", "IonPortal.Web");
        foreach (var file in Directory.EnumerateFiles(web, "*.razor", SearchOption.AllDirectories).Concat(Directory.EnumerateFiles(web, "*.cs", SearchOption.AllDirectories)))
        {
            var text = File.ReadAllText(file);
            foreach (Match m in LocalizerKey().Matches(text))
                used.Add(Unescape(m.Groups[1].Value));
            foreach (Match m in AttributeMessage().Matches(text))
                used.Add(Unescape(m.Groups[1].Value));
        }
        // The domain's problems have their own vocabulary (IonPortal.Core's Problems resources, tested there).

        var spanish = XDocument.Load(Path.Combine(web, "Localization", "Ui.es.resx")).Root!.Elements("data")
            .ToDictionary(d => d.Attribute("name")!.Value, d => d.Element("value")!.Value);

        Assert.Empty(used.Where(k => !spanish.ContainsKey(k)).Order());
        Assert.Empty(spanish.Keys.Where(k => !used.Contains(k)).Order());
        Assert.Empty(spanish.Where(e => string.IsNullOrWhiteSpace(e.Value)).Select(e => e.Key));
    }

    [Fact]
    public async Task A_console_list_speaks_Spanish_down_to_the_pager()
    {
        await using var ui = await Components.ComponentHarness.AsAsync(factory, "admin@sesdemo.test", "es-ES");

        var list = ui.RenderAt<IonPortal.Web.Components.Console.Customers.CustomerList>("/console/customers");
        Components.RenderedPages.Rows(list);

        Assert.Equal("Clientes", list.Find("h1").TextContent.Trim());
        Assert.Contains(list.FindAll("th"), th => th.TextContent.Contains("Empresa"));
        Assert.NotNull(list.Find("button[aria-label='Página siguiente']"));
    }

    [Fact]
    public void Every_MudBlazor_string_has_a_Spanish_translation_and_none_is_stale()
    {
        // MudBlazor's own words (pager, dialogs, pickers): the keys of its built-in English resource.
        var mud = typeof(MudBlazor.MudButton).Assembly;
        var resource = mud.GetManifestResourceNames().Single(n => n.EndsWith("LanguageResource.resources", StringComparison.Ordinal));
        using var reader = new System.Resources.ResourceReader(mud.GetManifestResourceStream(resource)!);
        var keys = reader.Cast<System.Collections.DictionaryEntry>().Select(e => (string)e.Key).ToHashSet(StringComparer.Ordinal);
        var spanish = XDocument.Load(Path.Combine(RepositoryRoot(), "src", "IonPortal.Web", "Localization", "MudBlazorText.es.resx")).Root!.Elements("data")
            .ToDictionary(d => d.Attribute("name")!.Value, d => d.Element("value")!.Value);

        Assert.NotEmpty(keys);
        Assert.Empty(keys.Where(k => !spanish.ContainsKey(k)).Order());
        Assert.Empty(spanish.Keys.Where(k => !keys.Contains(k)).Order());
        Assert.Empty(spanish.Where(e => string.IsNullOrWhiteSpace(e.Value)).Select(e => e.Key));
    }

    private static string Unescape(string key) => key.Replace("\\\"", "\"");

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "IonPortal.sln")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Run the tests from the repository.");
    }

    [GeneratedRegex("""L\["((?:[^"\\]|\\.)*)"[\],]""")]
    private static partial Regex LocalizerKey();

    [GeneratedRegex("""ErrorMessage\s*=\s*"((?:[^"\\]|\\.)*)""")]
    private static partial Regex AttributeMessage();
}
