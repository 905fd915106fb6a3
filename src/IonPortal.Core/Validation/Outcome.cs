namespace IonPortal.Core.Validation;

/// <summary>How a command ended: the same five answers from every domain service.</summary>
public enum OutcomeStatus
{
    Done,
    /// <summary>Nothing with that id exists for this reseller (or this person): the not-found page, never data.</summary>
    NotFound,
    /// <summary>The input broke a rule; <see cref="Outcome.Errors"/> says which field and why.</summary>
    Invalid,
    /// <summary>The input was fine but the state of things prevents it (someone decided first, the last owner).</summary>
    Conflict,
    /// <summary>The acting person's role may not do this.</summary>
    Forbidden,
}

/// <summary>A failed outcome of any type, so a service can <c>return Outcome.NotFound;</c> whatever it returns when it succeeds.</summary>
public readonly record struct Failure(OutcomeStatus Status, FieldErrors Errors);

/// <summary>
/// The outcome of a domain command. Field errors are problems of the vocabulary, which the web
/// shows in the reader's language: next to a field, or for the whole form under the empty field name.
/// </summary>
public class Outcome
{
    private static readonly Outcome DoneWithoutValue = new(OutcomeStatus.Done, new FieldErrors());

    private protected Outcome(OutcomeStatus status, FieldErrors errors) => (Status, Errors) = (status, errors);

    public OutcomeStatus Status { get; }

    /// <summary>Invalid: the message per field. Conflict and Forbidden: the message under "" (the whole form).</summary>
    public FieldErrors Errors { get; }

    public bool IsDone => Status == OutcomeStatus.Done;

    /// <summary>The message of a conflict or a refusal.</summary>
    public Problem? Problem => Errors[""];

    public static Outcome Done() => DoneWithoutValue;

    public static Outcome<T> Done<T>(T value) => new(value);

    public static Failure NotFound => new(OutcomeStatus.NotFound, new FieldErrors());

    public static Failure Invalid(FieldErrors errors) =>
        errors.IsEmpty ? throw new ArgumentException("An invalid outcome needs at least one error.", nameof(errors)) : new(OutcomeStatus.Invalid, errors);

    public static Failure Invalid(string field, Problem problem) => Invalid(new FieldErrors().Add(field, problem));

    public static Failure Conflict(Problem problem) => new(OutcomeStatus.Conflict, new FieldErrors().Add("", problem));

    public static Failure Forbidden(Problem problem) => new(OutcomeStatus.Forbidden, new FieldErrors().Add("", problem));

    public static implicit operator Outcome(Failure failure) => new(failure.Status, failure.Errors);

    /// <summary>This outcome's failure, to pass on as another command's answer.</summary>
    public Failure AsFailure() => IsDone ? throw new InvalidOperationException("The command was done; it has no failure.") : new(Status, Errors);

    public override string ToString() => IsDone ? "Done" : $"{Status}: {string.Join("; ", Errors.ByField.Select(e => $"{e.Key}={e.Value}"))}";
}

/// <summary>An outcome that carries the command's result when it is done.</summary>
public sealed class Outcome<T> : Outcome
{
    private readonly T? _value;

    internal Outcome(T value) : base(OutcomeStatus.Done, new FieldErrors()) => _value = value;

    private Outcome(Failure failure) : base(failure.Status, failure.Errors) { }

    /// <summary>The result; reading it from an outcome that isn't done is a programming error.</summary>
    public T Value => IsDone ? _value! : throw new InvalidOperationException($"The command ended {Status}; it has no value.");

    public static implicit operator Outcome<T>(Failure failure) => new(failure);

    public static implicit operator Outcome<T>(T value) => new(value);
}
