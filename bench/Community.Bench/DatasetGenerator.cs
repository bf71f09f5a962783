using System.Text;

namespace Community.Bench;

internal sealed record DatasetModel(
    UserRow[] Users,
    string[] Tags,
    QuestionRow[] Questions,
    AnswerRow[] Answers,
    CommentRow[] Comments,
    VoteRow[] Votes,
    int[] PostOrder, // by post id: a question's index, or ~index of an answer
    MarkdownText Text);

internal sealed record UserRow(string Id, string Handle, string DisplayName, long CreatedAt, string SecurityStamp, string ConcurrencyStamp)
{
    /// <summary>The ledger's sum for this member (votes and acceptances), set once the votes are made.</summary>
    public long Points { get; set; }
}

internal struct QuestionRow
{
    public int Id;
    public int Author;
    public string Title;
    public int BodySeed;
    public int BodyLength;
    public int Score;
    public int ViewCount;
    public long CreatedAt;
    public long EditedAt; // 0: never
    public long DeletedAt; // 0: not deleted
    public long ClosedAt; // 0: open
    public long LastActivityAt;
    public int ClosedBy;
    public string? CloseReason;
    public int DuplicateOf; // question index, -1: none
    public int AnswerCount; // answers not deleted, as AnswerQuestion/DeletePost keep it
    public int AcceptedAnswer; // answer index, -1: none
    public int[] Tags; // tag indexes (0 = most popular)
}

internal struct AnswerRow
{
    public int Id;
    public int Question;
    public int Author;
    public int BodySeed;
    public int BodyLength;
    public int Score;
    public long CreatedAt;
    public long EditedAt;
    public long DeletedAt;
}

internal struct CommentRow
{
    public int PostId;
    public int Author;
    public int BodySeed;
    public int BodyLength;
    public long CreatedAt;
}

/// <summary>One vote; its reputation rows follow from it (see <see cref="DatasetWriter"/>).</summary>
internal struct VoteRow
{
    public int Post; // a question's index, or ~index of an answer
    public int Voter;
    public int Value;
    public long CreatedAt;
}

/// <summary>
/// A support community of a given size, the same for the same seed. At <c>--questions 100000</c> (the scale):
/// 50,000 users, 5,000 tags of Zipf popularity, 100,000 questions and 900,000 answers (1,000 hot questions with exactly
/// 30 answers, ~10% unanswered, the rest Zipf-distributed over the questions), 1,000,000 votes with their reputation
/// ledger, 200,000 comments. Everything scales with <c>--questions</c>.
/// </summary>
internal sealed class DatasetGenerator(int seed, int questionCount)
{
    /// <summary>The dataset's "now": fixed, so a dataset is the same whenever it is made.</summary>
    public static readonly DateTime End = new(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);
    public static readonly DateTime Start = End.AddYears(-3);

    /// <summary>Answers on each hot question (the question page benchmark's thread).</summary>
    public const int HotAnswers = 30;

    // The most popular tags, by rank; the rest of the 5,000 are made from the vocabulary.
    public static readonly string[] TagNames =
    [
        "setup", "wifi", "mesh", "mobile-app", "firmware", "speed", "dropouts", "billing", "router", "range",
        "account", "satellite", "parental-controls", "guest-network", "ethernet-backhaul", "port-forwarding", "dns", "5ghz", "2-4ghz", "streaming",
        "gaming", "subscription", "security", "vpn", "smart-home", "isp", "modem", "band-steering", "latency", "reset",
        "bridge-mode", "dhcp", "ipv6", "wpa3", "static-ip", "android", "ios", "windows", "macos", "printer",
        "alexa", "google-home", "homekit", "shipping", "warranty", "refund", "return", "6ghz", "linux", "accessibility",
    ];

    private const double TagZipfExponent = 1.0;
    private const double AuthorZipfExponent = 0.8;
    private const double AnswerZipfExponent = 0.6;
    private const double VoteZipfExponent = 0.7;
    private const double ShareWithoutAnswers = 0.10;
    private const double ShareAccepted = 0.40;
    private const int MaxAnswers = 400;

    private readonly Random rng = new(seed);
    private readonly double scale = questionCount / 100_000.0;

    private int Scaled(int full, int min) => Math.Max(min, (int)Math.Round(full * scale));

