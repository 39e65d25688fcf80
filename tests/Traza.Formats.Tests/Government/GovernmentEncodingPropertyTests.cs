using System.Text;
using CsCheck;
using Traza.Formats.Government;

namespace Traza.Formats.Tests.Government;

/// <summary>
/// <see cref="GovernmentEncoding.Decode(ReadOnlySpan{byte}, bool)"/> takes an ASCII fast path before Windows-1252 (or UTF-8
/// when the file declared it), and its buffer overload decodes in place (the Data Stage reader's hot path): over random
/// lines — ASCII, Ñ and accents in Windows-1252, UTF-8, stray high bytes — both give what the plain decoder gives.
/// </summary>
public sealed class GovernmentEncodingPropertyTests
{
    private static readonly Gen<byte[]> Line = Gen.Frequency(
        (3, Gen.String[Gen.Char.AlphaNumeric, 0, 40].Select(Encoding.ASCII.GetBytes)),
        (2, Gen.OneOf("PEÑA|Ñandú|", "ÁÉÍÓÚ|", "plain|501|").Select(GovernmentEncoding.Windows1252.GetBytes)),
        (2, Gen.OneOf("PEÑA|Ñandú|", "漢字|🎉|", "a|b|").Select(Encoding.UTF8.GetBytes)),
        (2, Gen.Byte.Array[0, 40]));

    [Fact]
    public void Decoding_a_line_equals_the_plain_decoder()
    {
        Gen.Select(Line, Gen.Bool, Gen.Int[0, 64]).Sample((bytes, utf8, start) =>
        {
            var plain = (utf8 ? GovernmentEncoding.Utf8 : GovernmentEncoding.Windows1252).GetString(bytes);
            GovernmentEncoding.Decode(bytes, utf8).ShouldBe(plain);

            var buffer = new char[start];
            var written = GovernmentEncoding.Decode(bytes, utf8, ref buffer);
            new string(buffer, 0, written).ShouldBe(plain);
        }, iter: 5_000, print: t => $"{Convert.ToHexString(t.Item1)} utf8={t.Item2} buffer={t.Item3}");
    }
}
