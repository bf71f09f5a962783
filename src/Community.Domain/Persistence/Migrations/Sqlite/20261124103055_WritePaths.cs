using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Community.Domain.Persistence.Migrations.Sqlite
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

            // WITHOUT ROWID: the key is the row, so a vote's upsert writes one B-tree, not a table and its key's index.
            migrationBuilder.Sql("""
                CREATE TABLE "MemberTagScores" (
                    "UserId" TEXT NOT NULL,
                    "TagId" INTEGER NOT NULL,
                    "Score" INTEGER NOT NULL,
                    "Answers" INTEGER NOT NULL,
                    CONSTRAINT "PK_MemberTagScores" PRIMARY KEY ("UserId", "TagId"),
                    CONSTRAINT "FK_MemberTagScores_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
                ) WITHOUT ROWID;
                """);
            // The totals of the answers written so far, then the triggers that keep them (hand-written SQL).
            foreach (var statement in Community.Domain.Badges.MemberTagScores.CreateSqlite())
                migrationBuilder.Sql(statement);

            migrationBuilder.CreateIndex(
                name: "IX_Follows_QuestionId_UserId",
                table: "Follows",
                columns: new[] { "QuestionId", "UserId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var statement in Community.Domain.Badges.MemberTagScores.DropSqlite())
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
