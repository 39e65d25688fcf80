using System.Net;
using System.Text.Json;

namespace Traza.Api.Tests;

/// <summary>Issue 16 item 2: every authority request is logged with what it read; no key is ever logged.</summary>
public sealed class AccessLogTests
{
    [Fact]
    public async Task Every_authority_request_is_logged_with_the_rows_it_read_and_listed_for_admins()
    {
        using var api = new ApiHarness(demo: true);
        var cancel = TestContext.Current.CancellationToken;
        using var authority = api.Client(api.Key("authority"));
        using var auditor = api.Client(api.Key("auditor"));
        using var admin = api.Client(api.Key("admin"));
        var shortages = await authority.GetStringAsync(new Uri("/api/reports/shortages?as_of=2025-12-31", UriKind.Relative), cancel);
        var rows = JsonDocument.Parse(shortages).RootElement.GetArrayLength();
        rows.ShouldBeGreaterThan(0);
        (await authority.GetAsync(new Uri("/api/access-log", UriKind.Relative), cancel)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var csv = await authority.GetStringAsync(new Uri("/api/reports/balances?format=csv&as_of=2025-12-31", UriKind.Relative), cancel);
        (await auditor.GetAsync(new Uri("/api/reports/balances", UriKind.Relative), cancel)).StatusCode.ShouldBe(HttpStatusCode.OK); // not logged

        var log = JsonDocument.Parse(await admin.GetStringAsync(new Uri("/api/access-log", UriKind.Relative), cancel)).RootElement;
        log.GetArrayLength().ShouldBe(3);
        var first = log[0];
        (first.GetProperty("key_id").GetInt64(), first.GetProperty("role").GetString(), first.GetProperty("client").GetString()).ShouldBe((1L, "authority", ""));
        (first.GetProperty("method").GetString(), first.GetProperty("path").GetString(), first.GetProperty("query").GetString())
            .ShouldBe(("GET", "/api/reports/shortages", "?as_of=2025-12-31"));
        (first.GetProperty("status").GetInt64(), first.GetProperty("rows").GetInt64()).ShouldBe((200L, (long)rows));
        first.GetProperty("at").GetString().ShouldBe("2025-12-31T12:00:00.000Z");
        (log[1].GetProperty("path").GetString(), log[1].GetProperty("status").GetInt64()).ShouldBe(("/api/access-log", 403L));
        log[2].GetProperty("rows").GetInt64().ShouldBe(csv.TrimEnd('\n').Split('\n').Length - 1);

        var cli = api.Cli.Run("keys", "log");
        cli.Exit.ShouldBe(0, cli.Stderr);
        var lines = cli.Stdout.TrimEnd('\n').Split('\n');
        lines[0].ShouldBe("id,key_id,role,client,at,method,path,query,status,rows");
        lines.Length.ShouldBe(4);
        lines[1].ShouldBe($"1,1,authority,,2025-12-31T12:00:00.000Z,GET,/api/reports/shortages,?as_of=2025-12-31,200,{rows}");
        api.Cli.Run("keys", "log", "--last", "1").Stdout.TrimEnd('\n').Split('\n').Length.ShouldBe(2);
    }

    [Fact]
    public async Task No_key_ever_appears_in_the_logs()
    {
        using var api = new ApiHarness(demo: true);
        var cancel = TestContext.Current.CancellationToken;
        var keys = new List<string> { api.Key("authority"), api.Key("admin"), api.Key("broker", "ACME"), api.Key("operator") };
        var created = api.Cli.Run("keys", "create", "--role", "auditor");
        keys.Add(created.Stdout.TrimEnd('\n').Split('\n')[^1]);
        created.Stderr.ShouldBeEmpty();
        foreach (var key in keys)
        {
            using var client = api.Client(key);
            await client.GetAsync(new Uri("/api/reports/shortages?as_of=2025-12-31", UriKind.Relative), cancel);
            await client.GetAsync(new Uri("/api/reports/batches", UriKind.Relative), cancel);
            await client.GetAsync(new Uri("/api/access-log", UriKind.Relative), cancel);
            await client.GetAsync(new Uri("/api/reports/custody?as_of=bad", UriKind.Relative), cancel);
            using var content = new StringContent("part\n");
            await client.PostAsync(new Uri("/api/imports/parts", UriKind.Relative), content, cancel);
        }

        var revoked = keys[^1];
        api.Cli.Run("keys", "revoke", "5").Exit.ShouldBe(0);
        using (var client = api.Client(revoked))
        {
            (await client.GetAsync(new Uri("/api/reports/shortages", UriKind.Relative), cancel)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }

        using (var client = api.Client(keys[1]))
        {
            var log = await client.GetStringAsync(new Uri("/api/access-log", UriKind.Relative), cancel);
            log.ShouldContain("/api/reports/shortages");
            foreach (var key in keys)
            {
                log.ShouldNotContain(key);
            }
        }

        api.Logs.ShouldNotBeEmpty();
        api.Logs.ShouldContain(l => l.Contains("API key refused", StringComparison.Ordinal));
        var everything = string.Join("\n", api.Logs) + api.Cli.Run("keys", "list").Stdout + api.Cli.Run("keys", "log").Stdout;
        foreach (var key in keys)
        {
            everything.ShouldNotContain(key);
            everything.ShouldNotContain(key[4..]); // nor its random part alone
        }
    }
}
