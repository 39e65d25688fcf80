using Traza.Formats.Government;

namespace Traza.Formats.M3;

/// <summary>Receives an M3 file one pedimento at a time.</summary>
public interface IM3Sink
{
    void BeginFile(string file);

    void Pedimento(M3Pedimento pedimento);

    void EndFile(M3FileSummary summary);

    void Note(GovernmentNote note);
}
