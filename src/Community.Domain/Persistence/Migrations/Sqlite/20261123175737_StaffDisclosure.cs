using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Community.Domain.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class StaffDisclosure : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "FirstStaffResponderId",
                table: "Posts",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "FirstStaffResponseAt",
                table: "Posts",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "OfficialAnswerId",
                table: "Posts",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OfficialMarkedById",
                table: "Posts",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Staff_Company",
                table: "Posts",
                type: "TEXT",
                maxLength: 120,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Staff_Name",
                table: "Posts",
                type: "TEXT",
                maxLength: 80,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Staff_Team",
                table: "Posts",
                type: "TEXT",
                maxLength: 60,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Staff_Title",
                table: "Posts",
                type: "TEXT",
                maxLength: 80,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Staff_Company",
                table: "Comments",
                type: "TEXT",
                maxLength: 120,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Staff_Name",
                table: "Comments",
                type: "TEXT",
                maxLength: 80,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Staff_Team",
                table: "Comments",
                type: "TEXT",
                maxLength: 60,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Staff_Title",
                table: "Comments",
                type: "TEXT",
                maxLength: 80,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "StaffAudit",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Action = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    TargetUserId = table.Column<string>(type: "TEXT", nullable: false),
                    ActorId = table.Column<string>(type: "TEXT", nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Details = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StaffAudit", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "StaffProfiles",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "TEXT", nullable: false),
                    RealName = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    JobTitle = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    Team = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    PhotoUrl = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Bio = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    StartedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    EndedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StaffProfiles", x => x.UserId);
                    table.ForeignKey(
                        name: "FK_StaffProfiles_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_StaffAudit_At",
                table: "StaffAudit",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_StaffAudit_TargetUserId",
                table: "StaffAudit",
                column: "TargetUserId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "StaffAudit");

            migrationBuilder.DropTable(
                name: "StaffProfiles");

            migrationBuilder.DropColumn(
                name: "FirstStaffResponderId",
                table: "Posts");

            migrationBuilder.DropColumn(
                name: "FirstStaffResponseAt",
                table: "Posts");

            migrationBuilder.DropColumn(
                name: "OfficialAnswerId",
                table: "Posts");

            migrationBuilder.DropColumn(
                name: "OfficialMarkedById",
                table: "Posts");

            migrationBuilder.DropColumn(
                name: "Staff_Company",
                table: "Posts");

            migrationBuilder.DropColumn(
                name: "Staff_Name",
                table: "Posts");

            migrationBuilder.DropColumn(
                name: "Staff_Team",
                table: "Posts");

            migrationBuilder.DropColumn(
                name: "Staff_Title",
                table: "Posts");

            migrationBuilder.DropColumn(
                name: "Staff_Company",
                table: "Comments");

            migrationBuilder.DropColumn(
                name: "Staff_Name",
                table: "Comments");

            migrationBuilder.DropColumn(
                name: "Staff_Team",
                table: "Comments");

            migrationBuilder.DropColumn(
                name: "Staff_Title",
                table: "Comments");
        }
    }
}
