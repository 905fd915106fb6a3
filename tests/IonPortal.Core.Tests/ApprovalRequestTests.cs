using IonPortal.Core.Approvals;

namespace IonPortal.Core.Tests;

/// <summary>A request's life, guarded by the request itself: each step only from the state before it.</summary>
public class ApprovalRequestTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    private static ApprovalRequest SignUp() => new() { Id = Guid.CreateVersion7(), Kind = ApprovalKind.SignUp, CreatedAt = Now, PasswordHash = "hash" };

    [Fact]
    public void A_sign_up_is_confirmed_queued_then_decided_once()
    {
        var request = SignUp();
        request.AwaitConfirmation("token-hash");
        request.Confirm(Now.AddDays(1));
        request.EnterQueue();
        request.Approve(Guid.NewGuid(), "Ana", Now.AddDays(2));
        var customer = Guid.NewGuid();
        request.BecameCustomer(customer);

        Assert.Equal((ApprovalStatus.Approved, "Ana", customer, null, null), (request.Status, request.DecidedByName, request.CustomerId, request.PasswordHash, request.ConfirmationTokenHash));
        Assert.Throws<InvalidOperationException>(() => request.Decline("Too late", null, "Bo", Now.AddDays(3)));
        Assert.Throws<InvalidOperationException>(() => request.EnterQueue());
    }

    [Fact]
    public void A_confirmation_is_refused_after_seven_days_and_a_waiting_request_cannot_be_decided()
    {
        var request = SignUp();
        request.AwaitConfirmation("token-hash");

        Assert.True(request.MayConfirm(Now.AddDays(7)));
        Assert.False(request.MayConfirm(Now.AddDays(7).AddSeconds(1)));
        Assert.Throws<InvalidOperationException>(() => request.Confirm(Now.AddDays(8)));
        Assert.Throws<InvalidOperationException>(() => request.Approve(null, null, Now));
        Assert.Throws<InvalidOperationException>(() => request.BecameCustomer(Guid.NewGuid()));
    }

    [Fact]
    public void A_declined_request_keeps_its_reason_and_cannot_be_approved()
    {
        var request = SignUp();
        request.EnterQueue();
        request.Decline("We only serve schools.", null, "Bo", Now);

        Assert.Equal((ApprovalStatus.Declined, "We only serve schools."), (request.Status, request.DeclineReason));
        Assert.Throws<InvalidOperationException>(() => request.Approve(null, "Ana", Now));
    }
}
