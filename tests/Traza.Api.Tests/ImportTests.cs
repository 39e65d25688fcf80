using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Traza.Api.Tests;

/// <summary>Issue 16 item 1: imports by upload validate as <c>traza import</c> does, answer its messages, and write nothing on bad input.</summary>
public sealed class ImportTests
{
    private const string Header = "part,description,kind,fraccion,nico,umc,umt,umt_per_umc,origin,source,client";

    private static ApiHarness Program(long maxUploadBytes = Traza.Api.ApiSettings.DefaultMaxUploadBytes)
    {
        var api = new ApiHarness(maxUploadBytes);
        var init = api.Cli.Run("init", "--rfc", "ABC010101AB1", "--name", "A", "--immex", "1", "--modality", "industrial");
        init.Exit.ShouldBe(0, init.Stderr);
        return api;
    }

    [Fact]
    public async Task A_bad_upload_gets_the_CLIs_message_and_writes_nothing()
    {
        using var api = Program();
        var cancel = TestContext.Current.CancellationToken;
        using var client = api.Client(api.Key("operator"));
        var bad = Header + "\nMAT-1,Steel,raw,72085101,00,6,,,US,,\n";
        var batches = api.Cli.ReportCsv("batches");
        using var content = new StringContent(bad, Encoding.UTF8, "text/csv");
        var response = await client.PostAsync(new Uri("/api/imports/parts?file=parts.csv", UriKind.Relative), content, cancel);
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        api.Cli.ReportCsv("batches").ShouldBe(batches);
        api.Cli.ReportCsv("entries").Length.ShouldBe(1);

        var cli = api.Cli.Run("import", "parts", api.Cli.Write("parts.csv", bad.TrimEnd('\n').Split('\n')));
        cli.Exit.ShouldBe(3);
        ReportTests.Detail(await response.Content.ReadAsStringAsync(cancel)).ShouldBe(cli.Stderr.TrimEnd('\n'));
        (await client.PostAsync(new Uri("/api/imports/stock", UriKind.Relative), new StringContent(bad), cancel)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await client.PostAsync(new Uri("/api/imports/parts?file=../x.csv", UriKind.Relative), new StringContent(bad), cancel)).StatusCode
            .ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_good_upload_is_one_batch_as_the_key_and_the_same_file_again_is_a_no_op()
    {
        using var api = Program();
        var cancel = TestContext.Current.CancellationToken;
        var key = api.Key("admin");
        using var client = api.Client(key);
        var parts = Header + "\nMAT-1,Steel,material,72085101,00,6,,,US,,\n";
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(parts));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "parts.csv");
        var response = await client.PostAsync(new Uri("/api/imports/parts", UriKind.Relative), form, cancel);
        var body = await response.Content.ReadAsStringAsync(cancel);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        JsonDocument.Parse(body).RootElement.GetProperty("result").GetString().ShouldStartWith("parts.csv: ");
        var batches = api.Cli.ReportCsv("batches");
        batches.Length.ShouldBe(3); // init, parts
        batches[^1].ShouldContain(",parts,parts.csv,");
        batches[^1].ShouldContain("api-key-1");

        using var again = new StringContent(parts, Encoding.UTF8, "text/csv");
        var second = await client.PostAsync(new Uri("/api/imports/parts?file=parts.csv", UriKind.Relative), again, cancel);
        second.StatusCode.ShouldBe(HttpStatusCode.OK);
        api.Cli.ReportCsv("batches").Length.ShouldBe(3);
    }

    [Fact]
    public async Task An_upload_over_the_limit_is_413_and_writes_nothing()
    {
        using var api = Program(maxUploadBytes: 64);
        using var client = api.Client(api.Key("operator"));
        var parts = Header + "\nMAT-1,Steel,material,72085101,00,6,,,US,,\n";
        using var content = new StringContent(parts, Encoding.UTF8, "text/csv");
        var response = await client.PostAsync(new Uri("/api/imports/parts?file=parts.csv", UriKind.Relative), content, TestContext.Current.CancellationToken);
        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        api.Cli.ReportCsv("batches").Length.ShouldBe(2);
    }
}
