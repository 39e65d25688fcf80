namespace Traza.Storage.Tests.Conformance;

/// <summary>
/// <see cref="IAccessStore"/> (migration 0034; docs/api.md): keys stored by hash with ids 1, 2, …, found by hash, revoked
/// once; the access log appended in order and read whole or its last records; neither is in the chain, so keys and the log
/// leave <see cref="ITrazaStore.VerifyChain"/> and the batches unchanged.
/// </summary>
public abstract class AccessContract<TFixture>(TFixture fixture) : StoreContract<TFixture>(fixture)
    where TFixture : class, IStoreFixture
{
    private static readonly DateTimeOffset At = new(2025, 12, 31, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Keys_are_stored_by_hash_found_by_hash_and_revoked_once()
    {
        using var store = Open();
        Seed(store);
        var batches = store.Batches();
        var a = store.Access.AddKey(new string('a', 64), "admin", "", At, "ana");
        var b = store.Access.AddKey(new string('b', 64), "broker", "ACME", At.AddMinutes(1), "ana");
        (a.Id, b.Id).ShouldBe((1L, 2L));
        store.Access.Keys().ShouldBe([a, b]);
        store.Access.FindKey(new string('b', 64)).ShouldBe(b);
        store.Access.FindKey(new string('c', 64)).ShouldBeNull();
        store.Access.RevokeKey(2, At.AddHours(1)).ShouldBeTrue();
        store.Access.RevokeKey(2, At.AddHours(2)).ShouldBeFalse("revoked already");
        store.Access.RevokeKey(9, At).ShouldBeFalse("no such key");
        store.Access.FindKey(new string('b', 64))!.RevokedAt.ShouldBe(At.AddHours(1));
        store.Batches().ShouldBe(batches, "a key is no batch");
        store.VerifyChain().Intact.ShouldBeTrue();
    }

    [Fact]
    public void The_access_log_is_appended_in_order_and_read_whole_or_its_last_records()
    {
        using (var store = Open())
        {
            for (var i = 0; i < 5; i++)
            {
                store.Access.LogAccess(new AccessRecord(0, 1, "authority", i % 2 == 0 ? "" : "KITE", At.AddSeconds(i), "GET",
                    "/api/reports/balances", $"?as_of=2025-12-{10 + i}", 200, i * 10));
            }
        }

        using var reopened = Open();
        var log = reopened.Access.AccessLog();
        log.Select(r => r.Id).ShouldBe([1L, 2L, 3L, 4L, 5L]);
        log[3].ShouldBe(new AccessRecord(4, 1, "authority", "KITE", At.AddSeconds(3), "GET", "/api/reports/balances", "?as_of=2025-12-13", 200, 30));
        reopened.Access.AccessLog(2).Select(r => r.Id).ShouldBe([4L, 5L]);
        reopened.Batches().ShouldBeEmpty();
    }
}
