using IonPortal.Web.Demo;
using OtpNet;

namespace IonPortal.Web.Tests;

/// <summary>An authenticator app, as a test holds it: the code for a key now (RFC 6238, computed by Otp.NET, not by the portal).</summary>
public static class Authenticator
{
    public static string CodeFor(string key) => new Totp(Base32Encoding.ToBytes(key.Replace(" ", "").ToUpperInvariant())).ComputeTotp();

    /// <summary>The key of someone the demo data gives two-factor sign-in (the operator), else null.</summary>
    public static string? DemoKeyFor(string email) => email == DemoData.OperatorEmail ? DemoData.OperatorAuthenticatorKey : null;
}
