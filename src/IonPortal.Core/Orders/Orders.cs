using IonPortal.Core.Accounts;
using IonPortal.Core.Customers;
using IonPortal.Core.Data;
using IonPortal.Core.Paging;
using IonPortal.Core.Validation;
using Microsoft.EntityFrameworkCore;

namespace IonPortal.Core.Orders;

public sealed record OrderSummary(Guid Id, long Number, Guid CustomerId, string CustomerName, string Provider, int LineCount, decimal Total, string Currency,
    OrderStatus Status, DateTimeOffset PlacedAt, string PlacedBy);

/// <summary>Which orders a list shows: by status, customer and the day range they were placed in.</summary>
public sealed record OrderFilter(OrderStatus? Status = null, Guid? CustomerId = null, DateOnly? From = null, DateOnly? To = null);

/// <summary>
/// Orders as people read them: the reseller's (all customers) in the console, a customer's own in
/// its portal; and what can be done to one: retry a failed one, cancel one that isn't provisioned.
/// </summary>
public sealed class Orders(PortalDbContext db, CurrentActor actor, OwnCompany company, ProvisioningQueue provisioning, TimeProvider clock)
{
    public static readonly IReadOnlyList<string> SortableColumns = ["placed", "number", "customer", "total", "status"];

    public async Task<Page<OrderSummary>> ListAsync(OrderFilter filter, PageRequest page, CancellationToken ct = default)
    {
        var query = from o in db.Set<Order>().AsNoTracking()
                    join c in db.Set<Customer>() on o.CustomerId equals c.Id
                    select new { o, c.CompanyName };
        var customerId = filter.CustomerId;
        if (company.IsCustomerPerson)
            customerId = await company.IdAsync(ct) ?? Guid.Empty;
        else if (!actor.May(PortalAction.UseConsole))
            customerId = Guid.Empty;
        if (customerId is { } customer)
            query = query.Where(x => x.o.CustomerId == customer);
        if (filter.Status is { } status)
            query = query.Where(x => x.o.Status == status);
        // Days are the reseller's calendar days in UTC, both ends included.
        if (filter.From is { } from)
        {
            var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            query = query.Where(x => x.o.PlacedAt >= start);
        }
        if (filter.To is { } to)
        {
            var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            query = query.Where(x => x.o.PlacedAt < end);
        }
        query = (page.Sort, page.Descending) switch
        {
            ("number", var d) => d ? query.OrderByDescending(x => x.o.Number) : query.OrderBy(x => x.o.Number),
            ("customer", var d) => d ? query.OrderByDescending(x => x.CompanyName).ThenByDescending(x => x.o.Number) : query.OrderBy(x => x.CompanyName).ThenByDescending(x => x.o.Number),
            ("total", var d) => d ? query.OrderByDescending(x => x.o.Total).ThenByDescending(x => x.o.Number) : query.OrderBy(x => x.o.Total).ThenByDescending(x => x.o.Number),
            ("status", var d) => d ? query.OrderByDescending(x => x.o.Status).ThenByDescending(x => x.o.Number) : query.OrderBy(x => x.o.Status).ThenByDescending(x => x.o.Number),
            (_, false) => query.OrderBy(x => x.o.PlacedAt).ThenBy(x => x.o.Number),
            _ => query.OrderByDescending(x => x.o.PlacedAt).ThenByDescending(x => x.o.Number),
        };
        return await query.Select(x => new OrderSummary(x.o.Id, x.o.Number, x.o.CustomerId, x.CompanyName, x.o.Provider, x.o.Lines.Count, x.o.Total, x.o.Currency,
            x.o.Status, x.o.PlacedAt, x.o.PlacedBy)).ToPageAsync(page, ct);
    }

    /// <summary>An order with its lines and status history; null when the current person may not see it.</summary>
    public async Task<Order?> FindAsync(Guid id, CancellationToken ct = default)
    {
        var order = await db.Set<Order>().AsNoTracking().Include(o => o.Lines.OrderBy(l => l.LineNumber)).Include(o => o.History.OrderBy(e => e.At))
            .AsSplitQuery().FirstOrDefaultAsync(o => o.Id == id, ct);
        return order is not null && await company.MaySeeAsync(order.CustomerId, ct) ? order : null;
    }

    /// <summary>
    /// Provisions a failed order again. The provider sees the same request id, so whatever the failed
    /// attempt managed to buy is answered, never bought twice.
    /// </summary>
    public Task<Outcome<Order>> RetryAsync(Guid id, CancellationToken ct = default) =>
        ChangeAsync(id, (order, now) =>
        {
            if (!order.MayRetry)
                return Outcome.Conflict(Problems.OrderNotFailed);
            order.MoveTo(OrderStatus.Placed, actor.Name, now);
            provisioning.Enqueue(order, now);
            return Outcome.Done();
        }, ct);

    /// <summary>Cancels an order nothing was provisioned for yet (placed and waiting, or failed).</summary>
    public Task<Outcome<Order>> CancelAsync(Guid id, CancellationToken ct = default) =>
        ChangeAsync(id, (order, now) =>
        {
            if (!order.MayCancel)
                return Outcome.Conflict(Problems.OrderNotCancellable);
            order.MoveTo(OrderStatus.Cancelled, actor.Name, now);
            return Outcome.Done();
        }, ct);

    private async Task<Outcome<Order>> ChangeAsync(Guid id, Func<Order, DateTimeOffset, Outcome> change, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // Locked, and provisioning holds its job's order the same way: a cancel never lands mid-purchase.
        await db.Database.ExecuteSqlAsync($"SELECT id FROM orders WHERE id = {id} FOR UPDATE", ct);
        var order = await db.Set<Order>().FirstOrDefaultAsync(o => o.Id == id, ct);
        if (order is null || !await company.MaySeeAsync(order.CustomerId, ct))
            return Outcome.NotFound;
        if (!actor.May(PortalAction.PlaceOrders))
            return Outcome.Forbidden(Problems.MayNotPlaceOrders);
        var outcome = change(order, clock.GetUtcNow());
        if (!outcome.IsDone)
            return outcome.AsFailure();
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        provisioning.Wake();
        return order;
    }
}
