"""Tests for analysis.sentiment: SentiWS with negation, textblob-de offline, emotive terms, codebooks, validation.

The tables behind the notebook's figures are tested in test_plots_sentiment.py; actor detection in test_actors.py.
"""

from __future__ import annotations

import math
import shutil
from pathlib import Path

import pandas as pd
import pytest

from analysis import config
from analysis import sentiment as S
from analysis.agreement import load_gold, match_gold
from analysis.corpus import load_article, segment_text

from .conftest import IPPEN, SEED_IDS, TABLOID, USLAR


@pytest.fixture(scope="module")
def seed_sentences() -> pd.DataFrame:
    return pd.concat([load_article(p).sentences for p in sorted(Path(config.CORPUS_DIR).glob("*.txt"))], ignore_index=True)


@pytest.fixture(scope="module")
def seed_result(seed_sentences):
    return S.textstat_sentiment(seed_sentences)


# --------------------------------------------------------------------------- SentiWS and negation


def test_negation_flips_sign_under_sentiws():
    neg = S.sentiws_sentence("Das ist kein Erfolg.")
    pos = S.sentiws_sentence("Das ist ein Erfolg.")
    assert pos["sentiws_score"] == pytest.approx(0.3446 / 2, abs=1e-4)  # "Erfolg" +0.3446, 4 words
    assert neg["sentiws_score"] == pytest.approx(-0.3446 / 2, abs=1e-4)
    assert neg["sentiws_negated"] == 1 and pos["sentiws_negated"] == 0
    assert S.label(neg["sentiws_score"], S.SENTIWS_NEUTRAL) == "negative"
    assert S.label(pos["sentiws_score"], S.SENTIWS_NEUTRAL) == "positive"


def test_negation_scope_window_clause_and_non_negating_phrases():
    # "nicht nur ... sondern auch" adds, it does not deny
    assert S.sentiws_sentence("Das ist nicht nur ein Erfolg.")["sentiws_negated"] == 0
    # a comma ends the negator's scope
    assert S.sentiws_sentence("Nicht heute, aber ein Erfolg ist es.")["sentiws_score"] > 0
    # beyond the 3-word window the hit keeps its sign
    assert S.sentiws_sentence("Ohne die lange und sehr harte Arbeit war es ein Erfolg.")["sentiws_terms"].endswith("Erfolg:+0.34")
    # "ohne" negates within the window: "ohne Erfolg" is negative
    assert S.sentiws_sentence("Die Offensive blieb ohne Erfolg.")["sentiws_score"] < 0


def test_sentiws_scores_inflected_forms_that_textblob_misses():
    good = S.sentiws_sentence("Ein gutes Ergebnis!")
    assert good["sentiws_terms"] == "gutes:+0.37"
    assert good["sentiws_score"] == pytest.approx(0.3716 / math.sqrt(3), abs=1e-4)
    assert S.textblob_sentence("Ein gutes Ergebnis!") == (0.0, 0.0)  # textblob-de misses the inflected form
    danger = S.sentiws_sentence("Ein gefährliches Bündnis zwischen Putin und Kim Jong Un")
    assert danger["sentiws_neg"] == pytest.approx(-0.6366)
    assert danger["sentiws_score"] == pytest.approx((-0.6366 + 0.004) / 3, abs=1e-4)


def test_topic_terms_and_homographs_are_skipped_but_plain_sentiws_counts_them():
    text = "Nordkorea will Soldaten in den Krieg schicken."
    assert S.sentiws_sentence(text)["sentiws_hits"] == 0
    negators, window, non_negating, _ = S.negation_settings()
    plain = S.sentiws_sentence(text, settings=(negators, window, non_negating, frozenset()))
    assert plain["sentiws_terms"] == "Krieg:-0.54; schicken:+0.34"


def test_hyphenated_compound_falls_back_to_its_head():
    assert S.sentiws_sentence("Eine Moskau-Provokation und ein Pressefoto-Erfolg.")["sentiws_terms"] == "Moskau-Provokation:-0.00; Pressefoto-Erfolg:+0.34"


