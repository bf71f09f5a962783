using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Community.Migrations.Postgres.Migrations
{
    /// <summary>
    /// Issue 11: each tag link carries its question's sort keys (NULL while removed), kept by triggers, with an index per
    /// tab starting with the tag, so any tag's page is a range of one index (Questions/TagListKeys.cs).
    /// </summary>
    public partial class TagListKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_QuestionTags_TagsId",
                table: "QuestionTags");

            migrationBuilder.AddColumn<DateTime>(
                name: "CreatedAt",
                table: "QuestionTags",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "LastActivityAt",
                table: "QuestionTags",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Score",
                table: "QuestionTags",
                type: "integer",
                nullable: true);

            // The triggers that keep each link's sort keys, and the keys of the links made before them (hand-written SQL:
            // Questions/TagListKeys.cs), before the indexes so the backfill does not also update them.
            foreach (var statement in Community.Domain.Questions.TagListKeys.CreatePostgres())
                migrationBuilder.Sql(statement);

            migrationBuilder.CreateIndex(
                name: "IX_QuestionTags_TagsId_CreatedAt",
                table: "QuestionTags",
                columns: new[] { "TagsId", "CreatedAt", "QuestionsId" });

            migrationBuilder.CreateIndex(
                name: "IX_QuestionTags_TagsId_LastActivityAt",
                table: "QuestionTags",
                columns: new[] { "TagsId", "LastActivityAt", "QuestionsId" });

            migrationBuilder.CreateIndex(
                name: "IX_QuestionTags_TagsId_Score",
                table: "QuestionTags",
                columns: new[] { "TagsId", "Score", "QuestionsId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var statement in Community.Domain.Questions.TagListKeys.DropPostgres())
                migrationBuilder.Sql(statement);

            migrationBuilder.DropIndex(
                name: "IX_QuestionTags_TagsId_CreatedAt",
                table: "QuestionTags");

            migrationBuilder.DropIndex(
                name: "IX_QuestionTags_TagsId_LastActivityAt",
                table: "QuestionTags");

            migrationBuilder.DropIndex(
                name: "IX_QuestionTags_TagsId_Score",
                table: "QuestionTags");

            migrationBuilder.DropColumn(
                name: "CreatedAt",
                table: "QuestionTags");

            migrationBuilder.DropColumn(
                name: "LastActivityAt",
                table: "QuestionTags");

            migrationBuilder.DropColumn(
                name: "Score",
                table: "QuestionTags");

            migrationBuilder.CreateIndex(
                name: "IX_QuestionTags_TagsId",
                table: "QuestionTags",
                column: "TagsId");
        }
    }
}
