namespace IonPortal.Core.Validation;

/// <summary>
/// What was wrong with a request, per field. Messages are plain English sentences that double as
/// localization keys, so the web layer shows them in the user's language next to the field.
/// </summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, string> _byField = new(StringComparer.Ordinal);

    public bool IsEmpty => _byField.Count == 0;

    public IReadOnlyDictionary<string, string> ByField => _byField;

    /// <summary>Records the first problem found for a field; later ones for the same field are dropped.</summary>
    public FieldErrors Add(string field, string message)
    {
        _byField.TryAdd(field, message);
        return this;
    }

    public string? this[string field] => _byField.GetValueOrDefault(field);
}
