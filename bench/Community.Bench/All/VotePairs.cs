using Microsoft.Data.Sqlite;

namespace Community.Bench.All;

/// <summary>
/// Fresh (voter, post) pairs for the vote scenarios, drawn and checked against the dataset's votes before the timed
/// phases, then handed out by an index: the picker must cost the product and the floor nothing. Should a run use them
/// all, further pairs are drawn one at a time under a lock, as before.
/// </summary>
internal sealed class VotePairs : IDisposable
{
    private readonly BenchData data;
    private readonly Random rng;
    private readonly HashSet<(string, int)> used = [];
    private readonly (string Voter, int Post, string Author)[] drawn;
    private readonly SqliteConnection existing;
    private int next = -1;

    private VotePairs(BenchData data, int seed, int count)
    {
        this.data = data;
        rng = new Random(seed);
        existing = DatasetQueries.Open(data.DatabasePath);
        // At most a quarter of the possible pairs (a small dataset has few), so drawing never stalls on repeats.
        count = (int)Math.Min(count, (long)data.Voters.Count * data.OtherPosts.Count / 4);
        drawn = new (string, int, string)[count];
        for (var i = 0; i < count; i++)
            drawn[i] = DrawOne();
    }

    public static VotePairs Draw(BenchData data, int seed, int count) => new(data, seed, count);

    public int Drawn => drawn.Length;

    public int Used => Math.Max(0, Volatile.Read(ref next) + 1);

    public void Dispose()
    {
        check?.Dispose();
        existing.Dispose();
    }

    public (string Voter, int Post, string Author) Next()
    {
        var i = Interlocked.Increment(ref next);
        if (i < drawn.Length)
            return drawn[i];
        lock (used)
            return DrawOne();
    }

    private SqliteCommand? check;

    private (string Voter, int Post, string Author) DrawOne()
    {
        if (check is null)
        {
            check = existing.CreateCommand();
            check.CommandText = "SELECT count(*) FROM Votes WHERE PostId = $post AND VoterId = $voter";
            check.Parameters.Add("$post", SqliteType.Integer);
            check.Parameters.Add("$voter", SqliteType.Text);
            check.Prepare();
        }
        while (true)
        {
            var voter = data.Voters[rng.Next(data.Voters.Count)].Id;
            var (post, author) = data.OtherPosts[rng.Next(data.OtherPosts.Count)];
            if (voter == author || !used.Add((voter, post)))
                continue;
            check.Parameters["$post"].Value = post;
            check.Parameters["$voter"].Value = voter;
            if (Convert.ToInt64(check.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) == 0)
                return (voter, post, author);
        }
    }
}
