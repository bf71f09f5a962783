using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Community.Domain.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class KnowledgeBase : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "KbArticles",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SourceQuestionId = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    UnpublishCause = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    MergedIntoId = table.Column<int>(type: "INTEGER", nullable: true),
                    Title = table.Column<string>(type: "TEXT", maxLength: 150, nullable: false),
                    Tags = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    TitleEditedByStaff = table.Column<bool>(type: "INTEGER", nullable: false),
                    CurrentRevision = table.Column<int>(type: "INTEGER", nullable: false),
                    PendingRevision = table.Column<int>(type: "INTEGER", nullable: true),
                    HelpfulYes = table.Column<int>(type: "INTEGER", nullable: false),
                    HelpfulNo = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    PublishedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    UnpublishedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_KbArticles", x => x.Id);
                    table.ForeignKey(
                        name: "FK_KbArticles_Posts_SourceQuestionId",
                        column: x => x.SourceQuestionId,
                        principalTable: "Posts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "KbOutbox",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    QuestionId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 30000, nullable: true),
                    SummaryAuthorId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    LastAttemptAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    DoneAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_KbOutbox", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "KbArticleRevisions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ArticleId = table.Column<int>(type: "INTEGER", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    EditorId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    AppliedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ApprovedById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    Title = table.Column<string>(type: "TEXT", maxLength: 150, nullable: false),
                    ProblemMarkdown = table.Column<string>(type: "TEXT", nullable: false),
                    ProblemHtml = table.Column<string>(type: "TEXT", nullable: false),
                    SolutionMarkdown = table.Column<string>(type: "TEXT", nullable: false),
                    SolutionHtml = table.Column<string>(type: "TEXT", nullable: false),
                    Tags = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Fingerprint = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_KbArticleRevisions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_KbArticleRevisions_KbArticles_ArticleId",
                        column: x => x.ArticleId,
                        principalTable: "KbArticles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "KbHelpfulVotes",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ArticleId = table.Column<int>(type: "INTEGER", nullable: false),
                    VisitorKey = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    Helpful = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_KbHelpfulVotes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_KbHelpfulVotes_KbArticles_ArticleId",
                        column: x => x.ArticleId,
                        principalTable: "KbArticles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "KbArticleCredits",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RevisionId = table.Column<int>(type: "INTEGER", nullable: false),
                    AnswerId = table.Column<int>(type: "INTEGER", nullable: true),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    DisplayName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Role = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    Staff_Name = table.Column<string>(type: "TEXT", maxLength: 80, nullable: true),
                    Staff_Title = table.Column<string>(type: "TEXT", maxLength: 80, nullable: true),
                    Staff_Team = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    Staff_Company = table.Column<string>(type: "TEXT", maxLength: 120, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_KbArticleCredits", x => x.Id);
                    table.ForeignKey(
                        name: "FK_KbArticleCredits_KbArticleRevisions_RevisionId",
                        column: x => x.RevisionId,
                        principalTable: "KbArticleRevisions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_KbArticleCredits_RevisionId",
                table: "KbArticleCredits",
                column: "RevisionId");

            migrationBuilder.CreateIndex(
                name: "IX_KbArticleCredits_UserId",
                table: "KbArticleCredits",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_KbArticleRevisions_ArticleId_Number",
                table: "KbArticleRevisions",
                columns: new[] { "ArticleId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_KbArticles_SourceQuestionId",
                table: "KbArticles",
                column: "SourceQuestionId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_KbArticles_Status_HelpfulYes",
                table: "KbArticles",
                columns: new[] { "Status", "HelpfulYes" });

            migrationBuilder.CreateIndex(
                name: "IX_KbHelpfulVotes_ArticleId_VisitorKey",
                table: "KbHelpfulVotes",
                columns: new[] { "ArticleId", "VisitorKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_KbOutbox_Pending",
                table: "KbOutbox",
                column: "CreatedAt",
                filter: "\"DoneAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_KbOutbox_QuestionId",
                table: "KbOutbox",
                column: "QuestionId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "KbArticleCredits");

            migrationBuilder.DropTable(
                name: "KbHelpfulVotes");

            migrationBuilder.DropTable(
                name: "KbOutbox");

            migrationBuilder.DropTable(
                name: "KbArticleRevisions");

            migrationBuilder.DropTable(
                name: "KbArticles");
        }
    }
}
