using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Community.Domain.Persistence.Migrations.Sqlite
{
    /// <summary>
    /// Issue 11: answers as their own rows of the search index (hand-written SQL: Search/SearchSchema.cs), so that an answer's
    /// insert no longer re-tokenizes its whole thread. No model change, so no target model; PostgreSQL keeps its documents
    /// (bench/README.md says why).
    /// </summary>
    [DbContext(typeof(CommunityDbContext))]
    [Migration("20261124180000_SearchAnswers")]
    public partial class SearchAnswers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            foreach (var statement in Community.Domain.Search.SearchSchema.SeparateAnswers())
                migrationBuilder.Sql(statement);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // No way back to whole-thread documents short of the Search migration's Down and Up.
        }
    }
}
