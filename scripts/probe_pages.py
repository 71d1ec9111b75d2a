#!/usr/bin/env python3
"""Random comment markup of no known system, to probe the generic finder's generality.

usage: probe_pages.py [FIRST_SEED LAST_SEED] [--comments N] [--languages] [--furniture] [--skeletons]
                     [--cjk] [--bodies] [--fields] [--ads] [--headers] [--keep DIR]
       (default: seeds 1 to 100, 12 comments a page; the binary `target/release/threadscan`,
       or `$THREADSCAN`)

Each seed writes one page: an article, then a thread of N comments in markup whose class
names are made-up syllables (no vocabulary to lean on), with the layout, element names and
furniture drawn at random: nested or flat (depth as a margin or a numbered class), the name
in `strong`/`b`/`a`/`span`, the name before its date, after it, or glued to it with no space
(as script-built pages write adjacent elements), a letter avatar with the writer's initials
or a picture, like counters, reply links, ids, and a "Recent comments" sidebar that reuses the
comments' item class; with `--languages`, dates and labels in English, German, French or
Spanish (`14. März 2023 um 10:12 Uhr`, `le 14/03/2023 à 10:12`, `Antworten`); with
`--furniture` (session 21), more of what real threads carry: relative dates (`3 hours ago`,
`vor 3 Stunden`) or `<time>` elements, a verb after the name (`says:`, `schreibt:`), a
comment number (`#4`), a badge beside some names (`Author`), the parent's text quoted at the
head of a reply (`Dan Ruiz wrote:`), "Show more replies" and "Load more comments" stubs, and
the replies' box as the following sibling of its parent's item, a title over some comments'
words (not part of the text), an `@Name` mention of the parent opening a reply (part of it),
and an "(edited)" mark after the date; from session 22, folded comments that show their
header only (no words in the page: the gold text is empty), and more ways to write a flat
thread's depth (a margin in `em`, a `padding-left`, a margin with a base offset; level classes
`level-N`, `depth-N` or a bare number glued to a class name), and the depth on a box around
each comment of a flat thread rather than on the comment's own item, and deleted comments (the
platform's notice in place of the words, the name left standing or shown as `[deleted]`; the
gold `kind` is `deleted`, its text and, where the name is gone, its author empty); from
session 23, how many comments fold (every third, or every reply) and whether a folded one
keeps the comments' markup or is a one-line box in a class of its own, and names that link
to the writer's own website (checked as `author_url`), every comment's `timestamp` checked,
and `<html lang>` stated on most pages. Runs `threadscan analyze` on each page and checks the comment count,
every depth, every author, every text (whole, since session 22), every `kind` and every
`author_url` (since session 23) against what was
generated; prints the
failures and the failure count for each drawn option. Written in session 20; the findings
are in `docs/parser-development.md`. With `--cjk` (session 25), the page's words, the writers'
names (family name first, no space), dates, heading and labels are in Japanese, Chinese or
Korean. With `--bodies` (session 28), the header sits above the words, under them as a footer
byline or split (the name above, the date under them), the words come in one paragraph or
two, some with a link inside, and an article byline and a "related posts" list of teasers
with names and dates may stand between the article and the thread.
With `--fields` (session 31), the header is laid out as labelled fields with no class to say
so (`From:` name and `Date:` date as rows of a table, as LiveJournal's old styles draw it, or
on one line), a permalink `(Link)` beside them, and on some pages every comment draws both
states of a fold toggle (`Collapse` and `Expand`; the page's style shows one).
With `--ads` (session 32), pseudo-comments in the comments' own item markup, which the gold
leaves out: an advertisement between the first two threads, said by a sponsor label
(`Sponsored`, `Anzeige`, `広告`) beside the brand's name, in the date's place or on a line
above it, by `Advertisement` as the name, or only by a class word; and on half the pages a
"log in to comment" notice and an empty template item after the thread.
With `--headers` (session 32), the header writes the name in a heading, `cite`, `p`, `div`
or `label`, after a word that introduces it ("By", "Posted by", "Comment by", "Von"; inside
a block, before an inline element), with a separator between name and date (`|`, `·`, `—`,
`,`, `-`, "on") and the date as bare text or in `small`/`em`.
"""
import csv
import html
import json
import os
import random
import subprocess
import sys
import tempfile
from collections import Counter

# Labels of the languages added in session 23 (drawn for half the `--languages` pages, from a
# generator of their own): Italian, Portuguese, Dutch, Polish and Russian.
MORE_LANGS = {
    "it": dict(relative="%d ore fa", month="marzo", dates=["%d %s 2023 alle %02d:%02d", "%02d/03/2023 %02d:%02d"],
               badge="Autore", verb="dice:", edited="(modificato)", said="%s ha scritto:", fold="Espandi",
               deleted="Questo commento è stato eliminato.", likes="Mi piace", reply="Rispondi",
               more_replies="Mostra altre risposte", more_comments="Carica altri commenti", heading="%d commenti"),
    "pt": dict(relative="há %d horas", month="março", dates=["%d de %s de 2023 às %02d:%02d", "%02d/03/2023 %02d:%02d"],
               badge="Autor", verb="disse:", edited="(editado)", said="%s escreveu:", fold="Expandir",
               deleted="Este comentário foi excluído.", likes="Curtir", reply="Responder",
               more_replies="Mostrar mais respostas", more_comments="Carregar mais comentários", heading="%d comentários"),
    "nl": dict(relative="%d uur geleden", month="maart", dates=["%d %s 2023 om %02d:%02d", "%02d-03-2023 %02d:%02d"],
               badge="Auteur", verb="zegt:", edited="(bewerkt)", said="%s schreef:", fold="Uitklappen",
               deleted="Deze reactie is verwijderd.", likes="Vind ik leuk", reply="Reageren",
               more_replies="Meer antwoorden tonen", more_comments="Meer reacties laden", heading="%d reacties"),
    "pl": dict(relative=("%d godziny temu", "%d godzin temu"), month="marca", dates=["%d %s 2023 o %02d:%02d", "%02d.03.2023 %02d:%02d"],
               badge="Autor", verb="pisze:", edited="(edytowany)", said="%s napisał:", fold="Rozwiń",
               deleted="Ten komentarz został usunięty.", likes="Lubię to", reply="Odpowiedz",
               more_replies="Pokaż więcej odpowiedzi", more_comments="Załaduj więcej komentarzy", heading="%d komentarzy"),
    "ru": dict(relative=("%d часа назад", "%d часов назад"), month="марта", dates=["%d %s 2023 в %02d:%02d", "%02d.03.2023 %02d:%02d"],
               badge="Автор", verb="пишет:", edited="(изменено)", said="%s написал:", fold="Развернуть",
               deleted="Комментарий удалён.", likes="Нравится", reply="Ответить",
               more_replies="Показать ещё ответы", more_comments="Загрузить ещё комментарии", heading="%d комментариев"),
}

