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

/// <summary>The outcome of a domain command: a value, or the field errors that stopped it.</summary>
public sealed class Result<T>
{
    private Result(T? value, FieldErrors errors) => (Value, Errors) = (value, errors);

    public T? Value { get; }

    public FieldErrors Errors { get; }

    public bool Succeeded => Errors.IsEmpty;

    public static Result<T> Success(T value) => new(value, new FieldErrors());

    public static Result<T> Invalid(FieldErrors errors) =>
        errors.IsEmpty ? throw new ArgumentException("An invalid result needs at least one error.", nameof(errors)) : new(default, errors);

    public static Result<T> Invalid(string field, string message) => Invalid(new FieldErrors().Add(field, message));
}
