using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Community.Domain.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Search : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "DeflectionEvents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    VisitorId = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    Step = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    TargetKind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    TargetId = table.Column<int>(type: "INTEGER", nullable: true),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DeflectionEvents", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ResolutionVotes",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TargetKind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    TargetId = table.Column<int>(type: "INTEGER", nullable: false),
                    VisitorId = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    Solved = table.Column<bool>(type: "INTEGER", nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ResolutionVotes", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_DeflectionEvents_Step_At",
                table: "DeflectionEvents",
                columns: new[] { "Step", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_DeflectionEvents_VisitorId_At",
                table: "DeflectionEvents",
                columns: new[] { "VisitorId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_ResolutionVotes_TargetKind_TargetId_VisitorId",
                table: "ResolutionVotes",
                columns: new[] { "TargetKind", "TargetId", "VisitorId" },
                unique: true);

            // The FTS5 index and its triggers, filled from what exists (hand-written SQL: Search/SearchSchema.cs).
            foreach (var statement in Community.Domain.Search.SearchSchema.Create())
                migrationBuilder.Sql(statement);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var statement in Community.Domain.Search.SearchSchema.Drop())
                migrationBuilder.Sql(statement);

            migrationBuilder.DropTable(
                name: "DeflectionEvents");

            migrationBuilder.DropTable(
                name: "ResolutionVotes");
        }
    }
}
