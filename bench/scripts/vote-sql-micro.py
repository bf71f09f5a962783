# The vote writer's SQL alone, CPU time a vote (bench/README.md, "the writer's run outlives its batch"): 3,000 fresh upvotes
# on the dataset inside one transaction that is rolled back (nothing is kept). Take bench.lock around it (it holds the write lock).
# usage: flock /work/coord/bench.lock python3 bench/scripts/vote-sql-micro.py [base|midcache|bigcache|mmap|noidx:IX_A,IX_B|notrig:T] [votes]
import sqlite3, random, time, sys, uuid, datetime
db = __import__('os').path.join(__import__('os').path.dirname(__file__), '..', 'results', 'dataset-v2-seed42-q100000.db')
variant = sys.argv[1] if len(sys.argv) > 1 else 'base'
N = int(sys.argv[2]) if len(sys.argv) > 2 else 3000
c = sqlite3.connect(db, isolation_level=None)
c.execute('PRAGMA synchronous=NORMAL')
if 'bigcache' in variant: c.execute('PRAGMA cache_size=-262144')
if 'midcache' in variant: c.execute('PRAGMA cache_size=-32768')
if 'mmap' in variant: c.execute('PRAGMA mmap_size=17179869184')
rng = random.Random(7)
posts = c.execute("SELECT Id, AuthorId, coalesce(QuestionId, Id), Kind FROM Posts WHERE DeletedAt IS NULL AND HiddenAt IS NULL AND abs(random()) % 20 = 0 LIMIT 60000").fetchall()
voters = [r[0] for r in c.execute("SELECT Id FROM AspNetUsers WHERE Reputation >= 125 ORDER BY Id LIMIT 5000")]
pairs = []
seen=set()
while len(pairs) < N:
    p = rng.choice(posts); v = rng.choice(voters)
    if v == p[1] or (p[0], v) in seen: continue
    if c.execute('SELECT 1 FROM Votes WHERE PostId=? AND VoterId=?', (p[0], v)).fetchone(): continue
    seen.add((p[0], v)); pairs.append((p, v))
c.execute('BEGIN IMMEDIATE')
if 'noidx' in variant:
    for ix in variant.split(':')[1].split(','):
        c.execute(f'DROP INDEX "{ix}"')
if 'notrig' in variant:
    for t in variant.split('notrig:')[1].split(';')[0].split(','):
        c.execute(f'DROP TRIGGER "{t}"')
T = {}
def run(name, sql, args):
    t = time.thread_time()
    r = c.execute(sql, args).fetchall()
    T[name] = T.get(name, 0) + time.thread_time() - t
    return r
now = datetime.datetime.utcnow().isoformat(sep=' ')
start = time.thread_time()
for i, ((pid, author, qid, kind), voter) in enumerate(pairs):
    run('save', 'SAVEPOINT vote', ())
    run('standing', 'SELECT (SELECT Id FROM Posts WHERE Id = ?), v.Id, v.Value, g.Day, g.Gained FROM (SELECT 1) one LEFT JOIN Votes v ON v.PostId = ? AND v.VoterId = ? LEFT JOIN MemberVoteGains g ON g.UserId = ?', (pid, pid, voter, author))
    run('vote', 'INSERT INTO Votes (PostId, VoterId, Value, CreatedAt) VALUES (?,?,1,?)', (pid, voter, now))
    run('score', 'UPDATE Posts SET Score = Score + 1 WHERE Id = ? RETURNING Score', (pid,))
    amt = 10 if kind == 'Answer' else 5
    reason = 'AnswerUpvoted' if kind == 'Answer' else 'QuestionUpvoted'
    run('entry', 'INSERT INTO ReputationEntries (UserId, Amount, Reason, SourceKey, PostId, ActorId, CreatedAt) VALUES (?,?,?,?,?,?,?)', (author, amt, reason, f'vote:{pid}:{voter}', pid, voter, now))
    run('total', 'UPDATE AspNetUsers SET ReputationPoints = ReputationPoints + ?, Reputation = max(1, 1 + ReputationPoints + ?) WHERE Id = ? RETURNING ReputationPoints', (amt, amt, author))
    if kind == 'Answer':
        run('tagtotals', 'SELECT t.Name, s.Score, s.Answers FROM QuestionTags qt JOIN MemberTagScores s ON s.UserId = ? AND s.TagId = qt.TagsId JOIN Tags t ON t.Id = qt.TagsId WHERE qt.QuestionsId = ? AND s.Score >= 1 AND s.Answers >= 1', (author, qid))
    run('release', 'RELEASE vote', ())
total = time.thread_time() - start
c.execute('ROLLBACK')
print(variant, f'{total/N*1e3:.3f} ms/vote', ' '.join(f'{k}={v/N*1e3:.3f}' for k, v in sorted(T.items(), key=lambda kv: -kv[1])))
