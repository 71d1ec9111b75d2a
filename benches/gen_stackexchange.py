#!/usr/bin/env python3
"""Writes a Stack Exchange dump pair of about SIZE bytes in all: OUT/<site>/Posts.xml (about
three quarters) and OUT/<site>/Comments.xml, one `<row/>` per line as the real dumps are.
Questions get 0-6 answers; comments go to questions and answers alike, and Comments.xml lists
them in id order, not grouped by post, as the real file does. Bodies are HTML paragraphs
resampled from the comment texts of the Reddit fixture. Deterministic for a given seed.

usage: gen_stackexchange.py SIZE_BYTES OUT_DIR [SEED]
"""
import json
import os
import random
import sys
from xml.sax.saxutils import quoteattr

FIXTURE = "tests/fixtures/pages/reddit-pushshift-ndjson/RC_sample.funny.3hahrw.ndjson"


def main():
    target = int(sys.argv[1])
    out = os.path.join(sys.argv[2], "bench.stackexchange.com")
    rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 1)
    os.makedirs(out, exist_ok=True)
    texts = [json.loads(l)["body"] for l in open(FIXTURE, encoding="utf-8") if l.strip()]
    texts = [t for t in texts if len(t) > 20] or ["Some text."]
    posts = open(os.path.join(out, "Posts.xml"), "w", encoding="utf-8")
    comments = open(os.path.join(out, "Comments.xml"), "w", encoding="utf-8")
    posts.write('<?xml version="1.0" encoding="utf-8"?>\n<posts>\n')
    comments.write('<?xml version="1.0" encoding="utf-8"?>\n<comments>\n')
    post_id, comment_id, written = 0, 0, 0
    recent = []  # posts that comments may go to
    while written < target:
        post_id += 1
        question = post_id
        body = "".join(f"<p>{rng.choice(texts)}</p>" for _ in range(rng.randint(2, 6)))
        line = (f'  <row Id="{question}" PostTypeId="1" CreationDate="2015-01-01T00:00:00.000" Score="1" '
                f'Body={quoteattr(body)} OwnerUserId="{rng.randint(1, 99999)}" '
                f'Title={quoteattr(rng.choice(texts)[:80])} Tags="&lt;bench&gt;" AnswerCount="0" CommentCount="0" />\n')
        posts.write(line)
        written += len(line)
        recent.append(question)
        for _ in range(rng.randint(0, 6)):
            post_id += 1
            body = "".join(f"<p>{rng.choice(texts)}</p>" for _ in range(rng.randint(1, 5)))
            line = (f'  <row Id="{post_id}" PostTypeId="2" ParentId="{question}" CreationDate="2015-01-01T00:00:00.000" '
                    f'Score="0" Body={quoteattr(body)} OwnerUserId="{rng.randint(1, 99999)}" />\n')
            posts.write(line)
            written += len(line)
            recent.append(post_id)
        recent = recent[-500:]
        for _ in range(rng.randint(0, 8)):
            comment_id += 1
            line = (f'  <row Id="{comment_id}" PostId="{rng.choice(recent)}" Score="0" '
                    f'Text={quoteattr(rng.choice(texts)[:300])} CreationDate="2015-01-01T00:00:00.000" '
                    f'UserId="{rng.randint(1, 99999)}" />\n')
            comments.write(line)
            written += len(line)
    posts.write("</posts>\n")
    comments.write("</comments>\n")


if __name__ == "__main__":
    main()
