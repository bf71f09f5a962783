using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Community.Domain.Persistence.Migrations.Sqlite
{
    /// <summary>
    /// Issue 11: the title-and-tags index that search ranks with (hand-written SQL: Search/SearchSchema.cs). No model change,
    /// so no target model; PostgreSQL ranks on its weighted tsvector and needs no counterpart.
    /// </summary>
    [DbContext(typeof(CommunityDbContext))]
    [Migration("20261124013000_SearchTitles")]
    public partial class SearchTitles : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            foreach (var statement in Community.Domain.Search.SearchSchema.AddTitles())
                migrationBuilder.Sql(statement);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The triggers of the Search migration (SearchSchema.Create) write the title index too: it stays, kept in step.
        }
    }
}
