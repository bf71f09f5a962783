using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Community.Migrations.Postgres.Migrations
{
    /// <summary>
    /// Issue 11, the work inside a vote's write turn: each member's capped vote gains of the day, kept by a trigger on the
    /// ledger (Reputation/MemberVoteGain.cs), read by the daily cap instead of adding up the day's ledger rows; the backfill
    /// counts today's rows.
    /// </summary>
    public partial class DailyVoteGains : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "MemberVoteGains",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "text", nullable: false),
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    Gained = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MemberVoteGains", x => x.UserId);
                    table.ForeignKey(
                        name: "FK_MemberVoteGains_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            // Today's gains so far, then the trigger that keeps them (hand-written SQL).
            foreach (var statement in Community.Domain.Reputation.MemberVoteGains.CreatePostgres())
                migrationBuilder.Sql(statement);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var statement in Community.Domain.Reputation.MemberVoteGains.DropPostgres())
                migrationBuilder.Sql(statement);

            migrationBuilder.DropTable(
                name: "MemberVoteGains");
        }
    }
}
