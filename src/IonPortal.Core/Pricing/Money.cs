namespace IonPortal.Core.Pricing;

/// <summary>The one place prices are rounded: to the cent, halves away from zero (2.345 → 2.35, −2.345 → −2.35).</summary>
public static class Money
{
    public static decimal Round(decimal amount) => Math.Round(amount, 2, MidpointRounding.AwayFromZero);

    /// <summary>An amount changed by a percentage: +15 is a 15 % markup, −10 a 10 % discount.</summary>
    public static decimal Adjust(decimal amount, decimal percent) => Round(amount * (100m + percent) / 100m);

    /// <summary>Margin as a share of the price, to one decimal; none when the price is zero.</summary>
    public static decimal? MarginPercent(decimal price, decimal cost) =>
        price == 0 ? null : Math.Round((price - cost) / price * 100m, 1, MidpointRounding.AwayFromZero);
}
