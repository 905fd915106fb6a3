using System.Globalization;
using System.Reflection;
using System.Resources;
using System.Text.RegularExpressions;

namespace IonPortal.Core.Tests;

/// <summary>The domain's vocabulary of problems: every word in English and Spanish, and no word without a problem.</summary>
public partial class VocabularyTests
{
    // Every problem of the vocabulary: its fields, and its typed problems made with sample arguments.
    private static readonly List<Problem> All =
    [
        .. typeof(Problems).GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.FieldType == typeof(Problem)).Select(f => (Problem)f.GetValue(null)!),
        .. typeof(Problems).GetMethods(BindingFlags.Public | BindingFlags.Static).Where(m => m.ReturnType == typeof(Problem))
            .Select(m => (Problem)m.Invoke(null, [.. m.GetParameters().Select(_ => (object)1000)])!),
    ];

    [Theory]
    [InlineData("")]     // English, the neutral resources
    [InlineData("es")]
    public void Every_problem_has_its_words_in_the_language_with_a_place_for_each_argument(string language)
    {
        var words = new ResourceManager("IonPortal.Core.Validation.Problems", typeof(Problem).Assembly)
            .GetResourceSet(CultureInfo.GetCultureInfo(language), createIfNotExists: true, tryParents: false)!
            .Cast<System.Collections.DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string)e.Value!);

        Assert.True(All.Count > 80, $"only {All.Count} problems found");
        Assert.Empty(All.Where(p => string.IsNullOrWhiteSpace(words.GetValueOrDefault(p.Key))).Select(p => p.Key));
        Assert.Empty(All.Where(p => Placeholders().Matches(words[p.Key]).Select(m => m.Groups[1].Value).Distinct().Count() != p.Arguments.Count).Select(p => p.Key));
        Assert.Empty(words.Keys.Except(All.Select(p => p.Key)).Order());
    }

    [Fact]
    public void A_problem_speaks_the_readers_language()
    {
        var before = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
            var english = Problems.TooLong(10_000).Text;
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("es");
            var spanish = Problems.TooLong(10_000).Text;

            Assert.Equal("Use at most 10,000 characters.", english);
            Assert.Equal("Usa como máximo 10.000 caracteres.", spanish);
            Assert.Equal(Problems.TooLong(100), Problems.TooLong(100));
            Assert.NotEqual(Problems.TooLong(100), Problems.TooLong(200));
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = before;
        }
    }

    [GeneratedRegex(@"\{(\d+)(?::[^}]*)?\}")]
    private static partial Regex Placeholders();
}
