using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Traza.App;
using Traza.App.Imports;

namespace Traza.Api;

/// <summary>
/// <c>POST /api/imports/{kind}</c> (issue 16 item 1; docs/api.md "Imports"): an upload — the file as the request body, or
/// the first file of a multipart/form-data form (any other content type is the file itself) — imported by <see cref="UploadImport"/>, the services <c>traza import</c> calls,
/// under the upload's file name (the <c>file</c> query parameter or the form's file name), so the validation and the
/// messages are the CLI's: exit 3 → 400, conflict → 409, nothing written. Operators and admins with a program-wide key.
/// </summary>
internal static class ImportEndpoints
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapPost("/api/imports/{kind}", Import).WithName("Import")
            .WithSummary("import a file (CSV/XLSX layout, Data Stage ZIP, M3 file) sent as the body or as multipart/form-data; query: file (its name)")
            .Produces<ImportResponse>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .RequireAuthorization(ApiPolicies.Import)
            .DisableAntiforgery();

    private static async Task<IResult> Import(string kind, HttpContext http, RequestStore store, ApiSettings settings)
    {
        if (!UploadImport.IsKind(kind))
        {
            return Problems.Result(StatusCodes.Status404NotFound, "unknown import",
                $"no import '{kind}'; the kinds are: {string.Join(", ", UploadImport.Kinds)}");
        }

        var caller = ApiCaller.Require(http.User);
        var query = Query.Read(http.Request.Query, ["file"], $"import {kind}");
        var folder = Path.Combine(Path.GetTempPath(), "traza-upload-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            string name;
            Stream body;
            IFormCollection? form = null;
            if (http.Request.ContentType?.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase) == true)
            {
                form = await ReadForm(http, settings.MaxUploadBytes).ConfigureAwait(false);
                var file = form.Files.Count > 0 ? form.Files[0] : throw AppException.Invalid("upload: a multipart form with a file, found no file");
                name = query.GetValueOrDefault("file") ?? file.FileName;
                body = file.OpenReadStream();
            }
            else
            {
                name = query.GetValueOrDefault("file") ?? DefaultName(kind);
                body = http.Request.Body;
            }

            var path = Path.Combine(folder, FileName(name));
            await using (var target = File.Create(path))
            {
                await Copy(body, target, settings.MaxUploadBytes, http.RequestAborted).ConfigureAwait(false);
            }

            if (form is not null)
            {
                await body.DisposeAsync().ConfigureAwait(false);
            }

            store.Store.Operator = $"api-key-{caller.KeyId}"; // the batch's operator: the key (docs/api.md), never the key's text
            var outcome = UploadImport.Import(store.Store, kind, path);
            return TypedResults.Ok(new ImportResponse(outcome.Kind, Named(outcome.Result, folder), [.. outcome.Notes.Select(n => Named(n, folder))]));
        }
        catch (AppException e) when (e.Message.Contains(folder, StringComparison.Ordinal))
        {
            throw new AppException(e.Error with { Message = Named(e.Message, folder) });
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>
    /// The multipart form; a malformed one (no boundary, cut short, more than the form limits allow) is invalid input (400)
    /// rather than a server error, and a part over the limit a 413, as a body over it is.
    /// </summary>
    private static async Task<IFormCollection> ReadForm(HttpContext http, long limit)
    {
        try
        {
            return await http.Request.ReadFormAsync(http.RequestAborted).ConfigureAwait(false);
        }
        catch (InvalidDataException e) when (e.Message.StartsWith("Multipart body length limit", StringComparison.Ordinal))
        {
            throw new BadHttpRequestException($"upload: at most {limit} bytes (traza serve --max-upload-mb)", StatusCodes.Status413PayloadTooLarge, e);
        }
        catch (Exception e) when (e is InvalidDataException or (IOException and not BadHttpRequestException) && !http.RequestAborted.IsCancellationRequested)
        {
            throw new AppException($"upload: a complete multipart/form-data form with a boundary ({e.Message})", e);
        }
    }

    /// <summary>
    /// A message or note with the upload's name where it says the file's path: Data Stage and M3 messages name a file by the
    /// path the CLI was given — here the server's own temporary folder, which the caller neither knows nor should see.
    /// </summary>
    private static string Named(string text, string folder) =>
        text.Replace(folder + Path.DirectorySeparatorChar, string.Empty, StringComparison.Ordinal);

    /// <summary>The upload's name when none is given: the layout's usual file name.</summary>
    private static string DefaultName(string kind) => kind switch
    {
        UploadImport.DataStage => "datastage.zip",
        UploadImport.M3 => throw AppException.Usage("query parameter 'file': an M3 upload needs its file name (mPPPPNNN.DDD)"),
        _ => kind + ".csv",
    };

    /// <summary>The file name an import reads and names in its messages: a plain name, no folder.</summary>
    private static string FileName(string name)
    {
        var plain = Path.GetFileName(name.Replace('\\', '/'));
        return plain.Length is > 0 and <= 200 && plain is not ("." or "..") && plain.IndexOfAny(Path.GetInvalidFileNameChars()) < 0
            ? plain
            : throw AppException.Usage($"query parameter 'file': a plain file name, found '{name}'");
    }

    /// <summary>Copies at most <paramref name="limit"/> bytes; more is a 413 (the server's own limit may stop it sooner).</summary>
    private static async Task Copy(Stream from, Stream to, long limit, CancellationToken cancel)
    {
        var buffer = new byte[1 << 16];
        long total = 0;
        int read;
        while ((read = await from.ReadAsync(buffer, cancel).ConfigureAwait(false)) > 0)
        {
            total += read;
            if (total > limit)
            {
                throw new BadHttpRequestException($"upload: at most {limit} bytes (traza serve --max-upload-mb)", StatusCodes.Status413PayloadTooLarge);
            }

            await to.WriteAsync(buffer.AsMemory(0, read), cancel).ConfigureAwait(false);
        }
    }

    internal sealed record ImportResponse(string Kind, string Result, IReadOnlyList<string> Notes);
}
