namespace Traza.App.Generation;

/// <summary>
/// The volumes of <c>traza gen --scale</c> (SPEC §8): <c>large</c> is 20,000 parts, 2,000 finished goods with
/// 25-component BOMs, 1,000,000 entry lines and 500,000 finished-goods exit lines in calendar year 2025
/// (12.5 M consumptions); <c>medium</c> a tenth, <c>small</c> a hundredth.
/// </summary>
public static class Scales
{
    public static readonly IReadOnlyList<string> Names = ["small", "medium", "large"];

    /// <summary>
    /// The fictitious RFC of every generated program: <c>datastage.zip</c> is requested for it, so initialize the
    /// program with <c>traza init --rfc</c> this value before importing the package.
    /// </summary>
    public const string Rfc = "MEN010101AB1";

    /// <summary>The fictitious IMMEX number the generated pedimentos declare (507 IM).</summary>
    public const string Immex = "2019-9001";

    public static GeneratorOptions For(string scale, int seed)
    {
        var divisor = scale switch
        {
            "small" => 100,
            "medium" => 10,
            "large" => 1,
            _ => throw new ArgumentException($"scale must be one of {string.Join(", ", Names)}", nameof(scale)),
        };
        var parts = 20_000 / divisor;
        var products = 2_000 / divisor;
        var subassemblies = products / 4;
        var machinery = Math.Max(2, 20 / divisor);
        return new GeneratorOptions
        {
            Seed = seed,
            Clients = [string.Empty],
            MaterialsPerClient = parts - products - subassemblies - machinery,
            SubassembliesPerClient = subassemblies,
            ProductsPerClient = products,
            LeavesPerProduct = 25,
            MachineryPerClient = machinery,
            EntryLines = 1_000_000 / divisor,
            ExitLines = 500_000 / divisor,
            Start = new DateOnly(2025, 1, 1),
            End = new DateOnly(2025, 12, 31),
            ShortMaterialsPerClient = 2,
            OldLotsPerClient = 0,
            WasteEventsPerClient = 5,
            TransferEvery = 20,
            DataStageRfc = Rfc,
            ImmexNumber = Immex,
        };
    }
}