def test_numbers_are_neither_words_nor_clause_ends():
    # 4 words (the year is not one), and the year does not use up the negator's 3-word window: im, Jahr, Erfolg
    no = S.sentiws_sentence("Nicht im Jahr 2024 Erfolg.")
    assert no["sentiws_negated"] == 1 and no["sentiws_score"] == pytest.approx(-0.3446 / 2, abs=1e-4)
    # a decimal comma is part of the number, not the end of the negator's clause: einmal, Prozent, Erfolg
    assert S.sentiws_sentence("Nicht einmal 1,5 Prozent Erfolg.")["sentiws_terms"] == "¬Erfolg:-0.34"
    # a real comma still ends it
    assert S.sentiws_sentence("Nicht einmal, ein Erfolg.")["sentiws_terms"] == "Erfolg:+0.34"


def test_opposite_words_cancel_by_their_weights():
    # gut +0.3716, schlecht -0.7706, 5 words
    s = S.sentiws_sentence("Das ist gut und schlecht.")
    assert (s["sentiws_pos"], s["sentiws_neg"]) == (0.3716, -0.7706)
    assert s["sentiws_score"] == pytest.approx((0.3716 - 0.7706) / math.sqrt(5), abs=1e-4)


# --------------------------------------------------------------------------- codebooks


@pytest.fixture
def codebooks(tmp_path) -> Path:
    """A writable copy of the codebooks folder."""
    target = tmp_path / "codebooks"
    shutil.copytree(config.CODEBOOKS_DIR, target)
    return target


def test_codebooks_dir_is_honoured_and_an_edit_takes_effect(codebooks):
    negation = codebooks / "sentiment_negation.yaml"
    negation.write_text(negation.read_text(encoding="utf-8").replace("window: 3", "window: 0"), encoding="utf-8")
    assert S.negation_settings(codebooks_dir=codebooks).window == 0
    assert S.negation_settings().window == 3  # the project's codebook is untouched
    (codebooks / "emotive.yaml").write_text("- term: Montag\n  category: emotion\n  pattern: 'montag'\n", encoding="utf-8")
    sentences = segment_text("Das ist kein Erfolg am Montag.", article_id="x")
    s = S.textstat_sentiment(sentences, codebooks_dir=codebooks)["sentiment"].iloc[0]
    assert s["sentiws_negated"] == 0 and s["sentiws_label"] == "positive"  # window 0: "kein" negates nothing
    assert s["emotive_terms"] == "Montag"
    assert S.textstat_sentiment(sentences)["sentiment"].iloc[0]["sentiws_label"] == "negative"
    # editing the file again is picked up without a restart
    negation.write_text(negation.read_text(encoding="utf-8").replace("window: 0", "window: 12"), encoding="utf-8")
    assert S.negation_settings(codebooks_dir=codebooks).window == 12


# --------------------------------------------------------------------------- textblob-de


def test_textblob_offline_scores_by_its_lexicon_and_rules(seed_result):
    # de-sentiment.xml: gut +1.0, schlecht -1.0, gefährlich -1.0 (subjectivity 0.0 for all three)
    assert S.textblob_sentence("Das ist gut.") == (1.0, 0.0)
    assert S.textblob_sentence("Das ist nicht gut.") == (-0.5, 0.0)  # pattern's negation: x -0.5
    assert S.textblob_sentence("Das ist gut und schlecht.") == (0.0, 0.0)  # mean of +1 and -1
    assert S.textblob_sentence("Ein gefährliches Bündnis zwischen Putin und Kim Jong Un") == (-1.0, 0.0)
    # the German lexicon barely carries subjectivity: zero for nearly every news sentence
    assert (seed_result["sentiment"]["textblob_subjectivity"] != 0).mean() < 0.1


def test_fast_textblob_matches_textblob_de_own_analyzer_on_the_seeds(seed_sentences):
    texts = list(seed_sentences["text"])
    same = sum(S.textblob_sentence(t) == S.textblob_sentence(t, exact=True) for t in texts)
    assert len(texts) == 126 and same >= 118


def test_textblob_lexicon_loaded_without_textblob_equals_the_packages(seed_sentences):
    from textblob_de.sentiments import pattern_sentiment

    from analysis.text import tokenize

    texts = list(seed_sentences["text"]) + ["Das ist nicht wirklich gut!", "Sehr schlecht :( aber ♥", "Kein gutes Zeichen."]
    for text in texts:
        toks = [t for t in tokenize(text) if t not in S._TEXTBLOB_SKIP]
        lemmas = [x for x in (S._lemma(w, i == 0) for i, w in enumerate(toks)) if x]
        assert S.textblob_sentence(text) == tuple(float(x) for x in pattern_sentiment(lemmas)), text


