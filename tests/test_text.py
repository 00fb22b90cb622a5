import re

import pytest

from analysis.text import german_share, normalize, quote_spans, split_sentences, tokenize, word_regex, words


def test_numbers_stay_one_token():
    assert tokenize("etwa 12.000 Soldaten, 1,2 Millionen und 1500 Mann") == [
        "etwa", "12.000", "Soldaten", ",", "1,2", "Millionen", "und", "1500", "Mann"]


def test_hyphenated_names_and_compounds_are_one_word():
    assert words("Kim Jong-un schickt Nordkorea-Soldaten; US-Verteidigungsminister Austin") == [
        "Kim", "Jong-un", "schickt", "Nordkorea-Soldaten", "US-Verteidigungsminister", "Austin"]


def test_ordinal_dates_do_not_end_sentences():
    text = "Der HUR hatte am Donnerstag (24. Oktober) berichtet. Ab dem 1. November könnten sie kämpfen. Am 23. Oktober waren sie da."
    assert split_sentences(text) == [
        "Der HUR hatte am Donnerstag (24. Oktober) berichtet.",
        "Ab dem 1. November könnten sie kämpfen.",
        "Am 23. Oktober waren sie da.",
    ]


def test_ordinal_of_a_unit_does_not_end_the_sentence():
    text = "Videos des 8. Regiments zeigen Kämpfe. Ein Offizier der 95. Brigade bestätigte das. Die Zahl stieg auf 12. Dann nicht."
    assert split_sentences(text) == [
        "Videos des 8. Regiments zeigen Kämpfe.",
        "Ein Offizier der 95. Brigade bestätigte das.",
        "Die Zahl stieg auf 12.",
        "Dann nicht.",
    ]


def test_abbreviations_and_decimals():
    text = "Das Heer hat ca. 1,2 Mio. Soldaten, u.a. Infanterie. Das sind z.B. 12.000 mehr als 2022. Dann kam es anders."
    assert split_sentences(text) == [
        "Das Heer hat ca. 1,2 Mio. Soldaten, u.a. Infanterie.",
        "Das sind z.B. 12.000 mehr als 2022.",
        "Dann kam es anders.",
    ]


def test_multi_sentence_quote_stays_with_its_speaker():
    text = ("Stoltenberg betonte: „Unsere Sicherheit ist nicht regional, sie ist global. Was in Europa passiert, "
            "betrifft Asien.“ Danach reiste er ab.")
    assert split_sentences(text) == [
        "Stoltenberg betonte: „Unsere Sicherheit ist nicht regional, sie ist global. Was in Europa passiert, betrifft Asien.“",
        "Danach reiste er ab.",
    ]


def test_sentence_ending_inside_closing_quote_splits_after_it():
    text = "Yoon sprach von einer Provokation, „welche die globale Sicherheit bedroht.“ Seoul werde handeln, so Yoon."
    assert split_sentences(text) == [
        "Yoon sprach von einer Provokation, „welche die globale Sicherheit bedroht.“",
        "Seoul werde handeln, so Yoon.",
    ]


def test_guillemets_and_straight_quotes():
    assert quote_spans('Er sagte »Wir kämpfen.« und "Wir siegen."') == [(9, 23), (28, 41)]
    assert split_sentences("»Wir kämpfen. Wir siegen«, sagte er. Dann ging er.") == [
        "»Wir kämpfen. Wir siegen«, sagte er.", "Dann ging er."]


def test_unbalanced_quote_does_not_swallow_the_paragraph():
    text = "Sein Besuch werde „die Zusammenarbeit und zur „Entwicklung beitragen, sagte Putin. Das ist neu."
    assert split_sentences(text)[-1] == "Das ist neu."


def test_headline_without_punctuation_is_one_sentence():
    assert split_sentences("Nordkorea entsendet Soldaten nach Russland") == ["Nordkorea entsendet Soldaten nach Russland"]


def test_normalize_line_ends_and_invisible_characters():
    assert normalize("Nord\u00adkorea\r\nSüd\u200bkorea\u00a0heute\r") == "Nordkorea\nSüdkorea heute\n"


def test_german_share_tells_german_from_english():
    de, en = german_share("Die Ukraine und Südkorea erhoben diesen Vorwurf schon vor geraumer Zeit, sagte er.")
    assert de > 0.2 and en == 0
    de, en = german_share("The soldiers were sent to Russia and the war is not over, officials said on Monday.")
    assert en > 0.4 and de < 0.1  # "war" is German too


def test_plural_of_unit_names_and_counts():
    from analysis.text import plural

    assert [plural(w) for w in ("outlet", "outlet type", "country", "outlet class", "day")] == [
        "outlets", "outlet types", "countries", "outlet classes", "days"]
    assert plural("article", 1) == "1 article" and plural("article", 1200) == "1,200 articles" and plural("pair", 0) == "0 pairs"


