using IonPortal.Core.Messaging;
using Microsoft.Extensions.Options;
using netDumbster.smtp;

namespace IonPortal.Core.Tests;

public class SmtpEmailTransportTests
{
    [Fact]
    public async Task An_email_goes_out_over_SMTP_as_one_message_with_text_and_HTML()
    {
        using var server = SimpleSmtpServer.Start(FreePort());
        var transport = new SmtpEmailTransport(Options.Create(new SmtpOptions
        {
            Host = "127.0.0.1", Port = server.Configuration.Port, From = "Northwind Cloud <no-reply@northwind.test>",
        }));

        await transport.SendAsync(new EmailMessage
        {
            To = "dana@contoso.test", Subject = "Choose your password", TextBody = "Open the link", HtmlBody = "<p>Open the <a href=\"https://x.test\">link</a></p>",
        }, CancellationToken.None);

        var sent = Assert.Single(server.ReceivedEmail);
        Assert.Equal("no-reply@northwind.test", sent.FromAddress.Address);
        Assert.Equal("dana@contoso.test", Assert.Single(sent.ToAddresses).Address);
        Assert.Equal("Choose your password", sent.Subject);
        Assert.Contains(sent.MessageParts, part => part.HeaderData.Contains("text/plain") && part.BodyData.Contains("Open the link"));
        Assert.Contains(sent.MessageParts, part => part.HeaderData.Contains("text/html") && part.BodyData.Contains("<a href="));
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
