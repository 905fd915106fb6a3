using IonPortal.Core.Validation;
using IonPortal.Web.Localization;
using IonPortal.Web.Tenancy;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace IonPortal.Web.Components.Shared;

/// <summary>
/// What every page of the console, the admin and the customer portal does the same way: run an
/// operation through the session (its own scope and DbContext), and answer an outcome alike —
/// done with a confirmation, invalid with messages next to the fields, a conflict or a refusal
/// in a message, not found with the not-found page.
/// </summary>
public abstract class PortalPage : ComponentBase
{
    [Inject] protected PortalSession Session { get; set; } = default!;
    [Inject] protected NavigationManager Navigation { get; set; } = default!;
    [Inject] protected ISnackbar Snackbar { get; set; } = default!;
    [Inject] protected IDialogService Dialogs { get; set; } = default!;
    [Inject] private IStringLocalizer<Ui> Text { get; set; } = default!;

    protected Task<T> RunAsync<TService, T>(Func<TService, Task<T>> operation) where TService : notnull => Session.RunAsync(operation);

    /// <summary>Shows how a command ended; true when it was done.</summary>
    /// <param name="done">The confirmation to show when it was done.</param>
    /// <param name="validator">Where field errors go (next to their inputs); without one they show as a message.</param>
    /// <param name="fields">Where the form names a field differently from the domain: domain name → form name.</param>
    protected bool Show(Outcome outcome, string? done = null, PortalValidator? validator = null, IReadOnlyDictionary<string, string>? fields = null)
    {
        switch (outcome.Status)
        {
            case OutcomeStatus.Done:
                if (done is not null)
                    Snackbar.Add(done, Severity.Success);
                return true;
            case OutcomeStatus.NotFound:
                Navigation.NotFound();
                return false;
            case OutcomeStatus.Invalid when validator is not null:
                validator.Show(outcome.Errors, fields);
                return false;
            default:
                foreach (var message in outcome.Errors.ByField.Values)
                    Snackbar.Add(message.Text, outcome.Status == OutcomeStatus.Conflict ? Severity.Warning : Severity.Error);
                return false;
        }
    }

    /// <summary>Asks before something that can't simply be undone (decline, disable, retire, delete).</summary>
    protected async Task<bool> ConfirmAsync(string title, string message, string yes) =>
        await Dialogs.ShowMessageBoxAsync(title, message, yesText: yes, cancelText: Text["Cancel"]) == true;
}