def test_prefilter_names_the_literals_every_match_contains():
    from analysis.text import prefilter

    rule = prefilter(word_regex(["Angriffskrieg", r"\w*[Bb]edrohung", "wirft \\w+ vor"], flags=0, stem=True))
    assert not rule.folded and set(rule.literals) == {"Angriffskrieg", "edrohung", "wirft "}
    assert prefilter(re.compile(r"\d+ Soldaten")).literals == (" Soldaten",)
    assert prefilter(re.compile(r"\w+")) is None  # no literal: the regex always runs
    assert prefilter(re.compile("a|b", re.MULTILINE)) is None


def test_prefilter_index_skips_only_regexes_that_cannot_match():
    from analysis.text import PrefilterIndex, prefilter

    regexes = [word_regex(["Eskal"], stem=True), word_regex(["Sorge"], flags=0, stem=True), re.compile(r"\d+"),
               word_regex(["Grund zur Sorge"], flags=0)]
    index = PrefilterIndex([prefilter(r) for r in regexes])
    for text in ["Die ESKALATION droht.", "Kein Grund zur Sorge.", "Sorgen über die Lage", "Nichts davon.",
                 "Die Lage eſkaliert.", "Ein Kasus: die ſorge"]:
        may = index.candidates(text)
        assert all(k in may for k, r in enumerate(regexes) if r.search(text)), text
    assert index.candidates("Nichts davon.") == {2}
    assert index.candidates("Die ESKALATION droht.") == {0, 2}
    # the long s matches s in a case-insensitive regex; lower-casing would miss it, so the regex runs
    assert 0 in index.candidates("Die Lage eſkaliert.") and regexes[0].search("Die Lage eſkaliert.")


def test_prefilter_index_finds_literals_inside_words_and_across_them():
    from analysis.text import PrefilterIndex, prefilter

    # "Eskal" is a prefix of "Eskalation" (both start at one offset); "Lage " and "- " reach across words
    regexes = [word_regex(["Eskal"], flags=0, stem=True), word_regex(["Eskalation"], flags=0), word_regex(["kalat"], flags=0, stem=True),
               re.compile(r"Lage \w+"), re.compile(r"- \w+"), word_regex(["droh"], stem=True)]
    index = PrefilterIndex([prefilter(r) for r in regexes])
    cases = {
        "Die Eskalation droht.": {0, 1, 2, 5},
        "Die Lage ist ernst - sehr ernst.": {3, 4},
        "Die Lagebesprechung ist vorbei.": set(),  # "Lage" without the space after it
        "DROHUNGEN ohne Ende": {5},
        "Deeskalation": {2},  # "Eskal" is case-sensitive here
    }
    for text, expected in cases.items():
        may = index.candidates(text)
        assert all(k in may for k, r in enumerate(regexes) if r.search(text)), text
        assert may == expected, text


@pytest.mark.parametrize("walks", [0, 10**6])
def test_prefilter_index_walking_its_tries_finds_what_its_compiled_scans_find(monkeypatch, walks):
    """The first runs are looked up by walking the literals' tries, later ones by the compiled scan: the same keys."""
    from analysis.text import PrefilterIndex, prefilter

    monkeypatch.setattr(PrefilterIndex, "WALKED_RUNS", walks)
    monkeypatch.setattr(PrefilterIndex, "WALKS_PER_LITERAL", 0)
    regexes = [word_regex(["Eskal"], flags=0, stem=True), word_regex(["Eskalation"], flags=0), word_regex(["kalat"], flags=0, stem=True),
               re.compile(r"Lage \w+"), word_regex(["droh", "Drohne", "ohne"], stem=True), word_regex(["Öl", "Ölpreis"], stem=True),
               *(word_regex([p], flags=0) for p in EXACT_PATTERNS)]
    index = PrefilterIndex([prefilter(r) for r in regexes])
    texts = ["Die Eskalation droht.", "Deeskalation ohne Ende", "DROHNENANGRIFFE und Drohnen", "Ölpreise, ÖLPREIS, öl",
             "Die Lage ist ernst", "Eskalationsstufe", *EXACT_TEXTS]
    for text in texts:
        may = index.candidates(text)
        assert all(k in may for k, r in enumerate(regexes) if r.search(text)), text
    assert (index._scans is None) == bool(walks)  # walked throughout, or scanned with the compiled regexes throughout
    again = PrefilterIndex([prefilter(r) for r in regexes])
    monkeypatch.setattr(PrefilterIndex, "WALKED_RUNS", 10**6 - walks)
    other = PrefilterIndex([prefilter(r) for r in regexes])
    assert [again.candidates(t) for t in texts] == [other.candidates(t) for t in texts]


EXACT_TEXTS = ["Er sagte, der Präsident sei müde.", "Oder er sprach von der Leyen.", "Nordkoreas Präsidenten und Putins Sprecher",
               "Wladimir Putin - die US-Regierung", "nordkoreanische Angaben, Angaben nordkoreanischer Stellen", "Die Erde. ER",
               "Sie, sieben Siegel", "Dem Präsidenten; des Präsident", "Kreml-Chef Putin", "KREML-CHEF und kreml-chef"]
