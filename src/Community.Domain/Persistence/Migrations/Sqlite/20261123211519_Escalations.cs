using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Community.Domain.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Escalations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ExpertInvitations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    QuestionId = table.Column<int>(type: "INTEGER", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", nullable: false),
                    InvitedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ExpertInvitations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ExpertInvitations_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ExpertInvitations_Posts_QuestionId",
                        column: x => x.QuestionId,
                        principalTable: "Posts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "InvitationOptIns",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "TEXT", nullable: false),
                    OptedInAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InvitationOptIns", x => x.UserId);
                    table.ForeignKey(
                        name: "FK_InvitationOptIns_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PrivateConversations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    QuestionId = table.Column<int>(type: "INTEGER", nullable: false),
                    EscalationId = table.Column<int>(type: "INTEGER", nullable: true),
                    AskerId = table.Column<string>(type: "TEXT", nullable: false),
                    OpenedById = table.Column<string>(type: "TEXT", nullable: false),
                    OpenedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ClosedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PrivateConversations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PrivateConversations_AspNetUsers_AskerId",
                        column: x => x.AskerId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PrivateConversations_Posts_QuestionId",
                        column: x => x.QuestionId,
                        principalTable: "Posts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ResponseClocks",
                columns: table => new
                {
                    QuestionId = table.Column<int>(type: "INTEGER", nullable: false),
                    ExpertsInvitedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    EscalatedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    FollowUpOfferedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    StoppedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    StopReason = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ResponseClocks", x => x.QuestionId);
                    table.ForeignKey(
                        name: "FK_ResponseClocks_Posts_QuestionId",
                        column: x => x.QuestionId,
                        principalTable: "Posts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "StaffTeams",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    UrgentMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    HighMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    NormalMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    IsDefault = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StaffTeams", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PrivateMessages",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ConversationId = table.Column<int>(type: "INTEGER", nullable: false),
                    AuthorId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    Body = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ClientToken = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PrivateMessages", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PrivateMessages_PrivateConversations_ConversationId",
                        column: x => x.ConversationId,
                        principalTable: "PrivateConversations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Escalations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    QuestionId = table.Column<int>(type: "INTEGER", nullable: false),
                    TeamId = table.Column<int>(type: "INTEGER", nullable: false),
                    Priority = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    OpenedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    OpenedById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    DueAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    BreachedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    AssigneeId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    ClaimedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    AcknowledgedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    FirstResponseAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    PublicState = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Reference = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    PausedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ResolvedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ResolvedById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    SummaryAnswerId = table.Column<int>(type: "INTEGER", nullable: true),
                    Rating = table.Column<int>(type: "INTEGER", nullable: true),
                    RatingComment = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    RatedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Escalations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Escalations_Posts_QuestionId",
                        column: x => x.QuestionId,
                        principalTable: "Posts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Escalations_StaffTeams_TeamId",
                        column: x => x.TeamId,
                        principalTable: "StaffTeams",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "StaffTeamMembers",
                columns: table => new
                {
                    TeamId = table.Column<int>(type: "INTEGER", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", nullable: false),
                    AddedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StaffTeamMembers", x => new { x.TeamId, x.UserId });
                    table.ForeignKey(
                        name: "FK_StaffTeamMembers_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_StaffTeamMembers_StaffTeams_TeamId",
                        column: x => x.TeamId,
                        principalTable: "StaffTeams",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "EscalationNotes",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EscalationId = table.Column<int>(type: "INTEGER", nullable: false),
                    AuthorId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    Body = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EscalationNotes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EscalationNotes_Escalations_EscalationId",
                        column: x => x.EscalationId,
                        principalTable: "Escalations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_EscalationNotes_EscalationId",
                table: "EscalationNotes",
                column: "EscalationId");

            migrationBuilder.CreateIndex(
                name: "IX_Escalations_OneOpenPerQuestion",
                table: "Escalations",
                column: "QuestionId",
                unique: true,
                filter: "\"ResolvedAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Escalations_OpenedAt",
                table: "Escalations",
                column: "OpenedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Escalations_TeamId_ResolvedAt_DueAt",
                table: "Escalations",
                columns: new[] { "TeamId", "ResolvedAt", "DueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ExpertInvitations_QuestionId_UserId",
                table: "ExpertInvitations",
                columns: new[] { "QuestionId", "UserId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ExpertInvitations_UserId_InvitedAt",
                table: "ExpertInvitations",
                columns: new[] { "UserId", "InvitedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_PrivateConversations_AskerId",
                table: "PrivateConversations",
                column: "AskerId");

            migrationBuilder.CreateIndex(
                name: "IX_PrivateConversations_QuestionId",
                table: "PrivateConversations",
                column: "QuestionId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PrivateMessages_AuthorId_ClientToken",
                table: "PrivateMessages",
                columns: new[] { "AuthorId", "ClientToken" },
                unique: true,
                filter: "\"ClientToken\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_PrivateMessages_ConversationId",
                table: "PrivateMessages",
                column: "ConversationId");

            migrationBuilder.CreateIndex(
                name: "IX_StaffTeamMembers_UserId",
                table: "StaffTeamMembers",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_StaffTeams_Name",
                table: "StaffTeams",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_StaffTeams_OneDefault",
                table: "StaffTeams",
                column: "IsDefault",
                unique: true,
                filter: "\"IsDefault\" = 1");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "EscalationNotes");

            migrationBuilder.DropTable(
                name: "ExpertInvitations");

            migrationBuilder.DropTable(
                name: "InvitationOptIns");

            migrationBuilder.DropTable(
                name: "PrivateMessages");

            migrationBuilder.DropTable(
                name: "ResponseClocks");

            migrationBuilder.DropTable(
                name: "StaffTeamMembers");

            migrationBuilder.DropTable(
                name: "Escalations");

            migrationBuilder.DropTable(
                name: "PrivateConversations");

            migrationBuilder.DropTable(
                name: "StaffTeams");
        }
    }
}
