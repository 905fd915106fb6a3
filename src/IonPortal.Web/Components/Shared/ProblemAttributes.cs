using System.ComponentModel.DataAnnotations;
using System.Reflection;
using IonPortal.Core.Validation;

namespace IonPortal.Web.Components.Shared;

/// <summary>
/// [Required] for a form checked before it is sent to the domain, in the domain's own words: a
/// problem of its vocabulary (by name), in the reader's language.
/// </summary>
public sealed class RequiredAsAttribute(string problem) : RequiredAttribute
{
    private readonly Problem _problem = (Problem)typeof(Problems).GetField(problem, BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;

    public override string FormatErrorMessage(string name) => _problem.Text;
}

/// <summary>[MinLength] in the domain's words (<see cref="Problems.TooShort"/>), for a password checked before it is sent.</summary>
public sealed class MinLengthAsProblemAttribute(int length) : MinLengthAttribute(length)
{
    public override string FormatErrorMessage(string name) => Problems.TooShort(Length).Text;
}
