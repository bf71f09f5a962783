-- What-if for `bench/run lists --setup-sql bench/whatif/question-list-indexes.sql`: the three list indexes replaced
-- by partial indexes on live questions, on a copy of the benchmark dataset (src/ and its migrations are untouched).
--
-- Why: without planner statistics SQLite prefers the index that matches more WHERE terms. ("Kind", "Score") matches
-- both `Kind = 'Answer'` and `Score > 0` in the Unanswered tab's NOT EXISTS, so every candidate question scans all
-- positively scored answers instead of its own few through IX_Posts_QuestionId; and the Active tab's `Kind = ?`
-- matches ("Kind", "Score") rather than the single-column LastActivityAt index, so it sorts every question.
-- A partial index cannot serve answers at all; each one serves its tab's ORDER BY (the rowid, i.e. "Id", is the last
-- column of every index, so ORDER BY <column> DESC, "Id" DESC needs no sort); and with "DeletedAt" IS NULL in the
-- filter a tag list walks the index without reading each Posts row to check it (10x less time for a rare tag).
-- SQLite uses a partial index when the query's WHERE has the same terms: EF writes both for every list query.
--
-- In the model (PostConfiguration.cs), replacing HasIndex("Kind", CreatedAt), HasIndex("Kind", Score) and
-- question.HasIndex(q => q.LastActivityAt):
--   const string LiveQuestions = "\"Kind\" = 'Question' AND \"DeletedAt\" IS NULL";
--   post.HasIndex(p => p.CreatedAt).HasDatabaseName("IX_Posts_LiveQuestions_CreatedAt").HasFilter(LiveQuestions);
--   post.HasIndex(p => p.Score).HasDatabaseName("IX_Posts_LiveQuestions_Score").HasFilter(LiveQuestions);
--   question.HasIndex(q => q.LastActivityAt).HasDatabaseName("IX_Posts_LiveQuestions_LastActivityAt").HasFilter(LiveQuestions);
DROP INDEX "IX_Posts_Kind_CreatedAt";
DROP INDEX "IX_Posts_Kind_Score";
DROP INDEX "IX_Posts_LastActivityAt";
CREATE INDEX "IX_Posts_LiveQuestions_CreatedAt" ON "Posts" ("CreatedAt") WHERE "Kind" = 'Question' AND "DeletedAt" IS NULL;
CREATE INDEX "IX_Posts_LiveQuestions_Score" ON "Posts" ("Score") WHERE "Kind" = 'Question' AND "DeletedAt" IS NULL;
CREATE INDEX "IX_Posts_LiveQuestions_LastActivityAt" ON "Posts" ("LastActivityAt") WHERE "Kind" = 'Question' AND "DeletedAt" IS NULL;