# Added in session 25 (`--cjk`): Japanese, Chinese and Korean pages, their words and names
# too (no spaces between words in Japanese and Chinese; family name first). `month` is empty:
# the first date form writes the month as a number.
CJK_LANGS = {
    "ja": dict(relative="%d時間前", month="", dates=["2023年3月%d日%s %02d:%02d", "2023/03/%02d %02d:%02d"],
               badge="投稿者", verb="さんのコメント:", edited="(編集済み)", said="%sさんの発言:", fold="展開する",
               deleted="このコメントは削除されました。", likes="いいね", reply="返信",
               more_replies="返信をもっと見る", more_comments="コメントをもっと読み込む", heading="コメント(%d件)",
               family=["山田", "佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "中村", "小林", "加藤", "吉田", "山本"],
               given=["花子", "太郎", "美咲", "健太", "陽菜", "翔", "結衣", "大輔", "葵", "蓮", "さくら", "拓海",
                      "愛", "優斗", "七海", "悠"],
               sentences=["橋の計画は効果の割に高すぎる", "トンネルと比べれば安い", "トンネルの見積もりには取り付け道路が入っていない",
                          "維持費も大事だ", "誰か交通量を確認したのか", "それは新しいバス路線の前のデータだ", "議会は木曜日に開かれる",
                          "今回はネット中継されるのか", "前回は一時間で中継が切れた", "もっと良い接続を約束していた",
                          "毎日自転車で渡っているが今の橋で十分だ", "修理なら新しい橋の十分の一で済む", "川の眺めの議論は過大評価だ",
                          "観光客は眺めではなく旧市街に来る"]),
    "zh": dict(relative="%d小时前", month="", dates=["2023年3月%d日%s %02d:%02d", "2023-03-%02d %02d:%02d"],
               badge="作者", verb="说：", edited="(已编辑)", said="%s 写道：", fold="展开",
               deleted="该评论已被删除。", likes="赞", reply="回复",
               more_replies="查看更多回复", more_comments="加载更多评论", heading="%d 条评论",
               family=["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙"],
               given=["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "洋", "艳", "勇", "军", "杰", "娟", "涛", "明"],
               sentences=["桥的方案相对于效果来说太贵了", "和隧道相比它很便宜", "隧道的估算没有包括引道", "维护费用也很重要",
                          "有人核实过交通流量吗", "那是新公交线路开通之前的数据", "议会会议在星期四", "这次会在网上直播吗",
                          "上次直播一个小时就断了", "他们承诺过更好的连接", "我每天骑车过桥现在的桥就很好",
                          "维修只要新桥的十分之一", "河景的说法被高估了", "游客是来看老城的不是来看风景的"]),
    "ko": dict(relative="%d시간 전", month="", dates=["2023년 3월 %d일%s %02d:%02d", "2023.03.%02d %02d:%02d"],
               badge="작성자", verb="님의 댓글:", edited="(수정됨)", said="%s님이 작성:", fold="펼치기",
               deleted="삭제된 댓글입니다.", likes="좋아요", reply="답글",
               more_replies="답글 더보기", more_comments="댓글 더보기", heading="댓글 %d개",
               family=["김", "이", "박", "최", "정", "강", "조", "윤", "장", "임", "한", "오"],
               given=["민수", "지은", "서연", "도윤", "하은", "준호", "수빈", "예준", "지우", "현우", "유진", "시우",
                      "민지", "성민", "다은", "지호"],
               sentences=["다리 계획은 효과에 비해 너무 비싸다", "터널에 비하면 싸다", "터널 견적에는 진입로가 빠져 있다",
                          "유지비도 중요하다", "누가 교통량을 확인했나", "그건 새 버스 노선 이전 자료다", "의회 회의는 목요일이다",
                          "이번에는 온라인으로 중계되나", "지난번에는 한 시간 만에 중계가 끊겼다", "더 나은 연결을 약속했었다",
                          "나는 매일 자전거로 건너는데 지금 다리로 충분하다", "수리는 새 다리 비용의 10분의 1이면 된다",
                          "강 풍경 이야기는 과장됐다", "관광객은 경치가 아니라 구시가지를 보러 온다"]),
}
EXTRA_LANGS = {**MORE_LANGS, **CJK_LANGS}
# "Sponsored" and "Advertisement" as pages print them over an advertisement (`--ads`).
SPONSOR_LABELS = {
    "en": ("Sponsored", "Advertisement"), "de": ("Anzeige", "Werbung"), "fr": ("Sponsorisé", "Publicité"),
    "es": ("Patrocinado", "Publicidad"), "it": ("Sponsorizzato", "Pubblicità"), "pt": ("Patrocinado", "Publicidade"),
    "nl": ("Gesponsord", "Advertentie"), "pl": ("Sponsorowane", "Reklama"), "ru": ("Спонсорский материал", "Реклама"),
    "ja": ("スポンサー", "広告"), "zh": ("赞助", "广告"), "ko": ("스폰서", "광고"),
}

SYLLABLES = ["ka", "lo", "mi", "ren", "tu", "vo", "sa", "ne", "pil", "dar", "ox", "ur", "bex", "qua", "zim"]
FIRST = ["Ann", "Bob", "Cara", "Dan", "Eve", "Finn", "Gus", "Hana", "Ivo", "Jo", "Kai", "Lena", "Mo", "Nia", "Olaf", "Pia"]
LAST = ["Ruiz", "Lee", "Moe", "Fox", "Hill", "Dahl", "Park", "Ito", "Kral", "Marsh", "Berg", "Cruz"]
SENTENCES = [
    "The bridge plan is too expensive for what it delivers",
    "Compared to the tunnel it is cheap",
    "The tunnel estimate left out the approach roads",
    "Maintenance costs matter too",
    "Has anyone checked the traffic counts",
    "They are from before the new bus line",
    "The council meeting is on Thursday",
    "Will it be streamed online this time",
    "Last time the stream cut out after an hour",
    "They promised a better connection",
    "I cycle across every day and the current bridge is fine",
    "Repairs would cost a tenth of a new crossing",
    "The river view argument is overrated",
    "Tourists come for the old town, not the view",
]
MONTHS = ["January", "February", "March", "April", "May", "June"]


def page(seed, n, languages=False, furniture=False, skeletons=False, cjk=False, bodies=False, fields=False, ads=False,
         headers=False):
    """One page: its HTML, the generated comments (page order) and the options drawn; with
    `languages`, its dates and labels in English, German, French or Spanish; with `furniture`,
    more of what real threads carry (see the module's doc)."""
    r = random.Random(seed)
    # Drawn from a generator of its own, so that the pages without `--furniture` stay the same.
    f = random.Random(seed * 7919 + 1)
    more = dict(
        when=f.choice(["absolute", "relative", "time-element"]),
        verb=f.choice([False, True]),
        number=f.choice([False, True]),
        badge=f.choice([False, True]),
        quote=f.choice([False, True]),
        stub=f.choice([False, True]),
        kids=f.choice(["inside", "sibling"]),
    ) if furniture else {}
    # Added later, from a generator of their own, so that the pages drawn before stay the same.
    g = random.Random(seed * 7919 + 2)
    if furniture:
        more.update(
            title=g.choice([False, True]),
            mention=g.choice([False, True]),
            edited=g.choice([False, True]),
        )
    # Added in session 22, from generators of their own for the same reason.
    h = random.Random(seed * 7919 + 3)
    h2 = random.Random(seed * 7919 + 4)
    if furniture:
        more.update(
            collapsed=h.choice([False, "class", "expand", "aria"]),
            indent=h.choice(["px", "em", "padding", "offset"]),
            levels=h.choice(["suffix", "level", "depth", "bare"]),
            twig=h.choice([False, True]),
        )
        more.update(deleted=h2.choice([False, "notice", "gone"]))
    # Added in session 23: how many comments fold (every third, or every reply as on
    # LiveJournal's long threads) and whether a folded one keeps the comments' markup or shows
    # as a one-line item of its own (name, date and the unfolding control in another class).
    z = random.Random(seed * 7919 + 5)
    fold_share, fold_markup = z.choice(["third", "replies"]), z.choice(["same", "compact"])
    if more.get("collapsed"):
        more.update(fold_share=fold_share, fold_markup=fold_markup)
    # Added in session 23: every other writer's name links to their own website (a blog's
    # `comment_author_url`), the link on the name or on a box around it; the gold
    # `author_url` is that address (empty for names linking to a profile on the site).
    z3 = random.Random(seed * 7919 + 7)
    site_links = z3.choice([False, "on-name", "around-name"])
    if furniture and site_links:
        more.update(site_links=site_links)

    # Added in session 28 (`--bodies`): where the header sits and how the words are laid
    # out. The header above the words (`head`), below them as a footer byline (`foot`:
    # "Posted by Ann Ruiz | 3 March 2023", Typepad's and many themes' way), or split (`split`:
    # the name above, the date and number in a footer line); the words in one paragraph, in
    # two (`p`: two `<p>`; `br`: one `<p>` broken by `<br><br>`; gold: a blank line between),
    # with a link inside some; and the page around the thread: an article byline with the
    # page author's name and date, and a "related posts" list of teasers with names and dates
    # between the article and the thread.
    b = random.Random(seed * 7919 + 11)
    if bodies:
        more.update(
            byline=b.choice(["head", "foot", "split"]),
            paras=b.choice(["one", "p", "br"]),
            inline_link=b.choice([False, True]),
            around=b.choice([False, "byline", "related", "both"]),
        )

    # Added in session 31 (`--fields`): the header as labelled fields, and fold toggles drawn
    # in both states on every comment.
    fl = random.Random(seed * 7919 + 13)
    if fields:
        more.update(fields=fl.choice(["table", "line"]), toggles=fl.choice([False, True]))

    # Added in session 32 (`--ads`): pseudo-comments in the comments' own markup, which the
    # gold leaves out: a sponsored item between two threads (how it says so drawn below), and
    # on some pages a "log in to comment" notice and an empty item the page's scripts fill.
    ad = random.Random(seed * 7919 + 17)
    if ads:
        more.update(
            sponsor=ad.choice(["badge", "date-slot", "label-line", "author", "class"]),
            notice=ad.choice([False, True]),
            template=ad.choice([False, True]),
        )

    # Added in session 32 (`--headers`): how the header writes the name and the date: the name
    # in a heading, `cite`, `p`, `div` or `label`; a word before it ("By", "Posted by",
    # "Von"); a separator between name and date; the date as a bare text or in `small`/`em`.
    hd = random.Random(seed * 7919 + 19)
    if headers:
        more.update(
            name_tag=hd.choice(["h3", "h4", "h5", "h6", "cite", "p", "div", "label"]),
            intro=hd.choice([False, "by", "posted-by", "comment-by"]),
            sep=hd.choice([" ", " | ", " · ", " — ", ", ", " - ", "on"]),
            date_wrap=hd.choice(["span", "bare", "small", "em"]),
        )

    def word():
        return "".join(r.choice(SYLLABLES) for _ in range(r.randint(2, 3)))

    lang = r.choice(["en", "de", "fr", "es"]) if languages else "en"
    # Added in session 23: half the pages with languages in one of five more.
    z2 = random.Random(seed * 7919 + 6)
    more_lang = z2.choice(sorted(MORE_LANGS))
    if languages and z2.random() < 0.5:
        lang = more_lang
    if cjk:
        lang = random.Random(seed * 7919 + 9).choice(sorted(CJK_LANGS))
    cjk_lang = CJK_LANGS.get(lang)

    def tr(labels, field):
        """A label in the page's language: the first four from `labels`, the others from
        MORE_LANGS."""
        return labels[lang] if lang in labels else EXTRA_LANGS[lang][field]

    stamps = {}
    # Comments whose date is in numbers with slashes or dashes (`02/03/2023`): which number is
    # the day, the page's other numeric dates or its language (`<html lang>`) must tell.
    numeric = {}

    def date(i):
        d, h, m = 1 + i % 27, 8 + i % 12, (i * 7) % 60
        # The time the printed date states, in `comments.csv`'s form (session 23); none for a
        # relative time (the page states no time to count back from).
        stamps[i] = "2023-03-%02dT%02d:%02d:00Z" % (d, h, m)
        if more.get("when") == "relative":
            stamps[i] = ""
            k = 2 + i % 9
            if lang in EXTRA_LANGS:
                form = EXTRA_LANGS[lang]["relative"]
                if isinstance(form, tuple):
                    form = form[0] if 2 <= k <= 4 else form[1]
                return form % k
            return {"en": "%d hours ago", "de": "vor %d Stunden", "fr": "il y a %d heures",
                    "es": "hace %d horas"}[lang] % k
        if i % 2 == 1 and lang in ("fr", "es", "it", "pt", "nl"):
            numeric[i] = d
        if lang in EXTRA_LANGS:
            month = EXTRA_LANGS[lang]["month"]
            return EXTRA_LANGS[lang]["dates"][i % 2] % ((d, month, h, m) if i % 2 == 0 else (d, h, m))
        if lang != "en":
            month = {"de": "März", "fr": "mars", "es": "marzo"}[lang]
            return {
                "de": ["%d. %s 2023 um %02d:%02d Uhr", "%02d.03.2023, %02d:%02d"],
                "fr": ["%d %s 2023 à %02dh%02d", "le %02d/03/2023 à %02d:%02d"],
                "es": ["%d de %s de 2023 a las %02d:%02d", "%02d/03/2023 %02d:%02d"],
            }[lang][i % 2] % ((d, month, h, m) if i % 2 == 0 else (d, h, m))
        month = r.choice(MONTHS)
        form = r.choice(["iso", "long", "dmy", "us"])
        if form == "long":
            stamps[i] = "2023-%02d-%02dT%02d:%02d:00Z" % (MONTHS.index(month) + 1, d, h, m)
        elif form == "us":
            stamps[i] = "2023-03-%02dT%02d:%02d:00Z" % (d, h % 12 + 1 + (0 if h % 12 + 1 == 12 else 12), m)
        return {
            "iso": "2023-03-%02d %02d:%02d" % (d, h, m),
            "long": "%d %s 2023 at %02d:%02d" % (d, month, h, m),
            "dmy": "%02d.03.2023 %02d:%02d" % (d, h, m),
            "us": "March %d, 2023 at %d:%02d pm" % (d, h % 12 + 1, m),
        }[form]

    comments = []

    def make(depth, parent):
        i = len(comments)
        text = ". ".join(r.sample(SENTENCES, r.randint(1, 3))) + "."
        if cjk_lang:
            # The same draw, in the page's language.
            said = [cjk_lang["sentences"][SENTENCES.index(x)] for x in text[:-1].split(". ")]
            text = ". ".join(said) + "." if lang == "ko" else "".join(x + "。" for x in said)
        if more.get("mention") and parent is not None and i % 2 == 1 and comments[parent]["author"]:
            text = "@%s %s" % (comments[parent]["author"], text)
        if more.get("paras", "one") != "one" and not cjk_lang and text.count(". ") >= 1:
            # Two paragraphs: the first sentence, then the rest.
            first_sentence, rest = text.split(". ", 1)
            text = first_sentence + ".\n\n" + rest
        author = r.choice(FIRST) + " " + r.choice(LAST)
        if cjk_lang:
            given, family = author.split()
            author = cjk_lang["family"][LAST.index(family)] + cjk_lang["given"][FIRST.index(given)]
        comments.append(dict(i=i, parent=parent, depth=depth, author=author, text=text))
        if more.get("collapsed") and (depth >= 1 if more["fold_share"] == "replies" else i % 3 == 2):
            comments[-1].update(collapsed=True, text="")
        elif more.get("deleted") and i % 5 == 3:
            # Deleted: the page's notice where the words were, and "[deleted]" where the name
            # was ("gone") or the name left standing ("notice").
            comments[-1].update(text="", kind="deleted")
            if more["deleted"] == "gone":
                comments[-1]["author"] = ""
        if depth < 3:
            for _ in range(r.choice([0, 0, 0, 1, 1, 2])):
                if len(comments) < n:
                    make(depth + 1, i)

    while len(comments) < n:
        make(0, None)
    c_item, c_head, c_name, c_date, c_body, c_kids, c_av, c_likes, c_reply = [word() for _ in range(9)]
    c_badge, c_num, c_more = ["".join(f.choice(SYLLABLES) for _ in range(3)) for _ in range(3)]
    c_foot, c_rel, c_by = ["".join(b.choice(SYLLABLES) for _ in range(3)) for _ in range(3)]
    c_title, c_edited = ["".join(g.choice(SYLLABLES) for _ in range(3)) for _ in range(2)]
    c_fold, c_twig = ["".join(h.choice(SYLLABLES) for _ in range(3)) for _ in range(2)]
    c_line = "".join(z.choice(SYLLABLES) for _ in range(3))
    c_hname = "".join(hd.choice(SYLLABLES) for _ in range(3))
    r_badge = tr({"en": "Author", "de": "Autor", "fr": "Auteur", "es": "Autor"}, "badge")
    opts = dict(
        tag=r.choice(["div", "li", "article", "section"]),
        name_wrap=r.choice(["strong", "a", "span", "b"]),
        idattr=r.choice(["id", "data-key", "none"]),
    )
    kidtag = {"li": "ul", "div": "div", "article": "div", "section": "div"}[opts["tag"]]
    idprefix = "x" + word()[:2]
    opts.update(
        layout=r.choice(["nested", "flat-margin", "flat-class"]),
        reply=r.choice([True, False]),
        order=r.choice(["name-date", "date-name", "glued"]),
        likes=r.choice([True, False]),
        sidebar=r.choice([True, False]),
        avatar=r.choice(["none", "img", "initials"]),
    )
    tag, wrap = opts["tag"], opts["name_wrap"]

    def item(c):
        name = html.escape(c["author"] or "[deleted]")
        site = ""
        if more.get("site_links") and c["author"] and c["i"] % 2 == 0:
            site = "https://%s.example.org/" % c["author"].split()[-1].lower()
            if not c["author"].isascii():
                # A host in ASCII, as most writers' sites have (session 25, `--cjk`).
                site = "https://w%d.example.org/" % (sum(map(ord, c["author"])) % 1000)
            c["author_url"] = site
        if site and (wrap == "a" or more["site_links"] == "on-name"):
            name = '<a href="%s" rel="external nofollow ugc" class="%s">%s</a>' % (site, c_name, name)
        elif site:
            name = '<%s class="%s"><a href="%s" rel="external nofollow ugc">%s</a></%s>' % (wrap, c_name, site, name, wrap)
        elif wrap == "a":
            name = '<a href="/people/%s" class="%s">%s</a>' % ((c["author"] or "deleted").split()[0].lower(), c_name, name)
        else:
            name = '<%s class="%s">%s</%s>' % (wrap, c_name, name, wrap)
        ida = ""
        if opts["idattr"] != "none":
            ida = ' %s="%s-%d"' % (opts["idattr"], idprefix if opts["idattr"] == "id" else "k", 1000 + c["i"])
        if more.get("badge") and c["i"] % 3 == 1:
            name += ' <span class="%s">%s</span>' % (c_badge, r_badge)
        # The name field of a labelled header (`--fields`): the name and its badge, no verb.
        field_name = name
        if more.get("verb"):
            name += " " + tr({"en": "says:", "de": "schreibt:", "fr": "a écrit :", "es": "dice:"}, "verb")
        if more.get("when") == "time-element":
            when = '<time class="%s" datetime="2023-03-%02dT10:00:00Z">%s</time>' % (
                c_date, 1 + c["i"] % 27, date(c["i"]))
            # The machine-readable time the element states is the comment's.
            stamps[c["i"]] = "2023-03-%02dT10:00:00Z" % (1 + c["i"] % 27)
            numeric.pop(c["i"], None)
        else:
            when = '<span class="%s">%s</span>' % (c_date, date(c["i"]))
        if more.get("name_tag"):
            # (`--headers`) The name's own element, a word before it, a separator, and the
            # date's element or none.
            intro = {False: "", "by": tr_ad({"en": "By", "de": "Von", "fr": "Par", "es": "Por"}),
                     "posted-by": tr_ad({"en": "Posted by", "de": "Geschrieben von", "fr": "Publié par",
                                         "es": "Publicado por"}),
                     "comment-by": tr_ad({"en": "Comment by", "de": "Kommentar von", "fr": "Commentaire de",
                                          "es": "Comentario de"})}[more["intro"]]
            intro = intro + " " if intro and not more.get("verb") and not cjk_lang else ""
            if more["name_tag"] in ("cite", "label"):
                # An inline element: the word before it stands outside.
                name = '%s<%s class="%s">%s</%s>' % (intro, more["name_tag"], c_hname, name, more["name_tag"])
            else:
                # A heading or a block holds its label word ("<h4>By Ann Ruiz</h4>").
                name = '<%s class="%s">%s%s</%s>' % (more["name_tag"], c_hname, intro, name, more["name_tag"])
            if more.get("when") != "time-element":
                plain = date(c["i"])
                when = {"span": '<span class="%s">%s</span>' % (c_date, plain), "bare": plain, "small": "<small>%s</small>" % plain,
                        "em": "<em>%s</em>" % plain}[more["date_wrap"]]
            sep = more["sep"]
            if sep == "on" and more.get("verb"):
                # ("Ann says: on 3 May" is written by no one.)
                sep = " "
            if sep == "on":
                sep = " %s " % tr_ad({"en": "on", "de": "am", "fr": "le", "es": "el"})
        else:
            sep = " "
        head = {"name-date": name + sep + when, "date-name": when + (" " if sep.strip() in ("on", "am", "le", "el") else sep) + name,
                "glued": name + when}[opts["order"]]
        marks = ""
        if more.get("edited") and c["i"] % 4 == 2:
            marks += ' <span class="%s">%s</span>' % (c_edited, tr({
                "en": "(edited)", "de": "(bearbeitet)", "fr": "(modifié)", "es": "(editado)"}, "edited"))
        if more.get("number"):
            marks += ' <a class="%s" href="#%s-%d">#%d</a>' % (c_num, idprefix, 1000 + c["i"], c["i"] + 1)
        head += marks
        if more.get("fields"):
            # Labelled fields (session 31): the name (and badge) in the first, the date (and
            # edit mark and number) in the second, then a permalink; the labels in the page's
            # language, else English.
            labels = {"en": ("From:", "Date:"), "de": ("Von:", "Datum:"), "fr": ("De :", "Date :"),
                      "es": ("De:", "Fecha:")}.get(lang, ("From:", "Date:"))
            link = '(<a href="#%s-%d">Link</a>)' % (idprefix, 1000 + c["i"])
            if more["fields"] == "table":
                head = "<table><tr><th>%s</th><td>%s</td></tr><tr><th>%s</th><td>%s%s %s</td></tr></table>" % (
                    labels[0], field_name, labels[1], when, marks, link)
            else:
                head = "%s %s %s %s%s %s" % (labels[0], field_name, labels[1], when, marks, link)
        if more.get("toggles") and not c.get("collapsed"):
            pair = {"en": ("Collapse", "Expand"), "de": ("Einklappen", "Aufklappen"), "fr": ("Replier", "Déplier"),
                    "es": ("Contraer", "Expandir")}.get(lang, ("Collapse", "Expand"))
            head += ' <a href="#" class="%s">%s</a> <a href="#" class="%s">%s</a>' % (c_fold, pair[0], c_fold, pair[1])
        initials = "".join(w[0] for w in c["author"].split()) or "?"
        avatar = {
            "none": "",
            "img": '<img src="/a/%d.png" alt="">' % c["i"],
            "initials": '<span class="%s">%s</span>' % (c_av, initials),
        }[opts["avatar"]]
        quoted = ""
        if more.get("quote") and c["parent"] is not None and comments[c["parent"]]["text"]:
            p = comments[c["parent"]]
            said = tr({"en": "%s wrote:", "de": "%s schrieb:", "fr": "%s a écrit :", "es": "%s escribió:"}, "said")
            quoted = "<blockquote><cite>%s</cite><p>%s</p></blockquote>" % (
                html.escape(said % p["author"]), html.escape(p["text"]))
        title = ""
        if more.get("title") and c["i"] % 3 == 0:
            title = '<h4 class="%s">%s</h4>' % (c_title, html.escape(c["text"].split(".")[0][:24].title()))
        if c.get("collapsed"):
            # A folded comment: the page shows its header only, the words load on a click; the
            # page says so with a class word, an "Expand" link, or a button's `aria-expanded`.
            fold = more["collapsed"]
            label = tr({"en": "Expand", "de": "Aufklappen", "fr": "Déplier", "es": "Expandir"}, "fold")
            if fold == "expand":
                head += ' <a href="#" class="%s">%s</a>' % (c_fold, label)
            elif fold == "aria":
                head = '<button class="%s" aria-expanded="false">+</button> %s' % (c_fold, head)
            c["_parts"] = dict(avatar=avatar, head=head, body=None, tail="", ida=ida)
            if more["fold_markup"] == "compact":
                return head, ida
            return '%s<div class="%s">%s</div>' % (avatar, c_head, head), ida
        if c.get("kind") == "deleted":
            notice = tr({"en": "This comment has been deleted.", "de": "Dieser Kommentar wurde gelöscht.",
                      "fr": "Ce commentaire a été supprimé.", "es": "Este comentario ha sido eliminado."}, "deleted")
            title, quoted, words = "", "", notice
        else:
            words = html.escape(c["text"])
            if more.get("inline_link") and c["i"] % 3 == 1 and "council" in words:
                # A link inside the words: its words are the comment's.
                words = words.replace("council", '<a href="https://council.example.gov/minutes" rel="nofollow ugc">council</a>', 1)
            words = words.replace("\n\n", "</p><p>" if more.get("paras") == "p" else "<br><br>")
        byline = more.get("byline", "head")
        if byline == "split" and c.get("kind") != "deleted" and more.get("fields"):
            # Labelled fields split the same way: "From: name" above, "Date: date" below.
            top = avatar + " %s %s" % (labels[0], field_name)
            foot = "%s %s%s %s" % (labels[1], when, marks, link)
            inner = '<div class="%s">%s</div><div class="%s">%s%s<p>%s</p></div><div class="%s">%s</div>' % (
                c_head, top, c_body, title, quoted, words, c_foot, foot)
        elif byline == "split" and c.get("kind") != "deleted":
            # The name above the words, the date (and number, edit mark) in a footer line.
            top = avatar + name
            foot = head.replace(name, "", 1).strip() if name in head else head
            inner = '<div class="%s">%s</div><div class="%s">%s%s<p>%s</p></div><div class="%s">%s</div>' % (
                c_head, top, c_body, title, quoted, words, c_foot, foot)
        elif byline == "foot":
            inner = '<div class="%s">%s%s<p>%s</p></div><div class="%s">%s%s</div>' % (
                c_body, title, quoted, words, c_head, avatar, head)
        else:
            inner = '%s<div class="%s">%s</div><div class="%s">%s%s<p>%s</p></div>' % (
                avatar, c_head, head, c_body, title, quoted, words)
        tail = ""
        if opts["likes"]:
            label = tr({"en": "likes", "de": "Gefällt mir", "fr": "J'aime", "es": "Me gusta"}, "likes")
            tail += '<span class="%s">%d %s</span>' % (c_likes, c["i"] % 7, label)
        if opts["reply"]:
            label = tr({"en": "Reply", "de": "Antworten", "fr": "Répondre", "es": "Responder"}, "reply")
            tail += ' <a href="#" class="%s">%s</a>' % (c_reply, label)
        c["_parts"] = dict(avatar=avatar, head=head, body="%s%s<p>%s</p>" % (title, quoted, words), tail=tail, ida=ida)
        return inner + tail, ida

    def pseudo_items():
        """The sponsored item, and the notice and empty item where drawn, in the comments'
        own item markup (`--ads`): each as (html, where), where "between" is after the first
        thread and "end" after the last."""
        out = []
        kind = more.get("sponsor")
        if not kind:
            return out
        brand = ad.choice(["Acme Insurance", "BrightSmile Dental", "Nordwave Travel", "Quickloan Finance"])
        site = "https://www.%s.example.com/offer?utm_source=comments" % brand.split()[0].lower()
        sponsored = SPONSOR_LABELS.get(lang, SPONSOR_LABELS["en"])[0]
        advert = SPONSOR_LABELS.get(lang, SPONSOR_LABELS["en"])[1]
        copy = ad.choice(["Compare home insurance quotes in minutes and save up to 40 percent today.",
                          "Book your dream holiday now with our exclusive spring deals.",
                          "Get a brighter smile in two weeks with our clinic's whitening offer."])
        more_label = tr_ad({"en": "Learn more", "de": "Mehr erfahren", "fr": "En savoir plus", "es": "Más información"})
        name = '<%s class="%s"><a href="%s" rel="sponsored">%s</a></%s>' % (
            wrap if wrap != "a" else "span", c_name, site, html.escape(brand), wrap if wrap != "a" else "span")
        cls = c_item
        if kind == "badge":
            head = '%s <span class="%s">%s</span>' % (name, c_badge or word(), sponsored)
        elif kind == "date-slot":
            head = '%s <span class="%s">%s</span>' % (name, c_date, sponsored)
        elif kind == "label-line":
            head = '<span class="%s">%s</span></div><div class="%s">%s' % (word(), advert, c_head, name)
        elif kind == "author":
            head = '<%s class="%s">%s</%s>' % (wrap if wrap != "a" else "span", c_name, advert, wrap if wrap != "a" else "span")
        else:
            head = '%s <span class="%s">%s</span>' % (name, c_date, date(0))
            cls = c_item + " sponsored"
        body = '<p>%s <a href="%s" rel="sponsored">%s</a></p>' % (copy, site, more_label)
        out.append(('<%s class="%s"><div class="%s">%s</div><div class="%s">%s</div></%s>' % (
            tag, cls, c_head, head, c_body, body, tag), "between"))
        if more.get("notice"):
            words = tr_ad({"en": 'You must be <a href="/login">logged in</a> to post a comment.',
                           "de": 'Sie müssen <a href="/login">angemeldet</a> sein, um einen Kommentar zu schreiben.',
                           "fr": 'Vous devez être <a href="/login">connecté</a> pour publier un commentaire.',
                           "es": 'Debes <a href="/login">iniciar sesión</a> para publicar un comentario.'})
            out.append(('<%s class="%s"><div class="%s"><p>%s</p></div></%s>' % (tag, c_item, c_body, words, tag), "end"))
        if more.get("template"):
            out.append(('<%s class="%s" style="display:none"><div class="%s"><span class="%s"></span> <span class="%s"></span></div><div class="%s"><p></p></div></%s>' % (
                tag, c_item, c_head, c_name, c_date, c_body, tag), "end"))
        return out

    def tr_ad(labels):
        return labels.get(lang, labels["en"])

    def item_class(c):
        """The item's class: the comments' own, or a folded one-line item's."""
        return c_line if c.get("collapsed") and more["fold_markup"] == "compact" else c_item

    def folded(c):
        """The class word a folded comment's item carries where the page marks folds so."""
        return " collapsed" if c.get("collapsed") and more["collapsed"] == "class" else ""

    def nested(parent):
        out = []
        for k, c in enumerate(c for c in comments if c["parent"] == parent):
            if parent is None and k == 1:
                out.extend(h for h, where in pseudo if where == "between")
            inner, ida = item(c)
            sub = nested(c["i"])
            if sub and more.get("stub"):
                label = tr({"en": "Show more replies", "de": "Weitere Antworten anzeigen",
                         "fr": "Afficher plus de réponses", "es": "Mostrar más respuestas"}, "more_replies")
                sub += '<%s class="%s"><a href="#">%s</a></%s>' % (tag, c_more, label, tag)
            kids = '<%s class="%s">%s</%s>' % (kidtag, c_kids, sub, kidtag) if sub else ""
            if more.get("kids") == "sibling":
                # The replies' box follows its parent's item instead of sitting in it.
                out.append('<%s class="%s%s"%s>%s</%s>%s' % (tag, item_class(c), folded(c), ida, inner, tag, kids))
            else:
                out.append('<%s class="%s%s"%s>%s%s</%s>' % (tag, item_class(c), folded(c), ida, inner, kids, tag))
        if parent is None:
            out.extend(h for h, where in pseudo if where == "end")
        return "".join(out)

    def twigged(h):
        """A pseudo-item in a box of the comments' boxes where each comment has one (`twig`),
        with no depth of its own."""
        return '<div class="%s">%s</div>' % (c_twig, h) if more.get("twig") else h

    order = []

    def walk(parent):
        for c in comments:
            if c["parent"] == parent:
                order.append(c)
                walk(c["i"])

    walk(None)

    def flat():
        out = []
        tops = 0
        for c in order:
            if c["depth"] == 0:
                tops += 1
                if tops == 2:
                    out.extend(twigged(h) for h, where in pseudo if where == "between")
            inner, ida = item(c)
            indent = more.get("indent", "px")
            levels = more.get("levels", "suffix")
            if opts["layout"] == "flat-margin":
                shift = {"px": "margin-left:%dpx" % (c["depth"] * 40),
                         "em": "margin-left: %dem" % (c["depth"] * 2),
                         "padding": "padding-left:%dpx" % (c["depth"] * 25),
                         "offset": "margin-left:%dpx" % (10 + c["depth"] * 30)}[indent]
                style, cls = ' style="%s"' % shift, item_class(c)
            else:
                level = {"suffix": "%s-lvl%d" % (c_item, c["depth"]),
                         "level": "level-%d" % (c["depth"] + 1),
                         "depth": "depth-%d" % (c["depth"] + 1),
                         "bare": "%s%d" % (c_kids, c["depth"] + 1)}[levels]
                style, cls = "", "%s %s" % (item_class(c), level)
            if more.get("twig"):
                # The depth on a box around each comment, the comment's own item inside it (as
                # LiveJournal's `div.b-tree-twig-N` around each `div.b-leaf`).
                level = cls[len(item_class(c)):].strip()
                out.append('<div class="%s %s"%s><%s class="%s%s"%s>%s</%s></div>' % (
                    c_twig, level, style, tag, item_class(c), folded(c), ida, inner, tag))
            else:
                out.append('<%s class="%s%s"%s%s>%s</%s>' % (tag, cls, folded(c), ida, style, inner, tag))
        out.extend(twigged(h) for h, where in pseudo if where == "end")
        return "".join(out)

    def cells(c, first="", style=""):
        """A comment's header and words as the skeleton lays them out: `rows` (a table row, the
        header and the words each in a cell), `pairs` (a `<dt>` header, a `<dd>` for the
        words) or `tables` (a table of its own, a row each)."""
        item(c)
        p = c["_parts"]
        cls = item_class(c) + folded(c) + first
        head = p["avatar"] + p["head"]
        words = "" if p["body"] is None else p["body"] + p["tail"]
        compact = p["body"] is None and more["fold_markup"] == "compact"
        if skeleton == "rows":
            if compact:
                return '<tr class="%s"%s>%s<td colspan="2">%s</td></tr>' % (cls, p["ida"], style, p["head"])
            return '<tr class="%s"%s>%s<td class="%s">%s</td><td class="%s">%s</td></tr>' % (
                cls, p["ida"], style, c_head, head, c_body, words)
        if skeleton == "pairs":
            if compact:
                return '<dt class="%s"%s%s>%s</dt>' % (cls, p["ida"], style, p["head"])
            return '<dt class="%s"%s%s>%s</dt><dd class="%s%s"%s>%s' % (cls, p["ida"], style, head, c_body, first, style, words)
        if compact:
            return '<table class="%s"%s%s><tr><td>%s</td></tr></table>' % (cls, p["ida"], style, p["head"])
        return '<table class="%s"%s%s><tr><td class="%s">%s</td></tr><tr><td class="%s">%s</td></tr>' % (
            cls, p["ida"], style, c_head, head, c_body, words)

    def close(c):
        """What ends a comment opened by `cells`, after its replies where they sit inside."""
        compact = c["_parts"]["body"] is None and more["fold_markup"] == "compact"
        return {"rows": "", "pairs": "" if compact else "</dd>", "tables": "" if compact else "</table>"}[skeleton]

    def skel_nested(parent):
        out = []
        for c in (c for c in comments if c["parent"] == parent):
            start = cells(c)
            sub = skel_nested(c["i"])
            if skeleton == "rows":
                kids = '<tr><td></td><td><table class="%s">%s</table></td></tr>' % (c_kids, sub) if sub else ""
            elif skeleton == "pairs":
                kids = '<dl class="%s">%s</dl>' % (c_kids, sub) if sub else ""
            else:
                kids = '<tr><td><div class="%s">%s</div></td></tr>' % (c_kids, sub) if sub else ""
            if skeleton == "tables" and close(c) == "" and sub:
                # A compact folded table is closed: its replies' box follows it (until session
                # 26 the rows of `kids` followed it outside any table, which a parser drops).
                out.append(start + '<div class="%s">%s</div>' % (c_kids, sub))
            elif skeleton == "pairs" and close(c) == "":
                # A compact folded item has no `<dd>` to hold its replies: they follow it.
                out.append(start + kids)
            else:
                out.append(start + kids + close(c))
        return "".join(out)

    def skel_flat():
        out = []
        for c in order:
            d = c["depth"]
            if opts["layout"] == "flat-margin":
                if skeleton == "rows":
                    # The depth as a spacer picture's width in a first cell (Hacker News).
                    spacer = '<td><img src="/s.gif" width="%d" height="1" alt=""></td>' % (d * 40)
                    out.append(cells(c, style=spacer) + close(c))
                    continue
                out.append(cells(c, style=' style="margin-left:%dpx"' % (d * 40)) + close(c))
            else:
                out.append(cells(c, " %s-lvl%d" % (c_item, d)) + close(c))
        return "".join(out)

    z5 = random.Random(seed * 7919 + 9)
    skeleton = z5.choice(["rows", "pairs", "tables"]) if skeletons else "boxes"
    # Pseudo-comments are drawn in the boxes' markup only (`--ads`).
    pseudo = pseudo_items() if skeleton == "boxes" else []
    if skeleton == "boxes":
        thread = nested(None) if opts["layout"] == "nested" else flat()
    else:
        thread = skel_nested(None) if opts["layout"] == "nested" else skel_flat()
        # A table or a list of its own in the comments' box (no `ul` around tables).
        kidtag = "div"
        if skeleton == "rows":
            thread = "<table><tbody>%s</tbody></table>" % thread
        elif skeleton == "pairs":
            thread = "<dl>%s</dl>" % thread
        opts["skeleton"] = skeleton
        for k in ("kids", "indent", "levels", "twig"):
            more.pop(k, None)
    if more.get("stub"):
        label = tr({"en": "Load more comments", "de": "Mehr Kommentare laden",
                 "fr": "Charger plus de commentaires", "es": "Cargar más comentarios"}, "more_comments")
        thread += '<%s class="%s"><button>%s</button></%s>' % (tag, c_more, label, tag)
    opts["lang"] = lang
    # Each option where it applies: the replies' box in nested threads, margins and level
    # classes in flat ones.
    applies = {"kids": ("nested",), "indent": ("flat-margin",), "levels": ("flat-class",),
               "twig": ("flat-margin", "flat-class")}
    for k, v in more.items():
        if opts["layout"] in applies.get(k, (opts["layout"],)):
            opts[k] = v
    heading = tr({"en": "%d Comments", "de": "%d Kommentare", "fr": "%d commentaires", "es": "%d comentarios"}, "heading")
    text = (
        '<!DOCTYPE html><html><head><title>Bridge or tunnel: the council decides</title></head><body>'
        '<header><nav><a href="/">Home</a> <a href="/news">News</a></nav></header><main><article>'
        '<h1>Bridge or tunnel</h1><p>%s</p></article><section class="%s"><h2>%s</h2>'
        '<%s class="%s">%s</%s></section></main><footer>(c) 2023</footer></body></html>'
        % ("".join(x + "。" for x in cjk_lang["sentences"]) if cjk_lang else " ".join(SENTENCES),
           word(), heading % len(comments), kidtag, word(), thread, kidtag)
    )
    around = more.get("around")
    saved = (dict(stamps), dict(numeric))

    def tr_en(labels, field):
        # Labels added in session 28 exist in the first four languages; English elsewhere.
        return labels.get(lang, labels["en"])
    if around in ("byline", "both"):
        # The article's own byline: the page author's name and the date, never a comment.
        text = text.replace("<h1>Bridge or tunnel</h1>", '<h1>Bridge or tunnel</h1><p class="%s">%s <a href="/staff/jane">Jane Roe</a> | <span>%s</span></p>' % (
            c_by, tr_en({"en": "By", "de": "Von", "fr": "Par", "es": "Por"}, "by") if not cjk_lang else "", date(0)), 1)
    if around in ("related", "both"):
        # Teasers of other posts between the article and the thread, each with a name and a date.
        teasers = "".join(
            '<li class="%s"><a href="/other/%d"><b>%s %s</b></a> <span>%s</span> <a href="/other/%d">Another article about the river</a></li>'
            % (c_rel, k, b.choice(FIRST), b.choice(LAST), date(k + 1), k) for k in range(4))
        text = text.replace("</article>", '</article><div class="%s"><h3>%s</h3><ul>%s</ul></div>' % (
            c_rel + "s", tr_en({"en": "Related posts", "de": "Ähnliche Beiträge", "fr": "Articles similaires", "es": "Artículos relacionados"}, "related") if not cjk_lang else "", teasers), 1)
    # `date` notes each comment's time: the article's and the teasers' dates are no comment's.
    stamps.clear()
    stamps.update(saved[0])
    numeric.clear()
    numeric.update(saved[1])
    if opts["sidebar"]:
        bold = wrap if wrap != "a" else "b"
        items = "".join(
            '<li class="%s"><%s class="%s">%s %s</%s> on <a href="/other/%d">Another article</a></li>'
            % (c_item, bold, c_name, r.choice(FIRST), r.choice(LAST), bold, k)
            for k in range(5)
        )
        text = text.replace("</main>", '</main><aside class="%s"><h3>Recent comments</h3><ul>%s</ul></aside>' % (word(), items))
    # Added in session 23: most pages state their language (`<html lang="es">`, with or
    # without a region), as real pages do.
    z4 = random.Random(seed * 7919 + 8)
    lang_attr = z4.choice([lang, lang + "-" + {"en": "US", "ja": "JP", "zh": "CN", "ko": "KR"}.get(lang, lang.upper()), None])
    if lang_attr:
        text = text.replace("<html>", '<html lang="%s">' % lang_attr, 1)
    opts["html_lang"] = bool(lang_attr)
    # A numeric date's day is known where another numeric date's first number is over 12 or
    # the page states a language other than English; else its time is left empty.
    if numeric and not (max(numeric.values()) > 12 or (lang_attr and lang != "en")):
        for i in numeric:
            stamps[i] = ""
    for c in order:
        c["timestamp"] = stamps.get(c["i"], "")
    return text, order, opts


def main(argv):
    n = 12
    keep = None
    if "--comments" in argv:
        i = argv.index("--comments")
        n = int(argv[i + 1])
        argv = argv[:i] + argv[i + 2:]
    languages = "--languages" in argv
    furniture = "--furniture" in argv
    skeletons = "--skeletons" in argv
    cjk = "--cjk" in argv
    bodies = "--bodies" in argv
    fields = "--fields" in argv
    ads = "--ads" in argv
    headers = "--headers" in argv
    argv = [a for a in argv if a not in ("--languages", "--furniture", "--skeletons", "--cjk", "--bodies", "--fields", "--ads",
                                         "--headers")]
    if "--keep" in argv:
        i = argv.index("--keep")
        keep = argv[i + 1]
        argv = argv[:i] + argv[i + 2:]
    first, last = (int(argv[0]), int(argv[1])) if len(argv) >= 2 else (1, 100)
    binary = os.environ.get("THREADSCAN") or os.path.join(
        os.path.dirname(__file__), "..", "target", "release", "threadscan")
    failed, drawn = Counter(), Counter()
    passed = 0
    with tempfile.TemporaryDirectory() as tmp:
        for seed in range(first, last + 1):
            text, gold, opts = page(seed, n, languages, furniture, skeletons, cjk, bodies, fields, ads, headers)
            path = os.path.join(keep or tmp, "probe-%d.html" % seed)
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
            if keep:
                with open(path[:-5] + ".json", "w", encoding="utf-8") as f:
                    json.dump(dict(comments=gold, options=opts), f, indent=1)
            out = os.path.join(tmp, "out")
            subprocess.run([binary, "analyze", path, "--out", out, "--quiet", "--no-config"],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            rows = list(csv.DictReader(open(os.path.join(out, "comments.csv"), encoding="utf-8")))
            # A cell opening with `@`, `=`, `+` or `-` is written after a `'` (the README's
            # spreadsheet guard): the text starts after it.
            for row in rows:
                if row["text"][:2] in ("'@", "'=", "'+", "'-"):
                    row["text"] = row["text"][1:]
            checks = {
                "count": len(rows) == len(gold),
                "depth": len(rows) == len(gold) and all(int(r["depth"]) == c["depth"] for r, c in zip(rows, gold)),
                "author": len(rows) == len(gold) and all(r["author"] == c["author"] for r, c in zip(rows, gold)),
                # The whole text, nothing of the header, buttons or stubs around it (session 22;
                # before, its first twenty characters).
                "text": len(rows) == len(gold) and all(r["text"].strip() == c["text"] for r, c in zip(rows, gold)),
                "kind": len(rows) == len(gold) and all(r["kind"] == c.get("kind", "comment") for r, c in zip(rows, gold)),
                # The link on the writer's name to their own site (session 23).
                "author_url": len(rows) == len(gold) and all(r["author_url"] == c.get("author_url", "") for r, c in zip(rows, gold)),
                # The time the page states for each comment (session 23).
                "timestamp": len(rows) == len(gold) and all(r["timestamp"] == c["timestamp"] for r, c in zip(rows, gold)),
            }
            ok = all(checks.values())
            passed += ok
            for k, v in opts.items():
                drawn["%s=%s" % (k, v)] += 1
                failed["%s=%s" % (k, v)] += not ok
            if not ok:
                wrong = ", ".join(k for k, v in checks.items() if not v)
                print("seed %d: %d of %d comments; wrong: %s; %s" % (
                    seed, len(rows), len(gold), wrong, " ".join("%s=%s" % kv for kv in opts.items())))
    total = last - first + 1
    print("\n%d of %d pages right (count, every depth, author, text, kind, author_url and timestamp)\n" % (passed, total))
    print("| option | pages | failed |\n|---|---:|---:|")
    for k in sorted(drawn):
        print("| %s | %d | %d |" % (k, drawn[k], failed[k]))


if __name__ == "__main__":
    main(sys.argv[1:])
