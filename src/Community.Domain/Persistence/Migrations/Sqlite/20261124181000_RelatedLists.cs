using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Community.Domain.Persistence.Migrations.Sqlite
{
    /// <summary>
    /// Issue 11: each question's related questions as last ranked (hand-written SQL: Search/StoredRelatedLists.cs, the
    /// same on both engines). No model change, so no target model.
    /// </summary>
    [DbContext(typeof(CommunityDbContext))]
    [Migration("20261124181000_RelatedLists")]
    public partial class RelatedLists : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            foreach (var statement in Community.Domain.Search.StoredRelatedLists.Create())
                migrationBuilder.Sql(statement);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var statement in Community.Domain.Search.StoredRelatedLists.Drop())
                migrationBuilder.Sql(statement);
        }
    }
}
