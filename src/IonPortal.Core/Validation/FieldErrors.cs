namespace IonPortal.Core.Validation;

/// <summary>
/// What was wrong with a request, per field ("" for the whole form): a <see cref="Problem"/> of the
/// vocabulary each, which the web shows next to its field in the reader's language.
/// </summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, Problem> _byField = new(StringComparer.Ordinal);

    public bool IsEmpty => _byField.Count == 0;

    public IReadOnlyDictionary<string, Problem> ByField => _byField;

    /// <summary>Records the first problem found for a field; later ones for the same field are dropped.</summary>
    public FieldErrors Add(string field, Problem problem)
    {
        _byField.TryAdd(field, problem);
        return this;
    }

    public Problem? this[string field] => _byField.GetValueOrDefault(field);
}
