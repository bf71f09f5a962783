using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Community.Migrations.Postgres.Migrations
{
    /// <summary>
    /// Issue 11, the work inside the write turn: "who follows this question" from one covering index, and each member's
    /// answer score and count per tag kept by triggers for the tag badges (Badges/MemberTagScores.cs), with its backfill.
    /// </summary>
    public partial class WritePaths : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Follows_QuestionId",
                table: "Follows");

            migrationBuilder.CreateTable(
                name: "MemberTagScores",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "text", nullable: false),
                    TagId = table.Column<int>(type: "integer", nullable: false),
                    Score = table.Column<int>(type: "integer", nullable: false),
                    Answers = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MemberTagScores", x => new { x.UserId, x.TagId });
                    table.ForeignKey(
                        name: "FK_MemberTagScores_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            // The totals of the answers written so far, then the triggers that keep them (hand-written SQL).
            foreach (var statement in Community.Domain.Badges.MemberTagScores.CreatePostgres())
                migrationBuilder.Sql(statement);

            migrationBuilder.CreateIndex(
                name: "IX_Follows_QuestionId_UserId",
                table: "Follows",
                columns: new[] { "QuestionId", "UserId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var statement in Community.Domain.Badges.MemberTagScores.DropPostgres())
                migrationBuilder.Sql(statement);

            migrationBuilder.DropTable(
                name: "MemberTagScores");

            migrationBuilder.DropIndex(
                name: "IX_Follows_QuestionId_UserId",
                table: "Follows");

            migrationBuilder.CreateIndex(
                name: "IX_Follows_QuestionId",
                table: "Follows",
                column: "QuestionId");
        }
    }
}
