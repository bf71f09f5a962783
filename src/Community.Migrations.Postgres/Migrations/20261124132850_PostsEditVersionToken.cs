using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Community.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class PostsEditVersionToken : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Model only: posts stop using xmin, a system column no migration may drop or add, as their token.
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Nothing to undo in the schema (see Up).
        }
    }
}
