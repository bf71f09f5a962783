using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Community.Domain.Persistence.Migrations.Sqlite
{
    /// <summary>
    /// Issue 11: the covering index search ranks its candidates from (hand-written SQL: Search/SearchSchema.cs). No model
    /// change, so no target model; PostgreSQL ranks from its own search table and needs no counterpart.
    /// </summary>
    [DbContext(typeof(CommunityDbContext))]
    [Migration("20261124074500_SearchRankIndex")]
    public partial class SearchRankIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            foreach (var statement in Community.Domain.Search.SearchSchema.AddRankIndex())
                migrationBuilder.Sql(statement);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var statement in Community.Domain.Search.SearchSchema.DropRankIndex())
                migrationBuilder.Sql(statement);
        }
    }
}
