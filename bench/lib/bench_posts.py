# Writes N public posts (default 100,000) with some favourites as import NDJSON: spread over the last
# 48 hours (inside the 72-hour candidate window), 2,000 authors on 50 hosts. Shared by the feed benchmarks.
import json, sys, random, datetime
random.seed(4)
now = datetime.datetime.now(datetime.timezone.utc)
n = int(sys.argv[1]) if len(sys.argv) > 1 else 100000
for i in range(n):
    author = f"https://host{i % 50}.example/users/u{i % 2000}"
    published = now - datetime.timedelta(seconds=random.uniform(60, 48 * 3600))
    print(json.dumps({"type": "post", "uri": f"{author}/statuses/{i}", "url": f"{author}/statuses/{i}",
                      "author": author, "text": f"Post number {i}: " + "words " * random.randint(5, 40),
                      "published": published.isoformat()}))
    for k in range(random.choice([0, 0, 0, 1, 2, 5])):
        print(json.dumps({"type": "interaction", "kind": "favourite", "actor": f"https://fans.example/users/f{random.randrange(5000)}",
                          "post": f"{author}/statuses/{i}", "at": published.isoformat()}))
