"""The guards on the classifier's position decisions (issue 19): what head zone, tail
zone and menu runs must never take on a whole-page dump, and the page-level guard."""

from __future__ import annotations

from cleaner import Cleaner
from cleaner.classify import Text, classify

MENU = ["Home", "World", "Sport", "Business", "Weather", "Video"]
FOOTER = ["About us", "Contact", "Privacy policy", "Terms of use", "© 2024 The Daily Ledger"]
PROSE = [
    "The council voted on Tuesday evening to keep the old library open for another year.",
    "Members of the public filled the chamber, and several spoke before the vote was taken.",
    "The mayor said the building would need a new roof within five years in any case.",
    "A committee will report in the spring on how the repairs could be paid for.",
    "Residents who use the library most often said they were relieved by the decision.",
]
# More body, so that the span reaches over what stands between PROSE and it.
MORE = ["Work on the roof is expected to start in the autumn and to last about a month.",
        "The reading room will stay open throughout, with a side entrance for visitors.",
        "Volunteers have offered to help move the books to the first floor for the works."]


def kept(lines: list[str]) -> list[str]:
    removed = {d.index for d in classify([Text.of(line) for line in lines], "en")}
    return [line for index, line in enumerate(lines) if index not in removed]


def removed_rules(lines: list[str]) -> dict[str, str]:
    return {lines[d.index]: d.rule for d in classify([Text.of(line) for line in lines], "en")}


def test_lede_above_dateline_byline_and_share_bar_stays() -> None:
    lede = "A plan to close the library was dropped after a long and heated public meeting."
    lines = [*MENU, "Library saved", lede, "12 March 2024", "By Jane Example",
             "Share", "Twitter", "Facebook", *PROSE, *FOOTER]
    out = kept(lines)
    assert lede in out and all(p in out for p in PROSE)
    assert "By Jane Example" not in out and "Home" not in out  # the furniture still goes


def test_list_announced_by_the_body_stays_up_to_a_related_marker() -> None:
    items = ["New roof and gutters", "Repairs to the east wall", "Longer opening hours"]
    related = ["Related stories", "Council tax to rise next year", "New bus route for the town",
               "Schools close early for the holidays"]
    lines = [*MENU, *PROSE[:3], "The committee will look at the following points:", *items,
             *related, *FOOTER]
    out = kept(lines)
    assert all(item in out for item in items)
    assert not any(line in out for line in related)


def test_list_announced_inside_the_body_is_no_menu_run() -> None:
    items = ["Two cups of flour", "One cup of sugar", "Three eggs", "A pinch of salt"]
    lines = [*MENU, *PROSE[:2], "For the cake you will need the following ingredients:", *items,
             *PROSE[2:], *FOOTER]
    assert all(item in kept(lines) for item in items)


def test_short_prose_after_a_line_of_furniture_stays() -> None:
    last = "The library reopens on Monday."
    lines = [*MENU, *PROSE, "Advertisement", "Opening hours are unchanged, the council said.",
             last, *FOOTER]
    out = kept(lines)
    assert last in out and "Opening hours are unchanged, the council said." in out
    assert "Advertisement" not in out


def test_subheading_under_a_list_inside_the_body_stays() -> None:
    more = ["Work on the roof is expected to start in the autumn and to last about a month.",
            "The reading room will stay open throughout, with a side entrance for visitors."]
    lines = [*MENU, *PROSE[:3], "Council tax to rise next year", "New bus route for the town",
             "Schools close early", "What happens next", *PROSE[3:], *more, *FOOTER]
    assert "What happens next" in kept(lines)


def test_cookie_notice_written_as_prose_never_becomes_the_body() -> None:
    notice = ("We use cookies to improve your experience on our site and to show you "
              "personalised content and advertising, as described in our cookie policy "
              "which you can read at any time before you decide to accept them all.")
    lines = [notice, "Accept all", "Manage preferences", *MENU,
             "The library stays open.", "Books can be borrowed as before.", *FOOTER]
    rules = removed_rules(lines)
    assert rules[notice] == "classifier.lexicon.cookie"
    assert "Books can be borrowed as before." not in rules


