using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Traza.Api.Tests;

/// <summary>
/// What the adversarial review of <c>traza serve</c> (2026-12-06) found, each held here: odd requests get a 4xx with a message
/// rather than a server error or an empty answer, an upload's messages never show the server's folders, and an authority's
/// reads are recorded whatever the case of the dashboard's path — or not answered at all when the record cannot be written.
/// </summary>
public sealed partial class HardeningTests
{
    private static ApiHarness Program()
    {
        var api = new ApiHarness();
        var init = api.Cli.Run("init", "--rfc", "ABC010101AB1", "--name", "A", "--immex", "1", "--modality", "industrial");
        init.Exit.ShouldBe(0, init.Stderr);
        var added = api.Cli.Run("clients", "add", "ACME", "--name", "Acme Drivetrain Mexico");
        added.Exit.ShouldBe(0, added.Stderr);
        return api;
    }

    [Theory]
    [InlineData("multipart/form-data", "part,description\n")] // no boundary
    [InlineData("multipart/form-data; boundary=XX", "part,description\n")] // no part at all
    [InlineData("multipart/form-data; boundary=XX", "--XX\r\nContent-Disposition: form-data; name=\"f\"; filename=\"p.csv\"\r\n\r\npart,desc\r\n")] // cut short
    [InlineData("multipart/form-data; boundary=XX", null)] // more fields than a form may have
    public async Task A_malformed_multipart_upload_is_400_with_a_message_and_writes_nothing(string contentType, string? body)
    {
        using var api = Program();
        var cancel = TestContext.Current.CancellationToken;
        using var client = api.Client(api.Key("operator"));
        body ??= string.Concat(Enumerable.Range(0, 1100).Select(i => $"--XX\r\nContent-Disposition: form-data; name=\"a{i}\"\r\n\r\nv\r\n")) + "--XX--\r\n";
        var batches = api.Cli.ReportCsv("batches");
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        var response = await client.PostAsync(new Uri("/api/imports/parts", UriKind.Relative), content, cancel);
        var text = await response.Content.ReadAsStringAsync(cancel);
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, text);
        ReportTests.Detail(text).ShouldStartWith("upload: ");
        api.Cli.ReportCsv("batches").ShouldBe(batches);
    }

    [Theory]
    [InlineData("datastage", "", "datastage.zip")]
    [InlineData("m3", "?file=m1234001.123", "m1234001.123")]
    public async Task A_government_upload_that_does_not_read_names_the_upload_not_the_servers_folder(string kind, string query, string name)
    {
        using var api = Program();
        var cancel = TestContext.Current.CancellationToken;
        using var client = api.Client(api.Key("admin"));
        using var content = new StringContent("not what it says it is", Encoding.UTF8, "application/octet-stream");
        var response = await client.PostAsync(new Uri($"/api/imports/{kind}{query}", UriKind.Relative), content, cancel);
        var detail = ReportTests.Detail(await response.Content.ReadAsStringAsync(cancel));
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, detail);
        detail.ShouldStartWith($"file {name}", Case.Sensitive, detail);
        detail.ShouldNotContain("traza-upload-");
        detail.ShouldNotContain(Path.GetTempPath());
    }

    [Theory]
    [InlineData("9999-12")]
    [InlineData("0001-01")]
    public async Task A_usmca_period_outside_the_input_years_is_400_as_on_the_cli(string period)
    {
        using var api = Program();
        var cancel = TestContext.Current.CancellationToken;
        using var client = api.Client(api.Key("auditor"));
        var response = await client.GetAsync(new Uri($"/api/reports/usmca?period={period}", UriKind.Relative), cancel);
        var detail = ReportTests.Detail(await response.Content.ReadAsStringAsync(cancel));
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, detail);
        var cli = api.Cli.Run("report", "usmca", "--period", period);
        cli.Exit.ShouldBe(2, cli.Stderr);
        detail.ShouldBe(cli.Stderr.TrimEnd('\n'));
        detail.ShouldContain("from 2000-01 to 2099-12");
    }

    [Fact]
    public async Task An_authority_is_logged_on_the_dashboard_whatever_the_case_of_its_path()
    {
        using var api = Program();
        var cancel = TestContext.Current.CancellationToken;
        using var client = api.Client();
        var key = api.Key("authority");
        var session = await SignIn(client, key, cancel);
        foreach (var path in (string[])["/DASHBOARD", "/Dashboard/download/status?table=0", "/dashboard"])
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
            request.Headers.Add("Cookie", session);
            var response = await client.SendAsync(request, cancel);
            response.StatusCode.ShouldBe(HttpStatusCode.OK, path);
        }

        var log = api.Cli.Run("keys", "log");
        log.Exit.ShouldBe(0, log.Stderr);
        // path, query, status, rows: the status table lists the one client, ACME, on the page and in its download.
        var records = log.Stdout.TrimEnd('\n').Split('\n').Skip(1).Select(l => string.Join(',', l.Split(',')[6..])).ToList();
        records.ShouldBe(["/DASHBOARD,,200,1", "/Dashboard/download/status,?table=0,200,1", "/dashboard,,200,1"]);
        var everything = string.Join("\n", api.Logs); // every level, the framework's included: neither the key nor the session
        everything.ShouldNotContain(key);
        everything.ShouldNotContain(session["traza_session=".Length..]);
    }

    [Fact]
    public async Task A_bad_download_table_gets_the_dashboards_message()
    {
        using var api = Program();
        var cancel = TestContext.Current.CancellationToken;
        using var client = api.Client();
        var session = await SignIn(client, api.Key("auditor"), cancel);
        foreach (var table in (string[])["abc", "-1", "3", "99999999999", "1&table=2"])
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"/dashboard/download/status?table={table}", UriKind.Relative));
            request.Headers.Add("Cookie", session);
            var response = await client.SendAsync(request, cancel);
            var text = await response.Content.ReadAsStringAsync(cancel);
            response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, table);
            ReportTests.Detail(text).ShouldStartWith("table: 0 to 2, found '", Case.Sensitive, table);
        }
    }

    [Fact]
    public async Task An_authority_read_whose_record_cannot_be_written_answers_no_rows()
    {
        using var api = Program();
        var cancel = TestContext.Current.CancellationToken;
        using var authority = api.Client(api.Key("authority"));
        (await authority.GetStringAsync(new Uri("/api/reports/rates?format=csv", UriKind.Relative), cancel)).ShouldNotBeNull();
        Execute(api.Cli.Db, RefuseAccessRecords);
        HttpStatusCode? status = null;
        var received = new StringBuilder();
        try
        {
            using var response = await authority.GetAsync(new Uri("/api/reports/entries?format=csv", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, cancel);
            status = response.StatusCode;
            await using var body = await response.Content.ReadAsStreamAsync(cancel);
            var buffer = new byte[4096];
            int read;
            while ((read = await body.ReadAsync(buffer, cancel)) > 0)
            {
                received.Append(Encoding.UTF8.GetString(buffer, 0, read));
            }
        }
        catch (Exception e) when (e is not ShouldAssertException)
        {
            // The test server hands the server's failure to the caller: what counts is what arrived before it.
        }

        status.ShouldNotBe(HttpStatusCode.OK);
        received.ToString().ShouldNotContain("pedimento,partida");
        var log = api.Cli.Run("keys", "log"); // records still refused: the server may still be failing that request
        log.Stdout.TrimEnd('\n').Split('\n').Length.ShouldBe(2, log.Stdout); // the read before it
    }

    /// <summary>Signs <paramref name="key"/> in through the dashboard's form and returns the session cookie (<c>traza_session=…</c>).</summary>
    internal static async Task<string> SignIn(HttpClient client, string key, CancellationToken cancel)
    {
        var page = await client.GetAsync(new Uri("/dashboard/sign-in", UriKind.Relative), cancel);
        var html = await page.Content.ReadAsStringAsync(cancel);
        var token = TokenPattern().Match(html).Groups[1].Value;
        var antiforgery = page.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Single(c => c.StartsWith("traza_antiforgery=", StringComparison.Ordinal));
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
            ["_handler"] = "sign-in",
            ["Key"] = key,
        });
        using var post = new HttpRequestMessage(HttpMethod.Post, new Uri("/dashboard/sign-in", UriKind.Relative)) { Content = form };
        post.Headers.Add("Cookie", antiforgery);
        var signedIn = await client.SendAsync(post, cancel);
        signedIn.StatusCode.ShouldBe(HttpStatusCode.Redirect, await signedIn.Content.ReadAsStringAsync(cancel));
        return signedIn.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Single(c => c.StartsWith("traza_session=", StringComparison.Ordinal));
    }

    /// <summary>Makes every new access record fail, as a ledger locked past the timeout would.</summary>
#if POSTGRES_STORE
    private const string RefuseAccessRecords = "ALTER TABLE api_access ADD CONSTRAINT refuse_access CHECK (false) NOT VALID";
#else
    private const string RefuseAccessRecords = "CREATE TRIGGER refuse_access BEFORE INSERT ON api_access BEGIN SELECT RAISE(ABORT, 'refused'); END";
#endif

    private static void Execute(string target, string sql)
    {
#if POSTGRES_STORE
        using var connection = new Npgsql.NpgsqlConnection(target);
#else
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={target};Pooling=False");
#endif
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]*)\"")]
    private static partial Regex TokenPattern();
}
