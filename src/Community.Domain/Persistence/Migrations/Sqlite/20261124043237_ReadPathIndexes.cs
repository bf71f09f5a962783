using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Community.Domain.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ReadPathIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Posts_RemovedQuestions",
                table: "Posts",
                columns: new[] { "Id", "Kind", "DeletedAt", "HiddenAt" },
                filter: "\"Kind\" = 'Question' AND (\"DeletedAt\" IS NOT NULL OR \"HiddenAt\" IS NOT NULL)");

            migrationBuilder.CreateIndex(
                name: "IX_Escalations_QuestionId",
                table: "Escalations",
                column: "QuestionId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Posts_RemovedQuestions",
                table: "Posts");

            migrationBuilder.DropIndex(
                name: "IX_Escalations_QuestionId",
                table: "Escalations");
        }
    }
}