def test_pattern_score_equals_patterns_sentiment_call(seed_sentences):
    import random

    _, _, lexicon, _ = S._pattern()
    known = S._kept_for(lexicon, S._LEMMA_ASSESSMENTS, S._LemmaAssessments)
    lists = []
    for text in seed_sentences["text"]:
        toks = [t for t in S.tokens_of(text) if t not in S._TEXTBLOB_SKIP]
        lists.append([x for x in (S._lemma(w, i == 0) for i, w in enumerate(toks)) if x])
    words = sorted(dict.keys(lexicon))
    modifiers = [w for w in words if {"RB", "JJ"} & set(dict.__getitem__(lexicon, w))]
    special = [*lexicon.negations, "!", "(!)", ":-)", ":(", "♥", "xd", "a", "zu", "wirklich", "natürlich", "'", "12"]
    rng = random.Random(0)
    for _ in range(3000):
        lists.append([rng.choice(rng.choice((words, modifiers, special, special))) for _ in range(rng.randint(0, 10))])
    for lemmas in lists:
        polarity, subjectivity = lexicon(lemmas)
        assert S._pattern_score(lemmas, known) == (polarity, subjectivity), lemmas


def test_indexed_morphology_tags_unknown_words_as_patterns_rules_do(seed_sentences):
    pattern_rules = S._pattern()[0].parser.morphology
    fast = S._morphology()
    words = {w for text in seed_sentences["text"] for w in S.tokens_of(text)}
    words |= {"Drohnenabwehrsystem", "unverhältnismäßig", "Nordkoreanerinnen", "ausgeflogen", "Kriegsmüdigkeit", "x", "ß"}
    contexts = [(None, None), ["X", None], ["der", "ART"], ["Soldaten", "NN"]]
    for word in sorted(words):
        for tag in ("NN", "NE", "ADJA", "VVFIN"):
            for before in contexts:
                after = contexts[(len(word) + len(tag)) % len(contexts)]
                assert fast.apply([word, tag], before, after) == pattern_rules.apply([word, tag], before, after), (word, tag)


def test_exact_textblob_equals_textblob_des_own_analyzer(seed_sentences):
    from textblob_de.sentiments import PatternAnalyzer
    from textblob_de.tokenizers import PatternTokenizer

    texts = list(seed_sentences["text"])[:60] + ["", "a/b und/oder c", "Dr. med. Müller kam am 3. Okt. an.", "Gut!\n\nSchlecht."]
    for text in texts:
        expected = PatternAnalyzer(tokenizer=PatternTokenizer()).analyze(text)
        assert S.textblob_sentence(text, exact=True) == (float(expected[0]), float(expected[1])), text


