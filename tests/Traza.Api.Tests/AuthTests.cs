using System.Net;
using System.Text;

namespace Traza.Api.Tests;

/// <summary>Issue 16 item 2: no key → 401, a role that may not → 403, revoked keys refused; /health needs no key.</summary>
public sealed class AuthTests(DemoApi demo) : IClassFixture<DemoApi>
{
    private const string BadParts = "part,description\nX,no kind column\n";

    [Fact]
    public async Task Health_without_a_key_is_ok()
    {
        using var client = demo.Api.Client();
        var response = await client.GetAsync(new Uri("/health", UriKind.Relative), TestContext.Current.CancellationToken);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldBe("{\"status\":\"ok\"}");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("Bearer trz_notakeyatallnotakeyatallnotakeyatall0000")]
    [InlineData("Bearer ")]
    [InlineData("Bearer garbage")]
    public async Task A_request_without_a_valid_key_is_401(string? authorization)
    {
        using var client = demo.Api.Client();
        foreach (var path in (string[])["/api/reports/balances", "/api/lots/" + demo.Api.Lot(), "/api/pedimentos/" + demo.Api.Lot(), "/api/access-log", "/api/reports"])
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
            if (authorization is not null)
            {
                request.Headers.TryAddWithoutValidation("Authorization", authorization);
            }

            var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
            response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized, path);
            response.Headers.WwwAuthenticate.ToString().ShouldBe("Bearer");
        }

        using var post = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/imports/parts", UriKind.Relative)) { Content = new StringContent(BadParts) };
        (await client.SendAsync(post, TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_revoked_key_is_refused()
    {
        var key = demo.Api.Key("auditor");
        using var client = demo.Api.Client(key);
        (await client.GetAsync(new Uri("/api/reports/shortages", UriKind.Relative), TestContext.Current.CancellationToken)).StatusCode
            .ShouldBe(HttpStatusCode.OK);
        var id = demo.Api.Cli.Run("keys", "list").Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1].Split(',')[0];
        var revoke = demo.Api.Cli.Run("keys", "revoke", id);
        revoke.Exit.ShouldBe(0, revoke.Stderr);
        revoke.Stdout.ShouldBe($"revoked key {id}\n");
        (await client.GetAsync(new Uri("/api/reports/shortages", UriKind.Relative), TestContext.Current.CancellationToken)).StatusCode
            .ShouldBe(HttpStatusCode.Unauthorized);
        demo.Api.Cli.Run("keys", "revoke", id).Stdout.ShouldBe($"key {id} was revoked already; nothing to do\n");
        demo.Api.Cli.Run("keys", "list").Stdout.Split('\n').Single(l => l.StartsWith(id + ",", StringComparison.Ordinal))
            .ShouldEndWith(",2025-12-31T12:00:00Z");
        demo.Api.Cli.Run("keys", "revoke", "999").Exit.ShouldBe(3);
    }

    /// <summary>Reads: every role. Imports: operator and admin (a bad file, so nothing is written: 400 means allowed). Access log: admin.</summary>
    [Theory]
    [InlineData("admin", HttpStatusCode.OK, HttpStatusCode.BadRequest, HttpStatusCode.OK)]
    [InlineData("operator", HttpStatusCode.OK, HttpStatusCode.BadRequest, HttpStatusCode.Forbidden)]
    [InlineData("broker", HttpStatusCode.OK, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden)]
    [InlineData("auditor", HttpStatusCode.OK, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden)]
    [InlineData("authority", HttpStatusCode.OK, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden)]
    public async Task Each_role_may_what_docs_api_says(string role, HttpStatusCode read, HttpStatusCode import, HttpStatusCode log)
    {
        using var client = demo.Api.Client(demo.Api.Key(role));
        var cancel = TestContext.Current.CancellationToken;
        foreach (var path in (string[])["/api/reports/balances", "/api/reports/batches", "/api/reports", "/api/pedimentos/" + demo.Api.Lot(), "/api/lots/" + demo.Api.Lot()])
        {
            (await client.GetAsync(new Uri(path, UriKind.Relative), cancel)).StatusCode.ShouldBe(read, path);
        }

        var batches = demo.Api.Cli.ReportCsv("batches").Length;
        using (var content = new StringContent(BadParts, Encoding.UTF8, "text/csv"))
        {
            (await client.PostAsync(new Uri("/api/imports/parts?file=parts.csv", UriKind.Relative), content, cancel)).StatusCode.ShouldBe(import);
        }

        demo.Api.Cli.ReportCsv("batches").Length.ShouldBe(batches);
        (await client.GetAsync(new Uri("/api/access-log", UriKind.Relative), cancel)).StatusCode.ShouldBe(log);
    }

    [Fact]
    public async Task A_client_key_may_neither_import_nor_read_the_access_log()
    {
        var cancel = TestContext.Current.CancellationToken;
        foreach (var role in (string[])["admin", "operator"])
        {
            using var client = demo.Api.Client(demo.Api.Key(role, "ACME"));
            using var content = new StringContent(BadParts);
            (await client.PostAsync(new Uri("/api/imports/parts", UriKind.Relative), content, cancel)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
            (await client.GetAsync(new Uri("/api/access-log", UriKind.Relative), cancel)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        }
    }

    [Fact]
    public async Task The_OpenAPI_document_and_the_explorer_are_served()
    {
        using var client = demo.Api.Client();
        var cancel = TestContext.Current.CancellationToken;
        var openApi = await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative), cancel);
        openApi.ShouldContain("\"/api/reports/{name}\"");
        openApi.ShouldContain("\"/api/imports/{kind}\"");
        openApi.ShouldContain("\"/api/lots/{pedimento}\"");
        (await client.GetAsync(new Uri("/scalar/v1", UriKind.Relative), cancel)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public void Keys_create_prints_the_key_once_alone_on_the_last_line_and_stores_only_its_hash()
    {
        var result = demo.Api.Cli.Run("keys", "create", "--role", "broker", "--client", "KITE");
        result.Exit.ShouldBe(0, result.Stderr);
        var lines = result.Stdout.TrimEnd('\n').Split('\n');
        var key = lines[^1];
        key.ShouldMatch("^trz_[A-Za-z0-9_-]{43}$");
        result.Stdout.Split(key).Length.ShouldBe(2); // printed once
        demo.Api.Cli.Run("keys", "list").Stdout.ShouldNotContain(key);
        using var store = Traza.Cli.Tests.TestStore.Open(demo.Api.Cli.Db, demo.Api.Cli.Clock);
        var stored = store.Access.Keys().Single(k => k.KeyHash == Traza.App.Access.ApiKeys.Hash(key));
        stored.KeyHash.ShouldBe(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(key))));
        (stored.Role, stored.Client, stored.RevokedAt).ShouldBe(("broker", "KITE", (DateTimeOffset?)null));
        demo.Api.Cli.Run("keys", "create", "--role", "broker", "--client", "NOPE").Exit.ShouldBe(3);
        demo.Api.Cli.Run("keys", "create", "--role", "king").Exit.ShouldBe(2);
    }
}
