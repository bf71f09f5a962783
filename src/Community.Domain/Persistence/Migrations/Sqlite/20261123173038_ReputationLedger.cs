using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Community.Domain.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ReputationLedger : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "ReputationPoints",
                table: "AspNetUsers",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.CreateTable(
                name: "ReputationEntries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UserId = table.Column<string>(type: "TEXT", nullable: false),
                    Amount = table.Column<int>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    SourceKey = table.Column<string>(type: "TEXT", maxLength: 600, nullable: false),
                    PostId = table.Column<int>(type: "INTEGER", nullable: true),
                    ActorId = table.Column<string>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReputationEntries", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ReputationEntries_CreatedAt",
                table: "ReputationEntries",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_ReputationEntries_PostId",
                table: "ReputationEntries",
                column: "PostId");

            migrationBuilder.CreateIndex(
                name: "IX_ReputationEntries_SourceKey",
                table: "ReputationEntries",
                column: "SourceKey");

            migrationBuilder.CreateIndex(
                name: "IX_ReputationEntries_UserId_CreatedAt",
                table: "ReputationEntries",
                columns: new[] { "UserId", "CreatedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ReputationEntries");

            migrationBuilder.DropColumn(
                name: "ReputationPoints",
                table: "AspNetUsers");
        }
    }
}