    public DatasetModel Generate()
    {
        var users = MakeUsers(Scaled(50_000, 50));
        var text = new MarkdownText(seed);
        var tagNames = MakeTagNames(text, Scaled(5_000, 50));
        var authors = new ZipfSampler(users.Length, AuthorZipfExponent);
        var tags = new ZipfSampler(tagNames.Length, TagZipfExponent);

        var startTicks = Start.Ticks;
        var span = End.Ticks - startTicks;
        var created = new long[questionCount];
        for (var i = 0; i < questionCount; i++)
            created[i] = startTicks + (long)(rng.NextDouble() * span);
        Array.Sort(created);

        var answerCounts = AnswerCounts(Scaled(900_000, questionCount), Math.Min(questionCount / 2, Scaled(1_000, 1)), out var hot);

        var questions = new QuestionRow[questionCount];
        var answers = new List<AnswerRow>(answerCounts.Sum());
        var acceptWhenAnswered = ShareAccepted / (1 - ShareWithoutAnswers);
        var times = new List<long>();
        for (var i = 0; i < questionCount; i++)
        {
            ref var q = ref questions[i];
            q.Author = authors.Sample(rng);
            q.Title = text.Title(rng);
            q.BodySeed = rng.Next();
            q.BodyLength = BodyLength(1_000);
            q.CreatedAt = created[i];
            q.ViewCount = (int)Math.Min(500_000, Math.Exp(4 + 1.2 * Gaussian()));
            q.EditedAt = rng.NextDouble() < 0.10 ? Before(q.CreatedAt + Hours(Exponential(72))) : 0;
            // Hot questions stay live and open: the question page benchmark reads them.
            q.DeletedAt = !hot.Contains(i) && rng.NextDouble() < 0.02 ? Before(q.CreatedAt + Hours(Exponential(48))) : 0;
            q.DuplicateOf = -1;
            if (q.DeletedAt == 0 && !hot.Contains(i) && rng.NextDouble() < 0.03)
            {
                q.ClosedAt = Before(q.CreatedAt + Hours(Exponential(24)));
                q.ClosedBy = rng.Next(Math.Min(20, users.Length));
                var reason = rng.Next(3);
                q.CloseReason = reason switch { 0 => "Duplicate", 1 => "OffTopic", _ => "NeedsDetails" };
                if (reason == 0 && i > 0)
                    q.DuplicateOf = rng.Next(i);
            }
            q.Tags = PickTags(tags);

            // Answers between the question and the dataset's end, most of them soon after the question.
            var count = answerCounts[i];
            var window = Math.Min(End.Ticks - 1 - q.CreatedAt, Hours(24 * 90));
            times.Clear();
            for (var k = 0; k < count; k++)
                times.Add(q.CreatedAt + Math.Max(TimeSpan.TicksPerMinute, (long)(window * Math.Pow(rng.NextDouble(), 3))));
            times.Sort();
            var first = answers.Count;
            foreach (var at in times)
            {
                answers.Add(new AnswerRow
                {
                    Question = i,
                    Author = authors.Sample(rng),
                    BodySeed = rng.Next(),
                    BodyLength = BodyLength(800),
                    CreatedAt = Math.Min(at, End.Ticks - 1),
                    EditedAt = rng.NextDouble() < 0.08 ? Before(at + Hours(Exponential(24))) : 0,
                    DeletedAt = !hot.Contains(i) && rng.NextDouble() < 0.03 ? Before(at + Hours(Exponential(48))) : 0,
                });
            }

            q.AcceptedAnswer = -1;
            q.LastActivityAt = Math.Max(q.CreatedAt, q.EditedAt);
            var live = new List<int>();
            for (var a = first; a < answers.Count; a++)
            {
                var answer = answers[a];
                if (answer.DeletedAt != 0)
                    continue;
                q.AnswerCount++;
                q.LastActivityAt = Math.Max(q.LastActivityAt, Math.Max(answer.CreatedAt, answer.EditedAt));
                live.Add(a);
            }
            if (live.Count > 0 && rng.NextDouble() < acceptWhenAnswered)
                q.AcceptedAnswer = live[rng.Next(Math.Min(live.Count, 3))];
        }

        var answerArray = answers.ToArray();
        var postOrder = AssignIds(questions, answerArray);
        var votes = MakeVotes(questions, answerArray, postOrder, users, Scaled(1_000_000, 100));
        var comments = MakeComments(questions, answerArray, postOrder, authors, Scaled(200_000, 20));
        return new DatasetModel(users, tagNames, questions, answerArray, comments, votes, postOrder, text);
    }

