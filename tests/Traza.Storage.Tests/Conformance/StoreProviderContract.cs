using System.Data.Common;

namespace Traza.Storage.Tests.Conformance;

/// <summary>
/// <see cref="IStoreProvider"/>: a store is created on first open and exists from then on; the demo's marker is read without
/// changing the target; delete removes the store; a target holding something else is refused as not a store (exit 3), never
/// written to.
/// </summary>
public abstract class StoreProviderContract<TFixture>(TFixture fixture) : StoreContract<TFixture>(fixture)
    where TFixture : class, IStoreFixture
{
    [Fact]
    public void A_store_exists_once_opened_and_no_longer_once_deleted()
    {
        var provider = Fixture.Provider;
        provider.Accepts(Target).ShouldBeTrue();
        provider.Exists(Target).ShouldBeFalse();
        provider.CreatedBy(Target).ShouldBeNull("no store yet");
        using (var store = Open())
        {
            store.Program.ShouldBe(ProgramId.Default);
            store.Clock.ShouldBe(Clock);
            Seed(store);
        }

        provider.Exists(Target).ShouldBeTrue();
        provider.CreatedBy(Target).ShouldBeNull("a store without a marker");
        provider.Delete(Target);
        provider.Exists(Target).ShouldBeFalse();
        using var fresh = Open();
        fresh.Batches().ShouldBeEmpty("a deleted store is created anew");
    }

    [Fact]
    public void The_creator_marker_is_read_back_without_opening_the_store()
    {
        using (var store = Open())
        {
            store.SetCreatedBy("traza demo");
        }

        Fixture.Provider.CreatedBy(Target).ShouldBe("traza demo");
        using var reopened = Open();
        reopened.Batches().ShouldBeEmpty();
    }

    [Fact]
    public void A_target_holding_something_else_is_not_a_store()
    {
        var foreign = Fixture.NewForeignTarget();
        var provider = Fixture.Provider;
        provider.Exists(foreign).ShouldBeTrue();
        Should.Throw<NotATrazaStoreException>(() => provider.CreatedBy(foreign));
        var error = Should.Throw<Exception>(() => provider.Open(foreign, Clock).Dispose());
        (error is NotATrazaStoreException || (error is DbException db && provider.Classify(db) == StoreFailure.NotAStore))
            .ShouldBeTrue($"not a store: {error.GetType().Name}: {error.Message}");
    }

    [Fact]
    public void The_store_names_its_target()
    {
        using var store = Open();
        store.Target.ShouldNotBeNullOrWhiteSpace();
        store.Operator = "ana";
        store.Operator.ShouldBe("ana");
    }
}
