#!/usr/bin/env python3
"""Builds a SQLite store shaped like a busy instance's, to time the refit's read of signals
(docs/performance.md): 100,000 posts, 1,000,000 interactions, 200,000 impressions and 1,000,000
signals given through the service, over 30 days. Usage: make_store.py OUT.db"""
import glob, os, random, sqlite3, sys

out = sys.argv[1] if len(sys.argv) > 1 else "rating-read.db"
if os.path.exists(out):
    os.remove(out)
db = sqlite3.connect(out)
here = os.path.dirname(os.path.abspath(__file__))
for script in sorted(glob.glob(os.path.join(here, "../../src/Middleware.Data/Migrations/*.sql"))):
    db.executescript(open(script).read())
random.seed(1)
now, day = 1_780_000_000_000, 86_400_000
posts = [f"https://p{i % 500}.example/users/u{i % 5000}/statuses/{i}" for i in range(100_000)]
db.executemany("INSERT INTO posts (uri, author_uri, instance, content_text, published_at, sensitive, media_count, visibility, object_type, stored_at)"
               " VALUES (?, ?, 'x', 'text', ?, 0, 0, 'public', 'Note', ?)",
               [(p, p.rsplit("/statuses", 1)[0], now - random.randint(0, 30 * day), now) for p in posts])
rater = lambda: f"https://r{random.randint(0, 49_999)}.example/u"
db.executemany("INSERT OR IGNORE INTO interactions (activity_uri, kind, actor_uri, post_uri, occurred_at) VALUES (?, ?, ?, ?, ?)",
               [(f"a{i}", random.choice(["favourite", "boost"]), rater(), random.choice(posts), now - random.randint(0, 29 * day)) for i in range(1_000_000)])
db.executemany("INSERT OR IGNORE INTO impressions (viewer_uri, post_uri, feed, first_served_at, last_served_at, times) VALUES (?, ?, 'f', ?, ?, 1)",
               [(rater(), random.choice(posts), now, now - random.randint(0, 29 * day)) for _ in range(200_000)])
events = ["request_more", "like", "seen", "request_less", "clickthrough", "boost"]
db.executemany("INSERT OR IGNORE INTO person_signals (person_uri, post_uri, event, feed, at) VALUES (?, ?, ?, 'f', ?)",
               [(rater(), posts[i % len(posts)], random.choice(events), now - random.randint(0, 29 * day)) for i in range(1_000_000)])
db.commit()
