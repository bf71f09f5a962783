using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Community.Domain.Persistence.Migrations.Sqlite
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
            // WITHOUT ROWID: the key is the row, so a vote's upsert writes one B-tree.
            migrationBuilder.Sql("""
                CREATE TABLE "MemberVoteGains" (
                    "UserId" TEXT NOT NULL CONSTRAINT "PK_MemberVoteGains" PRIMARY KEY,
                    "Day" TEXT NOT NULL,
                    "Gained" INTEGER NOT NULL,
                    CONSTRAINT "FK_MemberVoteGains_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
                ) WITHOUT ROWID;
                """);
            // Today's gains so far, then the trigger that keeps them (hand-written SQL).
            foreach (var statement in Community.Domain.Reputation.MemberVoteGains.CreateSqlite())
                migrationBuilder.Sql(statement);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var statement in Community.Domain.Reputation.MemberVoteGains.DropSqlite())
                migrationBuilder.Sql(statement);

            migrationBuilder.DropTable(
                name: "MemberVoteGains");
        }
    }
}