def test_a_long_consent_dialog_never_becomes_the_body_nor_is_it_removed_for_it() -> None:
    # Paragraphs over the notice check's 60 words outweigh a short article: they weigh as
    # junk in the search for the body; their zone, not the notice check, removes them.
    dialog = [("When you visit our website, we store cookies on your browser to collect "
               "information about you, your preferences or your device. " * 3).strip(),
              ("These cookies are necessary for the website to function and cannot be "
               "switched off in our systems, as they are set in response to your requests. "
               * 3).strip()]
    lines = [*MENU, "Library saved", *PROSE, *MORE, *FOOTER, "Manage consent preferences", *dialog,
             "Allow all", "Strictly necessary cookies", "Always active"]
    rules = removed_rules(lines)
    assert not any(p in rules for p in PROSE + MORE)
    assert {rules[line] for line in dialog} == {"classifier.tail-zone"}


def test_a_long_paragraph_about_cookies_inside_an_article_stays() -> None:
    about = ("Sites that say \"we store cookies on your browser\" must now ask first, the "
             "regulator said on Monday, after a year in which it had received more than "
             "four thousand complaints from readers who could not find how to refuse them, "
             "and it will fine those that still hide the button from the first of June, "
             "when the new rules come into force across the country.")
    lines = [*MENU, *PROSE[:3], about, *PROSE[3:], *FOOTER]
    assert about in kept(lines)


def test_an_article_broken_by_several_long_lists_keeps_every_part() -> None:
    # Four runs of prose as strong as each other, three long lists of labels between them:
    # each run is a body, not only the best one and the next.
    labels = ["Photo gallery", "Local news", "Town hall", "Opening times", "Parks and gardens",
              "Bins and recycling", "Council meetings", "Planning notices", "Road works",
              "Libraries", "Leisure centres", "Housing", "Parking permits", "Elections"]
    parts = [[f"{line[:-1]}, in part {n}." for line in PROSE] for n in range(4)]
    lines = [*MENU, *parts[0], *labels, *parts[1], *labels, *parts[2], *labels, *parts[3],
             *FOOTER]
    out = kept(lines)
    assert all(line in out for part in parts for line in part)
    assert not any(label in out for label in labels)


def test_a_page_keeps_at_least_a_third_of_its_prose() -> None:
    # Paragraphs cut apart by long runs of labels: the body span is one of them, and
    # the zones would take most of the others; position then takes no prose line, only
    # the labels.
    labels = ["Photo gallery", "Local news", "Town hall", "Opening times", "Parks and gardens",
              "Bins and recycling", "Council meetings", "Planning notices"]
    paragraphs = [f"{one} {two}" for one in PROSE for two in PROSE if one != two]
    lines = [*MENU]
    for paragraph in paragraphs:
        lines += [paragraph, *labels]
    lines += FOOTER
    out = kept(lines)
    assert all(paragraph in out for paragraph in paragraphs)
    assert not any(label in out for label in labels)


def test_guards_keep_cleaning_idempotent() -> None:
    lines = [*MENU, "Library saved", "A plan to close the library was dropped today.",
             "12 March 2024", "Share", *PROSE[:2], "You will need:", "Flour", "Sugar", "Eggs",
             *PROSE[2:], "Advertisement", "The library reopens on Monday.", *FOOTER]
    cleaner = Cleaner()
    once = cleaner.clean("\n".join(lines)).text
    assert cleaner.clean(once).text == once


def test_a_table_inside_the_body_does_not_end_it() -> None:
    # Rows cut into cells by " | " weigh as junk alone, a menu on one line; a run of rows
    # with the same cells is a table, and the body goes on below it.
    rows = ["Northgate | 1,204 | 12 %", "Riverside | 987 | 9 %", "Old Town | 2,310 | 21 %",
            "Hillside | 455 | 4 %"]
    after = ["Visits rose most in the old town, where the branch opened on Sundays.",
             "The council will publish the full figures for every branch in the spring."]
    lines = [*MENU, *PROSE, *rows, *after, "The library sets out its plans as follows:",
             "Longer opening hours", "A new reading room", *FOOTER]
    out = kept(lines)
    assert all(line in out for line in [*after, "Longer opening hours", "A new reading room"])


