using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;

namespace Community.Bench.Floor;

/// <summary>
/// The floor: what the hardware allows for each page, written by hand. Kestrel and nothing else of the framework
/// (no routing, no components, no EF Core): raw <c>Microsoft.Data.Sqlite</c> on the same database file, pooled
/// connections, and HTML written straight into the response. Its pages carry the same content as the product's
/// (titles, bodies, authors, scores, tags, comments), without what a minimal page can do without (navigation, related
/// questions, view counting). Runs as its own process: <c>Community.Bench floor --db FILE --port N [--static DIR]</c>.
/// </summary>
public static class FloorServer
{
    public static async Task RunAsync(string database, int port, string? staticDirectory)
    {
        var connectionString = new SqliteConnectionStringBuilder { DataSource = database, Mode = SqliteOpenMode.ReadWrite, Pooling = true }.ToString();
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        app.Run(context => HandleAsync(context, connectionString, staticDirectory));
        await app.RunAsync();
    }

    private static Task HandleAsync(HttpContext context, string connectionString, string? staticDirectory)
    {
        var path = context.Request.Path.Value ?? "/";
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments is ["healthz"])
            return context.Response.WriteAsync("ok");
        if (segments is ["questions", "tagged", var tag])
            return TagListAsync(context, connectionString, Uri.UnescapeDataString(tag),
                int.TryParse(context.Request.Query["pagesize"], NumberStyles.None, CultureInfo.InvariantCulture, out var rows)
                    && Community.Domain.Questions.QuestionQueries.PageSizes.Contains(rows) ? rows : Community.Domain.Questions.QuestionQueries.PageSize);
        if (segments is ["questions", var id, ..] && int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var questionId))
            return QuestionAsync(context, connectionString, questionId);
        if (segments is ["search"])
            return SearchAsync(context, connectionString, context.Request.Query["q"].ToString());
        if (segments is ["static", var name] && staticDirectory is not null && !name.Contains("..", StringComparison.Ordinal))
        {
            context.Response.ContentType = "text/html; charset=utf-8";
            return context.Response.SendFileAsync(Path.Combine(staticDirectory, name));
        }
        context.Response.StatusCode = 404;
        return Task.CompletedTask;
    }

    private static SqliteConnection Open(string connectionString)
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        return connection;
    }

    private static void Head(StringBuilder html, string title) =>
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(Encode(title))
            .Append("</title><link rel=\"stylesheet\" href=\"/app.css\"></head><body><main>");

    private static async Task QuestionAsync(HttpContext context, string connectionString, int id)
    {
        await using var connection = Open(connectionString);
        var html = new StringBuilder(64 * 1024);
        await using (var question = connection.CreateCommand())
        {
            question.CommandText = """
                SELECT q.Title, q.BodyHtml, q.Score, q.CreatedAt, q.ViewCount, u.DisplayName, u.Reputation,
                       (SELECT group_concat(t.Name, ' ') FROM QuestionTags qt JOIN Tags t ON t.Id = qt.TagsId WHERE qt.QuestionsId = q.Id)
                FROM Posts q JOIN AspNetUsers u ON u.Id = q.AuthorId
                WHERE q.Id = $id AND q.Kind = 'Question' AND q.DeletedAt IS NULL AND q.HiddenAt IS NULL;
                """;
            question.Parameters.AddWithValue("$id", id);
            await using var reader = await question.ExecuteReaderAsync();
            if (!await reader.ReadAsync())
            {
                context.Response.StatusCode = 404;
                return;
            }
            var title = reader.GetString(0);
            Head(html, title);
            html.Append("<article class=\"question\"><h1>").Append(Encode(title)).Append("</h1><p>Asked ").Append(reader.GetString(3))
                .Append(" · Viewed ").Append(reader.GetInt32(4)).Append(" times</p><div class=\"post\"><span class=\"score\">").Append(reader.GetInt32(2))
                .Append("</span><div class=\"markdown\">").Append(reader.GetString(1)).Append("</div><ul class=\"tags\">");
            foreach (var tag in (reader.IsDBNull(7) ? "" : reader.GetString(7)).Split(' ', StringSplitOptions.RemoveEmptyEntries))
                html.Append("<li><a href=\"/questions/tagged/").Append(Encode(tag)).Append("\">").Append(Encode(tag)).Append("</a></li>");
            html.Append("</ul><p class=\"signature\">asked by ").Append(Encode(reader.GetString(5))).Append(" (").Append(reader.GetInt32(6)).Append(")</p>");
        }

        // Every comment of the thread in one query, shown under its post.
        var comments = new Dictionary<int, StringBuilder>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = """
                SELECT c.PostId, c.BodyHtml, c.CreatedAt, u.DisplayName FROM Comments c JOIN AspNetUsers u ON u.Id = c.AuthorId
                WHERE c.PostId IN (SELECT $id UNION ALL SELECT Id FROM Posts WHERE QuestionId = $id) AND c.DeletedAt IS NULL
                ORDER BY c.CreatedAt;
                """;
            command.Parameters.AddWithValue("$id", id);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var postId = reader.GetInt32(0);
                if (!comments.TryGetValue(postId, out var list))
                    comments[postId] = list = new StringBuilder();
                list.Append("<li>").Append(reader.GetString(1)).Append(" – ").Append(Encode(reader.GetString(3))).Append(' ').Append(reader.GetString(2)).Append("</li>");
            }
        }
        AppendComments(html, comments, id);
        html.Append("</div></article><section class=\"answers\">");

        await using (var command = connection.CreateCommand())
        {
            command.CommandText = """
                SELECT a.Id, a.BodyHtml, a.Score, a.CreatedAt, u.DisplayName, u.Reputation, coalesce(a.Id = q.AcceptedAnswerId, 0)
                FROM Posts a JOIN AspNetUsers u ON u.Id = a.AuthorId JOIN Posts q ON q.Id = a.QuestionId
                WHERE a.QuestionId = $id AND a.DeletedAt IS NULL AND a.HiddenAt IS NULL
                ORDER BY coalesce(a.Id = q.AcceptedAnswerId, 0) DESC, a.Score DESC, a.Id;
                """;
            command.Parameters.AddWithValue("$id", id);
            await using var reader = await command.ExecuteReaderAsync();
            var count = 0;
            var answers = new StringBuilder(48 * 1024);
            while (await reader.ReadAsync())
            {
                count++;
                var answerId = reader.GetInt32(0);
                answers.Append("<article class=\"post answer").Append(reader.GetBoolean(6) ? " accepted" : "").Append("\" id=\"answer-").Append(answerId)
                    .Append("\"><span class=\"score\">").Append(reader.GetInt32(2)).Append("</span><div class=\"markdown\">").Append(reader.GetString(1))
                    .Append("</div><p class=\"signature\">answered ").Append(reader.GetString(3)).Append(" by ").Append(Encode(reader.GetString(4)))
                    .Append(" (").Append(reader.GetInt32(5)).Append(")</p>");
                AppendComments(answers, comments, answerId);
                answers.Append("</article>");
            }
            html.Append("<h2>").Append(count).Append(count == 1 ? " answer" : " answers").Append("</h2>").Append(answers);
        }
        html.Append("</section></main></body></html>");
        await WriteAsync(context, html);
    }

    private static void AppendComments(StringBuilder html, Dictionary<int, StringBuilder> comments, int postId)
    {
        if (comments.TryGetValue(postId, out var list))
            html.Append("<ul class=\"comments\">").Append(list).Append("</ul>");
    }

    /// <summary>The tag's most active live questions, from the links' own index (each link carries its question's activity, NULL while removed).</summary>
    private static async Task TagListAsync(HttpContext context, string connectionString, string tag, int rows)
    {
        await using var connection = Open(connectionString);
        var html = new StringBuilder(32 * 1024);
        Head(html, $"Questions tagged {tag}");
        html.Append("<h1>Questions tagged ").Append(Encode(tag)).Append("</h1><ol class=\"questions\">");
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT q.Id, q.Title, q.Score, q.AnswerCount, q.ViewCount, q.LastActivityAt, q.AcceptedAnswerId IS NOT NULL, u.DisplayName, u.Reputation,
                   (SELECT group_concat(t2.Name, ' ') FROM QuestionTags qt2 JOIN Tags t2 ON t2.Id = qt2.TagsId WHERE qt2.QuestionsId = q.Id)
            FROM Tags t JOIN QuestionTags qt ON qt.TagsId = t.Id JOIN Posts q ON q.Id = qt.QuestionsId JOIN AspNetUsers u ON u.Id = q.AuthorId
            WHERE t.Name = $tag AND qt.LastActivityAt IS NOT NULL
            ORDER BY qt.LastActivityAt DESC, qt.QuestionsId DESC LIMIT $limit;
            """;
        command.Parameters.AddWithValue("$tag", tag);
        command.Parameters.AddWithValue("$limit", rows);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            html.Append("<li><span>").Append(reader.GetInt32(2)).Append(" votes</span><span").Append(reader.GetBoolean(6) ? " class=\"accepted\"" : "").Append('>')
                .Append(reader.IsDBNull(3) ? 0 : reader.GetInt32(3)).Append(" answers</span><span>").Append(reader.IsDBNull(4) ? 0 : reader.GetInt32(4))
                .Append(" views</span><a href=\"/questions/").Append(reader.GetInt32(0)).Append("\">").Append(Encode(reader.GetString(1))).Append("</a><ul class=\"tags\">");
            foreach (var name in (reader.IsDBNull(9) ? "" : reader.GetString(9)).Split(' ', StringSplitOptions.RemoveEmptyEntries))
                html.Append("<li>").Append(Encode(name)).Append("</li>");
            html.Append("</ul>").Append(Encode(reader.GetString(7))).Append(" (").Append(reader.GetInt32(8)).Append(") ").Append(reader.GetString(5)).Append("</li>");
        }
        html.Append("</ol></main></body></html>");
        await WriteAsync(context, html);
    }

    private static async Task SearchAsync(HttpContext context, string connectionString, string query)
    {
        var terms = query.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(t => "\"" + t.Replace("\"", "") + "\"").ToList();
        await using var connection = Open(connectionString);
        var html = new StringBuilder(16 * 1024);
        Head(html, $"Search: {query}");
        if (terms.Count > 0)
        {
            var match = string.Join(' ', terms);
            await using (var count = connection.CreateCommand())
            {
                count.CommandText = "SELECT count(*) FROM SearchDocuments WHERE SearchDocuments MATCH $match;";
                count.Parameters.AddWithValue("$match", match);
                html.Append("<p>").Append(Convert.ToInt64(await count.ExecuteScalarAsync(), CultureInfo.InvariantCulture)).Append(" results</p><ol>");
            }
            await using var command = connection.CreateCommand();
            command.CommandText = """
                SELECT d.rowid, d.title, snippet(SearchDocuments, -1, '<mark>', '</mark>', ' … ', 16)
                FROM SearchDocuments d WHERE SearchDocuments MATCH $match ORDER BY bm25(SearchDocuments, 10.0, 2.0, 1.5, 4.0) LIMIT 20;
                """;
            command.Parameters.AddWithValue("$match", match);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                html.Append("<li><a href=\"/questions/").Append(reader.GetInt64(0)).Append("\">").Append(Encode(reader.GetString(1))).Append("</a><p>")
                    .Append(Encode(reader.GetString(2))).Append("</p></li>");
            html.Append("</ol>");
        }
        html.Append("</main></body></html>");
        await WriteAsync(context, html);
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    private static async Task WriteAsync(HttpContext context, StringBuilder html)
    {
        context.Response.ContentType = "text/html; charset=utf-8";
        var bytes = Encoding.UTF8.GetBytes(html.ToString());
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes);
    }
}
