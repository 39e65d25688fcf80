using CsCheck;
using Traza.Formats.DataStage;
using Traza.Formats.Government;
using Traza.Formats.Tests.Government;

namespace Traza.Formats.Tests.DataStage;

/// <summary>SPEC §9: random and truncated input gives the documented error and nothing else.</summary>
public class DataStagePropertyTests
{
    private static readonly byte[] Package = BuildPackage();

    private static byte[] BuildPackage()
    {
        using var w = TestPackages.Realistic();
        return TestPackages.Zip(w);
    }

    private static void ReadOnlyFailsWithFormatError(byte[] bytes, string name)
    {
        try
        {
            TestPackages.ReadBytes(bytes, name);
        }
        catch (GovernmentFormatException)
        {
        }
    }

    [Fact]
    public void Random_bytes_as_zip_only_format_error() =>
        Gen.Byte.Array[0, 600].Select(b => b.Length >= 4 && b[0] == 0 ? [(byte)'P', (byte)'K', 3, 4, .. b] : b)
            .Sample(b => ReadOnlyFailsWithFormatError(b, "random.zip"), iter: 400);

    [Fact]
    public void Random_bytes_as_asc_member_only_format_error() =>
        Gen.Byte.Array[0, 600].Sample(b => ReadOnlyFailsWithFormatError(b, "1_551.asc"), iter: 400);

    [Fact]
    public void Truncated_package_only_format_error() =>
        Gen.Int[0, Package.Length - 1].Sample(n => Should.Throw<GovernmentFormatException>(() => TestPackages.ReadBytes(Package[..n], "cut.zip")), iter: 300);

    [Fact]
    public void Damaged_package_bytes_only_format_error() =>
        Gen.Select(Gen.Int[0, Package.Length - 1], Gen.Byte).Array[1, 8].Sample(edits =>
        {
            var b = (byte[])Package.Clone();
            foreach (var (pos, val) in edits)
            {
                b[pos] = val;
            }

            ReadOnlyFailsWithFormatError(b, "damaged.zip");
        }, iter: 300);

    [Fact]
    public void Truncated_member_text_only_format_error()
    {
        using var w = TestPackages.Realistic();
        var member = w.GetMemberBytes("551");
        var dir = TestPackages.TempDir();
        w.WriteFolder(dir);
        var path = Path.Combine(dir, "896998_551.asc");
        Gen.Int[0, member.Length - 3].Sample(n =>
        {
            File.WriteAllBytes(path, member[..n]);
            Should.Throw<GovernmentFormatException>(() => new DataStagePackageReader().Read(dir, new CollectingSink()));
        }, iter: 200, threads: 1);
    }
}
