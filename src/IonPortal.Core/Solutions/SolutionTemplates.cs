using System.Text.RegularExpressions;
using IonPortal.Core.Validation;

namespace IonPortal.Core.Solutions;

/// <summary>A value a solution's deployment asks for: free text held to a pattern, or one of a few choices.</summary>
public sealed record SolutionParameter(string Name, string Label, string? Pattern = null, IReadOnlyList<string>? Choices = null, string? Default = null);

/// <summary>A deployable solution (an Azure template) and what it asks for; a catalog product of kind Solution names it by its code.</summary>
public sealed record SolutionTemplate(string Code, IReadOnlyList<SolutionParameter> Parameters);

/// <summary>
/// The click-to-run solutions the platform can deploy (article 001): each is an Azure template with
/// parameters. The catalog sells them (a product of kind Solution whose external id is the code);
/// a customer's admin requests one with its parameters and the request is provisioned as an order line.
/// </summary>
public static class SolutionTemplates
{
    public static readonly IReadOnlyList<string> Regions = ["eastus", "westus2", "canadacentral", "brazilsouth", "westeurope"];

    private const string ResourceName = "^[a-z][a-z0-9-]{2,23}$";

    public static readonly IReadOnlyList<SolutionTemplate> All =
    [
        new("c2r-landing-zone",
        [
            new("region", "Azure region", Choices: Regions, Default: "eastus"),
            new("environment", "Environment name", Pattern: ResourceName),
            new("addressSpace", "Address space (CIDR)", Pattern: @"^10\.\d{1,3}\.0\.0/16$", Default: "10.10.0.0/16"),
        ]),
        new("c2r-virtual-desktop",
        [
            new("region", "Azure region", Choices: Regions, Default: "eastus"),
            new("hostPool", "Host pool name", Pattern: ResourceName),
            new("sessionHosts", "Session hosts", Choices: ["2", "4", "8"], Default: "2"),
        ]),
        new("c2r-backup-vault",
        [
            new("region", "Azure region", Choices: Regions, Default: "eastus"),
            new("vault", "Vault name", Pattern: ResourceName),
            new("retentionDays", "Retention (days)", Choices: ["30", "90", "365"], Default: "30"),
        ]),
    ];

    public static SolutionTemplate? Find(string? code) => All.FirstOrDefault(t => t.Code == code);

    /// <summary>Checks the values against the template: every parameter given, held to its pattern or choices; errors are keyed by parameter name.</summary>
    public static FieldErrors Check(SolutionTemplate template, IReadOnlyDictionary<string, string>? values)
    {
        var errors = new FieldErrors();
        foreach (var parameter in template.Parameters)
        {
            var value = values?.GetValueOrDefault(parameter.Name)?.Trim();
            if (string.IsNullOrEmpty(value))
                errors.Add(parameter.Name, Problems.ParameterRequired);
            else if (parameter.Choices is { } choices && !choices.Contains(value))
                errors.Add(parameter.Name, Problems.ParameterNotAChoice);
            else if (parameter.Pattern is { } pattern && !Regex.IsMatch(value, pattern))
                errors.Add(parameter.Name, Problems.ParameterMalformed);
        }
        return errors;
    }
}
