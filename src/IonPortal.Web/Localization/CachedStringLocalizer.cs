using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Localization;

namespace IonPortal.Web.Localization;

/// <summary>
/// The resource localizer with each (language, string) looked up once. ResourceManager takes a lock
/// on every lookup and a page asks for hundreds of strings, so under load requests queued on that
/// lock; the strings never change while the portal runs.
/// </summary>
public sealed class CachedStringLocalizer<T>(IStringLocalizerFactory factory) : IStringLocalizer<T>
{
    private readonly IStringLocalizer _resources = factory.Create(typeof(T));
    private readonly ConcurrentDictionary<(string Culture, string Name), LocalizedString> _found = new();

    public LocalizedString this[string name]
    {
        get
        {
            var key = (CultureInfo.CurrentUICulture.Name, name);
            if (_found.TryGetValue(key, out var cached))
                return cached;
            var value = _resources[name];
            // Only strings the resources have: a missing one (a caller's typo, say) mustn't grow the cache.
            return value.ResourceNotFound ? value : _found.GetOrAdd(key, value);
        }
    }

    // Formatted as ResourceManagerStringLocalizer does: the current culture's numbers and dates.
    public LocalizedString this[string name, params object[] arguments]
    {
        get
        {
            var format = this[name];
            return new LocalizedString(name, string.Format(CultureInfo.CurrentCulture, format.Value, arguments), format.ResourceNotFound, format.SearchedLocation);
        }
    }

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => _resources.GetAllStrings(includeParentCultures);
}
