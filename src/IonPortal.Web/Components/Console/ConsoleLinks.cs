namespace IonPortal.Web.Components.Console;

/// <summary>Where a page of the console is, for the views the console shares with the customer portal.</summary>
public static class ConsoleLinks
{
    public static string To(string page) => "/console/" + page;
}
