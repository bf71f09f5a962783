using System.Text;

namespace Community.Bench;

internal sealed record DatasetModel(
    UserRow[] Users,
    string[] Tags,
    QuestionRow[] Questions,
    AnswerRow[] Answers,
    CommentRow[] Comments,
    int[] PostOrder, // by post id: a question's index, or ~index of an answer
    TextSource Text);

internal sealed record UserRow(string Id, string Handle, string DisplayName, int Reputation, long CreatedAt, string SecurityStamp, string ConcurrencyStamp);

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

/// <summary>
/// A support community of a given size, the same for the same seed: 2,000 users, 50 tags of Zipf-like popularity and
/// 100,000 questions over three years with ~3 answers each (some threads with 100+), accepted answers on ~40%.
/// </summary>
internal sealed class DatasetGenerator(int seed, int questionCount)
{
    /// <summary>The dataset's "now": fixed, so a dataset is the same whenever it is made.</summary>
    public static readonly DateTime End = new(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);
    public static readonly DateTime Start = End.AddYears(-3);

    // Ordered by popularity: the first is the most used, the last the rarest.
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
    private const double ShareWithoutAnswers = 0.15;
    private const double ShareAccepted = 0.40;

    private readonly Random rng = new(seed);

    public DatasetModel Generate()
    {
        var scale = questionCount / 100_000.0;
        var users = MakeUsers(Math.Max(20, (int)Math.Round(2_000 * scale)));
        var text = new TextSource(rng);
        var authors = new ZipfSampler(users.Length, AuthorZipfExponent);
        var tags = new ZipfSampler(TagNames.Length, TagZipfExponent);

        var startTicks = Start.Ticks;
        var span = End.Ticks - startTicks;
        var created = new long[questionCount];
        for (var i = 0; i < questionCount; i++)
            created[i] = startTicks + (long)(rng.NextDouble() * span);
        Array.Sort(created);

        // A few very long threads for the question page benchmark, away from the end so their answers fit.
        var hot = new HashSet<int>();
        while (hot.Count < Math.Max(1, (int)Math.Round(10 * scale)))
            hot.Add(rng.Next(questionCount * 9 / 10));

        var questions = new QuestionRow[questionCount];
        var answers = new List<AnswerRow>(questionCount * 3 + 2_000);
        var acceptWhenAnswered = ShareAccepted / (1 - ShareWithoutAnswers);
        for (var i = 0; i < questionCount; i++)
        {
            ref var q = ref questions[i];
            q.Author = authors.Sample(rng);
            q.Title = text.Title(rng);
            q.BodySeed = rng.Next();
            q.BodyLength = 200 + rng.Next(900);
            q.CreatedAt = created[i];
            q.Score = rng.NextDouble() < 0.08 ? -rng.Next(1, 4) : (int)Math.Round(Math.Exp(0.9 * Gaussian() + 0.3)) - 1;
            q.ViewCount = (int)Math.Min(500_000, Math.Exp(4 + 1.2 * Gaussian()));
            q.EditedAt = rng.NextDouble() < 0.10 ? Before(q.CreatedAt + Hours(Exponential(72))) : 0;
            q.DeletedAt = rng.NextDouble() < 0.02 ? Before(q.CreatedAt + Hours(Exponential(48))) : 0;
            q.DuplicateOf = -1;
            if (q.DeletedAt == 0 && rng.NextDouble() < 0.03)
            {
                q.ClosedAt = Before(q.CreatedAt + Hours(Exponential(24)));
                q.ClosedBy = rng.Next(Math.Min(20, users.Length));
                var reason = rng.Next(3);
                q.CloseReason = reason switch { 0 => "Duplicate", 1 => "OffTopic", _ => "NeedsDetails" };
                if (reason == 0 && i > 0)
                    q.DuplicateOf = rng.Next(i);
            }
            q.Tags = PickTags(tags);

            // Answers: none on ~15%, else 1 + geometric (mean ~3.5), spread after the question; none after End.
            var count = hot.Contains(i) ? 100 + rng.Next(150)
                : rng.NextDouble() < ShareWithoutAnswers ? 0
                : 1 + Geometric(1 / 3.5);
            var first = answers.Count;
            var at = q.CreatedAt;
            for (var k = 0; k < count; k++)
            {
                at += Math.Max(TimeSpan.TicksPerMinute, Hours(hot.Contains(i) ? Exponential(8) : k == 0 ? Exponential(18) : Exponential(48)));
                if (at >= End.Ticks)
                    break;
                answers.Add(new AnswerRow
                {
                    Question = i,
                    Author = authors.Sample(rng),
                    BodySeed = rng.Next(),
                    BodyLength = 100 + rng.Next(700),
                    Score = (int)Math.Round(Math.Exp(0.9 * Gaussian() + 0.2)) - 1,
                    CreatedAt = at,
                    EditedAt = rng.NextDouble() < 0.08 ? Before(at + Hours(Exponential(24))) : 0,
                    DeletedAt = rng.NextDouble() < 0.03 ? Before(at + Hours(Exponential(48))) : 0,
                });
            }

            q.AcceptedAnswer = -1;
            q.LastActivityAt = Math.Max(q.CreatedAt, q.EditedAt);
            var best = -1;
            for (var a = first; a < answers.Count; a++)
            {
                var answer = answers[a];
                if (answer.DeletedAt != 0)
                    continue;
                q.AnswerCount++;
                q.LastActivityAt = Math.Max(q.LastActivityAt, Math.Max(answer.CreatedAt, answer.EditedAt));
                if (best < 0 || answer.Score > answers[best].Score)
                    best = a;
            }
            if (best >= 0 && rng.NextDouble() < acceptWhenAnswered)
            {
                q.AcceptedAnswer = best;
                var accepted = answers[best];
                if (accepted.Score <= 0)
                    answers[best] = accepted with { Score = 1 + rng.Next(5) };
            }
        }

        var answerArray = answers.ToArray();
        var postOrder = AssignIds(questions, answerArray);
        var comments = MakeComments(questions, answerArray, postOrder, authors);
        return new DatasetModel(users, TagNames, questions, answerArray, comments, postOrder, text);
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
            users[i] = new UserRow(id, $"user{i}", name, 1 + (int)Math.Min(200_000, Math.Exp(3 + 2 * Gaussian())),
                Start.Ticks - (long)(rng.NextDouble() * TimeSpan.TicksPerDay * 365) + (long)(rng.NextDouble() * (End.Ticks - Start.Ticks) * 0.5),
                stamp, new Guid(bytes).ToString());
        }
        return users;
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