EXACT_PATTERNS = ["[Ee]r", "[Ss]ie", "Nordkoreas?(?![\\w-])", "(?:Wladimir )?Putin(?![\\w-])", "[Nn]ordkoreanisch\\w* (?:Angaben|Darstellung)",
                  "US-Regierung", "(?:[Dd]er|[Dd]em|[Dd]es) Präsident(?:en)?", "von der Leyen", "Kreml-Chef", "sei(?:en)?", "\\w+ Sprecher"]


@pytest.mark.parametrize("flags", [0, re.IGNORECASE])
def test_exact_prefilters_skip_more_but_never_a_regex_that_matches(flags):
    from analysis.text import PrefilterIndex, prefilter

    regexes = [word_regex([p], flags=flags) for p in EXACT_PATTERNS]
    exact, plain = PrefilterIndex([prefilter(r, exact=True) for r in regexes]), PrefilterIndex([prefilter(r) for r in regexes])
    for text in EXACT_TEXTS:
        matching = {k for k, r in enumerate(regexes) if r.search(text)}
        assert matching <= exact.candidates(text) <= plain.candidates(text), text
    if not flags:
        assert exact.candidates("Oder der Erde") == set()  # "er" only as a word of its own
        assert 4 not in exact.candidates("nordkoreanische Truppen")  # the head noun is needed too
    rule = prefilter(word_regex(["(?:Wladimir )?Putin(?![\\w-])"], flags=0), exact=True)
    assert rule.whole and rule.literals == ("Putin",)  # the word every match holds


def test_plain_names_get_the_prefilter_parsing_would_give(monkeypatch):
    from analysis import text as module

    sources = [module.word_pattern([p]) for p in ("ZDF", "Kreml-Chef", "Stockholm International Peace Research Institute", "sei", "- ")]
    fast = [module.prefilter(s, exact=e) for s in sources for e in (False, True)]
    monkeypatch.setattr(module, "_plain_word", lambda source: None)
    assert fast == [module.prefilter(s, exact=e) for s in sources for e in (False, True)]
    assert fast == [module.prefilter(re.compile(s), exact=e) for s in sources for e in (False, True)]


def test_word_alternation_finds_what_the_whole_alternation_finds():
    from analysis.text import WordAlternation

    patterns = ["sag(?:te|ten|t)", "sagt", "(?<=, )sagen(?= [a-zäöüA-ZÄÖÜ])", "(?<![Ww]ie )bericht(?:ete|eten|et|en)", "erklär(?:te|t)",
                "teilt(?:e|en)?(?= .{0,100}?\\bmit\\b)", "gab(?:en)? (?:\\w+ ){0,2}an(?=\\s*[,:])", "sei", "seien"]
    texts = ["Er sagte, sie sagt, sagen westliche Kreise", "Wie berichtet, berichtete die Agentur", "teilte das Amt gestern mit",
             "Sie gaben gestern an, dass", "seien sei seiend", "Nichts davon", ""]
    for flags in (0, re.IGNORECASE):
        alternation, whole = WordAlternation(patterns, flags=flags), word_regex(patterns, flags=flags)
        for text in texts + [t.upper() for t in texts]:
            assert [(m.span(), m.group(0)) for m in alternation.finditer(text)] == [(m.span(), m.group(0)) for m in whole.finditer(text)], text
            assert bool(alternation.search(text)) == bool(whole.search(text))
    assert WordAlternation(patterns, flags=0).regex("Nichts davon") is None  # no regex runs


def test_one_tokenization_per_sentence_is_kept_and_forgotten():
    from analysis import text as module

    text = "Rund 12.000 Soldaten – so Kim Jong-un."
    assert list(module.tokens_of(text)) == module.TOKEN_RE.findall(text) and list(module.words_of(text)) == module.WORD_RE.findall(text)
    assert module.tokens_of(text) is module.tokens_of(text)
    mine = words(text)
    mine.append("x")  # callers get their own list
    assert words(text) == module.WORD_RE.findall(text)
    module.forget_sentences()
    assert module._kept_words.cache_info().currsize == 0 and module._kept_tokens.cache_info().currsize == 0
    long_text = "Wort " * 1000  # longer than a sentence: tokenized each time, not kept
    assert words(long_text) == ["Wort"] * 1000 and module._kept_words.cache_info().currsize == 0


def test_prefilters_of_another_process_are_taken_as_worked_out(monkeypatch):
    from analysis import text as module

    monkeypatch.setattr(module, "_PREFILTERS", {})
    monkeypatch.setattr(module, "_PREFILTERS_USED", set())
    regexes = [word_regex(["(?:Wladimir )?Putin"], flags=0), module.word_pattern(["Kreml-Chef"]), "(?i)nord(?:korea|koreaner)", "\\w+"]
    found = [module.prefilter(r, exact=e) for r in regexes for e in (False, True)]
    rows = module.known_prefilters()
    monkeypatch.setattr(module, "_PREFILTERS", {})
    assert module.add_prefilters(rows) and not module.add_prefilters([["x", 0, "no", None]])
    monkeypatch.setattr(module, "_prefilter", lambda *a, **k: pytest.fail("worked out again"))
    assert [module.prefilter(r, exact=e) for r in regexes for e in (False, True)] == found
