using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Community.Domain.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class LiveQuestionIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Posts_Kind_CreatedAt",
                table: "Posts");

            migrationBuilder.DropIndex(
                name: "IX_Posts_Kind_Score",
                table: "Posts");

            migrationBuilder.DropIndex(
                name: "IX_Posts_LastActivityAt",
                table: "Posts");

            migrationBuilder.CreateIndex(
                name: "IX_Posts_LiveQuestions_CreatedAt",
                table: "Posts",
                column: "CreatedAt",
                filter: "\"Kind\" = 'Question' AND \"DeletedAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Posts_LiveQuestions_LastActivityAt",
                table: "Posts",
                column: "LastActivityAt",
                filter: "\"Kind\" = 'Question' AND \"DeletedAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Posts_LiveQuestions_Score",
                table: "Posts",
                column: "Score",
                filter: "\"Kind\" = 'Question' AND \"DeletedAt\" IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Posts_LiveQuestions_CreatedAt",
                table: "Posts");

            migrationBuilder.DropIndex(
                name: "IX_Posts_LiveQuestions_LastActivityAt",
                table: "Posts");

            migrationBuilder.DropIndex(
                name: "IX_Posts_LiveQuestions_Score",
                table: "Posts");

            migrationBuilder.CreateIndex(
                name: "IX_Posts_Kind_CreatedAt",
                table: "Posts",
                columns: new[] { "Kind", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Posts_Kind_Score",
                table: "Posts",
                columns: new[] { "Kind", "Score" });

            migrationBuilder.CreateIndex(
                name: "IX_Posts_LastActivityAt",
                table: "Posts",
                column: "LastActivityAt");
        }
    }
}
