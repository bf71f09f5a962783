using Community.Domain.Tests.Posting;
using Microsoft.EntityFrameworkCore;

namespace Community.Domain.Tests.Persistence;

/// <summary>
/// A post's author is in one index only: the unique (AuthorId, ClientToken), unfiltered, serves the author's posts and the
/// double-post guard; a second index starting with AuthorId cost every post a log page more (bench/README.md, session 13).
/// Posts without a token stay free to repeat: NULL tokens are distinct in a unique index on both engines.
/// </summary>
public sealed class PostAuthorIndexTests
{
    private static CancellationToken Ct => TestForum.Ct;

    [Fact]
    public async Task OneUniqueIndexStartsWithThePostsAuthorAndPostsWithoutATokenStillRepeat()
    {
        await using var forum = await TestForum.CreateAsync();
        var asker = await forum.MemberAsync();
        var first = await forum.AskAsync(asker);
        var second = await forum.AskAsync(asker, "Another question about the router lights");
        await using var db = forum.Db();
        Assert.Equal(2, await db.Posts.CountAsync(p => p.AuthorId == asker.UserId && p.ClientToken == null && (p.Id == first || p.Id == second), Ct));

        var sql = forum.Database.IsPostgres
            ? """
              SELECT ic.relname || ':' || i.indisunique::text AS "Value" FROM pg_index i
              JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid
              JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = i.indkey[0]
              WHERE t.relname = 'Posts' AND a.attname = 'AuthorId' AND i.indpred IS NULL
              """
            : """
              SELECT il.name || ':' || CASE WHEN il."unique" THEN 'true' ELSE 'false' END AS Value
              FROM pragma_index_list('Posts') AS il JOIN pragma_index_info(il.name) AS ii
              WHERE ii.seqno = 0 AND ii.name = 'AuthorId' AND il.partial = 0
              """;
        var unfiltered = await db.Database.SqlQueryRaw<string>(sql).ToListAsync(Ct);
        Assert.Equal(["IX_Posts_AuthorId_ClientToken:true"], unfiltered);
    }
}