    /// <summary>0.3–3 KB, most near <paramref name="median"/> (log-normal).</summary>
    private int BodyLength(int median) => (int)Math.Clamp(median * Math.Exp(0.55 * Gaussian()), 300, 3_000);

    /// <summary>
    /// Answers per question: none on ~10%, exactly <see cref="HotAnswers"/> on the hot ones, the rest drawn by Zipf over
    /// the other questions in a random order (a few threads of hundreds, most of a few).
    /// </summary>
    private int[] AnswerCounts(int totalAnswers, int hotCount, out HashSet<int> hot)
    {
        var counts = new int[questionCount];
        hot = [];
        // Away from the end, so that their answers have time to come.
        while (hot.Count < hotCount)
            hot.Add(rng.Next(Math.Max(1, questionCount * 9 / 10)));
        var others = new List<int>(questionCount);
        for (var i = 0; i < questionCount; i++)
        {
            if (hot.Contains(i))
                counts[i] = HotAnswers;
            else if (rng.NextDouble() >= ShareWithoutAnswers)
                others.Add(i);
        }
        Shuffle(others);
        var remaining = Math.Max(0, totalAnswers - hotCount * HotAnswers);
        if (others.Count == 0)
            return counts;
        var sampler = new ZipfSampler(others.Count, AnswerZipfExponent);
        var cap = Math.Max(MaxAnswers, remaining / others.Count * 4);
        for (var k = 0; k < remaining; k++)
        {
            int question;
            do
                question = others[sampler.Sample(rng)];
            while (counts[question] >= cap);
            counts[question]++;
        }
        return counts;
    }

    private UserRow[] MakeUsers(int count)
    {
        string[] first = ["Ana", "Ben", "Chloe", "Dev", "Elif", "Finn", "Grace", "Hiro", "Ines", "Jonas", "Kemi", "Liam", "Mei", "Nora", "Omar", "Priya", "Quinn", "Rosa", "Sam", "Tariq", "Uma", "Viktor", "Wen", "Yara", "Zoe"];
        string[] last = ["Adams", "Becker", "Costa", "Dubois", "Eriksen", "Fischer", "Garcia", "Haddad", "Ito", "Jensen", "Kowalski", "Lopez", "Moreau", "Nakamura", "Okafor", "Petrov", "Rossi", "Silva", "Tanaka", "Urban", "Varga", "Weber", "Yilmaz", "Zhang"];
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var users = new UserRow[count];
        var bytes = new byte[16];
        for (var i = 0; i < count; i++)
        {
            var name = $"{first[rng.Next(first.Length)]} {last[rng.Next(last.Length)]}";
            if (!names.Add(name))
            {
                name = $"{name} {i}";
                names.Add(name);
            }
            rng.NextBytes(bytes);
            var id = new Guid(bytes).ToString();
            rng.NextBytes(bytes);
            var stamp = new Guid(bytes).ToString("N").ToUpperInvariant();
            rng.NextBytes(bytes);
            users[i] = new UserRow(id, $"user{i}", name,
                Start.Ticks - (long)(rng.NextDouble() * TimeSpan.TicksPerDay * 365) + (long)(rng.NextDouble() * (End.Ticks - Start.Ticks) * 0.5),
                stamp, new Guid(bytes).ToString());
        }
        return users;
    }

    /// <summary>The 50 named tags first, then pairs of vocabulary words ("mesh-firmware"), unique, in popularity order.</summary>
    private string[] MakeTagNames(MarkdownText text, int count)
    {
        var names = new List<string>(count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in TagNames.Take(count))
        {
            names.Add(name);
            seen.Add(name);
        }
        while (names.Count < count)
        {
            var name = $"{text.WordAt(rng.Next(40, 3_000))}-{text.WordAt(rng.Next(40, 3_000))}";
            if (name.Length <= 35 && seen.Add(name))
                names.Add(name);
        }
        return names.ToArray();
    }

