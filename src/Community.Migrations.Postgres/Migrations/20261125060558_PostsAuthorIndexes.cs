using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Community.Migrations.Postgres.Migrations
{
    /// <summary>
    /// Issue 11: one index for a post's author, unique on (AuthorId, ClientToken) without a filter (NULL tokens are
    /// distinct), in place of IX_Posts_AuthorId and the filtered unique index: one index entry less for every post.
    /// </summary>
    public partial class PostsAuthorIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Posts_AuthorId",
                table: "Posts");

            migrationBuilder.DropIndex(
                name: "IX_Posts_AuthorId_ClientToken",
                table: "Posts");

            migrationBuilder.CreateIndex(
                name: "IX_Posts_AuthorId_ClientToken",
                table: "Posts",
                columns: new[] { "AuthorId", "ClientToken" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Posts_AuthorId_ClientToken",
                table: "Posts");

            migrationBuilder.CreateIndex(
                name: "IX_Posts_AuthorId",
                table: "Posts",
                column: "AuthorId");

            migrationBuilder.CreateIndex(
                name: "IX_Posts_AuthorId_ClientToken",
                table: "Posts",
                columns: new[] { "AuthorId", "ClientToken" },
                unique: true,
                filter: "\"ClientToken\" IS NOT NULL");
        }
    }
}
