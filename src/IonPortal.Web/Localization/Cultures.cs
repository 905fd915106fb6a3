using System.Globalization;

namespace IonPortal.Web.Localization;

/// <summary>Runs a piece of work (an email for someone else) in another person's language.</summary>
public static class Cultures
{
    public static Scope Use(string? language)
    {
        var previous = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        if (Core.Languages.IsSupported(language))
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(language);
        return new Scope(previous);
    }

    public readonly struct Scope((CultureInfo Culture, CultureInfo UiCulture) previous) : IDisposable
    {
        public void Dispose() => (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = previous;
    }
}
