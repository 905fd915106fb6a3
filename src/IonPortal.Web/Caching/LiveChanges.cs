using System.Collections.Concurrent;
using IonPortal.Core.Data;

namespace IonPortal.Web.Caching;

/// <summary>
/// Lets open pages follow what anyone saves on any node: <see cref="ChangeListener"/> announces each
/// change tag it hears, and a page subscribed to that tag refreshes itself (the console's count of
/// requests waiting for a decision, for one).
/// </summary>
public sealed class LiveChanges(ILogger<LiveChanges> logger)
{
    private readonly ConcurrentDictionary<Subscription, byte> _subscriptions = new();

    public IDisposable Subscribe(string tag, Func<Task> onChange)
    {
        var subscription = new Subscription(this, tag, onChange);
        _subscriptions.TryAdd(subscription, 0);
        return subscription;
    }

    /// <summary>Tells the subscribers of a tag (or everyone, when every cache was dropped) that something changed.</summary>
    public void Announce(string tag)
    {
        foreach (var subscription in _subscriptions.Keys.Where(s => s.Tag == tag || tag == ChangeTags.Storefronts))
            _ = NotifyAsync(subscription);
    }

    private async Task NotifyAsync(Subscription subscription)
    {
        try
        {
            // In the subscriber's context (its circuit's language), not the listener's.
            Task? change = null;
            ExecutionContext.Run(subscription.Context, _ => change = subscription.OnChange(), null);
            await change!;
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "A page could not follow a change to {Tag}", subscription.Tag);
        }
    }

    private sealed class Subscription(LiveChanges owner, string tag, Func<Task> onChange) : IDisposable
    {
        public string Tag => tag;

        public ExecutionContext Context { get; } = ExecutionContext.Capture()!;

        public Func<Task> OnChange => onChange;

        public void Dispose() => owner._subscriptions.TryRemove(this, out _);
    }
}
