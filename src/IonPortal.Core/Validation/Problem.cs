using System.Globalization;
using System.Resources;

namespace IonPortal.Core.Validation;

/// <summary>
/// Something wrong with what a person asked for: a word of the <see cref="Problems"/> vocabulary and
/// its arguments. Two problems are the same when their key and arguments are; the text is in the
/// reader's language (the current UI culture).
/// </summary>
public sealed class Problem : IEquatable<Problem>
{
    internal static readonly ResourceManager Words = new("IonPortal.Core.Validation.Problems", typeof(Problem).Assembly);

    private readonly object[] _arguments;

    internal Problem(string key, params object[] arguments) => (Key, _arguments) = (key, arguments);

    public string Key { get; }

    /// <summary>A problem kept by its key (an order's failure), back as words; null for none.</summary>
    public static Problem? FromKey(string? key) => key is null ? null : new(key);

    public IReadOnlyList<object> Arguments => _arguments;

    /// <summary>The problem in the current UI culture's words (English when there are none), its numbers as the current culture writes them.</summary>
    public string Text =>
        string.Format(CultureInfo.CurrentCulture, Words.GetString(Key, CultureInfo.CurrentUICulture) ?? Key, _arguments);

    public bool Equals(Problem? other) => other is not null && Key == other.Key && _arguments.SequenceEqual(other._arguments);

    public override bool Equals(object? obj) => Equals(obj as Problem);

    public override int GetHashCode() => Key.GetHashCode(StringComparison.Ordinal);

    public override string ToString() => Text;
}
