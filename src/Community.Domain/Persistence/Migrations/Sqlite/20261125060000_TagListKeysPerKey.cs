using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Community.Domain.Persistence.Migrations.Sqlite
{
    /// <summary>
    /// Issue 11: a trigger per sort key of the tag links instead of one that sets all three, so an answer rewrites only the
    /// links' activity entries and a vote only their score entries (hand-written SQL: Questions/TagListKeys.cs). SQLite
    /// only: PostgreSQL writes a new entry in every index of an updated link whichever column changed, so its one trigger
    /// stays. No model change, so no target model.
    /// </summary>
    [DbContext(typeof(CommunityDbContext))]
    [Migration("20261125060000_TagListKeysPerKey")]
    public partial class TagListKeysPerKey : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            foreach (var statement in Community.Domain.Questions.TagListKeys.PerKeySqlite())
                migrationBuilder.Sql(statement);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var statement in Community.Domain.Questions.TagListKeys.OneTriggerSqlite())
                migrationBuilder.Sql(statement);
        }
    }
}
