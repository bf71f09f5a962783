using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Community.Domain.Persistence.Migrations.Sqlite
{
    /// <summary>
    /// Issue 11: the tag index of follows holds tag follows only (filter "TagId" IS NOT NULL); a question's follow, one
    /// per new answerer in the answer's write, no longer adds a NULL entry to it (~1 log page an answer on SQLite).
    /// </summary>
    public partial class FollowsTagIdPartial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Follows_TagId",
                table: "Follows");

            migrationBuilder.CreateIndex(
                name: "IX_Follows_TagId",
                table: "Follows",
                column: "TagId",
                filter: "\"TagId\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Follows_TagId",
                table: "Follows");

            migrationBuilder.CreateIndex(
                name: "IX_Follows_TagId",
                table: "Follows",
                column: "TagId");
        }
    }
}
