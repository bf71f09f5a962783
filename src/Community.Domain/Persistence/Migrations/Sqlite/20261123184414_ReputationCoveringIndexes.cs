using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Community.Domain.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ReputationCoveringIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ReputationEntries_CreatedAt",
                table: "ReputationEntries");

            migrationBuilder.DropIndex(
                name: "IX_ReputationEntries_UserId_CreatedAt",
                table: "ReputationEntries");

            migrationBuilder.CreateIndex(
                name: "IX_ReputationEntries_CreatedAt_UserId_Amount",
                table: "ReputationEntries",
                columns: new[] { "CreatedAt", "UserId", "Amount" });

            migrationBuilder.CreateIndex(
                name: "IX_ReputationEntries_UserId_CreatedAt_Amount",
                table: "ReputationEntries",
                columns: new[] { "UserId", "CreatedAt", "Amount" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ReputationEntries_CreatedAt_UserId_Amount",
                table: "ReputationEntries");

            migrationBuilder.DropIndex(
                name: "IX_ReputationEntries_UserId_CreatedAt_Amount",
                table: "ReputationEntries");

            migrationBuilder.CreateIndex(
                name: "IX_ReputationEntries_CreatedAt",
                table: "ReputationEntries",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_ReputationEntries_UserId_CreatedAt",
                table: "ReputationEntries",
                columns: new[] { "UserId", "CreatedAt" });
        }
    }
}
