using IonPortal.Core.Resellers;

namespace IonPortal.Core.Tests;

public class NicknameTests
{
    [Theory]
    [InlineData("sesdemo", "sesdemo")]
    [InlineData("SESDemo", "sesdemo")]
    [InlineData("  northwind ", "northwind")]
    [InlineData("abc", "abc")]
    [InlineData("a-1", "a-1")]
    [InlineData("abcdefghijklmnopqrstuvwxyz0123", "abcdefghijklmnopqrstuvwxyz0123")]
    public void Valid_nicknames_are_stored_lower_case(string input, string expected)
    {
        Assert.True(Nickname.TryParse(input, out var nickname, out var error));
        Assert.Null(error);
        Assert.Equal(expected, nickname.Value);
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("abcdefghijklmnopqrstuvwxyz01234")]
    [InlineData("ses demo")]
    [InlineData("ses_demo")]
    [InlineData("sés")]
    [InlineData("ses.demo")]
    [InlineData("ses/demo")]
    public void Malformed_nicknames_are_refused(string input)
    {
        Assert.False(Nickname.TryParse(input, out _, out var error));
        Assert.Equal(Problems.NicknameMalformed, error);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Missing_nickname_asks_for_one(string? input)
    {
        Assert.False(Nickname.TryParse(input, out _, out var error));
        Assert.Equal(Problems.NicknameRequired, error);
    }
}
