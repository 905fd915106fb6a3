using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace IonPortal.Web.Components.Console.PriceBooks;

/// <summary>
/// A markup or a discount as people think of them (a direction and a positive percentage); the
/// domain keeps one signed number.
/// </summary>
public class AdjustmentInput
{
    public const string Markup = "markup";
    public const string Discount = "discount";

    public string Direction { get; set; } = Markup;

    [Required(ErrorMessage = "Enter a percentage.")]
    [Range(0, 1000, ErrorMessage = "Use a percentage from 0 to 1000.")]
    public decimal? Percent { get; set; }

    public decimal Signed => Direction == Discount ? -(Percent ?? 0m) : Percent ?? 0m;

    public void Set(decimal signed)
    {
        Direction = signed < 0 ? Discount : Markup;
        // 15.0000 from the database reads as 15.
        Percent = decimal.Parse(Math.Abs(signed).ToString("0.####", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }
}
