-- What-if for `bench/run lists --setup-sql bench/whatif/analyze.sql`: the same schema with planner statistics
-- (sqlite_stat1), as `PRAGMA optimize` or ANALYZE would leave them. Nothing in the app runs either today.
ANALYZE;