    private int[] PickTags(ZipfSampler tags)
    {
        var roll = rng.NextDouble();
        var count = roll < 0.4 ? 1 : roll < 0.8 ? 2 : 3;
        var picked = new int[count];
        for (var k = 0; k < count; k++)
        {
            int tag;
            do
                tag = tags.Sample(rng);
            while (Array.IndexOf(picked, tag, 0, k) >= 0);
            picked[k] = tag;
        }
        return picked;
    }

    /// <summary>Ids in order of creation, questions and answers sharing one sequence, as the app assigns them.</summary>
    private static int[] AssignIds(QuestionRow[] questions, AnswerRow[] answers)
    {
        var keys = new long[questions.Length + answers.Length];
        var order = new int[keys.Length];
        for (var i = 0; i < questions.Length; i++)
            (keys[i], order[i]) = (questions[i].CreatedAt, i);
        for (var a = 0; a < answers.Length; a++)
            (keys[questions.Length + a], order[questions.Length + a]) = (answers[a].CreatedAt, ~a);
        Array.Sort(keys, order);
        for (var position = 0; position < order.Length; position++)
        {
            if (order[position] >= 0)
                questions[order[position]].Id = position + 1;
            else
                answers[~order[position]].Id = position + 1;
        }
        return order;
    }

    /// <summary>
    /// Votes on live posts, Zipf over the posts in a random order, one per member and post, never on one's own post;
    /// ~88% up. Scores are the sums of the votes, and each member's ledger sum follows from the votes and acceptances.
    /// </summary>
    private VoteRow[] MakeVotes(QuestionRow[] questions, AnswerRow[] answers, int[] postOrder, UserRow[] users, int count)
    {
        var live = postOrder.Where(p => p >= 0 ? questions[p].DeletedAt == 0 : answers[~p].DeletedAt == 0 && questions[answers[~p].Question].DeletedAt == 0).ToList();
        Shuffle(live);
        var posts = new ZipfSampler(live.Count, VoteZipfExponent);
        var voters = new ZipfSampler(users.Length, 0.5);
        var seen = new HashSet<long>(count);
        var votes = new VoteRow[count];
        var made = 0;
        var attempts = 0L;
        while (made < count && attempts++ < count * 20L)
        {
            var post = live[posts.Sample(rng)];
            var voter = voters.Sample(rng);
            var (author, createdAt) = post >= 0 ? (questions[post].Author, questions[post].CreatedAt) : (answers[~post].Author, answers[~post].CreatedAt);
            if (voter == author || !seen.Add((long)(post >= 0 ? post : questions.Length + ~post) * users.Length + voter))
                continue;
            var value = rng.NextDouble() < 0.88 ? 1 : -1;
            votes[made++] = new VoteRow { Post = post, Voter = voter, Value = value, CreatedAt = Before(createdAt + Math.Max(TimeSpan.TicksPerMinute, Hours(Exponential(72)))) };
            if (post >= 0)
                questions[post].Score += value;
            else
                answers[~post].Score += value;
            foreach (var (user, amount, _) in LedgerFor(votes[made - 1], post >= 0 ? questions[post].Author : answers[~post].Author))
                users[user].Points += amount;
        }
        foreach (var q in questions)
        {
            if (q.AcceptedAnswer >= 0)
            {
                foreach (var (user, amount, _) in LedgerForAcceptance(q, answers[q.AcceptedAnswer]))
                    users[user].Points += amount;
            }
        }
        Array.Resize(ref votes, made);
        return votes;
    }

    /// <summary>What <c>ReputationRules.ForVote</c> appends for a vote, with the default points and no daily cap.</summary>
    public static IEnumerable<(int User, int Amount, string Reason)> LedgerFor(VoteRow vote, int author)
    {
        var isQuestion = vote.Post >= 0;
        if (vote.Value > 0)
        {
            yield return (author, 10, isQuestion ? "QuestionUpvoted" : "AnswerUpvoted");
            yield break;
        }
        yield return (author, -2, "PostDownvoted");
        if (!isQuestion)
            yield return (vote.Voter, -1, "DownvotedAnswer");
    }

    public static IEnumerable<(int User, int Amount, string Reason)> LedgerForAcceptance(QuestionRow question, AnswerRow answer)
    {
        if (question.Author == answer.Author)
            yield break;
        yield return (answer.Author, 15, "AnswerAccepted");
        yield return (question.Author, 2, "AcceptedAnAnswer");
    }