def test_a_short_line_announcing_a_list_stays_with_it() -> None:
    items = ["Opening hours", "Cost of repairs", "Access for wheelchairs"]
    lines = [*MENU, *PROSE[:3], "Consider these points:", *items, *PROSE[3:], *MORE, *FOOTER]
    out = kept(lines)
    assert all(line in out for line in ["Consider these points:", *items])


def test_records_of_label_and_value_lines_stay() -> None:
    records = [["Branch: Northgate", "Opening hours: 9 to 5", "Staff: 12 people"],
               ["Branch: Riverside", "Opening hours: 10 to 6", "Staff: 8 people"]]
    lines = [*MENU, *PROSE[:3], *records[0], *MORE, *records[1], *PROSE[3:], *FOOTER]
    out = kept(lines)
    assert all(line in out for line in records[0] + records[1])


def test_headlines_with_a_kicker_are_no_records() -> None:
    kickers = ["Energy: prices fall again", "Transport: new bus route", "Schools: term ends"]
    lines = [*MENU, *PROSE[:3], "Related", *kickers, *PROSE[3:], *MORE, *FOOTER]
    out = kept(lines)
    assert kickers[0] not in out and kickers[1] not in out  # the last: a subheading, maybe


def test_a_list_inside_the_body_no_lexicon_line_marks_stays() -> None:
    # Specifications, steps, a schedule: as often the article's as a menu, inside the body.
    specs = ["Battery life of ten hours", "Weighs under two kilograms",
             "Two USB ports and a card reader", "Screen of fourteen inches"]
    lines = [*MENU, *PROSE[:3], *specs, *PROSE[3:], *MORE, *FOOTER]
    assert all(spec in kept(lines) for spec in specs)


def test_the_line_repeating_the_page_title_is_the_headline_kept_first() -> None:
    headline = "Library saved after a long meeting"
    lines = [f"{headline} - The Daily Ledger", *MENU, headline, "12 March 2024", *PROSE,
             *FOOTER]
    result = Cleaner().clean("\n".join(lines))
    assert result.title == headline
    assert result.text.split("\n\n")[:2] == [headline, PROSE[0]]
    assert [(k.line, k.rule) for k in result.kept] == [(8, "classifier.headline")]
    assert "title" in result.kept[0].detail  # --explain says why it stayed
    assert Cleaner().clean(result.text).text == result.text


def test_a_headline_under_the_menu_right_above_the_body_is_kept_first() -> None:
    headline = "Library saved after a long meeting"
    lines = ["The Daily Ledger", *MENU, headline, "12 March 2024", *PROSE, *FOOTER]
    result = Cleaner().clean("\n".join(lines))
    assert result.text.split("\n\n")[:2] == [headline, PROSE[0]]
    assert result.title == headline and "furniture" in result.kept[0].detail
    assert Cleaner().clean(result.text).text == result.text


def test_the_last_of_a_list_of_headlines_above_the_body_is_no_headline() -> None:
    others = ["Council tax to rise next year", "New bus route for the town",
              "Schools close early for the holidays"]
    lines = ["The Daily Ledger", *MENU, *others, *PROSE, *FOOTER]
    result = Cleaner().clean("\n".join(lines))
    assert not any(line in result.text for line in others)
    assert result.title is None and not result.kept


def test_a_standfirst_under_the_headline_stays_not_a_caption() -> None:
    headline = "Library saved after a long meeting"
    standfirst = "Residents packed the town hall to argue for the future of a much loved building"
    lines = [f"{headline} | The Daily Ledger", *MENU, headline, standfirst, "Photo: Jane Example",
             "By Jane Example", "12 March 2024", "Share", "Twitter", "Facebook", "Copy link",
             "Email", "Print", *PROSE, *FOOTER]
    result = Cleaner().clean("\n".join(lines))
    assert result.text.split("\n\n")[:3] == [headline, standfirst, PROSE[0]]
    assert Cleaner().clean(result.text).text == result.text


def test_a_headline_going_on_past_a_title_cut_short_is_the_headline() -> None:
    headline = "Library saved after a long meeting, council says"
    lines = ["Library saved after a long meeting | The Daily Ledger", *MENU, headline,
             "12 March 2024", "Share", *PROSE, *FOOTER]
    result = Cleaner().clean("\n".join(lines))
    assert result.title == headline and result.text.startswith(headline + "\n\n")
    assert "title" in result.kept[0].detail