    private CommentRow[] MakeComments(QuestionRow[] questions, AnswerRow[] answers, int[] postOrder, ZipfSampler authors)
    {
        var comments = new List<CommentRow>(postOrder.Length / 3);
        foreach (var post in postOrder)
        {
            if (rng.NextDouble() >= 0.2)
                continue;
            var (id, at) = post >= 0 ? (questions[post].Id, questions[post].CreatedAt) : (answers[~post].Id, answers[~post].CreatedAt);
            var count = 1 + Geometric(0.6);
            for (var k = 0; k < count; k++)
            {
                at = Before(at + Math.Max(TimeSpan.TicksPerMinute, Hours(Exponential(24))));
                comments.Add(new CommentRow { PostId = id, Author = authors.Sample(rng), BodySeed = rng.Next(), BodyLength = 20 + rng.Next(280), CreatedAt = at });
            }
        }
        comments.Sort((x, y) => x.CreatedAt.CompareTo(y.CreatedAt));
        return comments.ToArray();
    }

    private double Gaussian()
    {
        var u1 = 1.0 - rng.NextDouble();
        var u2 = rng.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    private double Exponential(double mean) => -mean * Math.Log(1.0 - rng.NextDouble());

    /// <summary>Failures before the first success: 0, 1, 2, … with P(success) = <paramref name="p"/>.</summary>
    private int Geometric(double p) => (int)Math.Min(1_000, Math.Floor(Math.Log(1.0 - rng.NextDouble()) / Math.Log(1.0 - p)));

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

/// <summary>Words for titles and a long text to cut bodies from, so that bodies cost no generation time.</summary>
internal sealed class TextSource
{
    private static readonly string[] Words =
    [
        "router", "satellite", "node", "mesh", "signal", "bandwidth", "firmware", "update", "app", "account", "invoice", "plan",
        "connection", "drops", "every", "evening", "after", "restart", "the", "a", "my", "our", "when", "while", "since", "with",
        "without", "upstairs", "downstairs", "garage", "office", "kitchen", "television", "console", "laptop", "phone", "printer",
        "camera", "doorbell", "thermostat", "speaker", "channel", "band", "interference", "latency", "ping", "download", "upload",
        "speed", "test", "result", "slow", "fast", "stable", "unstable", "light", "blinking", "orange", "white", "blue", "red",
        "reset", "factory", "settings", "network", "name", "password", "guest", "parental", "schedule", "pause", "profile",
        "device", "list", "missing", "offline", "online", "pairing", "setup", "failed", "error", "code", "support", "ticket",
        "isp", "modem", "bridge", "mode", "dhcp", "address", "reservation", "port", "forwarding", "vpn", "dns", "ipv6",
        "ethernet", "cable", "backhaul", "wireless", "placement", "walls", "floor", "distance", "meters", "works", "fine",
        "stopped", "working", "yesterday", "suddenly", "randomly", "sometimes", "always", "never", "again", "still", "also",
    ];

    private static readonly string[] Openings =
    [
        "How do I", "Why does", "Can I", "Is it possible to", "What is the best way to", "Problem with", "Unable to",
        "Help with", "After the update", "Best placement for", "Trouble getting", "Does anyone know why",
    ];

    private readonly string corpus;

    public TextSource(Random rng)
    {
        var builder = new StringBuilder(300_000);
        var sentence = 0;
        while (builder.Length < 290_000)
        {
            var word = Words[rng.Next(Words.Length)];
            builder.Append(sentence == 0 ? char.ToUpperInvariant(word[0]) + word[1..] : word);
            sentence++;
            if (sentence > 6 && rng.Next(8) == 0)
            {
                builder.Append(". ");
                sentence = 0;
            }
            else
            {
                builder.Append(' ');
            }
        }
        corpus = builder.ToString();
    }

    public string Title(Random rng)
    {
        var builder = new StringBuilder(Openings[rng.Next(Openings.Length)]);
        var words = 3 + rng.Next(9);
        for (var k = 0; k < words || builder.Length < Community.Domain.Questions.Question.TitleMinLength; k++)
            builder.Append(' ').Append(Words[rng.Next(Words.Length)]);
        return builder.Append('?').ToString();
    }

    public string Body(int seed, int length) => corpus.Substring(seed % (corpus.Length - length), length);

    public static string Html(string body) => $"<p>{System.Net.WebUtility.HtmlEncode(body)}</p>";
}