    private CommentRow[] MakeComments(QuestionRow[] questions, AnswerRow[] answers, int[] postOrder, ZipfSampler authors, int count)
    {
        var comments = new CommentRow[count];
        for (var k = 0; k < count; k++)
        {
            var post = postOrder[rng.Next(postOrder.Length)];
            var (id, at) = post >= 0 ? (questions[post].Id, questions[post].CreatedAt) : (answers[~post].Id, answers[~post].CreatedAt);
            comments[k] = new CommentRow
            {
                PostId = id,
                Author = authors.Sample(rng),
                BodySeed = rng.Next(),
                BodyLength = 20 + rng.Next(280),
                CreatedAt = Before(at + Math.Max(TimeSpan.TicksPerMinute, Hours(Exponential(24)))),
            };
        }
        Array.Sort(comments, (x, y) => x.CreatedAt.CompareTo(y.CreatedAt));
        return comments;
    }

    private void Shuffle<T>(List<T> list)
    {
        for (var i = list.Count - 1; i > 0; i--)
        {
            var j = rng.Next(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }
    }

    private double Gaussian()
    {
        var u1 = 1.0 - rng.NextDouble();
        var u2 = rng.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    private double Exponential(double mean) => -mean * Math.Log(1.0 - rng.NextDouble());

    private static long Hours(double hours) => (long)(hours * TimeSpan.TicksPerHour);

    private static long Before(long ticks) => Math.Min(ticks, End.Ticks - TimeSpan.TicksPerSecond);
}

/// <summary>Draws 0..n-1 with weight 1/(k+1)^s.</summary>
internal sealed class ZipfSampler
{
    private readonly double[] cumulative;

    public ZipfSampler(int count, double exponent)
    {
        cumulative = new double[count];
        var sum = 0.0;
        for (var k = 0; k < count; k++)
            cumulative[k] = sum += 1.0 / Math.Pow(k + 1, exponent);
    }

    public int Sample(Random rng)
    {
        var index = Array.BinarySearch(cumulative, rng.NextDouble() * cumulative[^1]);
        return Math.Min(cumulative.Length - 1, index >= 0 ? index : ~index);
    }
}

/// <summary>
/// Markdown in the words of a Zipf vocabulary (20,000 words: support words at the head, made-up words in the tail, so
/// that term frequencies look like a real community's and search costs what it would): paragraphs, inline code, links,
/// fenced code blocks and lists. A body is a function of its seed and length only, so it can be made on any thread.
/// </summary>
internal sealed class MarkdownText
{
    public const int VocabularySize = 20_000;

    private static readonly string[] Head =
    [
        "the", "a", "to", "and", "is", "it", "my", "i", "of", "on", "in", "with", "after", "when", "but", "for", "not", "this",
        "router", "wifi", "mesh", "node", "satellite", "signal", "connection", "firmware", "update", "app", "speed", "network",
        "device", "reset", "restart", "setup", "drops", "slow", "modem", "password", "account", "channel", "band", "ethernet",
        "cable", "dns", "vpn", "port", "bridge", "mode", "guest", "parental", "schedule", "offline", "online", "pairing",
        "error", "code", "support", "isp", "latency", "ping", "download", "upload", "test", "light", "blinking", "orange",
        "white", "settings", "factory", "placement", "walls", "floor", "upstairs", "downstairs", "office", "kitchen", "laptop",
        "phone", "printer", "camera", "doorbell", "thermostat", "speaker", "television", "console", "interference", "stable",
        "unstable", "works", "fine", "stopped", "working", "yesterday", "suddenly", "randomly", "sometimes", "always", "never",
        "again", "still", "also", "address", "reservation", "forwarding", "ipv6", "dhcp", "backhaul", "wireless", "distance",
        "meters", "invoice", "plan", "subscription", "billing", "refund", "warranty", "shipping", "return", "profile", "list",
    ];

    private static readonly string[] Syllables =
    [
        "ka", "lo", "mi", "ne", "ro", "ta", "vu", "shi", "ber", "con", "del", "fen", "gar", "hul", "jin", "kor", "lem", "mar",
        "nor", "pel", "qua", "ris", "sol", "tur", "ul", "ven", "wex", "yor", "zan", "tri", "plo", "stra", "gle", "fic", "dor",
    ];

    private static readonly string[] Openings =
    [
        "How do I", "Why does", "Can I", "Is it possible to", "What is the best way to", "Problem with", "Unable to",
        "Help with", "After the update", "Best placement for", "Trouble getting", "Does anyone know why",
    ];

    private static readonly string[] Languages = ["bash", "json", "text", "python", "yaml", "powershell"];

    private readonly string[] words;
    private readonly ZipfSampler sampler = new(VocabularySize, 1.05);

    public MarkdownText(int seed)
    {
        var rng = new Random(seed ^ 0x5EED);
        var list = new List<string>(VocabularySize);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var word in Head)
        {
            if (seen.Add(word))
                list.Add(word);
        }
        while (list.Count < VocabularySize)
        {
            var parts = 2 + rng.Next(3);
            var word = string.Concat(Enumerable.Range(0, parts).Select(_ => Syllables[rng.Next(Syllables.Length)]));
            if (seen.Add(word))
                list.Add(word);
        }
        words = list.ToArray();
    }

    public string WordAt(int rank) => words[Math.Clamp(rank, 0, words.Length - 1)];

    /// <summary>A word drawn from the vocabulary's distribution (for search queries).</summary>
    public string Word(Random rng) => words[sampler.Sample(rng)];

    public string Title(Random rng)
    {
        var builder = new StringBuilder(Openings[rng.Next(Openings.Length)]);
        var count = 3 + rng.Next(9);
        for (var k = 0; k < count || builder.Length < Community.Domain.Questions.Question.TitleMinLength; k++)
            builder.Append(' ').Append(Word(rng));
        return builder.Append('?').ToString();
    }

    /// <summary>A post body of about <paramref name="length"/> characters.</summary>
    public string Body(int seed, int length)
    {
        var rng = new Random(seed);
        var builder = new StringBuilder(length + 200);
        while (builder.Length < length)
        {
            if (builder.Length > 0)
                builder.Append("\n\n");
            var roll = rng.Next(10);
            if (roll == 0 && builder.Length > 0)
            {
                builder.Append("```").Append(Languages[rng.Next(Languages.Length)]).Append('\n');
                var lines = 2 + rng.Next(6);
                for (var l = 0; l < lines; l++)
                    builder.Append(Word(rng)).Append(" --").Append(Word(rng)).Append(' ').Append(rng.Next(1, 65_535)).Append('\n');
                builder.Append("```");
            }
            else if (roll == 1)
            {
                var items = 2 + rng.Next(4);
                for (var i = 0; i < items; i++)
                {
                    builder.Append(i == 0 ? "" : "\n").Append("- ");
                    Sentence(rng, builder, 4 + rng.Next(8));
                }
            }
            else
            {
                var sentences = 2 + rng.Next(4);
                for (var s = 0; s < sentences; s++)
                {
                    if (s > 0)
                        builder.Append(' ');
                    Sentence(rng, builder, 6 + rng.Next(14));
                }
            }
        }
        return builder.ToString();
    }

    /// <summary>A comment: one or two sentences, sometimes with a link or inline code.</summary>
    public string Comment(int seed, int length)
    {
        var rng = new Random(seed);
        var builder = new StringBuilder(length + 80);
        while (builder.Length < length)
        {
            if (builder.Length > 0)
                builder.Append(' ');
            Sentence(rng, builder, 5 + rng.Next(10));
        }
        return builder.ToString();
    }

    private void Sentence(Random rng, StringBuilder builder, int count)
    {
        for (var k = 0; k < count; k++)
        {
            if (k > 0)
                builder.Append(' ');
            var word = Word(rng);
            var roll = rng.Next(40);
            if (roll == 0)
                builder.Append('`').Append(word).Append(".conf`");
            else if (roll == 1)
                builder.Append('[').Append(word).Append("](https://docs.example.com/").Append(word).Append('/').Append(rng.Next(1, 9_999)).Append(')');
            else if (roll == 2)
                builder.Append("**").Append(word).Append("**");
            else
                builder.Append(k == 0 ? char.ToUpperInvariant(word[0]) + word[1..] : word);
        }
        builder.Append('.');
    }
}