def test_textblob_polarity_needs_neither_textblob_nor_nltk():
    import subprocess
    import sys

    code = ("import sys; from analysis import sentiment as S; p = S.textblob_sentence('Das ist nicht gut.'); "
            "S.textblob_sentence('Das ist nicht gut.', exact=True); print(p, 'nltk' in sys.modules, 'textblob' in sys.modules, 'textblob_de' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["(-0.5,", "0.0)", "False", "False", "False"]  # importing them takes about 2 s per process


def test_tone_rules_skip_only_regexes_that_cannot_match(seed_sentences):
    book = S.tone_codebook()
    every = book._replace(index=None, voice_index=None)  # every matcher and voice cue runs on every sentence
    texts = list(seed_sentences["text"]) + ["Die ESKALATION und die Gefahr eines Weltkriegs", "Die Lage eſkaliert."]
    assert all(S.tone_hits(t, book=book) == S.tone_hits(t, book=every) for t in texts)
    assert all(S.news_tone_sentence(t, book=book) == S.news_tone_sentence(t, book=every) for t in texts)
    assert S.tone_hits("Die Lage eſkaliert.", book=book)[0][0].category == "threat"


# --------------------------------------------------------------------------- emotive vocabulary and actors


def test_escalation_terms_catch_inflections_and_compounds():
    found = S.emotive_terms("Kanonenfutter, eine neue Eskalationsstufe und eine schwere Sicherheitsbedrohung; Kim drohte.")
    assert found == ["Kanonenfutter", "Eskalation", "Bedrohung", "drohen"]
    assert S.emotive_terms("Russland setzt Drohnen ein und der Krieg droht zu eskalieren.") == ["drohen", "Eskalation"]


def test_escalation_rate_of_seed_000_by_hand(seed_result, seed_tables):
    # By hand: "Machthaber", "getötet" (sentence 2), "Verzweiflung" (3), "Sicherheitsbedrohung" (19) = 4 terms.
    s = seed_result["sentiment"]
    a = s[s["article_id"] == TABLOID]
    assert a["emotive_terms"].str.split("; ").explode().replace("", pd.NA).dropna().tolist() == ["Machthaber", "tödlich", "Verzweiflung", "Bedrohung"]
    words = int(a.loc[a["role"] != "credit", "n_words"].sum())
    assert words == 296
    rates = S.escalation_rates(s, seed_tables["articles"])
    tabloid = rates.set_index("outlet_label").loc["Tabloid portal?"]
    assert tabloid["emotive_count"] == 4 and tabloid["per_1000_words"] == round(4000 / 296, 2) == 13.51
    per_article = seed_result["sentiment_articles"].set_index("article_id")
    assert per_article.loc[TABLOID, "emotive_per_1000_words"] == 13.51


# --------------------------------------------------------------------------- entry point and tables


def test_entry_point_tables_on_seeds(seed_result, seed_sentences):
    s = seed_result["sentiment"]
    assert list(s.columns) == S.COLUMNS and len(s) == len(seed_sentences) == 126
    assert set(s["sentiws_label"]) <= set(S.LABELS)
    gefahr = s[(s["article_id"] == USLAR) & s["sentiws_terms"].str.contains("gefährliches")]
    assert gefahr["sentiws_score"].tolist() == [-0.2109] and gefahr["textblob_polarity"].tolist() == [-1.0]
    condemned = s[(s["article_id"] == TABLOID) & (s["sentence_id"] == 17)].iloc[0]
    assert condemned["sentiws_terms"] == "Kooperation:+0.00; verurteilt:-0.77" and condemned["sentiws_label"] == "negative"
    assert condemned["actors"] == "Russia; North Korea; NATO/USA/West"
    lethal = s[(s["article_id"] == IPPEN) & (s["sentence_id"] == 25)].iloc[0]
    assert lethal["sentiws_negated"] == 1 and "¬tödliche:+0.35" in lethal["sentiws_terms"]  # "nicht direkt tödliche Waffen"
    actors = seed_result["sentiment_actors"]
    assert list(actors.columns) == S.ACTOR_COLUMNS
    # one row per sentence x actor, matching the sentence's `actors` cell
    per_sentence = actors.groupby(["article_id", "sentence_id"])["actor"].apply("; ".join)
    named = s[s["actors"] != ""].set_index(["article_id", "sentence_id"])["actors"]
    assert per_sentence.sort_index().to_dict() == named.sort_index().to_dict()


def test_extract_writes_the_sentiment_tables(seed_tables):
    assert {"sentiment", "sentiment_articles", "sentiment_actors", "actor_tone"} <= set(seed_tables)
    assert list(seed_tables["actor_tone"].columns) == S.ACTOR_TONE_COLUMNS
    assert set(seed_tables["actor_tone"]["tone"]) <= {-1, 0, 1}
    assert len(seed_tables["sentiment_articles"]) == len(SEED_IDS)


def test_new_sentences_beyond_the_seeds():
    text = (
        "Nordkoreas Truppen erleiden schwere Verluste\n\n"
        "Pjöngjang droht Seoul mit einer gefährlichen Eskalation. "
        "Die Ukraine meldet keinen Erfolg der russischen Offensive. "
        "Washington begrüßt die gute Zusammenarbeit mit Südkorea."
    )
    sentences = segment_text(text, article_id="new")
    s = S.textstat_sentiment(sentences)["sentiment"].set_index("sentence_id")
    threat = s.loc[s.index[-3]]
    assert threat["sentiws_label"] == "negative" and threat["emotive_terms"] == "drohen; Gefahr; Eskalation"
    assert threat["actors"] == "North Korea; South Korea"
    no_success = s.loc[s.index[-2]]
    assert no_success["sentiws_negated"] == 1 and no_success["sentiws_score"] < 0
    praise = s.loc[s.index[-1]]
    assert praise["sentiws_label"] == "positive" and praise["actors"] == "South Korea; NATO/USA/West"


# --------------------------------------------------------------------------- validation


def test_gold_has_enough_rows_and_all_match(seed_sentences):
    gold = load_gold("sentiment.csv")
    assert len(gold) >= 80 and set(gold["label"]) == set(S.LABELS)
    matched = match_gold(gold, seed_sentences)
    assert (matched["sentence_id"] > 0).all()
    # keyed by text, not by id: dropping the first sentence of 000 shifts no gold row to the wrong sentence
    shifted = seed_sentences[~((seed_sentences["article_id"] == TABLOID) & (seed_sentences["sentence_id"] == 1))]
    again = match_gold(gold[gold["article_id"] == TABLOID], shifted)
    assert again["sentence_id"].tolist()[0] == -1 and again["sentence_id"].tolist()[1] == 2


@pytest.fixture
def tiny_validation():
    """Four sentences of one article, their hand coding, and hand-set labels of the three measures."""
    texts = ["Das ist ein großer Erfolg.", "Die Lage ist gefährlich.", "Das Treffen fand am Montag statt.",
             "Die Gefahr einer Eskalation wächst."]
    sentences = pd.DataFrame({"article_id": "a", "sentence_id": [1, 2, 3, 4], "role": "body", "text": texts, "n_words": [5, 4, 6, 5]})
    gold = pd.DataFrame({"article_id": "a", "sentence_start": [t[:20] for t in texts],
                         "label": ["positive", "negative", "neutral", "negative"], "note": ""})
    sentiment = pd.DataFrame({
        "article_id": "a", "sentence_id": [1, 2, 3, 4],
        "textblob_label": ["positive", "neutral", "neutral", "neutral"],
        "sentiws_label": ["positive", "negative", "neutral", "neutral"],
        "combined_label": ["positive", "negative", "neutral", "neutral"],
        "tone": ["positive", "negative", "neutral", "negative"], "tone_score": [1.5, -1.0, 0.0, -2.0], "tone_terms": "",
        "textblob_polarity": [0.7, 0.0, 0.0, 0.0], "sentiws_score": [0.32, -0.32, 0.0, 0.0],
        "sentiws_terms": "", "emotive_count": [0, 0, 0, 2], "emotive_terms": ["", "", "", "Gefahr; Eskalation"],
    })
    return S.validate_sentiment(sentiment, sentences, gold)


def test_validation_by_hand_on_four_sentences(tiny_validation):
    v = tiny_validation
    a = v["agreement"].set_index("measure")
    assert a.loc["textblob", "accuracy"] == 0.5 and a.loc["sentiws", "accuracy"] == 0.75
    # SentiWS: F1 negative 2/3 (P 1, R 1/2), neutral 2/3 (P 1/2, R 1), positive 1
    assert a.loc["sentiws", "macro_f1"] == round((2 / 3 + 2 / 3 + 1) / 3, 3)
    # the majority baseline always says the most frequent gold label, "negative" (2 of 4)
    assert a.loc["majority baseline", "accuracy"] == 0.5
    cm = S.confusion_matrix(v["confusion"], "sentiws")
    assert cm.loc["negative"].tolist() == [1, 1, 0] and cm.to_numpy().sum() == 4
    table = S.confusion_table(v["confusion"])
    assert list(table.columns) == ["measure", "gold", *S.LABELS] and len(table) == 9
    # the news-tone label is right on all four: F1 1 for every label, alpha 1
    assert a.loc["tone", "macro_f1"] == 1.0 and a.loc["tone", "alpha_nominal"] == 1.0
    # disagreements: the gold sentences where any measure differs from the hand coding (2: textblob; 4: the lexicons)
    assert list(v["disagreements"].columns) == S.DISAGREEMENT_COLUMNS
    assert v["disagreements"]["sentence_id"].tolist() == [2, 4]
    assert v["disagreements"]["text"].tolist()[1] == "Die Gefahr einer Eskalation wächst."
    assert S.missed_negatives(v["disagreements"])["sentence_id"].tolist() == [4]
    e = v["emotive"].set_index("gold")
    assert e.loc["negative"].tolist() == [2, 1, 0.5] and e.loc["neutral", "with_emotive_term"] == 0


def test_validation_findings_state_the_tables_numbers(tiny_validation):
    text = "\n".join(S.validation_findings(tiny_validation))
    assert "**4 hand-coded sentences**" in text and "2 negative, 1 neutral, 1 positive" in text
    assert "SentiWS 0.75, textblob-de 0.50" in text
    assert "SentiWS labels **50%** of the hand-coded negative sentences negative" in text
    assert "50% of the hand-coded negative sentences contain a term" in text


def test_validation_on_the_seeds_beats_the_baseline(seed_result, seed_sentences):
    gold = load_gold("sentiment.csv")
    v = S.validate_sentiment(seed_result["sentiment"], seed_sentences, gold)
    summary = v["agreement"].set_index("measure")
    assert (summary["n"] == len(gold)).all()  # every gold row matched a sentence
    # floors well below today's values (SentiWS macro-F1 0.48, accuracy 0.62): a better measure must still pass
    assert summary.loc["sentiws", "macro_f1"] >= 0.40 and summary.loc["sentiws", "accuracy"] >= 0.55
    assert summary.loc["textblob", "macro_f1"] >= 0.35
    for measure in ("textblob", "sentiws", "combined"):
        assert summary.loc[measure, "macro_f1"] > summary.loc["majority baseline", "macro_f1"]
    assert summary.loc["sentiws", "accuracy"] > summary.loc["majority baseline", "accuracy"]
    # the fast word-by-word textblob-de variant used in the figures is about as good as the package analyzer
    assert abs(summary.loc["textblob", "macro_f1"] - summary.loc["textblob-de exact (package analyzer)", "macro_f1"]) < 0.05
    assert summary.loc["majority baseline", "accuracy"] == pytest.approx(gold["label"].value_counts().max() / len(gold), abs=1e-3)
    cm = S.confusion_matrix(v["confusion"], "sentiws")
    assert cm.sum(axis=1).to_dict() == gold["label"].value_counts().reindex(list(S.LABELS), fill_value=0).to_dict()
    # every gold sentence SentiWS gets wrong is listed, and every listed sentence is wrong by some measure
    d = v["disagreements"]
    assert (d["sentiws_label"] != d["gold"]).sum() == len(gold) - int(cm.to_numpy().trace())
    assert ((d[["tone", *(f"{m}_label" for m in S.MEASURES)]].ne(d["gold"], axis=0)).any(axis=1)).all()


def test_news_tone_on_the_seeds_meets_the_targets(seed_result, seed_sentences):
    """Floors from the issue's targets (macro-F1 >= 0.65, alpha >= 0.60 against the blind coder); the headline label
    must also beat both lexicons. In-sample: the codebook was written while reading the seeds and the OOS dev split."""
    v = S.validate_sentiment(seed_result["sentiment"], seed_sentences, load_gold("sentiment.csv"))
    a = v["agreement"].set_index("measure")
    assert a.loc["tone", "macro_f1"] >= 0.65 and a.loc["tone", "alpha_nominal"] >= 0.60
    assert a.loc["tone", "macro_f1"] > max(a.loc["sentiws", "macro_f1"], a.loc["textblob", "macro_f1"])
    negative = v["per_label"].set_index(["measure", "label"]).loc[("tone", "negative")]
    assert negative["recall"] >= 0.7 and negative["precision"] >= 0.7


def test_extract_writes_the_validation_tables(seed_tables):
    for key in ("agreement", "per_label", "confusion", "disagreements", "emotive", "voice"):
        assert f"validation_sentiment_{key}" in seed_tables
    assert "validation_sentiment_matched" not in seed_tables



# --------------------------------------------------------------------------- news-tone codebook: one sentence per construction


def _tone(text: str) -> dict:
    return S.news_tone_sentence(text)


@pytest.mark.parametrize("text, expected", [
    # loaded and delegitimising labels, matched by stem and inside compounds
    ("Der Autokrat führt seinen Angriffskrieg weiter.", "negative"),
    ("Die Kanonenfutter-Söldner kamen im Herbst an.", "negative"),
    # threat, alarm, escalation: inflections by stem
    ("Die Lage eskaliert an der Grenze.", "negative"),
    ("Man spricht schon von einem Weltkrieg.", "negative"),
    ("Das ist zynisch.", "negative"),
    # condemnation, accusation, warning
    ("Die Regierung verurteilte den Schritt.", "negative"),
    ("Die Opposition wirft dem Minister Täuschung vor.", "negative"),
    # death, loss, destruction
    ("Bei dem Angriff wurden zwölf Menschen getötet.", "negative"),
    # approval, success, relief
    ("Die Verhandlungen waren ein Erfolg.", "positive"),
    # war, troops and fighting as the topic alone are neutral
    ("Nordkorea schickt Soldaten in den Krieg.", "neutral"),
    ("Die Truppen kämpfen seit Montag in der Region.", "neutral"),
    # words the lexicons misread: "sorgen für" is not the noun "Sorge", "neu" is no praise, "klar" no approval
    ("In einer neuen Entwicklung traf der Minister seinen Kollegen.", "neutral"),
    ("Das lässt sich klar sagen.", "neutral"),
    ("Der Minister will für Ordnung sorgen.", "neutral"),
    # a phrase that contains an evaluative word but does not evaluate
    ("Es ist der größte Truppenaufmarsch seit dem Zweiten Weltkrieg.", "neutral"),
    # one weak word alone stays neutral
    ("Die Hilfe kam am Dienstag an.", "neutral"),
])
def test_news_tone_constructions(text, expected):
    assert _tone(text)["tone"] == expected, _tone(text)


def test_the_issue_sentences_are_scored_as_the_coders_read_them():
    # "sorgen" is the verb (not scored); "Verzweiflung" carries the tone; "dürfte" keeps it negative
    despair = _tone("Diese Botschaft aus Südkorea dürfte für weitere Verzweiflung sorgen.")
    assert despair["tone"] == "negative" and "Verzweiflung:threat" in despair["tone_terms"] and "modal:dürfte" in despair["tone_terms"]
    # "hilft" does not cancel "Grund zur Sorge"
    assert _tone("Wenn Putin der Atommacht Nordkorea bei der Entwicklung seiner Waffensysteme hilft, ist das allemal "
                 "Grund zur Sorge.")["tone"] == "negative"
    assert _tone("In einer neuen Entwicklung erhöhen sich die Spannungen zwischen beiden Staaten.")["tone"] == "negative"


def test_negation_and_its_scope():
    assert _tone("Das ist kein Erfolg.")["tone"] == "negative"  # negated positive turns negative
    assert _tone("Der Vorstoß blieb bislang wenig erfolgreich.")["tone"] == "negative"
    assert _tone("Die Regierung ist nicht besorgt.")["tone"] == "neutral"  # negated negative is neutral
    assert _tone("Nicht heute, aber die Eskalation kommt.")["tone"] == "negative"  # the comma ends the scope
    assert _tone("Das ist nicht nur eine Eskalation.")["tone"] == "negative"  # "nicht nur" does not negate
    assert _tone("Nicht am ersten oder zweiten Tag kam der Erfolg.")["tone"] == "positive"  # beyond the window


def test_intensifiers_and_modality_scale_the_score():
    # hand-computed: one term -1.0; "sehr" x 1.5; a modal verb x 0.8
    assert _tone("Die Ministerin ist besorgt.")["tone_score"] == -1.0
    assert _tone("Die Ministerin ist sehr besorgt.")["tone_score"] == -1.5
    modal = _tone("Die Lage könnte eskalieren.")
    assert modal["tone_score"] == -0.8 and modal["tone"] == "negative"


def test_voice_own_and_source():
    assert _tone("„Das ist eine ernste Bedrohung“, sagte der Minister.")["voice"] == "source"  # quoted
    assert _tone("Das sei eine Eskalation, sagte er.")["voice"] == "source"  # reported speech
    assert _tone("Der Diktator lässt Raketen testen.")["voice"] == "own"
    # the outlet's standard label inside reported speech counts as its own word (coding rule)
    assert _tone("Die Soldaten seien für den Angriffskrieg bestimmt, hieß es.")["voice"] == "own"
    assert _tone("Das Treffen fand laut Behörden am Montag statt.")["voice"] == "source"  # neutral, attributed
    assert _tone("Das Treffen fand am Montag statt.")["voice"] == "own"


def _actors(text: str) -> dict[str, int]:
    return {r["actor"]: r["tone"] for r in S.actor_hits(text)}


def test_actor_portrayal_attaches_evaluations_to_the_actor():
    assert _actors("Machthaber Putin empfing die Delegation.") == {"Russia": -1}  # label on the actor
    assert _actors("Die Delegation traf das Regime in Pjöngjang.") == {"North Korea": -1}
    assert _actors("Moskau setzt seine Aggression fort.") == {"Russia": -1}  # agent of a condemned act
    assert _actors("Die Nato warnt Nordkorea vor weiteren Schritten.") == {"North Korea": -1}  # target of a warning
    assert _actors("Die Ukraine feierte einen Erfolg.") == {"Ukraine": 1}  # praise
    # the victim of a labelled act is not portrayed by it; nor is a place, a speaker or a victim of death
    assert _actors("Russlands Angriffskrieg gegen die Ukraine geht weiter.") == {"Russia": -1}
    assert _actors("Der Krieg in der Ukraine droht zu eskalieren.") == {}
    assert _actors("Selenskyj sprach von einer Eskalation.") == {}
    assert _actors("In Kursk wurden nordkoreanische Soldaten getötet.") == {}
    # naming an actor in a negative sentence is no portrayal
    assert _actors("Nordkorea meldete am Montag das Ende der Übung, die Lage bleibt gefährlich.") == {}


def test_validate_actor_tone_by_hand():
    sentences = pd.DataFrame({"article_id": ["a", "b", "c"], "sentence_id": 1})
    actor_tone = pd.DataFrame({"article_id": ["a", "a", "b", "c"], "sentence_id": 1, "actor": ["Russia", "Russia", "Russia", "Ukraine"],
                               "tone": [-1, 1, -1, 1], "evidence": "", "voice": "own"})
    gold = pd.DataFrame({"article_id": ["a", "b", "b", "c", "z"], "actor": ["Russia", "Russia", "Ukraine", "Ukraine", "Russia"],
                         "portrayal": [0, -1, 0, 1, -1], "n_evaluative": 0, "note": ""})
    v = S.validate_actor_tone(actor_tone, sentences, gold)
    a = v["agreement"].iloc[0]
    # pairs a/Russia mean 0 (gold 0), b/Russia -1 (-1), b/Ukraine none -> 0 (0), c/Ukraine +1 (+1); z not in the corpus
    assert a["pairs"] == 4 and a["share_same_sign"] == 1.0 and a["spearman"] == 1.0
    assert v["disagreements"].empty
    gold.loc[0, "portrayal"] = 1
    d = S.validate_actor_tone(actor_tone, sentences, gold)["disagreements"]
    assert d[["article_id", "actor", "portrayal", "predicted"]].values.tolist() == [["a", "Russia", 1, 0]]


def test_news_tone_codebook_edit_takes_effect(codebooks):
    book = codebooks / "news_tone.yaml"
    text = "Die Lage ist heikel."
    assert S.news_tone_sentence(text, book=S.tone_codebook(codebooks_dir=codebooks))["tone"] == "neutral"
    book.write_text(book.read_text(encoding="utf-8").replace("patterns: ['Eskal',", "patterns: ['heikel', 'Eskal',"), encoding="utf-8")
    assert S.news_tone_sentence(text, book=S.tone_codebook(codebooks_dir=codebooks))["tone"] == "negative"
    assert S.news_tone_sentence(text)["tone"] == "neutral"  # the project's codebook is untouched


def test_a_kept_lexicon_reads_back_as_parsed_and_only_for_its_xml_and_code(tmp_path):
    path = S._pattern()[2]._path
    parsed = S._parsed_lexicon(path)
    S._keep(parsed, tmp_path / "lexicon.json", source="xml|code")
    kept = S._kept_lexicon(tmp_path / "lexicon.json", source="xml|code")
    assert kept == parsed and list(kept["words"]) == list(parsed["words"])
    assert all(list(kept["words"][w]) == list(senses) for w, senses in parsed["words"].items())  # None (all) last
    assert S._kept_lexicon(tmp_path / "lexicon.json", source="xml|other code") is None
    assert S._kept_lexicon(tmp_path / "missing.json", source="xml|code") is None
