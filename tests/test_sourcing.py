import re
import shutil

import yaml

import pandas as pd
import pytest

from analysis import config
from analysis.config import UserError
from analysis.agreement import load_gold
from analysis.corpus import segment_text
from analysis.sourcing import (
    COLUMNS,
    UNCODED_COLUMNS,
    SPEECH_TYPES,
    attributed_share,
    country_group,
    country_group_order,
    match_gold,
    network_edges,
    reliance,
    rules,
    self_citations,
    speech_types,
    textstat_attributions,
    uncoded_sources,
    validate_attributions,
)
from analysis.sourcing import _build_rules, _finditer, _hints, _scanner, _word

from .conftest import IPPEN, PAP, TABLOID, TELEPOLIS, USLAR


def attrib(text: str) -> pd.DataFrame:
    return textstat_attributions(segment_text(text, article_id="x"))


def rows_for(table: pd.DataFrame, article_id: str, start: str) -> pd.DataFrame:
    hit = table[(table["article_id"] == article_id) & table["sentence"].str.startswith(start)]
    assert hit["sentence_id"].nunique() <= 1, start
    return hit


@pytest.fixture(scope="module")
def seeds(seed_tables):
    return seed_tables["attributions"], seed_tables["sentences"], seed_tables["articles"]


# --------------------------------------------------------------------------- snippets beyond the seeds


def test_laut_with_descriptive_form_and_acronym():
    a = attrib("Nordkorea hat laut dem südkoreanischen Geheimdienst NIS weitere 3.000 Soldaten nach Russland geschickt.")
    assert a[["institution", "source_type", "country", "cue", "speech_type"]].values.tolist() == [
        ["NIS", "intelligence service", "South Korea", "laut", "attribution"]
    ]


def test_agency_citing_unnamed_government_sources():
    a = attrib("Seoul erwägt Waffenlieferungen an Kiew, wie die Nachrichtenagentur Yonhap unter Berufung auf Regierungskreise meldete.")
    assert set(a["institution"]) == {"Yonhap", "unnamed government sources"}
    assert a.set_index("institution").at["unnamed government sources", "source_type"] == "unspecified"


def test_spokesperson_of_an_institution_with_konjunktiv():
    a = attrib("Die Truppen seien bereits in Kursk im Einsatz, sagte ein Sprecher des Pentagons.")
    assert a[["institution", "country", "speech_type"]].values.tolist() == [["US Department of Defense", "USA", "indirect speech"]]


def test_guillemet_quote_linked_to_speaker():
    a = attrib("»Wir beobachten die Lage sehr genau«, sagte Kirby am Montag in Washington.")
    assert a[["source", "speech_type"]].values.tolist() == [["John Kirby", "direct quote"]]


def test_mere_mentions_cite_nobody():
    assert attrib("Putin gerät unter Druck. Im Juni besuchte er seinen Verbündeten Kim Jong Un in Pjöngjang.").empty
    assert attrib("Krieg in der Ukraine droht zu eskalieren. Der Kreml schickt weitere Truppen an die Front.").empty


def test_unknown_source_is_kept_as_uncoded():
    # the function noun gives the source type and is not part of the name
    a = attrib("Laut dem Politologen Hans Muster wird der Krieg noch lange dauern.")
    assert a[["source", "institution", "source_type"]].values.tolist() == [["Hans Muster", "uncoded", "independent expert"]]


def test_quote_in_next_sentence_and_pronoun_speaker():
    a = attrib(
        "Verteidigungsminister Kim Yong-hyun erklärte am Montag, Pjöngjang plane weitere Entsendungen. "
        "„Wir nehmen das sehr ernst.“ Zudem habe Nordkorea die Grenze verstärkt."
    )
    assert a[["sentence_id", "source", "speech_type"]].values.tolist() == [
        [1, "Kim Yong-hyun", "indirect speech"],
        [2, "Kim Yong-hyun", "direct quote"],
        [3, "Kim Yong-hyun", "indirect speech"],
    ]


def test_zufolge_and_vague_reports():
    a = attrib("Dem Kreml zufolge gibt es keine nordkoreanischen Soldaten in Russland. Berichten zufolge sind es 12.000.")
    assert a[["sentence_id", "institution", "source_type"]].values.tolist() == [
        [1, "Kremlin", "government/official"],
        [2, "unnamed reports", "unspecified"],
    ]


def test_codebook_entry_needs_no_code_change(tmp_path):
    books = tmp_path / "codebooks"
    shutil.copytree(config.CODEBOOKS_DIR, books)
    with open(books / "sources.yaml", "a", encoding="utf-8") as fh:
        fh.write(
            "\n- source: Hans Muster\n  aliases: ['(?:Politologe\\w* )?(?:Hans )?Muster']\n  institution: Musterinstitut\n"
            "  source_type: independent expert\n  country: Germany\n  kind: person\n"
        )
    s = segment_text("Laut dem Politologen Hans Muster wird der Krieg noch lange dauern.", article_id="x")
    a = textstat_attributions(s, codebooks_dir=books)
    assert a[["source", "institution", "source_type"]].values.tolist() == [["Hans Muster", "Musterinstitut", "independent expert"]]


# --------------------------------------------------------------------------- the seeds


def test_table_columns(seeds):
    a, _, _ = seeds
    assert list(a.columns) == COLUMNS
    assert set(a["speech_type"]) == set(SPEECH_TYPES)
    assert not a.duplicated(["article_id", "sentence_id", "institution"]).any()


def test_every_cited_institution_of_the_seeds(seeds):
    a, _, _ = seeds
    cited = set(a["institution"])
    expected = {
        "Yonhap", "NIS", "South Korean defence ministry", "Ukrainian defence ministry", "HUR", "ISW",
        "Ukrainian presidency", "South Korean presidency", "South Korean security council", "NATO",
        "US Department of Defense", "Kremlin", "Korea Herald", "The Guardian", "Washington Post", "Meduza", "SIPRI",
        "Stockholm University", "Center for the National Interest", "AFP", "PAP",
    }
    assert expected <= cited
    assert "uncoded" not in cited


def test_seed_sentences(seeds):
    a, _, _ = seeds

    def one(article, start):
        return rows_for(a, article, start).set_index("institution")["speech_type"].to_dict()

    assert one(TABLOID, "Laut der südkoreanischen Nachrichtenagentur Yonhap") == {"Yonhap": "attribution"}
    assert one(TABLOID, "Es „liegen uns Beweise vor") == {"US Department of Defense": "direct quote", "Washington Post": "attribution"}
    assert one(TABLOID, "Außerdem prüfe man") == {"Yonhap": "indirect speech", "South Korean presidency": "indirect speech"}
    assert one(TABLOID, "Mehreren Medienberichten zufolge") == {"unnamed reports": "attribution"}
    assert one(PAP, "PAP/jc") == {"PAP": "credit line"}
    assert one(PAP, "Der ukrainische Präsident Wolodymyr Selenskyj und") == {"Ukrainian presidency": "attribution", "NIS": "attribution"}
    assert one(IPPEN, "Vielmehr verwies der Kremlchef") == {"Kremlin": "attribution"}
    assert one(IPPEN, "Insgesamt habe Nordkorea") == {"HUR": "indirect speech"}  # "so der Bericht weiter"
    assert one(IPPEN, "Die Beteiligung nordkoreanischer Truppen") == {"ISW": "attribution"}  # not "unnamed experts"
    assert one(IPPEN, "„Die Realität ist:") == {
        "Center for the National Interest": "direct quote", "The Guardian": "attribution", "AFP": "credit line"
    }
    assert one(TELEPOLIS, '"Daher ist die Möglichkeit') == {"South Korean defence ministry": "direct quote"}
    assert one(TELEPOLIS, "Es gehe nicht mehr nur um") == {"Ukrainian presidency": "indirect speech"}
    assert one(TELEPOLIS, "Zudem versuche das Regime") == {"NIS": "indirect speech"}
    assert one(TELEPOLIS, "Man bereite wichtige Signale") == {"Ukrainian presidency": "indirect speech"}
    assert one(TELEPOLIS, "Jeder Kriegstag beweist") == {"Ukrainian presidency": "direct quote"}  # colon-introduced
    assert one(USLAR, "Sein Staatsbesuch werde") == {"Kremlin": "direct quote"}
    assert one(USLAR, "Auch wenn es noch nicht") == {"Ukrainian presidency": "direct quote"}  # "wie Selensky ... nennt"
    assert one(USLAR, "Von insgesamt 12.000 Soldaten") == {"unnamed reports": "attribution"}


def test_seed_mere_mentions_produce_no_row(seeds):
    a, _, _ = seeds
    for article, start in [
        (TABLOID, "Putin gerät in der Ukraine"),
        (USLAR, "Erst im Juni besuchte er"),
        (PAP, "Der niederländische Premierminister Mark Rutte"),
        (TELEPOLIS, "Krieg in der Ukraine droht"),
        (USLAR, "Das lässt sich klar sagen"),
    ]:
        assert rows_for(a, article, start).empty, start


def test_agreement_with_hand_coding(seed_tables):
    """The tables the notebook reads: computed by the extract through `validate_attributions`."""
    sentences = seed_tables["sentences"]
    assert (match_gold(load_gold("attributions.csv"), sentences)["sentence_id"] > 0).all()
    v = seed_tables["validation_attributions_agreement"].set_index("level")
    assert v.at["(article, institution)", "f1"] >= 0.98
    assert v.at["(article, sentence, institution)", "f1"] >= 0.95
    assert v.at["(article, sentence, institution, speech type)", "f1"] >= 0.95
    assert v.at["attributed sentences (article, sentence)", "f1"] >= 0.95
    # every (sentence, institution) row the hand coding and the extraction disagree on is listed once
    differ = seed_tables["validation_attributions_disagreements"]
    level = v.loc["(article, sentence, institution)"]
    assert (differ["status"] == "missed").sum() == level["fn"]
    assert (differ["status"] == "extra").sum() == level["fp"]


def test_validation_on_a_hand_built_gold():
    s = segment_text(
        "Laut Yonhap sind 3.000 Soldaten in Russland. Das Pentagon bestätigte die Zahl. Die Lage bleibt unklar.", article_id="x"
    )
    gold = pd.DataFrame(
        {"article_id": ["x", "x"], "sentence_start": ["Laut Yonhap", "Die Lage"], "institution": ["Yonhap", "Kremlin"],
         "speech_type": ["attribution", "attribution"]}
    )
    out = validate_attributions(textstat_attributions(s), s, gold)
    v = out["agreement"].set_index("level")
    # found: Yonhap (sentence 1), US Department of Defense (sentence 2); gold: Yonhap (1), Kremlin (3)
    assert v.loc["(article, sentence, institution)", ["tp", "fp", "fn"]].tolist() == [1, 1, 1]
    assert v.at["(article, institution)", "precision"] == 0.5
    assert out["disagreements"][["sentence_id", "institution", "status"]].values.tolist() == [
        [3, "Kremlin", "missed"], [2, "US Department of Defense", "extra"]
    ]


def test_outlet_helpers(seeds):
    a, sentences, articles = seeds
    outlet = articles.set_index("article_id")["outlet_label"]
    rel = reliance(a, articles)
    top = rel.sort_values("n", ascending=False).groupby("outlet_label").head(1).set_index("outlet_label")["institution"]
    assert top[outlet[TELEPOLIS]] == "Ukrainian presidency"  # the Telepolis text is mostly Selenskyj's statement
    assert "credit line" not in set(speech_types(a, articles)["speech_type"])
    share = attributed_share(sentences, a, articles).set_index("outlet_label")
    assert share["attributed_share"].idxmax() == outlet[TELEPOLIS]
    # agencies named only in a credit line ("PAP/jc", "(bme mit AFP)"): edges of the network, not citations
    edges = network_edges(a, articles)
    credit_only = set(zip(edges.loc[edges["credit_only"], "outlet_label"], edges.loc[edges["credit_only"], "institution"]))
    assert credit_only == {(outlet[PAP], "PAP"), (outlet[IPPEN], "AFP")}
    assert not credit_only & set(zip(rel["outlet_label"], rel["institution"]))


def test_negated_statement_and_denial():
    assert attrib("Nordkorea selbst äußerte sich zunächst nicht.").empty
    a = attrib("Der Kreml wies die Berichte zurück. Kremlsprecher Dmitri Peskow nannte sie „eine weitere Falschmeldung“.")
    assert a[["sentence_id", "source", "institution", "speech_type"]].values.tolist() == [
        [1, "Kreml", "Kremlin", "attribution"],
        [2, "Dmitri Peskow", "Kremlin", "direct quote"],
    ]


def test_unknown_names_after_role_nouns_and_report_nouns():
    a = attrib("Das teilte der nepalesische Außenminister Ararat Mirsojan am Dienstag mit.")
    assert a[["source", "institution", "source_type"]].values.tolist() == [["Ararat Mirsojan", "uncoded", "government/official"]]
    a = attrib("Die Soldaten gelten als schlecht vorbereitet, heißt es in einem Bericht der Denkfabrik Musterforum.")
    assert a[["source", "institution"]].values.tolist() == [["Denkfabrik Musterforum", "uncoded"]]


def test_back_reference_resolves_to_last_cited_source_with_that_role():
    a = attrib(
        "Selenskyj sagte, Russland plane eine Offensive. Putin besuchte am Montag Pjöngjang. "
        "„Wir brauchen mehr Luftabwehr“, mahnte der Präsident."
    )
    assert a[["sentence_id", "source"]].values.tolist() == [[1, "Wolodymyr Selenskyj"], [3, "Wolodymyr Selenskyj"]]


def test_country_groups_come_from_the_codebook():
    groups = country_group(pd.Series(["Ukraine", "Poland", "NATO", "Japan", "unspecified"])).tolist()
    assert groups == ["Ukraine", "US/Western", "US/Western", "other", "unspecified"]
    assert country_group_order()[:3] == ["Ukraine", "South Korea", "US/Western"]


def test_codebook_edits_are_picked_up_from_the_given_folder(tmp_path):
    books = tmp_path / "codebooks"
    shutil.copytree(config.CODEBOOKS_DIR, books)
    groups = books / "country_groups.yaml"
    groups.write_text(groups.read_text(encoding="utf-8") + "- {group: Asia, countries: [Japan]}\n", encoding="utf-8")
    assert country_group(pd.Series(["Japan"]), codebooks_dir=books).tolist() == ["Asia"]
    assert country_group_order(codebooks_dir=books)[-1] == "Asia"
    assert country_group(pd.Series(["Japan"])).tolist() == ["other"]  # the package's codebook is untouched
    groups.write_text(groups.read_text(encoding="utf-8").replace("Asia", "East Asia"), encoding="utf-8")
    assert country_group(pd.Series(["Japan"]), codebooks_dir=books).tolist() == ["East Asia"]  # rebuilt after the edit
    assert rules(codebooks_dir=books) is rules(codebooks_dir=books)  # compiled once per version of the files


# --------------------------------------------------------------------------- speed helpers (same matches, fewer regex runs)


@pytest.mark.parametrize("alias", ["Nordkoreas?", "[Ss]üdkoreanisch\\w* Geheimdienst\\w*", "(?:Wladimir )?Putin", "[Ee]r"])
def test_fast_scan_finds_the_same_matches_as_finditer(alias):
    text = "XNordkorea und Nordkoreas Führung; südkoreanischer Geheimdienst NIS, Präsident Wladimir Putin, Putins Er er Erde ER"
    pattern = _word([alias])
    found = [(m.span(), m.group(0)) for m in _finditer(pattern, _scanner(pattern, alias), text)]
    assert found == [(m.span(), m.group(0)) for m in pattern.finditer(text)]
    assert found  # every alias names something in the text
    assert (_scanner(pattern, alias) is None) == alias.startswith("(")  # only a leading letter or class is scanned fast


def test_codebook_names_compile_on_first_use_and_scan_fast_later():
    from analysis.sourcing import Alias

    text = "Präsident Wladimir Putin und Putin, Putins Sprecher"
    alias = Alias(alias="Putins?(?![\\w-])")
    assert alias._compiled is None  # nothing compiled until a sentence may name it
    expected = [(m.span(), m.group(0)) for m in _word([alias.alias]).finditer(text)]
    scanners = []
    for _ in range(Alias.SCANNER_AFTER + 2):
        pattern, scanner = alias.compiled()
        scanners.append(scanner is not None)
        assert [(m.span(), m.group(0)) for m in _finditer(pattern, scanner, text)] == expected
    assert scanners == [False] * Alias.SCANNER_AFTER + [True, True]


def test_every_name_of_the_shipped_codebook_compiles_as_the_rules_spell_it():
    # compiled only when a sentence may name it, so a pattern the rules' spelling variants break ("ß" -> "(?:ß|ss)"
    # inside a look-behind) would fail only on the first article naming it
    r = rules()
    for alias in r.aliases:
        alias.compiled()


def test_hints_are_literals_every_match_contains():
    assert _hints(_word(["die USA"])) == ("die USA",)  # not just "die", which nearly every sentence holds
    assert _hints(_word(["(?:die|den) USA"])) == (" USA",)
    assert _hints(_word(["EU"])) == ("EU",)
    assert _hints(re.compile(r"(?i)laut")) == ("",)  # a case-folded pattern always runs


# --------------------------------------------------------------------------- constructions of issue 10 (one own sentence each)


def cited(text: str) -> list[list[str]]:
    """(source, institution) pairs a text cites, in table order."""
    return attrib(text)[["source", "institution"]].values.tolist()


def institutions(text: str) -> set[str]:
    return set(attrib(text)["institution"])


def test_country_adjective_with_angaben_is_that_government():
    assert institutions("Nach südkoreanischen Angaben sind inzwischen 11.000 Soldaten in der Region Kursk.") == {"South Korean government"}


def test_country_adjective_with_plural_circles():
    assert institutions("Die Einheit sei aufgerieben worden, wie aus ukrainischen Militärkreisen verlautete.") == {"Ukrainian military"}


def test_coordinated_states_after_nach_angaben_both_count():
    assert institutions("Nach Angaben der USA und Südkoreas stehen die Truppen bereits an der Grenze.") == {
        "US government", "South Korean government"}


def test_gapped_second_speaker_counts():
    assert institutions("Austin sprach von einer ernsten Lage, Rutte von einer gefährlichen Ausweitung.") == {
        "US Department of Defense", "NATO"}


def test_state_after_preposition_is_topic_not_speaker():
    assert cited("Man nehme die Drohung ernst, sagte Starmer mit Blick auf Russland.") == [["Keir Starmer", "UK government"]]


def test_inverted_subject_after_topicalised_object():
    assert cited("Die Verlegung der Truppen bezeichnete Yoon als Provokation.") == [["Yoon Suk Yeol", "South Korean presidency"]]


def test_person_outside_codebook_after_laut():
    a = attrib("Laut Gressel fehlt den Einheiten jede Kampferfahrung.")
    assert a[["source", "institution"]].values.tolist() == [["Gressel", "uncoded"]]


def test_person_outside_codebook_with_title_is_typed_and_named():
    a = attrib("Die Einheiten seien kaum einsatzfähig, sagte der Militärexperte Gustav Gressel.")
    assert a[["source", "institution", "source_type"]].values.tolist() == [["Gustav Gressel", "uncoded", "independent expert"]]


def test_unnamed_expert_never_takes_the_next_noun_phrase():
    a = attrib("Die Lage bleibe unübersichtlich, sagte der Militärexperte mit Blick auf die Ukraine.")
    assert "Ukrainian government" not in set(a["institution"])
    assert set(a["source_type"]) <= {"independent expert"}


def test_apposition_after_the_verb():
    assert institutions("Die Brigaden seien schon verlegt, sagte der Chef des Militärgeheimdienstes, Kyrylo Budanow.") == {"HUR"}


def test_apposition_before_the_verb():
    assert institutions("Der Leiter des ukrainischen Militärgeheimdienstes, Kyrylo Budanow, sagte, die Brigaden seien verlegt.") == {"HUR"}


def test_compound_modifier_names_no_source():
    assert institutions("Das Nato-Partnerland Südkorea hatte mitgeteilt, dass weitere Soldaten unterwegs seien.") == {
        "South Korean government"}


def test_media_titles_in_quotation_marks():
    assert institutions("Wie das „Wall Street Journal“ berichtete, sind die Soldaten in Kursk.") == {"Wall Street Journal"}
    assert institutions("Die Soldaten sind inzwischen in Kursk, schreibt das «WSJ».") == {"Wall Street Journal"}
    assert institutions("Das berichtete die 'Bild' am Wochenende.") == {"Bild"}


def test_bild_as_common_noun_is_no_source():
    assert attrib("Die Aufnahmen zeigen ein Bild der Lage, sagte er.").query("institution == 'Bild'").empty


def test_denials_are_citations():
    assert institutions("Russland hat die Berichte über die Entsendung zurückgewiesen.") == {"Kremlin"}
    assert institutions("Pjöngjang dementierte jede Beteiligung.") == {"North Korean leadership"}


def test_non_denial_before_a_coordinated_statement():
    a = attrib("Der Kremlchef hat die Berichte nicht bestritten und auf den Vertrag mit Pjöngjang verwiesen.")
    assert a[["institution", "cue"]].values.tolist() == [["Kremlin", "verwiesen"]]


def test_consecutive_so_dass_is_no_cue():
    assert attrib("Die Verluste waren so hoch, so dass Moskau neue Soldaten braucht.").empty


def test_sogenannt_is_no_cue():
    assert attrib("Der sogenannte Beistandspakt, den Moskau und Pjöngjang geschlossen haben, gilt seit Dezember.").empty


def test_teaser_expert_names_no_source_for_the_topic():
    a = attrib("Ein Experte erklärt die Pläne von Putin und Kim.")
    assert not {"Kremlin", "North Korean leadership"} & set(a["institution"])


def test_genitive_state_before_a_person_is_a_modifier():
    assert institutions("Südkoreas Präsident Yoon Suk Yeol sagte, man prüfe Waffenlieferungen.") == {"South Korean presidency"}


def test_subject_before_a_relative_clause():
    a = attrib("Putin, der den Krieg seit 2022 führt, hat die Berichte nicht bestritten und verwies auf den Vertrag.")
    assert set(a["institution"]) == {"Kremlin"}


def test_quoted_word_is_no_name():
    a = attrib("Der Minister hat die Soldaten als „Kanonenfutter“ bezeichnet.")
    assert "Kanonenfutter" not in set(a["source"])


def test_own_statement_after_eigenen_angaben():
    assert institutions("Auch die US-Regierung hat eigenen Angaben nach Belege für die Verlegung.") == {"US government"}


def test_stated_concern_is_a_citation():
    assert institutions("Berlin und London zeigten sich besorgt.") == {"German government", "UK government"}


def test_hiess_es_continues_the_source_before():
    a = attrib("Der Geheimdienst NIS meldete, 3.000 Soldaten seien verlegt worden. Weitere würden folgen, hieß es.")
    assert a[["sentence_id", "institution"]].values.tolist() == [[1, "NIS"], [2, "NIS"]]


def test_dpa_dateline_and_sign_off_are_credit_lines():
    a = attrib("Truppen verlegt\n\nSEOUL (dpa-AFX) - Nordkorea hat Soldaten verlegt.\n\nSie sind in Kursk./fk/DP/zb")
    assert a[["institution", "speech_type"]].drop_duplicates().values.tolist() == [["dpa", "credit line"]]
    assert sorted(a["sentence_id"]) == [2, 3]


def test_uncoded_sources_table_counts_and_stub():
    text = ("Die Lage sei ernst, sagte der Militärexperte Gustav Gressel. Gressel sagte weiter, Russland brauche Soldaten. "
            "Laut dem Institut Musterwacht ist die Zahl höher.")
    s = segment_text(text, article_id="a")
    table = uncoded_sources(textstat_attributions(s), s)
    assert list(table.columns) == UNCODED_COLUMNS
    row = table.set_index("source").loc["Gustav Gressel"]
    assert (row["mentions"], row["articles"], row["source_type"]) == (1, 1, "independent expert")
    assert set(table["source"]) >= {"Gustav Gressel", "Institut Musterwacht"}
    entry = yaml.safe_load(table.set_index("source").at["Gustav Gressel", "yaml_stub"])[0]
    assert entry["source_type"] == "independent expert" and entry["kind"] == "person"
    assert re.fullmatch(entry["aliases"][0], "Gustav Gressel") and re.fullmatch(entry["aliases"][0], "Gressel")


def test_uncoded_sources_ranked_by_articles_then_mentions():
    rows = [("a", 1, "Hans Muster"), ("b", 1, "Hans Muster"), ("a", 2, "Eva Beispiel"), ("a", 3, "Eva Beispiel"), ("a", 4, "Eva Beispiel")]
    att = pd.DataFrame([{c: "" for c in COLUMNS} | {"article_id": a, "sentence_id": i, "source": s, "institution": "uncoded",
                         "source_type": "uncoded", "sentence": f"Satz {i}"} for a, i, s in rows])
    sents = pd.DataFrame({"article_id": [r[0] for r in rows], "sentence_id": [r[1] for r in rows], "text": [f"Text {r[0]}{r[1]}" for r in rows]})
    table = uncoded_sources(att, sents)
    assert table[["source", "mentions", "articles"]].values.tolist() == [["Hans Muster", 2, 2], ["Eva Beispiel", 3, 1]]
    assert table.at[0, "example"] == "Text a1"
    assert uncoded_sources(att.iloc[0:0], sents).empty


def test_medium_quoting_a_person_is_the_channel_and_the_person_the_speaker():
    a = attrib("Ein von Suspilne zitierter ukrainischer Geheimdienstler sagte, die Einheiten würden gesucht.")
    assert set(a["institution"]) == {"Suspilne", "Ukrainian intelligence (unspecified)"}


def test_swiss_spelling_of_heisst_es():
    assert institutions("Die Einheit werde verlegt, heisst es aus ukrainischen Militärkreisen.") == {"Ukrainian military"}


def test_heisst_es_quoting_a_document_is_no_unnamed_report():
    assert attrib("Auf einem anderen Blatt heißt es: «Ich werde tapfer kämpfen.»").empty


# --------------------------------------------------------------------------- constructions of new articles (issue 10)


def by_sentence(text: str) -> list[list]:
    return attrib(text)[["sentence_id", "institution"]].values.tolist()


def test_headline_source_before_a_colon():
    assert by_sentence("Seoul: Weitere Soldaten an die Front verlegt\n\nDie Lage bleibt angespannt.") == [[1, "South Korean government"]]
    assert by_sentence("Selenskyj: „Wir brauchen jetzt Luftabwehr“\n\nDie Lage bleibt angespannt.") == [[1, "Ukrainian presidency"]]
    assert by_sentence("Bericht: Kims Soldaten an der Front\n\nDie Lage bleibt angespannt.") == [[1, "unnamed reports"]]


def test_headline_topic_label_before_a_colon_cites_nobody():
    assert attrib("Nordkorea: Was plant Kim mit den Soldaten?\n\nDie Lage bleibt angespannt.").empty
    assert attrib("Ukraine: Kims Soldaten sollen desertiert sein\n\nDie Lage bleibt angespannt.").empty
    assert attrib("Ukraine-Krieg: Neue Kämpfe in Kursk\n\nDie Lage bleibt angespannt.").empty


def test_headline_signed_by_its_source_after_a_dash():
    assert by_sentence("Hunderte Soldaten verletzt - ukrainischer Generalstab\n\nDie Lage bleibt angespannt.") == [[1, "Ukrainian military"]]
    assert attrib("Truppen in Kursk - Kreml schweigt\n\nDie Lage bleibt angespannt.").empty


def test_claim_with_wollen_and_perfect_infinitive():
    assert institutions("Nun will die Nato Belege für die Verlegung gefunden haben.") == {"NATO"}
    assert attrib("Putin will mehr Soldaten haben.").empty


def test_weder_noch_coordinates_two_sources():
    assert institutions("Weder Washington noch Seoul bestätigen die Angaben.") == {"US government", "South Korean government"}


def test_bare_hiess_es_continues_a_source_of_the_previous_paragraph():
    text = ("Der südkoreanische Geheimdienst meldete 3.000 Soldaten in Russland.\n\n"
            "Die Lage an der Front ist unklar. Weitere Einheiten würden folgen, hieß es.")
    assert by_sentence(text) == [[1, "NIS"], [3, "NIS"]]
    text = ("Der südkoreanische Geheimdienst meldete 3.000 Soldaten in Russland.\n\n"
            "Die Lage an der Front ist unklar. Erst kürzlich hieß es, Einheiten seien desertiert.")
    assert by_sentence(text) == [[1, "NIS"], [3, "unnamed reports"]]


def test_bare_hiess_es_away_from_a_source_is_no_unnamed_report():
    # 51st revision: on the opened held-out sets a bare "hieß es" with no source right before it was coded as unnamed
    # reports in 2 of 17 cases; coders read it as summing up (in the lead) or going on with a source the article names
    lead = ("Seoul stoppt Ausfuhren\n\nDie Regierung hat die Ausfuhren gestoppt. Sie sollen später wieder aufgenommen werden, hieß es.\n\n"
            "Das habe Sicherheitsgründe, teilte das Außenministerium in Seoul mit.")
    assert by_sentence(lead) == [[4, "South Korean government"]]
    far = ("Der NIS meldete 3.000 Soldaten.\n\nDie Lage ist unklar.\n\nDie Front ist lang.\n\nWeitere würden folgen, hieß es.")
    assert by_sentence(far) == [[1, "NIS"]]
    # earlier reports, and media, channels or circles named without a name, stay unnamed reports
    assert institutions("Die Front ist lang. Zunächst hieß es, die Truppen würden nur ausgebildet.") == {"unnamed reports"}
    assert institutions("Die Front ist lang. In russischen Telegram-Kanälen hieß es, die Brücke sei getroffen.") == {"unnamed reports"}
    assert institutions("Die Front ist lang. Die Brücke sei getroffen, hieß es in Medienberichten.") == {"unnamed reports"}


def test_codebook_names_added_in_round_16():
    # found missing on the opened sets test61-test64 (North Korea's role in the war); each is a codebook alias or entry
    assert institutions("Nach Angaben Grossbritanniens sterben täglich 1.500 Soldaten.") == {"UK government"}
    assert institutions("Nach Angaben der Kiewer Militärführung sind die Soldaten in Kursk.") == {"Ukrainian military"}
    assert institutions("Laut dem Kommando der Speziellen Operationstruppen wurden drei Soldaten gefangen.") == {"Ukrainian military"}
    assert institutions("Nach Einschätzung südkoreanischer Behörden sind 300 Soldaten gefallen.") == {"South Korean government"}
    assert institutions("Nach Erkenntnissen westlicher Dienste werden 12.000 Kämpfer ausgebildet.") == {"unnamed intelligence"}
    assert institutions("Die Soldaten seien gefangen, wie die Polnische Presseagentur berichtet.") == {"PAP"}
    assert institutions("Schon 60 Raketen sollen einem Militäranalytiker zufolge abgefeuert worden sein.") == {"unnamed experts"}
    assert institutions("Mehr als fünf Millionen Geschosse wurden früheren Berichten zufolge geliefert.") == {"unnamed reports"}
    assert institutions("Sein Kollege No Kwang Chol sagte, die Armee sei entschlossen.") == {"North Korean leadership"}
    assert institutions("Die Brücke werde ein Denkmal der Freundschaft sein, sagte Pak.") == {"North Korean leadership"}
    assert institutions("Das Außenamt in Peking erklärte, China sei nicht beteiligt.") == {"Chinese foreign ministry"}


def test_information_of_two_states_and_more_codebook_names_of_round_16():
    assert institutions("Nach Informationen der USA und Südkoreas sind 11.000 Soldaten in Kursk.") == {"US government", "South Korean government"}
    assert institutions("Laut dem Geheimdienst von Südkorea sind 300 Soldaten gefallen.") == {"NIS"}
    assert institutions("Die Zahl ist nach einem ukrainischen Geheimdienst-Bericht gestiegen.") == {"Ukrainian intelligence (unspecified)"}
    assert institutions("Nach Angaben ausländischer Geheimdienste sind die Verluste hoch.") == {"unnamed intelligence"}
    assert "Newsweek" in institutions("Wie unter anderem \"newsweek.com\" berichtet, seien die Soldaten in Kursk.")
    assert institutions("Die Resolution sei nicht transparent, begründete der ständige Vertreter Chinas bei den Vereinten Nationen "
                        "seine Gegenstimme.") == {"Chinese government"}


def test_media_named_by_their_web_address():
    assert institutions("Wie «fr.de» berichtet, glaubten die Soldaten an eine Übung.") == {"Frankfurter Rundschau"}
    assert institutions("«Zdf.de» berichtet, dass sie hauptsächlich in Kursk kämpfen.") == {"ZDF"}
    assert institutions("Laut tagesschau.de sind die Soldaten in Kursk.") == {"ARD"}
    assert attrib("Die Seite www.spiegel.de/politik war nicht erreichbar.").empty


def test_more_codebook_names_of_round_16():
    assert institutions("Laut dem militärischen Geheimdienst der Ukraine sind 300 Soldaten gefallen.") == {"HUR"}
    assert institutions("Laut der nordkoreanischen Nachrichtenagentur Central News Agency war der Test erfolgreich.") == {"KCNA"}
    assert institutions("Die Regierung hat nach Angaben des deutschen Wirtschaftsministeriums die Kontrolle übernommen.") == {"German government"}


def test_holderless_angaben_zufolge_and_an_ambassador_to_the_un():
    # "Angaben zufolge" without a holder is unnamed reports, not the name before it; "den Angaben" refers back
    assert institutions("Schoigu bleibt Angaben zufolge bis Freitag in Pjöngjang.") == {"unnamed reports"}
    assert attrib("Den Angaben zufolge sind 300 Soldaten gefallen.").empty
    assert institutions("Ukrainischen Angaben zufolge sind 300 Soldaten gefallen.") == {"Ukrainian government"}
    # an ambassador to the UN speaks for a state, never for the UN
    assert "UN" not in institutions("Der UN-Botschafter betonte, dass die Entsendung nur Russlands Interessen diene.")
    assert institutions("Der UN-Generalsekretär warnte vor einer Eskalation.") == {"UN"}


def test_stances_learned_expected_declared_and_justified():
    assert institutions("Die \"New York Times\" hatte erfahren, dass Kim Russland besuchen werde.") == {"New York Times"}
    assert institutions("Experten waren im Vorfeld davon ausgegangen, dass sie sich einigen würden.") == {"unnamed experts"}
    assert institutions("Kim bekundete seinerseits eine \"bedingungslose Unterstützung\".") == {"North Korean leadership"}
    assert institutions("Der Westen versuche Nordkorea zu strangulieren, begründete Nebensja sein Veto.") == {"Russian foreign ministry"}
    assert attrib("Es gibt begründete Zweifel an der Darstellung.").empty
    assert attrib("Die Soldaten hatten von dem Angriff erfahren, als es zu spät war.").empty


def test_after_an_adverbial_opening_a_name_with_an_object_article_is_no_subject():
    assert institutions("Als Reaktion auf die Angriffe hat die Ukraine mit der Produktion begonnen und drängt zugleich "
                        "den Westen zu stärkerer Unterstützung.") == {"Ukrainian government"}
    assert institutions("Am Montag warnte Selenskyj den Westen vor Russland.") == {"Ukrainian presidency"}


def test_korean_namesakes_of_kim_and_the_joint_chiefs_in_seoul():
    assert "North Korean leadership" not in institutions("Außenminister Kim Hong Kyun habe den Abzug gefordert, teilte das Außenministerium in Seoul mit.")
    assert institutions("Kim sagte, die Armee sei bereit.") == {"North Korean leadership"}
    assert institutions("Unter den Waffen seien auch Drohnen, teilte der Gemeinsame Generalstab des südkoreanischen Militärs mit.") == {"South Korean military"}


def test_feeling_vindicated_is_no_confirmation():
    assert attrib("Denn Nordkoreas Führung fühlt sich bestätigt: Der Fokus auf das Militär sei richtig.").empty
    assert institutions("Nordkorea bestätigt die Entsendung von Truppen.") == {"North Korean leadership"}


def test_a_masculine_der_after_the_verb_marks_the_subject_not_the_source_before():
    assert institutions("Die Ukraine warnte der Machthaber Lukaschenko vor einer Offensive.") == {"Belarusian presidency"}
    assert institutions("Der Ukraine warf der Kreml-Chef vor, nicht verhandeln zu wollen.") == {"Kremlin"}
    # a feminine noun after "der" is a dative object, and the source opening the clause stays the subject
    assert institutions("Die Ukraine dankte der Präsidentin Ursula von der Leyen.") == {"Ukrainian government"}


def test_a_report_headline_speaks_for_the_medium_the_article_cites():
    text = ("Bericht: Nordkorea schickt weitere Soldaten\n\nNordkorea hat weitere Soldaten nach Russland geschickt. "
            "Das berichtete der Sender CNN am Montag.\n\nDie Lage bleibt unklar.")
    assert by_sentence(text) == [[1, "CNN"], [3, "CNN"]]
    alone = "Bericht: Nordkorea schickt weitere Soldaten\n\nNordkorea hat weitere Soldaten nach Russland geschickt."
    assert by_sentence(alone) == [[1, "unnamed reports"]]


def test_a_photo_credit_inside_a_caption_credits_no_agency():
    text = ("Panzer in der Falle\n\nDie Armee hat die Taktik erläutert.\n\n"
            "Zerstörte Panzer, die bei einem Angriff auf die Stadt in einen Hinterhalt gerieten: Ein Offizier erklärte nun die "
            "Taktik der Verteidiger. Foto: Ukrainische Armee (Keystone, AP)\n\n"
            "Die Angreifer gerieten immer wieder in die Falle (AFP).")
    assert "AP" not in institutions(text)
    assert "AFP" in institutions(text)


def test_hiess_es_in_a_note_quotes_the_note_not_the_source_before():
    a = attrib("CNN berichtete über die Funde. «Ich bleibe meinem Land treu», heißt es in einer Notiz.")
    assert a[["sentence_id", "source", "institution"]].values.tolist() == [[1, "CNN", "CNN"], [2, "Notiz", "uncoded"]]


def test_demnach_refers_to_the_source_just_cited():
    text = "Das Präsidentenbüro in Seoul teilte mit, man verfolge die Verlegung. Demnach begannen die Transporte im Oktober."
    assert by_sentence(text) == [[1, "South Korean presidency"], [2, "South Korean presidency"]]


def test_place_after_angaben_aus_names_the_source():
    assert institutions("Laut Angaben aus Kiew sind Hunderte Soldaten gefallen.") == {"Ukrainian government"}


def test_angaben_of_a_source_as_object():
    assert institutions("Die Nato bestätigte damit Angaben aus Seoul.") == {"NATO", "South Korean government"}


def test_mit_verweis_auf_and_zu_folge():
    assert institutions("Die Nato äußerte sich mit Verweis auf Geheimdienstinformationen.") == {"NATO", "unnamed intelligence"}
    assert institutions("Unbestätigten Berichten zu Folge sind die Soldaten erschöpft.") == {"unnamed reports"}


def test_circulating_and_speculated_reports_are_unnamed_reports():
    assert institutions("Seit Wochen kursieren Berichte über Deserteure.") == {"unnamed reports"}
    assert institutions("Seit Tagen wird über einen Einsatz an der Front spekuliert.") == {"unnamed reports"}
    assert attrib("Als die ersten Berichte kursierten, war die Lage noch ruhig.").empty


def test_wie_berichtet_is_the_outlets_own_report():
    assert attrib("Wie berichtet, hatten ukrainische Soldaten zwei Gefangene gemacht.").empty


def test_report_of_a_source_shows_or_yields():
    assert institutions("Die Einheiten greifen in Wellen an, wie ein Bericht der „New York Times“ zeigt.") == {"New York Times"}
    assert institutions("Das geht aus einem Bericht der Nato hervor.") == {"NATO"}


def test_newspaper_back_reference_and_state_coordinated_with_a_source():
    text = ("Die „Washington Post“ berichtete über neue Verluste. "
            "Die Einheiten seien erschöpft, schreibt die Zeitung unter Berufung auf ukrainische Offiziere und US-Beamte.")
    assert by_sentence(text) == [[1, "Washington Post"], [2, "Washington Post"], [2, "Ukrainian military"], [2, "US government"]]


def test_medium_after_zum_is_the_channel():
    a = attrib("«Das ist kein schlechter Tausch», meint der Politologe Hans Muster zum «Korea Herald».")
    assert a.set_index("source").at["Hans Muster", "institution"] == "uncoded"
    assert a.set_index("institution").at["Korea Herald", "speech_type"] == "attribution"


def test_expressed_concern_is_a_citation():
    assert institutions("Unterdessen drückt die Bundesregierung ihre Sorge über die Eskalation aus.") == {"German government"}
    assert by_sentence("Bundesregierung in «großer Sorge»\n\nDie Lage bleibt angespannt.") == [[1, "German government"]]


@pytest.mark.parametrize("text", [
    "Der ukrainische Präsident bat um weitere Luftabwehr.",
    "In Kiew warb Selenskyj für mehr Waffenhilfe.",
    "Selenskyj lobte die Hilfe der Verbündeten.",
    "Selenskyj postete am Sonntag ein Video der Gefangenen.",
    "Selenskyj meint, die Soldaten seien schlecht ausgebildet.",
])
def test_speech_acts_beyond_sagen(text):
    assert institutions(text) == {"Ukrainian presidency"}


def test_surname_of_a_person_is_the_speaker_not_the_person_after_mit():
    text = "Choe Son Hui reiste nach Moskau. Man stehe fest an der Seite Russlands, sagte Choe nach Gesprächen mit Sergej Lawrow."
    assert by_sentence(text) == [[2, "North Korean leadership"]]


@pytest.mark.parametrize("text, institution", [
    ("Gemäss dem NIS sind die Soldaten in Kursk.", "NIS"),
    ("Die Einheit sei verlegt worden, erklärte die südkoreanische Spionageabwehr.", "NIS"),
    ("Der Nationale Geheimdienst erklärte, die Verluste seien hoch.", "NIS"),
    ("Nach Einschätzung des Internationalen Instituts für Strategische Studien ist die Armee veraltet.", "IISS"),
    ("Das Präsidentenbüro in Seoul teilte mit, man beobachte die Lage.", "South Korean presidency"),
    ("Geheimdienstschätzungen zufolge dienten beide Soldaten in einer Eliteeinheit.", "unnamed intelligence"),
    ("Die Rüstung verschlingt Schätzungen zufolge ein Drittel des Haushalts.", "unnamed reports"),
    ("Laut Syrskyj halten die Linien bei Kursk.", "Ukrainian military"),
    ("Das sei inakzeptabel, sagte von der Leyen in Brüssel.", "EU"),
])
def test_standard_names_and_variants(text, institution):
    assert institutions(text) == {institution}


def test_enumerated_sources_before_the_verb():
    assert institutions("Deutschland, die USA und die Nato warnen vor einer Ausweitung des Krieges.") == {
        "German government", "US government", "NATO"}


def test_sowohl_als_auch_and_experts_coordinated_with_a_named_source():
    assert institutions("Zuvor hatten sowohl ukrainische Medien als auch die „New York Times“ über den Rückzug berichtet.") == {
        "unnamed reports", "New York Times"}
    assert institutions("Das berichteten Militärexperten und Selenskyj selbst.") == {"unnamed experts", "Ukrainian presidency"}


def test_informed_by_a_delegation_and_enumerated_officials():
    assert institutions("Zuvor war Rutte von einer südkoreanischen Delegation unterrichtet worden.") >= {"South Korean government"}
    assert institutions("Die Truppen sind in Kursk, wie Beamte aus Südkorea, der Ukraine und den USA mitteilten.") == {
        "South Korean government", "Ukrainian government", "US government"}


def test_medium_asking_is_the_channel_and_report_that_names_its_medium():
    assert institutions("Auf eine Anfrage der „Washington Post“ antwortete ein Pentagon-Sprecher ausweichend.") == {
        "Washington Post", "US Department of Defense"}
    assert institutions("Die Meldung der Nachrichtenagentur Interfax, dass Truppen im Einsatz sind, bestätigte Seoul.") >= {"Interfax"}
    assert attrib("Auf die Einmischung antwortet Selenskyj mit einem Gegenzug.").empty


def test_relying_on_a_source_and_holding_evidence():
    assert "Ukrainian military" in institutions("Die Zeitung beruft sich dabei auf ukrainische Offiziere.")
    # the medium that relies on a source relays it (as the coders code it)
    assert institutions("Die \"New York Times\" berichtet über Verluste. Die Zeitung beruft sich dabei auf ukrainische "
                        "Offiziere.") == {"New York Times", "Ukrainian military"}
    assert institutions("Die US-Regierung hat gesicherte Erkenntnisse, dass die Truppen in Russland sind.") == {"US government"}
    assert institutions("Der NIS geht zudem davon aus, dass weitere Soldaten folgen.") == {"NIS"}
    assert institutions("Mitte Januar hatte der NIS geschätzt, dass 300 Soldaten gefallen sind.") == {"NIS"}
    assert attrib("Die Armee hat geschätzt 10.000 Soldaten.").empty


def test_agency_credit_of_austrian_and_swiss_agencies():
    a = attrib("Truppen verlegt\n\nDie Lage bleibt angespannt.\n\nVon: APA/Keystone-SDA")
    assert set(a["institution"]) == {"APA", "Keystone-SDA"} and set(a["speech_type"]) == {"credit line"}


def test_state_in_the_genitive_before_a_common_noun_is_a_possessive():
    assert attrib("Der Krieg dauere an, schrieb ein Soldat und machte sich damit Moskaus Sichtweise zu eigen.").query(
        "institution == 'Kremlin'").empty
    assert institutions("Kiews Angaben zufolge sind Hunderte Soldaten gefallen.") == {"Ukrainian government"}


def test_a_new_predicate_ends_the_search_for_the_subject():
    a = attrib("Die Front halte, schrieb ein Offizier und erinnerte damit an die Lage der ukrainischen Regierung.")
    assert "Ukrainian government" not in set(a["institution"])


def test_made_clear_and_back_references_to_politicians_and_heads_of_state():
    text = ("Das machten Verteidigungsminister Boris Pistorius und sein britischer Amtskollege John Healey in London deutlich. "
            "Es handle sich um eine Eskalation, sagte der SPD-Politiker.")
    assert by_sentence(text) == [[1, "German defence ministry"], [1, "UK defence ministry"], [2, "UK defence ministry"]]
    text = "Putin sprach von Freundschaft. „Wir stehen zusammen“, sagte der Staatschef."
    assert by_sentence(text) == [[1, "Kremlin"], [2, "Kremlin"]]


def test_apposition_after_a_prepositional_cue():
    assert institutions("Das berichtet Newsweek und beruft sich dabei auf den öffentlichen Rundfunk der Ukraine, Suspilne.") == {
        "Newsweek", "Suspilne"}


def test_subject_inside_a_split_verb_cue():
    assert institutions("Am Montag wies der Kreml die Vorwürfe entschieden zurück.") == {"Kremlin"}
    text = "Selenskyj sprach von Tausenden Soldaten. Alle müssten handeln, fügte er hinzu."
    assert by_sentence(text) == [[1, "Ukrainian presidency"], [2, "Ukrainian presidency"]]


def test_hearsay_sollen_continues_the_source_of_the_paragraph():
    text = "Der südkoreanische Geheimdienst meldete neue Zahlen. Die Einheiten sollen per Schiff verlegt worden sein."
    assert by_sentence(text) == [[1, "NIS"], [2, "NIS"]]
    text = "Der südkoreanische Geheimdienst meldete neue Zahlen.\n\nDie Einheiten sollen per Schiff verlegt worden sein."
    assert by_sentence(text) == [[1, "NIS"]]


def test_unnamed_spokesperson_speaks_for_the_organisation_just_cited():
    text = "Die Nato äußerte sich am Abend. Eine Sprecherin betonte: „Das wäre eine Eskalation.“"
    assert by_sentence(text) == [[1, "NATO"], [2, "NATO"]]
    text = "Die Nato äußerte sich am Abend. Selenskyj sprach von Verrat. „Das wäre eine Eskalation“, sagte eine Sprecherin."
    assert [2, "Ukrainian presidency"] in by_sentence(text) and [3, "NATO"] not in by_sentence(text)


def test_more_konjunktiv_forms_carry_the_speaker():
    text = "„Die Lage ist ernst“, sagte Rutte. Das Bündnis beobachte die Entwicklung genau."
    assert by_sentence(text) == [[1, "NATO"], [2, "NATO"]]


def test_person_before_a_colon_needs_a_quotation():
    assert attrib("Kim Jong Un: Der Diktator und seine Soldaten\n\nDie Lage bleibt angespannt.").empty


def test_broadcaster_of_a_statement_is_the_channel():
    a = attrib("Im südkoreanischen Fernsehsender KBS warb Selenskyj für mehr Waffenhilfe.")
    assert a[["institution", "speech_type"]].values.tolist() == [["Ukrainian presidency", "attribution"], ["KBS", "attribution"]]
    assert attrib("Im Fernsehsender KBS lief am Abend eine Dokumentation.").empty


def test_site_name_after_a_dash_in_a_title_is_no_source():
    assert attrib("Nordkoreas Soldaten in Kursk - Merkur\n\nDie Lage bleibt angespannt.").empty


def test_medium_in_the_dative_before_the_verb_is_the_channel():
    a = attrib("Wie der Pentagon-Sprecher Pat Ryder dem Portal „Politico“ erklärte, gebe es keine Belege.")
    assert sorted(a[["institution", "speech_type"]].values.tolist()) == [
        ["Politico", "attribution"], ["US Department of Defense", "indirect speech"]]


# --------------------------------------------------------------------------- round 5: general constructions


def test_non_confirmation_is_a_statement_and_a_second_predicate_shares_the_subject():
    assert institutions("Die Nato hat die Angaben bislang nicht bestätigt.") == {"NATO"}
    assert institutions("Das Pentagon hat die Zahl nicht bestätigt, warnte aber vor einer Eskalation.") == {"US Department of Defense"}
    assert attrib("Der Kreml äußerte sich nicht zu den Truppen.").empty  # a non-statement stays uncounted


def test_singular_angabe_and_bericht_after_nach():
    assert institutions("Nach Angabe des Pentagons stehen die Truppen an der Grenze.") == {"US Department of Defense"}
    assert institutions("Nach der jüngsten Schätzung der Nato fehlen Tausende Soldaten.") == {"NATO"}


def test_source_in_an_opening_prepositional_cue_is_not_the_subject_of_the_verb():
    a = attrib("Nach einem Bericht der Agentur Reuters soll das Pentagon die Zahlen inzwischen bestätigt haben.")
    assert set(a["institution"]) == {"Reuters", "US Department of Defense"}


def test_rede_with_a_number_and_an_agency_sign_off_on_its_own_line():
    assert institutions("Anfangs war von 2.000 Mann die Rede.") == {"unnamed reports"}
    a = attrib("Die Lage an der Front bleibt unübersichtlich.\n\nAFP/kr")
    assert a[["institution", "speech_type"]].values.tolist() == [["AFP", "credit line"]]


def test_wie_x_berichtet_in_the_present_with_an_inserted_phrase():
    a = attrib("Wie die „New York Times“ unter Berufung auf zwei Beamte, die anonym bleiben wollten, berichtet, sei die Einheit aufgelöst.")
    assert "New York Times" in set(a["institution"])


def test_genitive_state_before_an_adjective_and_agency_name_and_role_noun_inside_a_list():
    assert institutions("Das meldete Chinas staatliche Nachrichtenagentur Xinhua.") == {"Xinhua"}
    assert institutions("Die Meldung der Zeitung „Kyiv Post“ und der Nachrichtenagentur Ukrinform, dass Soldaten fehlen, bestätigte niemand.") >= {
        "Kyiv Post", "Ukrinform"}


def test_spokesperson_of_a_body_only_mentioned_before():
    a = attrib("Das Auswärtige Amt bestellte den Botschafter ein. „Das ist inakzeptabel“, sagte eine Sprecherin.")
    assert a[["sentence_id", "institution"]].values.tolist() == [[2, "German Foreign Office"]]
    a = attrib("Das Auswärtige Amt reagierte am Abend. Die Lage sei ernst, erklärte das Ministerium.")
    assert a[["sentence_id", "institution"]].values.tolist() == [[2, "German Foreign Office"]]


def test_generic_service_is_the_specific_one_only_when_the_article_names_it():
    assert institutions("Laut ukrainischem Geheimdienst sind die Soldaten abgezogen.") == {"Ukrainian intelligence (unspecified)"}
    assert institutions("Der Militärgeheimdienst HUR beobachtet die Grenze. Laut ukrainischem Geheimdienst sind die Soldaten abgezogen.") == {"HUR"}


def test_function_nouns_with_a_nationality_name_their_body():
    assert institutions("Ein ukrainischer Leutnant berichtet von schweren Gefechten.") == {"Ukrainian military"}
    assert institutions("Die Anschuldigungen seien haltlos, sagte der Vertreter Nordkoreas.") == {"North Korean leadership"}
    assert institutions("Laut US-amerikanischen Beamten ist die Brigade verlegt worden.") == {"US government"}
    assert institutions("Ein US-General erklärte, die Lage sei stabil.") == {"US Department of Defense"}


def test_former_office_holder_and_agent_of_an_attributive_participle_are_not_the_body():
    assert "South Korean government" not in institutions("Ein schlechter Deal sei das nicht, meint der ehemalige südkoreanische Botschafter Park Min-ho.")
    assert institutions("Der von Kiew kritisierte russische Botschafter hatte erklärt, die Truppen seien legal.") == {"Russian foreign ministry"}


def test_pronoun_subject_and_titled_person_opening_the_clause_are_not_the_names_after_them():
    assert attrib("Man habe dem russischen Botschafter mitgeteilt, dass die Lage ernst sei.").empty
    a = attrib("Der nepalesische Präsident Jan Kowal hatte Berichte über die Hilfe Nordkoreas als Warnsignal bezeichnet.")
    assert a[["source", "institution"]].values.tolist() == [["Jan Kowal", "uncoded"]]


def test_denial_verb_and_subject_of_a_non_denial_for_the_next_pronoun():
    assert institutions("Moskau streitet die Entsendung ab.") == {"Kremlin"}
    a = attrib("Selenskyj sagte, die Lage sei ernst. Putin streitet das nicht einmal ab. „Das geht niemanden etwas an“, sagt er.")
    assert a[["sentence_id", "source"]].values.tolist() == [[1, "Wolodymyr Selenskyj"], [3, "Wladimir Putin"]]


def test_earlier_hiess_es_is_unnamed_reports_not_the_source_before():
    a = attrib("Das Pentagon sprach von 10.000 Soldaten. Zunächst hieß es, die Truppen würden nur ausgebildet.")
    assert a[["sentence_id", "institution"]].values.tolist() == [[1, "US Department of Defense"], [2, "unnamed reports"]]


def test_stance_verbs_sagen_after_a_comma_and_rechnen_mit():
    assert institutions("Die Verluste seien hoch, sagen westliche Sicherheitskreise.") == {"unnamed intelligence"}
    assert institutions("Kiew rechnet mit weiteren Angriffen.") == {"Ukrainian government"}


def test_elided_noun_in_a_coordinated_adjective_list_and_origin_of_information():
    a = attrib("Die Informationen stammen vom ukrainischen und vom südkoreanischen Geheimdienst.")
    assert set(a["institution"]) == {"Ukrainian intelligence (unspecified)", "NIS"}
    assert institutions("Die Quelle der Zahlen ist das Pentagon.") == {"US Department of Defense"}


def test_footage_names_its_originating_body_not_a_person_shown():
    assert institutions("Videos des ukrainischen Militärs zeigen zerstörte Fahrzeuge.") == {"Ukrainian military"}
    assert attrib("Bilder des Kremlchefs Putin zeigen ihn in Uniform.").empty


def test_proposal_and_hearsay_idioms():
    assert institutions("Die Bundesregierung hatte weitere Sanktionen ins Gespräch gebracht.") == {"German government"}
    assert institutions("Seit Tagen hört man von Verlusten an der Front.") == {"unnamed reports"}


def test_person_outside_the_codebook_speaks_for_the_body_of_the_apposition():
    a = attrib("Mirko Balan, Sprecher des ukrainischen Generalstabs, sagte, die Brücke sei zerstört. Balan betonte, man halte die Stellung.")
    assert a[["sentence_id", "source", "institution"]].values.tolist() == [
        [1, "Mirko Balan", "Ukrainian military"], [2, "Mirko Balan", "Ukrainian military"]]
    assert institutions("Laut Mirko Balan, einem Sprecher des Pentagons, ist die Lage ruhig.") == {"US Department of Defense"}
    assert attrib("Selenskyj traf Rutte, den Generalsekretär der Nato, in Brüssel.").empty


def test_unconfirmed_claim_in_the_passive_cites_no_one():
    assert attrib("Die Angaben der ukrainischen Armee sind bislang nicht unabhängig bestätigt.").empty


def test_body_after_a_preposition_of_topic_is_spoken_about():
    assert institutions("Nach Berichten über ukrainische Truppen in Kursk sagte Putin, man werde reagieren.") == {"Kremlin"}
    assert institutions("Der frühere Nato-Generalsekretär Stoltenberg warnte vor Russland.") == {"NATO"}  # a named person stays himself


def test_coordinated_adjectives_over_one_head_name_one_source_each():
    assert institutions("Amerikanische, ukrainische und südkoreanische Geheimdienste berichten, dass die Truppen verlegt werden.") == {
        "US intelligence", "Ukrainian intelligence (unspecified)", "NIS"}
    assert institutions("Westliche Geheimdienste berichten, dass die Truppen verlegt werden.") == {"unnamed intelligence"}


def test_compound_of_body_and_information_names_the_body():
    assert institutions("Ukrainischen und südkoreanischen Regierungsangaben zufolge sind die Einheiten in Kursk.") == {
        "Ukrainian government", "South Korean government"}
    assert institutions("Nach ukrainischen Geheimdienstinformationen kämpfen die Einheiten bereits.") == {"Ukrainian intelligence (unspecified)"}
    assert institutions("Nach US-Angaben sind die Einheiten bereits in Kursk.") == {"US government"}


def test_compound_ellipsis_and_places_after_aus_or_in_the_genitive():
    assert institutions("Nach Angaben von Regierungs- und Geheimdienstquellen aus Südkorea und den USA sind die Einheiten verlegt.") == {
        "South Korean government", "NIS", "US government", "US intelligence"}
    assert institutions("Regierungen und Militärs der Ukraine und Südkoreas warnen vor einer Ausweitung des Krieges.") == {
        "Ukrainian government", "Ukrainian military", "South Korean government", "South Korean military"}
    assert attrib("Die Angehörigen der Soldaten aus Nordkorea und Russland trauern.").empty


def test_report_verbs_hinweisen_and_angeben():
    assert institutions("Südkoreanische Geheimdienste weisen darauf hin, dass die Verluste steigen.") == {"NIS"}
    assert institutions("Südkorea und die Ukraine gaben an, dass die Einheiten verlegt wurden.") == {"South Korean government", "Ukrainian government"}
    assert institutions("Selenskyj befürchtet einen baldigen Einsatz der Einheiten.") == {"Ukrainian presidency"}
    assert institutions("Die Einheiten seien erschöpft, behaupten westliche Medien.") == {"unnamed reports"}
    assert institutions("War zunächst von 3.000 die Rede, so sind es nun mehr.") == {"unnamed reports"}


def test_countries_listed_in_apposition_to_the_subject():
    assert institutions("Beide Staaten, Nordkorea und Russland, dementieren die Berichte über die Verlegung.") == {
        "North Korean leadership", "Kremlin"}


def test_person_in_apposition_after_a_genitive_state_speaks():
    assert institutions("Die Lage sei ernst, sagte der Sicherheitsberater Südkoreas, Shin Won-sik.") == {"South Korean presidency"}


def test_coordinated_clause_with_a_subject_of_its_own():
    assert institutions("Die Einheiten sind verlegt, wie der Geheimdienst NIS mitteilte und die Agentur Reuters berichtet.") == {"NIS", "Reuters"}


def test_dative_object_and_quoted_title_are_no_subjects():
    assert "North Korean leadership" not in institutions("Der Westen wirft dem isolierten Nordkorea seit Jahren vor, Munition zu liefern.")
    assert "Kremlin" not in institutions("Die «Neue Zeitung» kommentiert die Berichte über Russlands Krieg.")


def test_gapped_verb_after_a_determiner_and_concern_in_a_subordinate_clause():
    assert institutions("Austin sprach von einem Problem, der Nato-Generalsekretär Rutte von einer Eskalation.") == {
        "US Department of Defense", "NATO"}
    assert institutions("Man hört, dass Lloyd Austin besorgt ist.") >= {"US Department of Defense"}


def test_genitive_plural_without_article_names_who_reports():
    assert institutions("Laut Berichten ukrainischer Ermittler sind die Gefangenen erschöpft.") == {"Ukrainian government"}


def test_participle_after_an_embedded_clause_keeps_the_subject_before_the_auxiliary():
    assert institutions("Russland und Nordkorea haben die Vorwürfe, ihre Soldaten kämpften in Kursk, entschieden zurückgewiesen.") == {
        "Kremlin", "North Korean leadership"}


def test_named_examples_of_a_plural_source_are_the_sources():
    assert institutions("Mehrere Agenturen, darunter Yonhap und Reuters, meldeten hohe Verluste.") == {"Yonhap", "Reuters"}
    assert institutions("Nach Angaben mehrerer Medien, darunter CNN und die BBC, sind Hunderte gefallen.") == {"CNN", "BBC"}


def test_reports_named_as_origin_of_a_claim_are_unnamed_reports():
    assert institutions("Meldungen, wonach Pjöngjang weitere Einheiten schicke, reißen nicht ab.") == {"unnamed reports"}
    assert institutions("Er stützt sich auf Berichte des ukrainischen Generalstabs, laut denen die Einheit aufgerieben wurde.") == {
        "Ukrainian military"}


def test_intelligence_findings_as_subject_of_pointing_verbs():
    assert institutions("Ukrainische Geheimdiensterkenntnisse deuten auf einen baldigen Einsatz hin.") >= {"Ukrainian intelligence (unspecified)"}
    assert institutions("Britische Geheimdienstberichte zeigen, dass die Einheiten verlegt wurden.") != set()
    assert attrib("Alles deutet darauf hin, dass die Einheiten verlegt wurden.").empty


def test_plural_present_speech_verb_after_its_subject():
    assert institutions("Militärbeobachter erklären, die Brigade sei schlecht ausgerüstet.") == {"unnamed experts"}
    assert attrib("Dazu kann man nichts sagen, heißt es in Medienberichten.")["institution"].tolist() == ["unnamed reports"]


def test_uncoded_name_before_the_verb_is_the_subject_not_the_object():
    assert "Kremlin" not in institutions("Choe lobt den russischen Präsidenten als treuen Freund.")
    assert institutions("Später bestätigte das Pentagon den Bericht.") == {"US Department of Defense"}


def test_claim_noun_with_a_genitive_source_before_its_content():
    assert institutions("Die Angaben Kiews, wonach die Brigade aufgerieben sei, lassen sich nicht prüfen.") == {"Ukrainian government"}
    assert institutions("Die Behauptung des Kremls, dass keine Ausländer kämpften, gilt als widerlegt.") == {"Kremlin"}


def test_stated_alarm_and_accumulating_reports():
    assert institutions("Berlin und London schlagen wegen der Truppen Alarm.") == {"German government", "UK government"}
    assert institutions("Die Meldungen über Deserteure mehren sich.") == {"unnamed reports"}


def test_findings_that_revealed_something_name_their_source():
    assert institutions("Ukrainische Geheimdiensterkenntnisse haben ergeben, dass die Brigade verlegt wurde.") == {
        "Ukrainian intelligence (unspecified)"}


def test_a_list_with_attributive_adjectives_and_a_plural_role_noun():
    assert institutions("Mehrere Quellen, darunter die Agenturen AFP, CNN und die südkoreanische Agentur Yonhap, melden Verluste.") == {
        "AFP", "CNN", "Yonhap"}


def test_pronominal_adverb_opening_a_clause_is_no_name():
    assert attrib("Darauf deuten Aufzeichnungen hin, die gefunden wurden.").empty


def test_possessive_intelligence_service_is_that_of_the_country_named_last():
    assert institutions("Südkorea stützt sich auf seinen Geheimdienst.") == {"NIS"}
    assert institutions("Die USA berufen sich auf ihre Geheimdienste.") == {"US intelligence"}
    assert attrib("Er und sein Geheimdienst schweigen.").empty
    assert institutions("Ein US-Beamter sagte, die Lage sei ernst. Die Ukraine stützt sich auf ihre Geheimdienste.") == {
        "US government", "Ukrainian intelligence (unspecified)"}
    assert institutions("Das Pentagon warnte. Südkoreanische Politiker verwiesen auf den Geheimdienst ihres Landes.") == {
        "US Department of Defense", "NIS"}
    assert "NIS" not in institutions("Südkoreanische Medien schreiben, die Ukraine stütze sich auf ihre Geheimdienste.")


def test_passive_cue_names_its_agent_or_no_one():
    assert institutions("Die Zahl wurde vom ukrainischen Militärgeheimdienst bestätigt.") == {"HUR"}
    assert institutions("In einem Artikel der «New York Times» wird behauptet, die Truppen seien abgezogen.") == {"New York Times"}
    assert attrib("In den Briefen wird die Treue zu Kim Jong Un betont.").empty


def test_pronoun_subject_leaves_no_speaker_among_the_objects():
    assert attrib("Man zeigte sich besorgt über die Meldungen und äußerte Kritik an Moskau.").empty


def test_finite_verb_between_a_prepositional_cue_and_a_name_ends_the_slot():
    assert "North Korean leadership" not in institutions("Laut einer neuen Einschätzung will Nordkorea weitere Soldaten schicken.")


def test_agent_after_a_named_source_is_not_a_second_source():
    assert institutions("Nach Angaben des Pentagons werden die Soldaten von Russland an der Front eingesetzt.") == {"US Department of Defense"}


def test_coordinated_states_before_a_headline_colon_label_a_topic():
    assert attrib("Russland und Nordkorea: Eine Allianz mit Folgen").empty


def test_document_and_negated_commission_are_no_sources():
    assert "unnamed reports" not in institutions("«Kämpft bis zuletzt», heißt es in einem Propagandalied.")
    assert "UN" not in institutions("Das Team komme nicht im Auftrag der UNO, sagte der Sprecher.")
    assert institutions("Der Geheimdienst Südkoreas bestätigte die Gefangennahme.") == {"NIS"}


def test_announcements_and_statements_issued():
    assert institutions("Präsident Selenskyj gab am Abend bekannt, dass zwei Soldaten gefangen seien.") == {"Ukrainian presidency"}
    assert institutions("Kremlchef Putin gab eine Erklärung ab, in der er den Verbündeten dankte.") == {"Kremlin"}
    assert institutions("Schätzungen des südkoreanischen Geheimdienstes legen dar, dass 300 Soldaten fielen.") == {"NIS"}


def test_officials_named_by_country_adjective_and_the_dprk():
    assert institutions("Ein südkoreanischer Vertreter bestätigte den Abzug.") == {"South Korean government"}
    assert institutions("Die DVRK hat die Entsendung erstmals bestätigt.") == {"North Korean leadership"}


def test_subject_after_the_verb_outweighs_names_in_an_opening_adverbial():
    assert "NATO" not in institutions("Bei einem Treffen im Hauptquartier der NATO berichtete der Gesandte Japans, dass er Belege habe.")
    assert "Kremlin" not in institutions("Die Berichte über den Krieg von Kremlchef Putin würden vom Lagezentrum bestätigt.")


def test_who_shows_footage_is_its_source():
    assert institutions("Die Ukraine zeigte am Montag Videos von gefangenen Soldaten.") == {"Ukrainian government"}
    assert attrib("Die Bilder zeigen Kim bei den Truppen.").empty


def test_focus_particle_before_the_subject_is_no_adverbial_opener():
    assert institutions("Auch das Pentagon und Generalsekretär Rutte bestätigten den Einsatz der Truppen.") == {"US Department of Defense", "NATO"}
    assert institutions("Sogar der Kreml räumte die Verluste ein.") == {"Kremlin"}
    assert institutions("Auch meldete das Pentagon neue Zahlen.") == {"US Department of Defense"}


def test_claim_nouns_naming_their_origin_without_a_that_clause():
    assert institutions("Das widerspricht den Behauptungen aus Moskau über die Front.") == {"Kremlin"}
    assert institutions("Ein Bericht aus südkoreanischen Regierungskreisen nennt 300 Tote.") == {"South Korean government"}
    assert institutions("Die Darstellung des ukrainischen Militärgeheimdienstes lässt sich nicht prüfen.") == {"HUR"}
    assert institutions("Die Erkenntnisse Seouls und Kiews decken sich weitgehend.") == {"South Korean government", "Ukrainian government"}
    assert attrib("Die Einschätzung der Lage an der Front durch Nordkorea bleibt unklar.").empty
    assert attrib("Das deckt sich mit Informationen aus der Ukraine.").empty  # a state with its article: anyone there
    assert "Kremlin" not in institutions("Pjöngjang hilft laut amerikanischen Angaben Russlands Armee mit Granaten.")


def test_vague_cue_followed_by_the_body_it_comes_from():
    assert institutions("„Wir verfolgen die Lage genau“, hieß es aus dem Kreml.") == {"Kremlin"}
    rows = attrib("„Wir verfolgen die Lage genau“, hieß es aus dem Ministerium in Bern.")
    assert "unnamed reports" not in set(rows["institution"]) and list(rows["source"]) == ["Ministerium"]


def test_coordinated_places_after_in_distribute_an_information_compound():
    assert institutions("Laut Regierungsquellen in Kiew und Washington stehen die Truppen bereit.") == {"Ukrainian government", "US government"}


def test_genitive_cue_followed_by_a_verb_names_no_source():
    assert "Kremlin" not in institutions("Nach weiteren Angaben kämpften Einheiten Russlands und Nordkoreas gemeinsam.")
    assert institutions("Nach Angaben südkoreanischer Militärs kämpfen die Soldaten bereits.") == {"South Korean military"}


def test_a_genitive_state_before_an_adjective_and_a_noun_is_a_possessive():
    assert "Kremlin" not in institutions("Analysten betonen, dass das Bündnis Russlands wachsende Abhängigkeit zeigt.")
    assert institutions("Russlands neuer Verteidigungsminister erklärte, die Lage sei stabil.")  # the titled official speaks


def test_swiss_spelling_of_cues_and_names():
    assert institutions("Der Aussenminister Südkoreas äusserte sich besorgt über die Truppen.") == {"South Korean government"}
    assert institutions("«Wir sind bereit», heisst es aus Regierungskreisen.") == {"unnamed government sources"}
    # a look-behind keeps its fixed width: its "ß" is not widened to "(?:ß|ss)", the rest of the pattern is
    from analysis.sourcing import _swiss
    pattern = re.compile(_swiss("(?<=Außenministerin )Payne|Außenamt"))
    assert pattern.search("sagte Außenministerin Payne") and pattern.search("das Aussenamt")
    assert _swiss("[ßs]traße") == "[ßs]tra(?:ß|ss)e"


def test_relative_clause_naming_what_a_report_relies_on():
    got = institutions("Laut der «Washington Post», die sich auf Angaben ukrainischer und südkoreanischer Beamter stützt, fielen 200 Soldaten.")
    assert {"Washington Post", "Ukrainian government", "South Korean government"} <= got


def test_speaker_tag_after_a_passive_clause_is_no_passive():
    assert "New York Times" in institutions("Deserteure würden von den Offizieren bestraft, zitiert die «New York Times» einen Überläufer.")


def test_stated_support_security_council_and_research_group():
    assert institutions("Der Sekretär des russischen Sicherheitsrats teilte mit, die Truppen blieben.") == {"Kremlin"}
    assert institutions("Eine Forschungsgruppe hat mitgeteilt, dass Öl geliefert wurde.") == {"unnamed experts"}
    assert institutions("Der japanische Ministerpräsident drückte dem Präsidenten Selenskyj seine Unterstützung aus.")


def test_topic_reports_after_a_preposition_are_no_source():
    assert "unnamed reports" not in institutions("Die Regierung in Bern hat sich besorgt über die Berichte geäußert.")


def test_function_noun_with_its_owner_in_the_genitive_names_the_owner():
    assert institutions("Die Außenminister der G7 äußerten sich besorgt über die Lage.") == {"G7"}
    assert institutions("Der Präsident der Ukraine sagte, die Lage sei ernst.") == {"Ukrainian presidency"}
    assert institutions("Der Präsident Südkoreas warnte vor Folgen.") == {"South Korean presidency"}
    got = institutions("Selenskyj sagte, die Lage sei ernst. Dann beschuldigte er Nordkoreas Machthaber Kim, Soldaten zu verkaufen.")
    assert got == {"Ukrainian presidency"}  # "er" is the one speaking, not the owner after it


def test_plural_present_of_statement_verbs_but_not_the_infinitive():
    assert institutions("NATO-Außenminister verurteilen die Entsendung.") == {"NATO"}
    assert attrib("Die hohen Verluste sind kaum zu erklären.").empty


def test_media_and_states_added_to_the_codebook():
    assert institutions("Der Spiegel berichtet, dass weitere Truppen folgen.") == {"Der Spiegel"}
    assert institutions("Wie die «Zeit» schreibt, sind die Soldaten jung.") == {"Die Zeit"}
    assert institutions("Japan verurteilte die Entsendung scharf.") == {"Japanese government"}
    assert attrib("In der Welt gibt es viele Konflikte.").empty


def test_a_body_owning_a_common_noun_in_the_genitive_does_not_speak():
    assert institutions("Nach dem Gipfel fordert FDP-Politikerin Anna Beispiel eine Antwort der NATO.") <= {"uncoded"}
    assert institutions("Ein Mitglied des ukrainischen Generalstabs bestätigte die Ankunft.") == {"Ukrainian military"}
    assert institutions("Laut des US-Verteidigungsministeriums sind die Soldaten eingetroffen.") == {"US Department of Defense"}


def test_member_states_of_a_body_speak_for_it():
    assert institutions("Die EU-Staaten warnten Pjöngjang vor weiteren Schritten.") == {"EU"}


def test_former_office_holder_speaks_for_himself():
    assert "NATO" not in institutions("Der frühere Nato-Generalsekretär, Jens Stoltenberg, äußerte sich besorgt.")
    assert institutions("Nato-Generalsekretär Mark Rutte äußerte sich besorgt.") == {"NATO"}


def test_relative_pronoun_cites_its_antecedent():
    assert institutions("Am Abend meldete sich Generalsekretär Rutte zu Wort, der erklärte, die Lage sei ernst.") == {"NATO"}


def test_agent_opening_a_passive_clause_and_estimates_from_a_capital():
    assert institutions("Von Seiten des südkoreanischen Geheimdienstes wird geschätzt, dass 300 Soldaten fielen.") == {"NIS"}
    assert institutions("Rund 500 Soldaten wurden nach Schätzungen aus Kiew verwundet.") == {"Ukrainian government"}


def test_state_label_before_a_named_subject_in_a_headline():
    t = textstat_attributions(segment_text("Russland: Putin und die Parade der Veteranen\n\nDer Text nennt keine Quelle.", article_id="x"))
    assert t.empty


def test_authorities_and_western_services_by_adjective():
    assert institutions("Südkoreanische Stellen meldeten am Montag neue Zahlen.") == {"South Korean government"}
    assert institutions("Westliche Nachrichtendienste gehen davon aus, dass die Truppen bleiben.") == {"unnamed intelligence"}


def test_a_clause_after_a_report_verb_has_its_own_subject():
    got = institutions("Später meldete die Agentur Yonhap, der südkoreanische Geheimdienst habe den Tod bestätigt.")
    assert got == {"Yonhap", "NIS"}


def test_verb_sharing_the_subject_of_the_clause_before():
    assert institutions("Am Dienstag trat Generalsekretär Rutte vor die Presse, erklärte, dass Truppen dort seien.") == {"NATO"}


def test_former_office_holder_with_ex_prefix_and_vague_talk_of_figures():
    assert "NATO" not in institutions("Das sei ernst, sagte der Ex-Nato-Generalsekretär am Rande.")
    assert institutions("Zuletzt wurde von bis zu 10 000 Soldaten gesprochen.") == {"unnamed reports"}


def test_sources_coordinated_with_wie():
    assert institutions("Nach Angaben der Ukraine wie der USA kämpfen die Soldaten bereits.") == {"Ukrainian government", "US government"}


def test_hiess_es_with_its_origin_before_it():
    assert institutions("Aus Moskau hieß es, die Meldungen seien erfunden.") == {"Kremlin"}
    assert institutions("Wie es aus dem Präsidialamt in Seoul hieß, wird eine Lieferung geprüft.") == {"South Korean presidency"}
    assert "Kremlin" not in institutions("Die Munition kam aus Russland, hieß es.")


def test_more_claim_nouns_after_nach_and_report_documents():
    assert institutions("Nach Auskunft des ukrainischen Generalstabs sind 200 Soldaten gefallen.") == {"Ukrainian military"}
    assert institutions("Nach den Worten von Präsident Selenskyj sind die Verluste hoch.") == {"Ukrainian presidency"}
    assert institutions("Dies gehe aus Geheimdienstberichten hervor.") == {"unnamed intelligence"}
    assert institutions("Der Nationale Sicherheitsrat der USA teilte mit, die Truppen seien dort.") == {"US government"}


def test_admissions_pledges_praise_and_interpretations():
    assert institutions("Offiziell eingeräumt haben Pjöngjang und Moskau den Einsatz erst spät.") == {"North Korean leadership", "Kremlin"}
    assert institutions("Während der Feier räumte Kim ein, dass Soldaten gefallen seien.") == {"North Korean leadership"}
    assert institutions("Russland deutet den Vorstoß als Angriff auf sein Territorium.") == {"Kremlin"}


def test_concern_far_from_its_verb_and_vague_suspicion():
    assert institutions("Die USA zeigten sich über das Eingeständnis der Beteiligung an dem Krieg sehr besorgt.") == {"US government"}
    assert institutions("Vermutet wird, dass Pjöngjang Geld erhält.") == {"unnamed reports"}
    assert attrib("Der Wagen wurde von der Polizei vermutet.").empty


def test_place_after_nach_angaben_aus_speaks_and_coordinated_owners():
    assert institutions("Nach Angaben aus Kiew hält die ukrainische Armee noch einen Brückenkopf.") == {"Ukrainian government"}
    assert institutions("Die Geheimdienste Südkoreas und der Ukraine befürchten einen Einsatz.") == {"NIS", "Ukrainian intelligence (unspecified)"}
    assert institutions("Die Berichte erwähnten das Dementi aus Pjöngjang und Moskau.") == {"North Korean leadership", "Kremlin"}


def test_passive_agent_in_a_subordinate_clause():
    assert institutions("Die Armee meldete einen Sieg, was umgehend von Kiew bestritten wurde.") >= {"Ukrainian government"}
    assert "US government" not in institutions("Die Einheit, die von der in den USA erscheinenden Plattform als Elite bezeichnet wird, kämpft.")


def test_unnamed_diplomats_but_not_ones_referred_back_to():
    assert institutions("Die Lage bleibt laut Diplomaten angespannt.") == {"unnamed government sources"}
    assert "unnamed government sources" not in institutions("Die Diplomaten betonten, dass Soldaten dort sind.")


def test_claims_of_coordinated_services_and_who_spread_them():
    assert institutions("Das sind bisher nur Einschätzungen der südkoreanischen und ukrainischen Geheimdienste.") == {"NIS", "Ukrainian intelligence (unspecified)"}
    assert institutions("Im Netz kursieren vom ukrainischen Militärgeheimdienst verbreitete Videos.") == {"HUR"}
    assert institutions("Denkfabriken warnen, die Truppen seien gut ausgebildet.") == {"unnamed experts"}


def test_besides_one_source_another_speaks():
    got = institutions("Neben Generalsekretär Rutte spricht auch das Auswärtige Amt von einer Eskalation.")
    assert got == {"NATO", "German Foreign Office"}
    assert institutions("Die EU-Kommission verurteilte den Einsatz.") == {"EU"}


def test_stated_judgements_convictions_and_conclusions():
    assert institutions("Für Selenskyj ist klar, dass Pjöngjang Truppen schickt.") == {"Ukrainian presidency"}
    assert institutions("Der NIS ist überzeugt, dass weitere Soldaten folgen.") == {"NIS"}
    assert institutions("Das Pentagon hält einen Einsatz an der Front für wahrscheinlich.") == {"US Department of Defense"}
    assert institutions("Washington sieht darin eine gefährliche Entwicklung.") == {"US government"}
    assert institutions("Das ISW kommt zu dem Schluss, dass die Soldaten schlecht ausgerüstet sind.") == {"ISW"}
    assert institutions("Das Pentagon schließt nicht aus, dass weitere Truppen folgen.") == {"US Department of Defense"}
    assert attrib("Die Armee hielt die Stellung für Tage.").empty


def test_a_state_in_the_genitive_after_its_noun_is_no_speaker():
    got = institutions("Der Sicherheitsrat in Seoul sieht in der Entsendung Nordkoreas eine Bedrohung und hat Schritte angekündigt.")
    assert "North Korean leadership" not in got
    assert institutions("Die Angaben Kiews decken sich mit denen der NATO.") >= {"Ukrainian government"}


def test_place_after_a_sentence_initial_preposition_and_estimates_of_coordinated_states():
    assert institutions("In Berlin bestellte das Auswärtige Amt den Gesandten ein und warnte vor Folgen.") == {"German Foreign Office"}
    assert institutions("Nach Angaben der USA und Südkoreas sind die Soldaten dort.") == {"US government", "South Korean government"}
    assert institutions("Nach Schätzungen Südkoreas und der USA sind 300 Soldaten gefallen.") == {"South Korean government", "US government"}


def test_rumours_that_there_had_been_and_a_stated_figure():
    assert institutions("Seit Tagen hatte es Gerüchte gegeben, dass Soldaten kommen.") == {"unnamed reports"}
    assert institutions("Selenskyj hatte angegeben, dass bald Soldaten kommen.") == {"Ukrainian presidency"}
    assert attrib("Soldaten, die im Auftrag Russlands kämpfen, haben Internet.").empty
    assert institutions("Das bestätigte die Zeitung “Bild“ am Montag.") == {"Bild"}


def test_grief_and_a_body_named_after_beim():
    assert institutions("Kim Jong Un trauert um gefallene Soldaten.") == {"North Korean leadership"}
    assert institutions("Das sei ernst zu nehmen, heißt es beim ECFR.") == {"European Council on Foreign Relations"}
    assert institutions("Laut einer Studie des Kieler Instituts für Weltwirtschaft sind die Lieferungen gering.") == {"Kiel Institute"}


def test_sources_named_inside_a_quotation():
    got = institutions("„Berichten zufolge sind schon Hunderte gefallen“, sagte der Abgeordnete Lee.")
    assert "unnamed reports" in got
    got = institutions("„Die Soldaten sind in Kursk, sagten südkoreanische Beamte“, schreibt die Washington Post.")
    assert got >= {"Washington Post", "South Korean government"}
    # a speaking verb with a condition or an object inside a quotation names no source
    assert "unnamed reports" not in institutions("„Sollten sich diese Berichte bestätigen, wäre das ein Völkerrechtsbruch“, sagte Rutte.")


def test_hiess_es_from_circles_a_side_and_a_capital():
    assert institutions("In diplomatischen Kreisen heißt es, China sei verärgert.") == {"unnamed government sources"}
    # participants of a summit or talks named only as circles (codebook aliases, round 16)
    assert institutions("Nach Angaben aus Teilnehmerkreisen wollte Ungarn den Beschluss blockieren.") == {"unnamed government sources"}
    assert institutions("Wie aus Gipfelkreisen verlautete, ist eine Einigung nah.") == {"unnamed government sources"}
    assert institutions("Seitens der Nato hieß es, man beobachte die Lage.") == {"NATO"}
    assert institutions("Von südkoreanischer Seite hieß es, die Zahl sei höher.") == {"South Korean government"}
    assert institutions("In Moskau hieß es, es gebe keine Soldaten.") == {"Kremlin"}
    # a document without its holder: the article names the holder elsewhere (round 16: coders never code unnamed reports)
    assert institutions("In einer Erklärung hieß es, man sei besorgt.") == set()


def test_research_of_a_medium_and_rumours():
    assert institutions("Nach Recherchen der ARD sind die Soldaten in Kursk.") == {"ARD"}
    assert institutions("Das ergab eine Recherche des Guardian.") == {"The Guardian"}
    assert institutions("Gerüchten zufolge sind die Soldaten im Einsatz.") == {"unnamed reports"}
    assert institutions("Es gibt Gerüchte über einen Einsatz an der Front.") == {"unnamed reports"}
    assert attrib("Es gibt keine Hinweise auf einen Einsatz.").empty
    # a fear is nobody's information (the 71st revision: most coders leave it uncoded)
    assert institutions("Es wird befürchtet, dass der Krieg eskaliert.") == set()


def test_ambassadors_to_the_un_speak_for_their_state():
    assert institutions("Südkoreas UN-Botschafter sagte, das sei illegal.") == {"South Korean government"}
    assert institutions("Nordkoreas UN-Botschafter wies die Berichte zurück.") == {"North Korean leadership"}


def test_bodies_added_to_the_codebook():
    assert institutions("Das ukrainische Präsidialamt teilte mit, die Soldaten seien eingetroffen.") == {"Ukrainian presidency"}
    assert institutions("Nach Einschätzung britischer Geheimdienste kämpfen sie bereits.") == {"UK intelligence (unspecified)"}
    assert institutions("Der britische Militärgeheimdienst schreibt, sie seien im Einsatz.") == {"UK defence ministry"}
    assert institutions("Nach Kreml-Angaben gibt es keine Soldaten.") == {"Kremlin"}
    assert institutions("Das russische Staatsfernsehen zeigte Bilder des Treffens.") == {"unnamed reports"}
    assert attrib("Die Kreml-Propaganda schweigt.").empty


def test_figures_put_by_a_source_calls_reactions_and_published_footage():
    assert institutions("Die Zahl der Soldaten beziffert der NIS auf 10.000.") == {"NIS"}
    assert institutions("Selenskyj rief die Verbündeten auf, zu reagieren.") == {"Ukrainian presidency"}
    assert institutions("Blinken sprach sich für Konsequenzen aus.") == {"US government"}
    assert institutions("Pjöngjang reagierte empört.") == {"North Korean leadership"}
    assert institutions("Ein von der ukrainischen Armee veröffentlichtes Video zeigt Soldaten.") == {"Ukrainian military"}
    assert "Ukrainian government" not in institutions("Im Kommentar der von der Ukraine veröffentlichten Videos sagte Lee, sie seien verwundet.")


def test_function_noun_with_a_country_adjective_names_that_state_holder():
    assert institutions("Der ukrainische Außenminister sagte, die Lage sei ernst.") == {"Ukrainian foreign ministry"}
    assert institutions("Der US-Verteidigungsminister sagte, die Lage sei ernst.") == {"US Department of Defense"}
    assert institutions("Der amerikanische Präsident sagte, die Lage sei ernst.") == {"US government"}
    assert institutions("Der chinesische Präsident sagte, die Lage sei ernst.") == {"Chinese government"}  # no holder coded: the state
    assert institutions("Der Bundeskanzler sagte, die Lage sei ernst.") == {"German government"}
    # a name in apposition wins, and a former holder speaks for no state
    assert institutions("Der amerikanische Aussenminister Lloyd Austin sagte, die Lage sei ernst.") == {"US Department of Defense"}
    assert "Ukrainian foreign ministry" not in institutions("Der ehemalige ukrainische Außenminister sagte, die Lage sei ernst.")


def test_speaker_and_colon_before_a_quotation_in_running_text():
    assert institutions("Peskow: „Das ist eine Lüge, die der Westen verbreitet.“") == {"Kremlin"}
    assert attrib("Selenskyj: Nordkorea schickt weitere Soldaten.").empty


def test_more_verbs_of_saying_judging_and_conceding():
    for verb in ["hob Rutte hervor", "erläuterte Rutte", "beklagte Rutte", "beteuerte Rutte", "stellte Rutte klar", "gab Rutte zu",
                 "gestand Rutte", "vermutete Rutte", "prognostizierte Rutte", "argumentierte Rutte", "verkündete Rutte",
                 "bemängelte Rutte", "bezweifelte Rutte", "signalisierte Rutte", "schilderte Rutte", "konstatierte Rutte"]:
        assert institutions(f"Die Lage sei ernst, {verb}.") == {"NATO"}, verb
    assert institutions("Rutte erinnerte daran, dass die Lage ernst sei.") == {"NATO"}
    assert attrib("Die Lage erinnert an den Koreakrieg.").empty


def test_reporting_is_no_report_and_a_bare_name_is_the_person_cited_last():
    assert "unnamed reports" not in institutions("Bei einer Berichterstattung vor dem Parlament sagte der NIS, die Lage sei ernst.")
    got = attrib("Es sei wahrscheinlich, sagte Südkoreas Verteidigungsminister Kim Yong-hyun am Dienstag. "
                 "Die Abkommen ähnelten einem Militärpakt, erläuterte Kim.")
    assert set(got["institution"]) == {"South Korean defence ministry"}


def test_us_bodies_are_bodies_and_quoting_passives_cite_their_subject():
    assert institutions("Ein Sprecher des US-Außenministeriums bestätigte die Berichte.") == {"US government"}
    assert institutions("Eine Sprecherin des Weißen Hauses sagte, man sei besorgt.") == {"US government"}
    assert institutions("Rutte wird mit den Worten zitiert, die Lage sei ernst.") == {"NATO"}
    assert institutions("Die Abgeordneten wurden vom NIS unterrichtet.") == {"NIS"}
    assert institutions("Chinas Außenministerium teilte mit, man wisse nichts davon.") == {"Chinese foreign ministry"}
    assert institutions("Das Außenministerium in Seoul teilte mit, die Soldaten seien in Kursk.") == {"South Korean government"}


def test_a_body_in_its_own_document_and_by_its_own_account():
    assert institutions("In einer Mitteilung des NIS hieß es, die Soldaten seien in Kursk.") == {"NIS"}
    assert institutions("Im jüngsten Lagebericht des ISW heißt es, die Soldaten seien in Kursk.") == {"ISW"}
    assert institutions("In dem Bericht hieß es, man sei besorgt.") == set()
    assert institutions("Nach eigenen Angaben haben die ukrainischen Streitkräfte Nordkoreaner gefangen genommen.") == {"Ukrainian military"}
    assert institutions("Eigenen Angaben zufolge hat der NIS die Soldaten gezählt.") == {"NIS"}
    assert institutions("Die Analysten des ISW schreiben, die Soldaten seien in Kursk.") == {"ISW"}


def test_bodies_named_by_their_seat_and_the_ukrainian_security_service():
    assert institutions("Einer Mitteilung des Außenministeriums in Kiew zufolge sind sie in Kursk.") == {"Ukrainian foreign ministry"}
    assert institutions("Der Generalstab in Kiew meldete, die Soldaten seien in Kursk.") == {"Ukrainian military"}
    assert institutions("Laut SBU sind die Soldaten in Kursk.") == {"SBU"}
    assert institutions("Der südkoreanische Auslandsgeheimdienst sagte, die Soldaten seien in Kursk.") == {"NIS"}


def test_unnamed_media_and_media_added_to_the_codebook():
    assert institutions("Wie Medien berichten, sind die Soldaten schlecht ausgebildet.") == {"unnamed reports"}
    assert institutions("Lokale Medien berichteten von Explosionen.") == {"unnamed reports"}
    assert institutions("Das Investigativportal „The Insider“ berichtet, die Soldaten seien in Kursk.") == {"The Insider"}
    assert institutions("Die japanische Zeitung „Yomiuri“ berichtete, die Soldaten seien in Kursk.") == {"Yomiuri Shimbun"}
    assert institutions("Die Agentur Unian meldet, die Soldaten seien in Kursk.") == {"UNIAN"}


def test_state_label_over_a_claim_with_a_verb_speaks():
    got = attrib("Südkorea: Nordkorea schickt 1500 Soldaten nach Russland\n\nDer Geheimdienst NIS teilte das am Freitag mit.")
    assert set(got["institution"]) == {"South Korean government", "NIS"}
    # a state's bare name over a text that cites no body of that state labels the topic; its capital still speaks
    assert attrib("Russland: Fronteinsatz statt Haft für Häftlinge\n\nDie Organisation Memorial erklärte, die Männer "
                  "würden an die Front geschickt.")["institution"].tolist() == ["Memorial"]
    assert attrib("Polen: Soldaten dürfen bald schießen\n\nDas beschloss das Parlament am Freitag.").empty
    assert set(attrib("Moskau: Kiew greift Dörfer mit Drohnen an\n\nDie Organisation Memorial erklärte, die Männer würden "
                      "an die Front geschickt.")["institution"]) == {"Kremlin", "Memorial"}
    assert attrib("Nordkorea: Kim Jong Un und die Trauershow\n\nDer Text beginnt ohne Quelle.").empty


def test_speaker_tag_after_an_infinitive_clause_and_a_state_before_a_pronoun():
    got = institutions("Das sei schwer, weil Russland versuche, die Verluste zu verbergen, sagte Selenskyj.")
    assert got == {"Ukrainian presidency"}
    assert institutions("Nach Angaben des Westens und Südkoreas haben sie Verluste erlitten.") == {
        "Western estimates (unspecified)", "South Korean government"}
    assert institutions("Westliche Länder gehen seit Längerem davon aus, dass sie kämpfen.") == {"Western estimates (unspecified)"}


def test_his_countrys_service_is_a_states_and_party_bodies_of_north_korea():
    got = institutions("Yoon soll beim Gespräch mit Rutte unter Berufung auf Erkenntnisse des Geheimdienstes seines Landes "
                       "gesagt haben, dass die Soldaten in Kursk seien.")
    assert "NIS" in got
    assert institutions("Die Zentrale Militärkommission der Partei der Arbeit Koreas schätzte die Taten der Truppen hoch.") == {
        "North Korean leadership"}


def test_sources_close_to_a_body_diplomats_at_the_un_and_reports_by_country():
    assert institutions("NATO-nahen Quellen zufolge sollen 11.000 Soldaten dort sein.") == {"NATO"}
    assert institutions("Nach Angaben von UN-Diplomaten ist möglich, dass sie hinter der Front eingesetzt werden.") == {
        "unnamed government sources"}
    # holderless reports by a country adjective are unnamed reports, as most out-of-sample coders code them (not the state)
    assert institutions("Mehrere hundert wurden laut ukrainischen Berichten getötet.") == {"unnamed reports"}
    assert institutions("Selenskyj teilt diese Einschätzung.") == {"Ukrainian presidency"}
    assert attrib("Die Frage nach dem Nutzen eines vermuteten Einsatzes für Nordkorea bleibt offen.").empty


def test_coordinated_verb_shares_its_subject_and_a_state_right_after_the_cue_speaks():
    assert institutions("Der NIS bestätigte die ukrainischen Meldungen und veröffentlichte Satellitenbilder.") == {"NIS"}
    assert institutions("Wie der NIS mitteilte und die Agentur Reuters berichtet, sind die Soldaten da.") == {"NIS", "Reuters"}
    got = institutions("Putin würdigte die Soldaten, die nach Angaben Moskaus an der Seite russischer Streitkräfte kämpften.")
    assert "Russian defence ministry" not in got and "Kremlin" in got


def test_briefings_interpretations_and_the_ukrainian_disinformation_centre():
    got = institutions("Nach einer Unterrichtung durch eine südkoreanische Delegation sagte Rutte, die Soldaten seien in Russland.")
    assert got == {"NATO", "South Korean government"}
    assert institutions("Beobachter werten diesen Auftritt als Botschaft an den Westen.") == {"unnamed experts"}
    assert institutions("Das Bild wurde von vielen Beobachtern als Signal gewertet.") == {"unnamed experts"}
    assert institutions("Kim Yong Hyun hatte es „hochwahrscheinlich“ genannt, dass die Berichte zuträfen.") == {"South Korean defence ministry"}
    assert institutions("Laut dem Chef des Zentrums für Desinformationsbekämpfung, Andrij Kowalenko, ist die Zahl gering.") == {
        "Ukrainian Center for Countering Disinformation"}
    assert institutions("Die Zeitung berichtete unter Berufung auf Geheimdienstquellen, die Zahl sei gering.") >= {"unnamed intelligence"}


def test_name_with_a_function_of_a_codebook_body_in_apposition():
    got = attrib("Dmytro Ponomarenko, ukrainischer Botschafter in Südkorea, teilt ähnliche Einschätzungen.")
    assert got[["source", "institution"]].values.tolist() == [["Dmytro Ponomarenko", "Ukrainian government"]]
    assert institutions("Andrij Kowalenko, Sprecher des ukrainischen Generalstabs, sagte, die Lage sei ernst.") == {
        "Ukrainian Center for Countering Disinformation"}  # a codebook person speaks for his own body


def test_media_by_their_site_name():
    assert "AP" in institutions("Darüber berichtet das Portal unter Berufung auf APnews.")
    assert "RBC-Ukraine" in institutions("Dies berichtete das ukrainische Medium RBC am 21. Oktober.")


def test_a_state_in_the_genitive_names_its_body_or_office():
    assert institutions("Russlands Verteidigungsministerium teilte mit, die Lage sei stabil.") == {"Russian defence ministry"}
    assert institutions("Südkoreas Armee meldete neue Erkenntnisse.") == {"South Korean military"}
    assert institutions("Kiews Militärgeheimdienst meldete neue Angriffe.") == {"HUR"}
    assert institutions("Seouls Geheimdienst NIS schätzt die Verluste auf 1000.") == {"NIS"}
    # a bare title in the codebook (the German government's spokesperson) is another state's office after its name
    assert institutions("Japans Regierungssprecher äußerte sich besorgt.") == {"Japanese government"}
    assert institutions("Regierungssprecher Hebestreit sagte, man sei besorgt.") == {"German government"}


def test_fronted_passive_participle_names_its_agent():
    assert institutions("Bestätigt wurde dies vom ukrainischen Generalstab.") == {"Ukrainian military"}
    assert institutions("Gemeldet wurde der Vorfall von Yonhap.") == {"Yonhap"}
    assert institutions("Bestätigt wurde die Zahl bisher nicht.") == set()


def test_speaker_tag_as_a_sentence_informing_and_an_uncoded_subject_after_a_focus_particle():
    assert institutions("So Selenskyj in seiner abendlichen Videoansprache.") == {"Ukrainian presidency"}
    assert institutions("So ist es.") == set()
    assert institutions("Der NIS informierte die Abgeordneten am Mittwoch in einer geschlossenen Sitzung.") == {"NIS"}
    assert institutions("Gut informierte Kreise berichteten von neuen Truppen.") == {"unnamed government sources"}
    got = attrib("Auch Nepals Präsident Chatschaturjan warnte vor einer Eskalation.")
    assert got[["source", "institution", "source_type"]].values.tolist() == [["Chatschaturjan", "uncoded", "government/official"]]


def test_the_isw_by_its_german_name_osint_groups_and_an_un_ambassador_of_a_state():
    assert institutions("Laut dem Institut für Kriegsstudien sind die Männer schlecht ausgebildet.") == {"ISW"}
    assert institutions("Ein Bericht des Conflict Intelligence Team legt nahe, dass die Soldaten in Kursk sind.") == {
        "Conflict Intelligence Team"}
    assert institutions("Die UN-Botschafterin der USA, Linda Thomas-Greenfield, warnte vor einer Eskalation.") == {"US government"}


def test_who_a_medium_quotes_speaks_too_and_pledges():
    assert institutions("Die Nachrichtenagentur Tass zitierte Lawrow mit den Worten, die Zusammenarbeit sei eng.") == {
        "TASS", "Russian foreign ministry"}
    assert institutions("„Die Lage ist ernst“, zitierte Yonhap den NIS.") == {"Yonhap", "NIS"}
    assert institutions("Der Sender zitierte aus einem Bericht über Russland.") <= {"uncoded"}  # a topic, not a speaker
    assert institutions("Kim sicherte Russland volle Unterstützung zu.") == {"North Korean leadership"}
    assert institutions("Die Armee sicherte sich den Zugang zu dem Dorf.") == set()
    assert institutions("Das südkoreanische Vereinigungsministerium teilte mit, man beobachte die Lage.") == {"South Korean government"}


def test_more_media_in_the_codebook_and_ambiguous_titles_only_as_titles():
    assert institutions("Wie die FAZ berichtet, sind die Soldaten in Kursk.") == {"Frankfurter Allgemeine Zeitung"}
    assert institutions("Laut der „Neuen Zürcher Zeitung“ sind die Soldaten in Kursk.") == {"Neue Zürcher Zeitung"}
    assert institutions("Wie „Der Standard“ berichtet, sind die Soldaten in Kursk.") == {"Der Standard"}
    assert institutions("Wie der Economist schreibt, profitiert Kim.") == {"The Economist"}
    assert institutions("«Watson» titelte, die Lage sei ernst.") == {"Watson (watson.ch)"}
    # the same words as common nouns name no medium
    assert institutions("Der Standard ist hoch, sagte Budanow.") == {"HUR"}
    assert institutions("Ein Blick auf die Karte zeigt die Lage.") == set()
    assert institutions("Der Stern des Regimes sinkt, sagte Budanow.") == {"HUR"}


def test_a_channel_in_the_dative_opening_the_clause():
    assert institutions("Dem Spiegel sagte Budanow, die Lage sei ernst.") == {"Der Spiegel", "HUR"}
    got = attrib("Dem „Stern“ sagte Gressel, die Lage sei ernst.")
    assert set(zip(got["source"], got["institution"])) == {("Stern", "Stern"), ("Gressel", "uncoded")}


def test_country_findings_the_state_leadership_and_a_single_claim_noun_with_its_origin():
    assert institutions("Russland hat ersten ukrainischen Erkenntnissen zufolge eine Rakete eingesetzt.") == {"Ukrainian government"}
    assert institutions("Nach Angaben der ukrainischen Staatsführung kämpfen Nordkoreaner in Russland.") == {"Ukrainian government"}
    assert institutions("Die Zahl stammt vom US-Militär.") == {"US Department of Defense"}


def test_according_to_a_person_made_clear_and_a_guessed_statement():
    assert institutions("Geht es nach Admiral Samuel Paparo, dürfte Kim profitieren.") == {"US Department of Defense"}
    assert institutions("Danach geht es nach Pjöngjang.") == set()
    assert institutions("Selenskyj machte deutlich, dass die Ukraine nicht nachgeben werde.") == {"Ukrainian presidency"}
    assert institutions("Nordkorea dürfte allerdings mehr als nur Kampfflugzeuge fordern.") == set()
    assert institutions("Putin würde das nie bestätigen, sagte Peskow.") == {"Kremlin"}


def test_trump_in_office_and_before_it():
    assert institutions("US-Präsident Trump sagte, er wolle verhandeln.") == {"US government"}
    assert institutions("Der designierte US-Präsident Donald Trump sagte, er wolle verhandeln.") == {"Donald Trump (US president-elect)"}


def test_multi_city_datelines_agency_reports_and_a_states_officials():
    assert "dpa" in institutions("NEW YORK/SEOUL (dpa-AFX) - Südkoreas Präsident warnte vor den Waffengeschäften.")
    assert institutions("Den russischen Nachrichtenagenturen zufolge ist der Vertrag unterzeichnet.") == {"unnamed reports"}
    assert institutions("Die Begrüßung fand dem Agenturbericht zufolge am Freitag statt.") == set()  # a report named before
    assert institutions("Die ukrainischen Verantwortlichen bestätigten, die Rakete sei nordkoreanisch.") == {"Ukrainian government"}
    assert institutions("Yonhap berief sich auf Regierungsbeamte in Seoul.") >= {"South Korean government"}
    assert institutions("Nach Angaben der russischen Regierung besuchte Kim am Freitag Flugzeugfabriken.") == {"Kremlin"}


def test_promises_and_an_assumption_with_a_time_between():
    assert institutions("Kim versprach Putin die bedingungslose Unterstützung.") == {"North Korean leadership"}
    assert institutions("Politische Beobachter gingen am Dienstag davon aus, dass Kim reist.") == {"unnamed experts"}


def test_doubts_remarks_officials_and_a_capitalised_cue():
    assert institutions("Viele Experten bezweifeln zwar, dass Nordkorea liefert.") == {"unnamed experts"}
    assert institutions("Und zwar als Genosse, wie Nordkoreas Staatsagentur KCNA stolz anmerkt.") == {"KCNA"}
    assert institutions("Die Koreanische Zentrale Telegrafenagentur meldete den Besuch.") == {"KCNA"}
    assert institutions("Russische Offizielle haben die Idee offen begrüßt.") == {"Kremlin"}
    assert "US intelligence" in institutions("Unter Berufung auf US-Geheimdienstinformationen berichtet die Zeitung.")
    assert institutions("Ein ukrainischer Artilleriekommandant sagte, dass die Granaten schlecht seien.") == {"Ukrainian military"}


def test_european_and_other_governments_and_german_intelligence():
    assert institutions("Frankreichs Außenminister Barrot sagte, man beobachte die Lage.") == {"French government"}
    assert institutions("Polen warnte vor einer Eskalation.") == {"Polish government"}
    assert institutions("Die Schweizer Regierung verurteilte den Einsatz.") == {"Swiss government"}
    assert institutions("Das Außenministerium in Wien erklärte, man sei besorgt.") == {"Austrian foreign ministry"}
    assert institutions("Die Regierung in Wien sagte, man sei besorgt.") == {"Austrian government"}
    assert institutions("Der Iran bestreitet, Drohnen geliefert zu haben.") == {"Iranian government"}
    assert institutions("Die Polen demonstrierten in Warschau gegen den Krieg.") == set()
    assert institutions("Nach Erkenntnissen des Bundesnachrichtendienstes sind die Soldaten in Kursk.") == {"German intelligence (BND)"}


def test_a_list_of_states_opening_with_its_article_and_a_joint_statement():
    assert institutions("Die USA, Großbritannien und Frankreich verurteilten die Lieferungen.") == {
        "US government", "UK government", "French government"}
    assert institutions("Zehn Staaten, darunter die USA, Japan und Südkorea, verurteilten in einer gemeinsamen Erklärung "
                        "die Lieferungen.") == {"US government", "Japanese government", "South Korean government"}


def test_epistemic_wie_clauses_and_present_tense_concern():
    assert institutions("Russland setzt nordkoreanische Raketen ein, wie westliche Geheimdienste vermuten.") == {"unnamed intelligence"}
    assert institutions("Russland setzt nordkoreanische Raketen ein, wie der BND annimmt.") == {"German intelligence (BND)"}
    assert institutions("Das ist nicht so einfach, wie viele glauben.") == set()
    assert institutions("Die USA und Südkorea äussern seit Wochen die Sorge, dass Nordkorea liefert.") == {
        "US government", "South Korean government"}
    assert institutions("Sie wollen ihre Sorge äußern.") == set()


def test_officials_in_a_capital_and_unnamed_western_officials():
    assert institutions("Regierungsbeamte in Washington sagten, die Soldaten würden bald kämpfen.") == {"US government"}
    assert institutions("Beamte in den USA gehen davon aus, dass die Soldaten bald kämpfen.") == {"US government"}
    assert institutions("Westliche Beamte sagten, die Soldaten seien in Kursk.") == {"unnamed government sources"}
    # a verb in Konjunktiv I ends the cue's slot: the state after it is the topic
    assert institutions("Nach Einschätzung von Beamten gehe es Moskau um Nachschub.") == set()


def test_man_in_a_capital_speaks_for_its_government():
    assert institutions("Man in Pjöngjang bestritt die Berichte.") == {"North Korean leadership"}
    assert institutions("Nordkorea soll Munition geliefert haben, was man in Pjöngjang aber dementiert hat.") == {"North Korean leadership"}
    assert institutions("In Seoul geht man davon aus, dass die Truppen bald kämpfen.") == {"South Korean government"}
    assert institutions("In der Ukraine sagte man, die Lage sei ernst.") == {"Ukrainian government"}
    assert institutions("Man habe dem russischen Botschafter mitgeteilt, dass die Lage ernst sei.") == set()


def test_an_apposition_with_a_genitive_state_and_back_references():
    assert institutions("Peking, Pjöngjangs wichtigster Verbündeter, bestätigte das Treffen.") == {"Chinese government"}
    a = attrib("Selenskyj sagte am Montag, die Lage sei ernst. Dieser machte deutlich, dass die Ukraine nicht nachgebe.")
    assert a["institution"].tolist() == ["Ukrainian presidency", "Ukrainian presidency"]
    assert institutions("Selenskyj sagte, die Lage sei ernst. Dieser Schritt sei nötig, sagte Biden.") == {"Ukrainian presidency", "US government"}
    a = attrib("Der designierte US-Präsident Donald Trump sagte, er werde verhandeln. Selenskyj sagte, die Lage sei ernst. "
               "Der frisch gewählte Präsident betonte, er habe einen Plan.")
    assert a["institution"].tolist()[-1] == "Donald Trump (US president-elect)"


def test_a_fronted_object_with_a_von_attribute_and_places_in_institution_names():
    assert institutions("Die Vorschläge von Macron wies Lawrow zurück.") == {"Russian foreign ministry"}
    assert institutions("Die Regierung von Macron wies die Berichte zurück.") == {"French government"}
    assert institutions("Peter Brandl von der Universität Graz sieht darin einen neuen Kalten Krieg.") <= {"uncoded"}
    assert institutions("Der finnische Präsident Alexander Stubb hatte die Berichte als Warnsignal bezeichnet.") == {"Finnish presidency"}
    # a clause ending in a quotation is no list item before the speaker tag
    assert institutions("Die russischen Streitkräfte hätten „Einheiten eingesetzt“, erklärte der ukrainische "
                        "Oberbefehlshaber Olexander Syrskyj.") == {"Ukrainian military"}



def test_north_korean_state_media_and_monitoring_groups():
    assert institutions("Die Parteizeitung Rodong Sinmun berichtete, Kim habe die Truppen besucht.") == {"Rodong Sinmun"}
    assert institutions("Nordkoreas Staatsfernsehen KCTV zeigte Bilder des Treffens.") == {"KCTV"}
    assert institutions("Laut einem Bericht von Conflict Armament Research stammen die Raketen aus Nordkorea.") == {"Conflict Armament Research"}
    assert institutions("Das sagte der Phoenix-Korrespondent Frank Aischmann.") == {"Phoenix"}


def test_a_states_information_after_nach_urging_and_elided_compounds():
    assert institutions("Der Angriff war nach russischen Angaben der größte seit Wochen.") == {"Kremlin"}
    assert institutions("Kiew kritisierte die russischen Angaben über die Verluste.") == {"Ukrainian government"}
    assert institutions("Eine Rakete soll nach Darstellung der Regierung in Kyjiw abgefangen worden sein.") == {"Ukrainian government"}
    assert institutions("Kiew drängt die Verbündeten zur Lieferung weiterer Waffen.") == {"Ukrainian government"}
    assert institutions("Die Zeit drängt.") == set()
    assert institutions("Ein russischer Regierungsmitarbeiter bestätigte den Angriff.") == {"Kremlin"}
    assert "EU" not in institutions("Das EU- und Nato-Land hatte mit Konsequenzen gedroht.")
    assert "EU" in institutions("EU- und Nato-Sprecher warnten vor einer Eskalation.")  # a speaking head keeps the name
    assert "dpa" in institutions("Ramstein (dpa/d.de) - Kurz vor dem Ausscheiden sagte Austin neue Hilfe zu.")


def test_accusations_raised_a_maps_verdict_and_appeals():
    assert institutions("Auch Kremlchef Wladimir Putin hatte auf einer Pressekonferenz solche Vorwürfe erhoben.") == {"Kremlin"}
    assert institutions("Kiew erhebt schwere Vorwürfe gegen Moskau.") == {"Ukrainian government"}
    assert institutions("Der ukrainische Militärblog DeepState markierte das Dorf als russisch besetzt.") == {"DeepState"}
    assert institutions("Selenskyj sagte, die Lage sei ernst. Er rief die Partner unter anderem zur Unterstützung "
                        "der Luftverteidigung auf.") == {"Ukrainian presidency"}
    assert institutions("Nach offiziellen Angaben aus Kiew wurden zwei Menschen verletzt.") == {"Ukrainian government"}


def test_er_after_a_sentence_opened_by_a_person_who_was_not_cited():
    a = attrib("Austin sagte, die Lage sei ernst. Selenskyj war nach Ramstein gekommen. Er rief die Partner zu mehr Hilfe auf.")
    assert a["institution"].tolist() == ["US Department of Defense", "Ukrainian presidency"]
    a = attrib("Austin sagte, die Lage sei ernst. Der ukrainische Präsident Selenskyj war gekommen. Er rief die Partner auf.")
    assert a["institution"].tolist()[-1] == "Ukrainian presidency"
    # a person inside the sentence is no subject; the subject serves the next sentence only
    a = attrib("Austin sagte, die Lage sei ernst. Die Soldaten von Selenskyj warten. Er rief die Partner zu mehr Hilfe auf.")
    assert a["institution"].tolist() == ["US Department of Defense", "US Department of Defense"]
    a = attrib("Austin sagte, die Lage sei ernst. Selenskyj war gekommen. Das Treffen dauerte lange. Er rief die Partner auf.")
    assert "Ukrainian presidency" not in set(a["institution"])


def test_a_passive_non_confirmation_by_its_agent_congratulations_and_claims():
    assert institutions("Von offizieller ukrainischer Seite wurde der Verlust bislang nicht bestätigt.") == {"Ukrainian government"}
    assert institutions("Der Verlust wurde von ukrainischer Seite nicht bestätigt.") == {"Ukrainian government"}
    assert institutions("Der Verlust der Stadt ist nicht bestätigt.") == set()
    assert institutions("Selenskyj gratulierte Trump zum Wahlsieg.") == {"Ukrainian presidency"}
    assert institutions("Der ukrainische Geheimdienst SBU bekannte sich zu dem Anschlag.") == {"SBU"}
    assert institutions("Der Angeklagte bekannte sich schuldig.") == set()


def test_the_2025_us_administration_and_russian_commanders():
    assert institutions("US-Verteidigungsminister Pete Hegseth sagte, eine Rückkehr zu den Grenzen sei unrealistisch.") == {"US Department of Defense"}
    assert institutions("Rubio erklärte, man wolle verhandeln.") == {"US government"}
    assert institutions("Vizepräsident JD Vance sagte in München, Europa müsse mehr tun.") == {"US government"}
    assert institutions("Laut dem Chef der strategischen Raketenstreitkräfte, Sergej Karakajew, kann die Rakete Europa erreichen.") == {"Russian defence ministry"}


def test_a_conclusion_reached_by_the_subject_after_the_verb():
    assert institutions("Zu diesem Ergebnis kommt eine Analyse von France 24.") == {"France 24"}
    assert institutions("Zu einem ähnlichen Schluss kam das ISW.") == {"ISW"}
    assert institutions("Zu diesem Ergebnis kam man nach langer Suche.") == set()


def test_posts_documented_findings_and_un_officials_by_compound():
    assert institutions("„Sie waren keine Soldaten“, twitterte der ukrainische Präsidentenberater Mychajlo Podoljak.") == {"Ukrainian presidency"}
    assert institutions("UN-Menschenrechtsexperten dokumentierten 9000 Tote.") == {"UN"}
    assert institutions("Die Kamera dokumentierte den Angriff.") == set()
    assert institutions("Der Uno-Nothilfekoordinator erklärte, die Lage sei dramatisch.") == {"UN"}
    assert institutions("Ein Nato-Experte sagte, die Lage sei ernst.") == set()  # an expert on NATO, not its official


def test_a_capitals_adjective_a_foreign_government_spokesman_and_more_names():
    assert institutions("Nach Angaben des Moskauer Verteidigungsministeriums wurden 20 Drohnen abgeschossen.") == {"Russian defence ministry"}
    assert institutions("Der US-Regierungssprecher John Kirby geht davon aus, dass es Tote gibt.") == {"US government"}
    assert institutions("Der Regierungssprecher sagte, man prüfe das.") == {"German government"}
    assert institutions("Die Regelung gelte für alle Waffen, sagte Merz beim „WDR Europaforum“ in Berlin.") == {"German government"}
    assert institutions("GRU-Mann Alexejew sagt, in Kiew werde verhandelt.") == {"Russian defence ministry"}
    assert institutions("Das unabhängige russische Medium Medusa berichtete, die Grenze sei zu.") == {"Meduza"}


def test_a_medium_after_im_or_bei_as_channel_speaking_davon_and_reporters():
    assert institutions("Die Lage sei ernst, sagte Selenskyj bei ZDFheute live.") == {"Ukrainian presidency", "ZDF"}
    assert institutions("Im ZDF sagte Selenskyj, die Lage sei ernst.") == {"Ukrainian presidency", "ZDF"}
    assert institutions("Die Regel gelte für alle, sagte Merz beim „WDR Europaforum“ in Berlin.") == {"German government"}
    assert institutions("Guterres und der türkische Präsident Erdogan, die vermittelt hatten, sprachen davon, dass "
                        "die Einigung helfe.") == {"UN", "Turkish government"}
    assert institutions("Wie die Bloomberg-Reporterin Jenny Leonard berichtet, antwortete er ausweichend.") == {"Bloomberg"}
    assert institutions("Deutschland werde mehr liefern, sagte Lambrecht.") == {"German defence ministry"}


def test_proposals_insistence_requests_and_criticism_from_states():
    assert institutions("Frankreich und Großbritannien haben vorgeschlagen, Truppen zu entsenden.") == {"French government", "UK government"}
    assert institutions("Die Ukraine hatte darauf bestanden, die Verwundeten zuerst zu retten.") == {"Ukrainian government"}
    assert institutions("Selenskyj bittet um Flugzeuge.") == {"Ukrainian presidency"}
    assert institutions("Die Bitte um Hilfe kam spät.") == set()
    assert institutions("Auch aus den USA und Italien kam scharfe Kritik an dem Angriff.") == {"US government", "Italian government"}
    assert institutions("Laut russischen Behörden kamen drei Menschen ums Leben.") == {"Kremlin"}


def test_weder_noch_the_alliance_named_before_and_the_subject_after_the_auxiliary():
    assert institutions("Weder das russische Verteidigungsministerium noch Selenskyj haben sich dazu geäußert.") == set()
    a = attrib("Die Nato tagte in Brüssel. Das Bündnis hatte am Freitag erklärt, dass es nicht eingreifen werde.")
    assert a["institution"].tolist() == ["NATO"]
    assert institutions("Bei einem Treffen mit Antony Blinken hat der ukrainische Außenminister Dmytro Kuleba um mehr "
                        "Unterstützung gebeten.") == {"Ukrainian foreign ministry"}


def test_agency_codes_in_lower_case_and_deputies_and_commanders_by_name():
    assert institutions("Washington/LONDON afp/dpa/rtr | Der Streit sorgte für Entsetzen.") == {"AFP", "dpa", "Reuters"}
    assert institutions("Die stellvertretende Verteidigungsministerin Anna Maljar sagte, die Lage sei ernst.") == {"Ukrainian defence ministry"}
    assert institutions("General Sergej Surowikin erklärte, der Rückzug sei beabsichtigt.") == {"Russian defence ministry"}
    assert institutions("Der russische Verteidigungsminister Sergej Schoigu sagte, die Truppen zögen ab.") == {"Russian defence ministry"}


def test_an_uncoded_person_speaks_for_the_body_named_after_them():
    assert institutions("Der Militärexperte Christian Mölling von der Deutschen Gesellschaft für Auswärtige Politik "
                        "sagte, die Lage sei ernst.") == {"DGAP"}
    assert institutions("Peter Brandl von der Universität Graz sieht darin einen neuen Kalten Krieg.") <= {"uncoded"}


def test_datelines_sign_offs_and_more_names_of_state_bodies():
    assert institutions("KYJIW AFP | Im Rahmen des Austauschs kamen 230 Gefangene frei.") == {"AFP"}
    assert institutions("AFP") == {"AFP"}
    assert institutions("Nach US-Militärangaben können damit 30 Ziele bekämpft werden.") == {"US Department of Defense"}
    assert institutions("Wie das US-Finanzministerium mitteilte, sei das Abkommen unterzeichnet.") == {"US government"}
    assert institutions("Die russische Militärführung hatte den Abzug verkündet.") == {"Russian defence ministry"}
    assert institutions("Westliche Staaten verurteilten die Angriffe scharf.") == {"unnamed government sources"}
    assert institutions("Kiews Bürgermeister Vitali Klitschko kündigte an, Wärmestuben einzurichten.") == {"Kyiv city administration"}


def test_talks_are_no_statement_and_a_newspaper_after_in_der_is_the_channel():
    assert institutions("Zuvor hatten Vertreter Moskaus und Kiews über ein Ende des Krieges gesprochen.") == set()
    assert institutions("Selenskyj hatte zuvor von einem Erfolg gesprochen.") == {"Ukrainian presidency"}
    assert institutions("In der „Financial Times“ nannte Bessent Details der Einigung.") == {"US government", "Financial Times"}
    assert institutions("In der Ukraine sagte Selenskyj, die Lage sei ernst.") == {"Ukrainian presidency"}


def test_a_states_envoys_to_the_un_by_country_adjective():
    assert institutions("Die amerikanische UN-Botschafterin Linda Thomas-Greenfield sagte, Russland habe ein Krankenhaus "
                        "angegriffen.") == {"US government"}
    assert institutions("Die britische Botschafterin Barbara Woodward fügte hinzu, das sei eine Schande.") == {"UK government"}


def test_dieser_means_the_person_named_last():
    a = attrib("Putin sagte, die Lage sei gut. Bilder zeigen ihn bei Gesprächen mit Generalstabschef Waleri Gerassimow. "
               "Dieser meldete, dass Sudscha zurückerobert sei.")
    assert a["institution"].tolist() == ["Kremlin", "Russian defence ministry"]
    a = attrib("Putin sagte, die Lage sei gut. Bilder zeigen ihn bei Gesprächen mit Gerassimow. Das Treffen dauerte lange. "
               "Dieser meldete, dass Sudscha zurückerobert sei.")
    assert a["institution"].tolist() == ["Kremlin", "Kremlin"]  # the name serves the next sentence only


def test_merz_by_his_office_in_opposition_and_as_chancellor():
    assert institutions("CDU-Chef Friedrich Merz warf Russland schwerste Kriegsverbrechen vor.") == {"German parliament (Merz)"}
    assert institutions("Bundeskanzler Friedrich Merz sagte, die Regel gelte für alle.") == {"German government"}


def test_bodies_without_their_state_belong_to_the_place_the_sentence_is_set_in():
    a = attrib("Bei einem russischen Raketenangriff auf Kiew sind zwei Menschen getötet worden. Das teilten die Behörden mit.")
    assert a["institution"].tolist() == ["Ukrainian government"]
    a = attrib("Russland hat die Stadt Charkiw angegriffen. Nach Angaben der Behörden wurden zwei Menschen getötet.")
    assert a["institution"].tolist() == ["Ukrainian government"]
    a = attrib("Ukrainische Drohnen haben Kaluga angegriffen. Die Behörden meldeten drei Verletzte.")
    assert a["institution"].tolist() == ["Kremlin"]
    # a place whose governing body the codebook names (sources.yaml `places`): that body
    a = attrib("Ukrainische Drohnen haben Belgorod angegriffen. Die Behörden meldeten drei Verletzte.")
    assert a["institution"].tolist() == ["Belgorod regional government (Gladkow)"]
    # a place right after the body ("in Minsk") names its state before any source named earlier
    assert institutions("Putin hatte zuvor mit Lukaschenko telefoniert, wie das Präsidialamt in Minsk mitteilte.") == {"Belarusian presidency"}
    a = attrib("Russische Drohnen griffen in der Nacht Odessa an. Die Luftwaffe teilte mit, 20 Drohnen seien abgeschossen worden.")
    assert a["institution"].tolist() == ["Ukrainian military"]
    assert institutions("Den Behördenangaben zufolge wurden in Charkiw drei Häuser zerstört.") == {"Ukrainian government"}
    # no state the codebook has authorities for: nothing, not the state named before
    assert institutions("Die deutschen Behörden ermitteln. Die Behörden teilten mit, es gebe drei Festnahmen.") == set()


def test_the_presidential_office_and_general_staff_of_the_state_named_last():
    a = attrib("Selenskyj hat seinen Luftwaffenkommandeur entlassen. Das geht aus einer Mitteilung des Präsidialamts hervor.")
    assert a["institution"].tolist() == ["Ukrainian presidency"]
    assert institutions("Das Gespräch habe lange gedauert, teilte das Präsidialamt am Abend in Kiew mit.") == {"Ukrainian presidency"}
    a = attrib("Selenskyj sprach von einem Erfolg in Kursk. Laut dem Generalstab hält die Armee noch 800 Quadratkilometer.")
    assert a["institution"].tolist() == ["Ukrainian presidency", "Ukrainian military"]


def test_stances_shown_separable_angeben_own_findings_and_doubts():
    assert institutions("Der chinesische Botschafter zeigte sich schockiert über den Angriff.") == {"Chinese government"}
    assert institutions("Das Pentagon zeigte sich zufrieden mit den Fortschritten.") == {"US Department of Defense"}
    assert institutions("Kiew gab die Zahl der Toten mit zwölf an.") == {"Ukrainian government"}
    assert institutions("Ein Sprecher der ukrainischen Marine gab die Zahl der zerstörten Boote mit drei an.") == {"Ukrainian military"}
    assert institutions("Die Nachrichtenagentur AP hat ermittelt, dass 600 Menschen starben.") == {"AP"}
    assert institutions("Der Kreml widersprach dieser Darstellung.") == {"Kremlin"}
    assert institutions("Der Kreml ließ verlauten, man prüfe den Vorschlag.") == {"Kremlin"}
    assert institutions("Selenskyj zweifelte an der Zusage der Verbündeten.") == {"Ukrainian presidency"}
    assert institutions("Die Nato bedauerte die Entscheidung.") == {"NATO"}
    assert institutions("Putin traue sich nicht, Trump offen zu sagen, dass er den Krieg wolle, urteilte Selenskyj.") == {"Ukrainian presidency"}
    assert institutions("Maria Zacharowa, Sprecherin des Aussenministeriums, sagte: «Das ist absurd.»") == {"Russian foreign ministry"}
    assert institutions("Der G7-Gipfel hat den Angriff auf das Krankenhaus verurteilt.") == {"G7"}


def test_gestanden_as_a_confession_not_as_standing_on_a_list():
    assert institutions("Auf der Passagierliste soll auch Wagner-Chef Prigoschin gestanden haben.") == set()
    assert institutions("Prigoschin gestand den Fehler ein.") == {"Wagner Group"}


def test_office_holders_of_2022_to_2025_roll_up_to_their_institutions():
    assert institutions("Der deutsche Finanzminister Christian Lindner begrüßte die Einigung.") == {"German government"}
    assert institutions("US-Finanzministerin Janet Yellen sagte, die Sanktionen wirkten.") == {"US government"}
    assert institutions("IAEA-Chef Rafael Grossi warnte vor einer Katastrophe.") == {"IAEA"}
    assert institutions("Xi Jinping sagte, China stehe für Frieden.") == {"Chinese government"}
    assert institutions("Außenminister Johann Wadephul sagte, Deutschland stehe an der Seite der Ukraine.") == {"German Foreign Office"}
    assert institutions("Der Gouverneur der Region Belgorod, Wjatscheslaw Gladkow, schrieb auf Telegram, es gebe Verletzte.") == {
        "Belgorod regional government (Gladkow)"}
    assert institutions("Der ukrainische Innenminister Ihor Klymenko sagte, zwei Menschen seien gestorben.") == {"Ukrainian interior ministry"}


def test_accusations_offers_and_a_bare_defence_ministry_after_test20():
    assert institutions("Die Ukraine macht russische Soldaten für das Massaker verantwortlich.") == {"Ukrainian government"}
    assert institutions("Nato-Generalsekretär Jens Stoltenberg hielt Russland Brutalität vor.") == {"NATO"}
    assert institutions("Er hielt eine Rede vor dem Parlament.") == set()
    assert institutions("Innenministerin Nancy Faeser stellte den Deserteuren Asyl in Aussicht.") == {"German government"}
    a = attrib("Die Kämpfer ergeben sich, sagte Putin. Am Abend sei ein Bus abgefahren, teilte das Verteidigungsministerium mit.")
    assert a["institution"].tolist() == ["Kremlin", "Russian defence ministry"]
    assert institutions("Nach Angaben des Verteidigungsministeriums bot der Kreuzer Platz für 680 Mann.") <= {"uncoded"}


def test_more_names_of_state_bodies_after_test20():
    assert institutions("Das russische Präsidialamt kritisiert die Reise des ukrainischen Präsidenten nach Washington.") == {"Kremlin"}
    assert institutions("Das geht aus dem Geheimdienstbericht des Verteidigungsministeriums in London hervor.") == {"UK defence ministry"}
    assert institutions("Nach britischer Einschätzung sind die russischen Verluste hoch.") == {"UK government"}
    assert institutions("Nach deutschen Angaben sind die russischen Verluste hoch.") == {"German government"}
    assert institutions("Ukrainische Soldaten kämpften weiter, teilte der Führungsstab der ukrainischen Streitkräfte mit.") == {"Ukrainian military"}
    assert institutions("Die ukrainische Armeespitze deutete einen Rückzug an.") == {"Ukrainian military"}
    assert institutions("Nach Medieninformationen will nun auch die US-Regierung Panzer liefern.") == {"unnamed reports"}
    assert institutions("Laut dem Verteidigungsminister Rustem Umerov sind die Gespräche beendet.") == {"Ukrainian defence ministry"}


def test_appositions_lists_and_a_title_before_a_name_in_coordination():
    assert institutions("Jake Sullivan, der Nationale Sicherheitsberater der USA, kritisierte Russland scharf.") == {"US government"}
    assert institutions("Das russische Verteidigungsministerium hat Angriffe auf Ziele in den Regionen Amur, Irkutsk und Rjasan "
                        "bestätigt.") == {"Russian defence ministry"}
    assert institutions("Der französische Staatschef Emmanuel Macron und der britische Premier Keir Starmer haben die "
                        "Fortschritte begrüßt.") == {"French government", "UK government"}


def test_a_stated_satisfaction_and_criticism_coming_from_someone():
    assert institutions("Die ukrainische Regierung ist mit den Waffenlieferungen zufrieden.") == {"Ukrainian government"}
    assert institutions("Die Lage ist nicht zufriedenstellend.") == set()
    assert institutions("Nach den Gesprächen kam von Selenskyj scharfe Kritik.") == {"Ukrainian presidency"}


def test_a_closing_credit_with_a_dash_and_the_word_nachrichtenagentur():
    a = attrib("Der Angriff dauerte an.\n\n- Nachrichtenagentur dpa")
    assert a["institution"].tolist() == ["dpa"] and a["speech_type"].tolist() == ["credit line"]


def test_a_list_of_states_of_any_length_and_one_ending_in_a_state_missing_from_the_codebook():
    assert institutions("Die USA, Großbritannien, Frankreich und Deutschland forderten eine Sitzung.") == {
        "US government", "UK government", "French government", "German government"}
    assert institutions("Die Niederlande, Dänemark, Norwegen und Liechtenstein haben der Ukraine Kampfjets zugesagt.") == {
        "Dutch government", "Danish government", "Norwegian government"}


def test_a_channel_after_im_is_no_speaker_and_an_unnamed_tv_channel_counts_as_unnamed_reports():
    a = attrib("Gesundheitsminister Wiktor Ljaschko sagte im ZDF, es habe Tote gegeben.")
    assert set(a["institution"]) == {"ZDF", "uncoded"}
    assert a.loc[a["institution"] == "uncoded", "mention"].tolist() == ["Gesundheitsminister Wiktor Ljaschko"]
    assert institutions("Ein Sprecher der ukrainischen Luftwaffe erklärte im ukrainischen Fernsehen, alle Drohnen seien abgeschossen worden.") == {
        "Ukrainian military", "unnamed reports"}
    assert institutions("Im Fernsehen war zu sehen, wie Soldaten marschieren.") == set()
    assert institutions("Merz sagte beim „WDR Europaforum“ in Berlin, die Regel gelte.") == {"German government"}


def test_official_statements_without_a_holder_are_unnamed_government_sources():
    assert institutions("Nach offiziellen Angaben gab es keine Verletzten.") == {"unnamed government sources"}
    assert institutions("Nach offiziellen Angaben aus Kiew gab es keine Verletzten.") == {"Ukrainian government"}
    assert institutions("Am Abend meldeten offizielle Stellen sowohl Russlands als auch der Ukraine, dass der Damm brach.") >= {"Kremlin"}


def test_a_person_in_the_genitive_before_a_noun_that_speaks_for_them():
    assert institutions("Laut Putins Sprecher ist die Lage ruhig.") == {"Kremlin"}
    assert institutions("Von Prigoschins Pressestelle heißt es: «Er ist in Sicherheit.»") == {"Wagner Group"}
    assert institutions("Putins Krieg geht weiter, sagte Scholz.") == {"German government"}


def test_protests_denials_learning_and_concordant_statements_after_test22():
    assert institutions("«Niemand hat sich ergeben», protestierte das Verteidigungsministerium in Kiew.") == {"Ukrainian defence ministry"}
    assert institutions("Russland stellte die Beteiligung in Abrede.") == {"Kremlin"}
    assert institutions("Selenskyj hatte darüber informiert, dass 450 Gräber gefunden wurden.") == {"Ukrainian presidency"}
    assert institutions("Wie die Deutsche Presse-Agentur aus EU-Kreisen erfuhr, blockiert Ungarn den Vorschlag.") == {"dpa", "EU"}
    assert institutions("Er sagte nicht, wie seine Quelle davon erfuhr.") == set()
    assert institutions("Darunter waren nach übereinstimmenden Angaben auch Verwundete.") == {"unnamed reports"}
    assert institutions("Die US-Denkfabrik „Institute for The Study of War“ bestätigte die Angaben.") == {"ISW"}
    assert institutions("Deshalb warnt Carlo Masala von der Bundeswehr Universität München: «Er lebt gefährlich».") <= {"uncoded"}


def test_air_defence_and_army_spokespeople_of_a_state():
    assert institutions("Die meisten kann die ukrainische Luftabwehr nach eigenen Angaben abfangen.") == {"Ukrainian military"}
    assert institutions("Am Mittwoch sagte eine ukrainische Armeesprecherin, die Lage sei stabil.") == {"Ukrainian military"}
    a = attrib("Russische Drohnen griffen Odessa an. Den Luftstreitkräften zufolge wurden 20 Drohnen abgeschossen.")
    assert a["institution"].tolist() == ["Ukrainian military"]


def test_a_state_s_leadership_by_adjective_city_adjective_or_capital():
    assert institutions("Die russische Führung hat die Vorwürfe zurückgewiesen.") == {"Kremlin"}
    assert institutions("Die ukrainische Führung bestreitet das.") == {"Ukrainian government"}
    assert institutions("Die Pekinger Führung bestreitet die Lieferungen.") == {"Chinese government"}
    assert institutions("Die Führung in Peking wies die Berichte zurück.") == {"Chinese government"}
    assert institutions("Die iranische Führung bestreitet Waffenlieferungen.") == {"Iranian government"}
    assert institutions("Eine Koalition unter russischer Führung erklärte, der Einsatz sei beendet.") == set()


def test_a_number_stated_with_mit_angegeben():
    assert institutions("Die Regierung in Kiew hatte die Zahl der Toten mit rund 700 angegeben.") == {"Ukrainian government"}
    assert institutions("Das Gewicht der Rakete wird in Katalogen mit 3,5 Tonnen angegeben.") == set()


def test_a_person_before_a_headline_colon_with_a_partial_quotation():
    assert by_sentence("Selenskyj: Ukraine „braucht lebende Helden“\n\nDie Lage bleibt angespannt.") == [[1, "Ukrainian presidency"]]
    assert attrib("Kim Jong Un: Der „Diktator“ und seine Soldaten\n\nEin Porträt.").empty


def test_a_report_compound_speaks_for_the_body_in_the_genitive_after_it():
    assert institutions("Laut dem Lagebericht des ukrainischen Generalstabs gab es 40 Gefechte.") == {"Ukrainian military"}
    assert institutions("Laut einer Pressemitteilung des russischen Verteidigungsministeriums wurden 20 Drohnen abgeschossen.") == {
        "Russian defence ministry"}
    assert institutions("Die Lage sei angespannt, hieß es am Abend im Lagebericht des ukrainischen Generalstabs.") == {"Ukrainian military"}
    assert institutions("Im Hauptquartier der NATO wurde am Montag gefeiert.") == set()


def test_a_spokesman_or_adviser_of_a_person_in_the_codebook_speaks_for_that_person_s_office():
    assert institutions("„Das ist falsch“, so Sergej Nikiforow, der Sprecher des ukrainischen Präsidenten Wolodymyr Selenskyj, "
                        "auf Facebook.") == {"Ukrainian presidency"}
    assert institutions("„Das ist falsch“, sagte Mychajlo Podoljak, Berater des ukrainischen Präsidenten.") == {"Ukrainian presidency"}
    assert institutions("„Das ist falsch“, sagte Olaf Scholz, Nachfolger von Angela Merkel.") == {"German government"}


def test_the_agent_of_a_passive_on_a_side():
    assert institutions("Auf Seiten der Ukraine wurde betont, das Ziel sei erreicht worden.") == {"Ukrainian government"}
    assert institutions("Auf ukrainischer Seite wurde betont, das Ziel sei erreicht worden.") == {"Ukrainian government"}
    assert institutions("Auf russischer Seite kämpfen auch Söldner.") == set()


def test_offers_and_accounts_after_test24():
    assert institutions("Die Ukraine bot ihre Neutralität und den Verzicht auf einen NATO-Beitritt an.") == {"Ukrainian government"}
    assert institutions("Militärexperte Nico Lange, früherer Büroleiter im deutschen Verteidigungsministerium, spricht von einem Erfolg.") <= {"uncoded"}
    assert institutions("Der Zug bot Platz für 300 Menschen an Bord.") == set()
    assert institutions("Die Ukraine zeichnete jedoch ein chaotischeres Bild des russischen Rückzugs.") == {"Ukrainian government"}
    assert institutions("Laut der russischen Luftverteidigung wurden alle Drohnen zerstört.") == {"Russian defence ministry"}
    assert institutions("The Warzone merkt etwa an, dass die Küste weit entfernt liegt.") == {"The War Zone"}


def test_city_adjectives_with_information_nouns_and_unnamed_press_and_diplomats():
    assert institutions("Nach Moskauer Angaben saßen 65 Kriegsgefangene in der Maschine.") == {"Kremlin"}
    assert institutions("Nach Kiewer Darstellung wurde der Angriff abgewehrt.") == {"Ukrainian government"}
    assert institutions("Nach Angaben der ukrainischen Presse handelt es sich um ein Video aus Bachmut.") == {"unnamed reports"}
    assert "unnamed government sources" in institutions("Diplomatenangaben zufolge war die Sitzung kurz.")


def test_a_doubt_a_channel_without_article_and_a_list_of_channels():
    assert institutions("Die Ukraine zieht in Zweifel, dass die Insassen Gefangene waren.") == {"Ukrainian government"}
    assert institutions("Kremlsprecher Peskow sagte Ria Nowosti, es gebe keine Pläne.") == {"Kremlin", "RIA Nowosti"}
    assert institutions("„Sie sind nicht da“, sagte Selenskyj im Interview mit „Bild“ und „Politico“.") == {
        "Ukrainian presidency", "Bild", "Politico"}
    assert institutions("Nach Angaben der Nachrichtenagentur UkrInform wurden zwei Menschen getötet.") == {"Ukrinform"}


def test_another_state_s_government_spokesman_by_name_is_not_germany_s():
    # Poland's spokesman is in the codebook (138th revision); a spokesman it lacks stays uncoded
    assert institutions("Regierungssprecher Piotr Müller bestätigte, dass eine Sitzung stattfinde.") == {"Polish government"}
    assert institutions("Regierungssprecher Kazimierz Nowak bestätigte, dass eine Sitzung stattfinde.") == {"uncoded"}
    assert institutions("Regierungssprecher Steffen Hebestreit bestätigte, dass eine Sitzung stattfinde.") == {"German government"}
    assert institutions("Der Regierungssprecher bestätigte, dass eine Sitzung stattfinde.") == {"German government"}


def test_both_sides_are_the_two_states_named_last_and_mutual_blame():
    a = attrib("Russland und die Ukraine verhandeln in Istanbul. Beide Seiten warfen einander Verstöße gegen die Waffenruhe vor.")
    assert set(a["institution"]) == {"Kremlin", "Ukrainian government"} and set(a["mention"]) == {"Beide Seiten"}
    assert institutions("Die USA und Russland sprachen in Riad. Beide Seiten bezeichneten das Treffen als konstruktiv.") == {
        "US government", "Kremlin"}
    assert institutions("Der Abzug wurde von beiden Seiten bestätigt.") == set()
    assert institutions("Moskau und Kiew beschuldigen sich gegenseitig.") == {"Kremlin", "Ukrainian government"}
    assert institutions("Kiew und Moskau schieben einander die Schuld zu.") == {"Kremlin", "Ukrainian government"}


def test_holderless_first_figures_agency_figures_and_a_bare_interior_ministry():
    assert institutions("Der Beschuss soll vorläufigen Angaben zufolge zwei Tote gefordert haben.") == {"unnamed reports"}
    assert institutions("Ersten Angaben der Polizei zufolge gab es keine Verletzten.") <= {"uncoded"}
    assert institutions("Nach Agenturangaben sollen etwa 30.000 Menschen im Theater gewesen sein.") == {"unnamed reports"}
    a = attrib("In Sumy schlug eine Rakete ein. Mindestens 84 Menschen wurden verletzt, wie das Innenministerium mitteilt.")
    assert a["institution"].tolist() == ["Ukrainian interior ministry"]


def test_speech_of_vom_negotiating_circles_analysts_of_a_body_and_un_envoys_by_uno():
    assert institutions("Das russische Militär spricht dagegen ohne Belege vom Abschuss aller Drohnen.") == {"Russian defence ministry"}
    assert institutions("Zuvor war aus ukrainischen Verhandlungskreisen verlautet, man sei bereit.") == {"Ukrainian government"}
    assert institutions("Dazu erklärten die ISW-Militäranalysten, die Truppen zögen sich zurück.") == {"ISW"}
    assert institutions("„Das ist feige“, erklärt die britische UNO-Botschafterin Barbara Woodward auf X.") == {"UK government"}
    assert institutions("Der Reporter ist in der Ost-Ukraine und berichtet vom Fund eines Gräberfeldes.") <= {"uncoded"}


def test_after_an_infinitive_clause_the_next_verb_keeps_its_subject():
    assert institutions("Die russische Seite bestritt, für den Angriff verantwortlich zu sein und beschuldigte die Ukraine, "
                        "die Attacke inszeniert zu haben.") == {"Kremlin"}
    assert institutions("Russland bestritt, verantwortlich zu sein, und warf der Ukraine vor, gelogen zu haben.") == {"Kremlin"}


def test_blame_shown_stances_present_angeben_and_a_long_separable_zurueckweisen():
    assert institutions("Russland wies türkischen Angaben zufolge die Urheberschaft zurück.") == {"Kremlin", "Turkish government"}
    assert institutions("Die Ukraine gibt an, die russische Armee habe den Damm gesprengt.") == {"Ukrainian government"}
    assert institutions("Auch der Ukraine-Präsident gab sich unversöhnlich.") == {"Ukrainian presidency"}
    a = attrib("Russland und die Ukraine kämpfen um den Damm. Beide Kriegsparteien gaben einander die Schuld.")
    assert set(a["institution"]) == {"Kremlin", "Ukrainian government"}
    assert institutions("Zunächst hatte es Gerüchte über Tote gegeben.") == {"unnamed reports"}


def test_ukrainian_commands_pravda_by_adjective_and_channels_by_compound_or_dative():
    assert institutions("„Das Ausmaß ist enorm“, schrieb das ukrainische Kommando Süd in einer Mitteilung.") == {"Ukrainian military"}
    assert institutions("Der Sprecher des Luftwaffenkommandos der Ukraine, Juri Ignat, sagte, alle Raketen seien abgeschossen worden.") == {
        "Ukrainian military"}
    assert "Ukrainska Pravda" in institutions("Der Angriff sei erfolgt, zitierte die ukrainische „Pravda“ einen Sprecher.")
    assert institutions("„Er sollte sich entschuldigen“, sagte er in einem CNN-Interview.") >= {"CNN"}
    assert institutions("Dem ukrainischen Fernsehen zufolge entstand ein Brand.") == {"unnamed reports"}
    assert institutions("Dem Fernsehen gehört die Zukunft.") == set()


def test_state_bodies_added_in_round_13():
    assert institutions("Der ukrainische Katastrophenschutz meldete zwölf Tote.") == {"Ukrainian emergency services"}
    assert institutions("Nach Angaben der ukrainischen Polizei wurden drei Menschen verletzt.") == {"Ukrainian police"}
    assert institutions("Das russische Ermittlungskomitee erklärte, es handle sich um Terror.") == {"Russian Investigative Committee"}
    assert institutions("Das Nationale Anti-Terror-Komitee teilte mit, der Lkw sei explodiert.") == {"Russian National Anti-Terrorism Committee"}
    assert institutions("Der Sekretär des ukrainischen Sicherheitsrats, Olexij Danilow, sagte, die Offensive beginne bald.") == {
        "Ukrainian National Security and Defence Council"}
    assert institutions("Das russische Zivilschutzministerium meldete Überschwemmungen.") == {"Russian emergencies ministry"}


def test_channels_in_a_relative_clause_or_by_compound_and_places_inside_an_attribute():
    assert "TASS" in institutions("Ein Sprecher, den die Nachrichtenagentur Tass zitiert, sprach von einem Anschlag.")
    assert institutions("Spiegel-Reporter Thore Schröder berichtet, dass die Stadt zerstört ist.") == {"Der Spiegel"}
    assert "RBC-Ukraine" in institutions("Viele Fälle seien registriert, zitiert das ukrainische Portal rbc.ua einen Beamten.")
    assert institutions("Laut der in Wien beheimateten UNO-Organisation verfügte das AKW über vier Leitungen.") == set()
    assert institutions("Nach Angaben aus Kiew wurden vier Menschen verletzt.") == {"Ukrainian government"}


def test_findings_denials_and_bodies_after_test28():
    assert institutions("Experten stellten fest, dass die meisten Opfer Zivilisten waren.") == {"unnamed experts"}
    assert institutions("Die Polizei stellte den Wagen sicher.") == set()
    assert institutions("Auch das Regime in Teheran streitet ab, Drohnen geliefert zu haben.") == {"Iranian government"}
    assert institutions("Auch das UN-Menschenrechtsbüro hat angekündigt, die Vorwürfe zu untersuchen.") == {"UN"}
    assert institutions("So sagte der Chef der Ermittlungsbehörde, Alexander Bastrykin, die Täter seien gefasst.") == {
        "Russian Investigative Committee"}
    a = attrib("In Dnipro schlug eine Rakete ein. Nach Angaben des Zivilschutzes wurden 20 Menschen getötet.")
    assert a["institution"].tolist() == ["Ukrainian emergency services"]


def test_objects_opening_the_clause_or_inside_a_separable_verb_are_no_subjects():
    assert institutions("Den russischen Präsidenten Wladimir Putin bezeichnete er als „Kriegsverbrecher“.") <= {"uncoded"}
    assert institutions("Kyrylenko warf Russland vor, absichtlich auf Zivilisten gezielt zu haben.") == {"Donetsk regional government"}  # a governor added to the codebook in round 24
    assert institutions("Der Internationale Strafgerichtshof wirft Russlands Präsident Kriegsverbrechen vor.") == {
        "International Criminal Court"}
    assert institutions("Dann wies der Kreml die Vorwürfe zurück.") == {"Kremlin"}
    assert institutions("Den Vorwurf wies der Kreml zurück.") == {"Kremlin"}


def test_police_and_rescuers_by_context_authorities_by_postposition_and_a_closing_sign_off():
    assert institutions("In Sumy schlug eine Rakete ein. Die Polizei spricht von sechs Vermissten.") == {"Ukrainian police"}
    assert institutions("Demnach gehe die Ukraine davon aus, dass der Angriff bevorstehe.") == {"Ukrainian government"}
    assert institutions("In Charkiw schlug eine Rakete ein. Behördenangaben nach sollen zehn Menschen verletzt sein.") == {
        "Ukrainian government"}
    assert institutions("In Berlin ermittelt die Polizei. Die Polizei spricht von zwei Verletzten.") == set()
    assert attrib("Die Truppen hätten Stellungen bekämpft. dpa")["speech_type"].tolist() == ["credit line"]
    assert institutions("Laut Bild.de äußerte sich der Bürgermeister.") == {"Bild"}


def test_elided_compounds_in_a_coordination_and_a_noun_phrase_subject_before_its_auxiliary():
    assert institutions("Auch EU- und UN-Vertreter verurteilten den Angriff.") == {"EU", "UN"}
    assert institutions("Auch EU- und Nato-Vertreter verurteilten den Angriff.") == {"EU", "NATO"}
    assert institutions("Die Vertreter mehrerer afrikanischer Staaten haben bei ihrem Besuch in St. Petersburg Russland zu "
                        "Verhandlungen aufgerufen.") == set()
    assert institutions("Die Ukraine hat bei ihrem Besuch Russland zu Verhandlungen aufgerufen.") == {"Ukrainian government"}


def test_ruling_out_and_thanks_are_statements_expulsions_and_gifts_are_not():
    assert institutions("Frankreichs Präsident Emmanuel Macron schloss den Einsatz von Bodentruppen nicht aus.") == {"French government"}
    assert institutions("Macron hat den Einsatz westlicher Bodentruppen nicht ausgeschlossen.") == {"French government"}
    assert institutions("Trump schließt eine sofortige Wiederaufnahme der Hilfen aus.") == {"US government"}
    assert institutions("Scholz schloss die Lieferung von Taurus-Marschflugkörpern erneut aus.") == {"German government"}
    assert institutions("Es ist nicht ausgeschlossen, dass Russland erneut angreift.") == set()
    assert institutions("Die Nato schloss Russland aus dem Gremium aus.") == set()
    assert institutions("Selenskyj bedankte sich bei den Partnern für die Unterstützung.") == {"Ukrainian presidency"}
    assert institutions("Putin bedankte sich mit zwei Pferden.") == set()


def test_stated_stances_by_verb_and_their_act_readings():
    assert institutions("Der Kreml wünscht sich Verhandlungen ohne Vorbedingungen.") == {"Kremlin"}
    assert institutions("Die Ukraine beschwor die Einheit des Westens.") == {"Ukrainian government"}
    assert institutions("Die Türkei befürwortet Gespräche in Istanbul.") == {"Turkish government"}
    assert institutions("Kiew verwahrte sich gegen den Vorwurf.") == {"Ukrainian government"}
    assert institutions("Selenskyj prangerte die Angriffe an.") == {"Ukrainian presidency"}
    assert institutions("Die USA pochen auf die Einhaltung der Waffenruhe.") == {"US government"}
    assert institutions("Das Pentagon bescheinigt den ukrainischen Truppen große Fortschritte.") == {"US Department of Defense"}
    assert institutions("Die Nato verglich die Lage mit dem Kalten Krieg.") == {"NATO"}
    assert institutions("Die Ukraine klagt über fehlende Munition.") == {"Ukrainian government"}
    assert institutions("Russland brüstet sich mit Geländegewinnen.") == {"Kremlin"}
    assert institutions("Die Ukraine schlägt Alarm wegen fehlender Flugabwehr.") == {"Ukrainian government"}
    assert institutions("Orbán verteidigt seine Haltung gegenüber Moskau.") == {"Hungarian government"}
    assert institutions("Die Ukraine verteidigt die Stadt Bachmut.") == set()
    assert institutions("Die Ukraine klagt vor dem Internationalen Gerichtshof.") == set()
    assert institutions("Die Soldaten pochten an die Tür.") == set()


def test_bodies_by_place_when_the_last_source_has_none_and_the_swiss_federal_council():
    assert institutions("Die EU verurteilt die Angriffe. Im zentralukrainischen Uman ist die Zahl der Toten gestiegen. "
                        "Das Innenministerium meldete am Nachmittag 20 Tote.") == {"EU", "Ukrainian interior ministry"}
    assert institutions("In Sjewjerodonezk wird gekämpft. Generalstab und Bürgermeister meldeten übereinstimmend die Abwehr "
                        "eines Angriffs.") == {"Ukrainian military"}
    assert institutions("Nun lehnt die Schweiz die Weitergabe ab. Die Lage habe sich nicht verändert, argumentiert der "
                        "Bundesrat.") == {"Swiss government"}
    assert institutions("Der Bundesrat in Berlin stimmte dem Gesetz zu. Der Bundesrat erklärte, er stimme zu.") == set()
    assert institutions("Die Ukraine könne nicht beliefert werden, heisst es in einer Mitteilung des "
                        "Wirtschaftsdepartements.") == {"Swiss government"}


def test_attributes_prepositional_phrases_and_documents_named_before_give_no_source():
    assert institutions("Laut dem von Moskau eingesetzten Gouverneur brenne eine Fläche von 1000 Quadratmetern.") == set()
    assert institutions("Erdogan will nach seinem Treffen mit Putin nach eigenen Angaben eine Ankündigung machen.") == {
        "Turkish government"}
    a = attrib("Smirnow meldete am Morgen erneut Luftalarm wegen drohender Raketenangriffe von ukrainischer Seite.")
    assert a[["institution", "source"]].values.tolist() == [["uncoded", "Smirnow"]]
    assert institutions("Der Bundestag stimmte dem Antrag zu. Zu Waffen heißt es darin: «Deutschland liefert Waffen.»") == set()
    assert institutions("Ähnliche Aussagen machte der ukrainische Generalstab in seinem Lagebericht: „Die Kämpfe halten an“, "
                        "heißt es da.") == {"Ukrainian military"}
    assert institutions("Selenskyj machte keine Angaben zu den Verlusten.") == set()
    assert institutions("Zunächst war von zwei Toten und 22 Verletzten die Rede gewesen.") == {"unnamed reports"}


def test_bylines_of_agencies_bodies_by_place_and_channels_in_the_dative():
    assert attrib("Von dpa , afp , reuters , abc")[["institution", "speech_type"]].values.tolist() == [
        ["dpa", "credit line"], ["AFP", "credit line"], ["Reuters", "credit line"]]
    assert set(attrib("Von red/dpa/AFP")["institution"]) == {"dpa", "AFP"}
    assert institutions("Von Anna Muster") == set()
    assert institutions("In Belgorod gab es Explosionen. Nach Angaben der dortigen Behörden wurden Häuser beschädigt.") == {
        "Belgorod regional government (Gladkow)"}
    assert institutions("In Belgorod stürzte ein Haus ein. Das Katastrophenschutzministerium meldete zwölf Gerettete.") == {
        "Russian emergencies ministry"}
    assert institutions("In Charkiw wurden Leichen gefunden. Laut einem Polizeisprecher wurden 20 Tote geborgen.") == {
        "Ukrainian police"}
    assert institutions("„Die Lage ist ernst“, sagte Grossi dem Sender RTL.") == {"IAEA", "RTL"}
    assert institutions("„Die Lage ist ernst“, sagte Grossi den Sendern RTL und ntv.") == {"IAEA", "RTL", "n-tv"}


def test_acts_on_a_states_behalf_and_names_after_the_verb_of_a_cues_own_noun():
    assert institutions("Spionage im Auftrag Russlands? Zwei Männer in Haft") == set()
    assert institutions("Sie hätten sich zu Anschlägen im Auftrag Russlands bereiterklärt.") == set()
    assert institutions("Laut russischen Militärbloggern rückten ukrainische Truppen bis an den Fluss vor.") == {
        "Russian military bloggers"}
    assert institutions("Laut Experten könnte Russland bald angreifen.") == {"unnamed experts"}
    assert institutions("Laut dem Chef des ukrainischen Militärgeheimdienstes, Kyrylo Budanow, plant Russland eine "
                        "Offensive.") == {"HUR"}
    assert institutions("Auch Teheran blieb lange dabei, keine Raketen geliefert zu haben.") == {"Iranian government"}


def test_times_opening_a_clause_capitals_governments_and_clause_final_blame():
    assert institutions("Anfang November gestand das Außenministerium in Teheran ein, man habe Drohnen geliefert.") == {
        "Iranian government"}
    assert institutions("China hat die Ukraine und Russland aufgefordert, Friedensverhandlungen aufzunehmen.") == {
        "Chinese government"}
    assert institutions("Die Regierung in Peking sei besorgt, dass die Krise eskalieren könnte.") == {"Chinese government"}
    assert institutions("Die Regierung in Washington ist besorgt über die Lage.") == {"US government"}
    assert institutions("Es kam zu Angriffen, wofür sich Kiew und Moskau gegenseitig verantwortlich machten.") == {
        "Kremlin", "Ukrainian government"}
    assert institutions("US-Geheimdienstberichte widersprechen dieser Darstellung.") == {"US intelligence"}


def test_cancellations_holders_after_a_noun_and_parentheses_inside_a_clause():
    assert institutions("Ukraine sagt Evakuierung per Zug aus Pokrowsk ab") == set()
    assert institutions("Die Ukraine sagt, die Evakuierung laufe ab Montag.") == {"Ukrainian government"}
    assert institutions("Vom ukrainischen Generalstab hieß es zuletzt, die Angriffe würden abgewehrt.") == {"Ukrainian military"}
    assert institutions("Die ukrainische Armee hat Angaben aus Kiew zufolge einen Erfolg errungen.") == {"Ukrainian government"}
    assert institutions("Bundeskanzler Olaf Scholz (64, SPD) hatte im Bundestag auf Lösungen gepocht.") == {"German government"}
    assert institutions("Trotzdem vermuten einige Beobachter dahinter eine Strategie.") == {"unnamed experts"}
    assert institutions("Ukrainische Militärbeobachter hatten den Ort als umkämpft gekennzeichnet.") == {"unnamed experts"}
    assert institutions("In Torezk wird gekämpft. Laut Militärangaben sollen russische Truppen vorgerückt sein.") == {
        "Ukrainian military"}


def test_names_spelled_otherwise_media_by_description_and_envoys_named_once():
    assert institutions("Die Vize-Verteidigungsministerin Hanna Malyar teilte mit, die Region sei befreit.") == {
        "Ukrainian defence ministry"}
    assert institutions("Das berichtete das Nachrichtenportal „The Kyiv Independent“.") == {"Kyiv Independent"}
    assert "Ukrainska Pravda" in institutions("Der Bürgermeister sagte im Interview mit der ukrainischen Zeitung „Pravda“, "
                                              "die Stadt sei zerstört.")
    assert "ORF" in institutions("Der Diplomat sagte auf Ö1, die Politik sei zu zögerlich.")
    assert institutions("Den Sturm hat es laut Meteorologen seit Jahrzehnten nicht gegeben.") == {"unnamed experts"}
    assert institutions("Russische Ermittler bestätigen: Der Wagner-Chef ist tot.") == {"Russian Investigative Committee"}
    assert "US intelligence" in institutions("Die Zeitung berichtete unter Berufung auf US-Sicherheitskreise, der Plan sei "
                                             "gescheitert.")
    assert institutions("Das indische Außenministerium schrieb auf Twitter, man sei besorgt.") == {"Indian government"}
    assert institutions("Der US-Sondergesandte für die Ukraine und Russland, General Keith Kellogg, kam nach Kiew. Die USA "
                        "seien bereit, so Kellogg.") == {"US government"}
    assert institutions("Kellogg schlug 2024 in einem Papier vor, die Hilfe an Verhandlungen zu knüpfen.") == {
        "America First Policy Institute (Kellogg)"}
    assert institutions("„Die Kämpfe dauern an“, sagte er dem ukrainischen öffentlich-rechtlichen Rundfunk.") == {"Suspilne"}


def test_un_agencies_decrees_reactions_and_sources_familiar_with_talks():
    assert institutions("Nach Angaben des UN-Flüchtlingshilfswerks UNHCR flohen acht Millionen Menschen.") == {"UN"}
    assert institutions("Sie könnten umgekommen sein, heißt es vom IKRK.") == {"ICRC"}
    assert institutions("Ein entsprechendes Dekret veröffentlichte das Präsidialamt in Kiew heute.") == set()
    assert institutions("Die deutsche Außenministerin Annalena Baerbock reagierte mit scharfer Kritik auf das Urteil.") == {
        "German Foreign Office"}
    assert institutions("Sie soll dem Vernehmen nach einen anderen Posten erhalten.") == {"unnamed reports"}
    assert institutions("Eine mit den Verhandlungen vertraute Quelle sagte, die Gespräche seien schwierig.") == {
        "unnamed government sources"}
    assert "Ukrainian government" in institutions("Laut ukrainischer Quelle forderte die russische Delegation den Abzug.")
    assert institutions("Ein Sprecher des Bundesinnenministeriums teilte mit, es seien viele Menschen registriert.") == {
        "German government"}
    assert institutions("„Die Welt steht an eurer Seite“, sagte Draghi laut Nachrichtenagentur Ansa.") == {
        "Italian government", "ANSA"}
    assert institutions("„Wir müssen vorsorgen“, schreibt Yasno-Chef Sergei Kowalenko auf Facebook.") == {"uncoded"}
    assert institutions("Die ukrainische Regierung hat den Bewohnern Unterkünfte angeboten.") == {"Ukrainian government"}


def test_media_reporting_about_views_of_groups_and_bodies_of_the_economy_and_of_crimea():
    assert institutions("Zuvor hatten russische Medien über das Gespräch berichtet.") == {"unnamed reports"}
    assert institutions("Zuvor hatten die russischen Nachrichtenagenturen Ria Nowosti und Tass berichtet.") == {
        "RIA Nowosti", "TASS"}
    assert institutions("Nach Berichten über Verluste zog sich die Armee zurück.") == set()
    assert institutions("Die Ukraine verteidigt sich seit zwei Jahren gegen die Invasion.") == set()
    assert institutions("Einige Analysten sind der Ansicht, dass die Offensive scheitert.") == {"unnamed experts"}
    assert institutions("Viele Staaten gehen von Sabotage aus.") == {"unnamed government sources"}
    assert institutions("Das berichten mehrere Nachrichtenagenturen.") == {"unnamed reports"}
    assert institutions("Der Krieg habe 15 Jahre Fortschritt zerstört, heißt es in dem Weltbankbericht.") == {"World Bank"}
    assert institutions("Das Programm umfasst 15,6 Milliarden Dollar, wie der Internationale Währungsfonds mit Sitz in "
                        "Washington mitteilte.") == {"IMF"}
    assert institutions("Auf der Krim wurde ein Hafen getroffen. Laut Behörden wurde in Feodossija ein Mensch getötet.") == {
        "Crimea regional government (Aksjonow)"}
    assert institutions("Ungarn und die Slowakei verweisen auf ein Abkommen mit der EU.") == {
        "Hungarian government", "Slovak government"}


def test_places_where_something_is_said_reasons_justifications_and_ngos():
    assert institutions("Die meisten starben, wie die Organisation „Reporter ohne Grenzen“ (RSF) am Dienstag in Berlin "
                        "mitteilte.") == {"Reporters Without Borders (RSF)"}
    assert institutions("Bei Pokrowsk gab es 28 Angriffe, wie die Armeeführung in Kiew berichtete.") == {"Ukrainian military"}
    assert institutions("Bei einem Angriff auf Charkiw nahe der Grenze zu Russland sind nach Behördenangaben 21 Menschen "
                        "verletzt worden.") == {"Ukrainian government"}
    assert institutions("Dass Russland die Wahlen beeinflusst, sei unwahrscheinlich, schreibt der NDB in einem Bericht.") == {
        "Swiss Federal Intelligence Service (NDB)"}
    assert institutions("Solange bleibe die Sanktion in Kraft, hieß es in dem Urteil.") == {"uncoded"}
    assert institutions("Die EU hatte die Strafmaßnahmen damit begründet, dass er Einfluss habe.") == {"EU"}
    assert institutions("Russland hatte den Krieg mit der Behauptung gerechtfertigt, dass die Ukraine bedroht werde.") == {
        "Kremlin"}
    assert institutions("Moskau bleibt bei der Haltung, dass die Kirche verfolgt werde.") == {"Kremlin"}
    assert institutions("Der Menschenrechtsrat der Vereinten Nationen forderte Russland auf, die Kinder zurückzugeben.") == {"UN"}
    assert institutions("Vor dem 9. Mai rechnen deutsche Behörden mit weiteren Angriffen.") == {"German government"}
    assert institutions("Es werden Gegenmaßnahmen ergriffen, so das Außenministerium in Moskau.") == {"Russian foreign ministry"}
    assert institutions("Außenminister Johann Wadephul reiste nach Lwiw. „Es darf nicht geschehen“, sagte Wadephul.") == {
        "German Foreign Office"}


def test_spellings_deputies_recommendations_fronted_objects_and_bodies_by_context():
    assert institutions("Verteidigungsminister Andrej Beloussow kündigte an, die Produktion zu steigern.") == {
        "Russian defence ministry"}
    assert institutions("Vize-Außenminister Sergej Rjabkow sagte, Moskau sei zu Gesprächen bereit.") == {
        "Russian foreign ministry"}
    assert institutions("Staatsministerin Anna Lührmann freut sich, dass die Verhandlungen beginnen.") == {"German Foreign Office"}
    assert institutions("Vize-Regierungschefin Olha Stefanischyna sagte, die Reformen kämen voran.") == {"Ukrainian government"}
    assert institutions("Laut Oberbefehlshaber Walerij Saluschnyj wurden alle Drohnen abgeschossen.") == {"Ukrainian military"}
    # another first name before a codebook surname is another person
    assert institutions("Der Politologe Nikita Gerassimow sagte, die Lage sei unklar.") == {"uncoded"}
    # a codebook person named in full is meant by the bare surname later
    assert institutions("Generalmajor Iwan Popow wurde abgesetzt. Popow beklagte, die Truppen seien erschöpft.") == {
        "Russian defence ministry"}
    # words inside a verb frame may be hyphenated
    assert institutions("Deshalb geht die US-Regierung davon aus, dass die Waffen rechtzeitig ankommen.") == {"US government"}
    assert institutions("Die EU-Kommission empfahl, mit Moldau Gespräche zu beginnen.") == {"EU"}
    assert institutions("Die Kommission empfahl der Ukraine einen Kurswechsel.") == set()
    # the fronted phrase before "bezeichnete er" is an object
    assert institutions("Selenskyj sprach in Kiew. Ein Russland ohne Putin bezeichnete er als Hoffnung.") == {
        "Ukrainian presidency"}
    # the addressee inside "forderte ... auf" speaks neither there nor for the next verb of the same subject
    assert institutions("Tusk, der am Montag in Brüssel war, forderte Moskau zu Verhandlungen auf und lobte Kiew.") == {
        "Polish government"}
    # a state in the genitive after a noun is an attribute of the object
    assert institutions("Gubarew kritisierte die Kriegsführung Kiews.") == {"uncoded"}
    assert institutions("In Odessa brannte ein Hafen. Laut Rettungskräften gab es zwei Tote.") == {"Ukrainian emergency services"}
    assert institutions("Bei Awdijiwka wird gekämpft. Die Lage ist laut der Militärführung stabil.") == {"Ukrainian military"}
    assert institutions("In Moskau wurde ein Vizeminister festgenommen. Die Ermittlungsbehörde erklärte, er habe Geld "
                        "angenommen.") == {"Russian Investigative Committee"}
    # "schrieb sie" after a singular verb is the person named before; plural "sie" is not
    assert institutions("Kaja Kallas reiste nach Kiew. Europa stehe an der Seite der Ukraine, schrieb sie.") == {"EU"}
    assert institutions("Die Vertreter der Ukraine trafen Scholz. Sie forderten mehr Waffen.") == set()


def test_military_bloggers_telegram_channels_and_agentless_reports():
    assert institutions("Russische Kriegsblogger berichteten, die Brücke sei beschädigt.") == {"Russian military bloggers"}
    assert institutions("Laut kremltreuen Bloggern wurde der Ort eingenommen.") == {"Russian military bloggers"}
    # a blog named after the word is that channel, not the group
    assert "Russian military bloggers" not in institutions(
        "Nach Angaben des prorussischen Militärblogs Dwa Majora wurde der General abgesetzt.")
    assert institutions("Militärblogger hatten zuvor über den Einsatz spekuliert.") == {"unnamed reports"}
    assert institutions("Mehrere Kreml-freundliche Medien berichteten, der General sei festgenommen worden.") == {
        "unnamed reports"}
    assert institutions("Russische Telegramkanäle zeigten Bilder von dem Angriff.") == {"unnamed reports"}
    # guesses are nobody's information (the 71st revision: most coders leave them uncoded)
    assert institutions("Bereits am Montag hatte es Spekulationen gegeben, dass der Minister zurücktritt.") == set()
    assert institutions("An mehreren Stellen der Front wurden heftige Gefechte gemeldet.") == {"unnamed reports"}
    # with an agent the report is the agent's
    assert "unnamed reports" not in institutions("An der Front wurden von der Armee heftige Gefechte gemeldet.")


def test_a_negated_belief_and_praise_are_stances():
    assert institutions("Die Ukraine glaubt nicht an die Neutralität der Sportler.") == {"Ukrainian government"}
    assert institutions("Putin hat die Rüstungsindustrie für ihre Arbeit gelobt.") == {"Kremlin"}
    assert institutions("Bundeskanzler Scholz lobte die Einigung als großen Schritt.") == {"German government"}
    assert institutions("Russland äußerte sich nicht zu den Berichten.") == set()


def test_questions_attributive_participles_declarations_and_bodies_of_europe():
    # no statement: an attributive participle, a question asked, a declaration as
    assert institutions("Die US-Regierung will der Ukraine die viel kritisierte Streumunition liefern.") == set()
    assert institutions("Auf die Frage, ob Macron dabei signalisiert habe, dass er nachgebe, antwortete er mit Nein.") == set()
    assert institutions("Donezk ist eine von vier Regionen, die von Russland im September 2022 für annektiert erklärt "
                        "wurden.") == set()
    # a fronted object with "zwischen": the name right after the verb is the subject
    assert institutions("Die Gespräche zwischen der US-Delegation und der ukrainischen Führung nannte Austin sehr "
                        "produktiv.") == {"US Department of Defense"}
    # places listed after "in" inside "wie X mitteilte" are where it was said
    assert institutions("Die Trennung verlief ohne Probleme, wie die Netzbetreiber in Estland, Lettland und Litauen "
                        "mitteilten.") == set()
    assert institutions("Zugleich klagt auch Moskau über zunehmenden Drohnenbeschuss vonseiten der Ukraine.") == {"Kremlin"}
    assert institutions("Das teilte Polens EU-Botschafter Andrzej Sados am Freitag mit.") == {"Polish government"}
    assert institutions("Das Paket gilt ab Juni, wie der Rat der Mitgliedstaaten in Brüssel mitteilte.") == {"EU"}
    assert institutions("Das geht aus einer Aussendung des EU-Parlamentes hervor.") == {"European Parliament"}
    assert institutions("Wie die Europäische Verteidigungsagentur EDA in Brüssel mitteilte, werden Geschosse gekauft.") == {
        "European Defence Agency (EDA)"}
    assert institutions("Von der Leyen hatte in einer Rede ein düsteres Bild gezeichnet.") == {"EU"}
    assert institutions("Trump hat klargemacht, dass die USA ihre Hilfe zurückfahren wollen.") == {"US government"}
    assert institutions("Von: apa") == {"APA"}
    assert institutions("\"Das war eine Warnung\", so der österreichische Bundeskanzler.") == {"Austrian government"}
    assert institutions("Für das Gebiet um die Hauptstadt teilte Gouverneur Oleksij Kuleba mit, die Bevölkerung solle "
                        "sich wappnen.") == {"Kyiv regional government (Kuleba)"}
    assert institutions("Das Kind sei entführt worden, schrieb der Menschenrechtsbeauftragte des ukrainischen Parlaments, "
                        "Dmytro Lubinez, bei Telegram.") == {"Ukrainian ombudsman (Lubinez)"}
    assert institutions("Der Marschflugkörper sei 39 Sekunden im Luftraum gewesen, schrieb der Generalstab der polnischen "
                        "Streitkräfte.") == {"Polish military"}
    # holderless reports by a state's adjective, several unnamed sources, unnamed allied governments
    assert institutions("Die Folgen waren unklar, russischen Berichten zufolge starb ein Soldat.") == {"unnamed reports"}
    assert institutions("Verschiedenen Quellen zufolge steht das Kraftwerk unter Beschuss.") == {"unnamed reports"}
    assert institutions("Einige verbündete EU-Partner sollen den Ausschluss gefordert haben.") == {"unnamed government sources"}
    # a document with its author named: not an unnamed report
    assert "unnamed reports" not in institutions(
        "\"Odessa bleibt ohne Licht\", heißt es in einer am Samstag vom Stromversorger verbreiteten Mitteilung.")


def test_who_relays_apposed_titles_longer_holders_and_more_office_holders():
    # the subject of "beruft sich auf" relays; its source counts too, however far "auf" is
    assert institutions("Die \"New York Times\" beruft sich in ihrem Bericht vom Montag (Ortszeit) auf "
                        "US-Geheimdienstinformationen.") == {"New York Times", "US intelligence"}
    assert institutions("Russlands Angriff scheiterte. Nach Einschätzung des US-Magazins \"Forbes\" warten ukrainische "
                        "Truppen ab.") == {"Forbes"}
    # the defence minister's title may stand in an apposition
    assert institutions("Auch der russische Verteidigungsminister, Sergej Schoigu, kommentierte den Beitritt. \"Das birgt "
                        "Risiken\", sagte er der Nachrichtenagentur Ria zufolge.") == {"Russian defence ministry", "RIA Nowosti"}
    # four words between "nach" and "Angaben"; a negated finding still has its holders
    assert institutions("Erhöhte Strahlung wurde nach übereinstimmenden russischen und ukrainischen Angaben nicht "
                        "registriert.") == {"Kremlin", "Ukrainian government"}
    assert institutions("Ministerpräsidentin Magdalena Andersson sagte, dafür gebe es keinen Grund.") == {"Swedish government"}
    assert institutions("Die stellvertretende EU-Kommissionspräsidentin Henna Virkkunen forderte eine enge Abstimmung.") == {"EU"}
    assert institutions("Die westliche Gemeinschaft wirft Russland vor, die Kabel beschädigt zu haben.") == {
        "Western estimates (unspecified)"}


def test_looming_dangers_bodies_named_by_place_relatives_and_circles():
    # "droht" with something looming is no threat made; a threat has "mit" or a clause
    assert institutions("Russland droht ein noch grösseres Haushaltsloch.") == set()
    assert institutions("Russland droht der Ukraine mit Vergeltung.") == {"Kremlin"}
    # a city after the body it names is part of the name, not a speaker
    assert institutions("Die Staatsanwaltschaft Wien bestätigte am Freitag die Festnahme.") == {"uncoded"}
    # relatives of a group speak, not the group
    assert "Wagner Group" not in institutions("Laut Angehörigen von Wagner-Söldnern sollen diese bald nach Belarus umziehen.")
    # a noun phrase with adjectives before the finite auxiliary is the subject
    assert "Kremlin" not in institutions("Der nationale Sicherheitsberater der Präsidentin hat Russland massive Einmischung "
                                         "vorgeworfen.")
    # a source named after "Unter Berufung auf": no unnamed report
    assert "unnamed reports" not in institutions("Unter Berufung auf die regionale Wahlkommission heißt es, dass die "
                                                 "Beteiligung hoch war.")
    assert institutions("In Sicherheitskreisen wird davon ausgegangen, dass Russland dahintersteckt.") == {"unnamed intelligence"}
    assert institutions("Volkswirte hatten mit 20 Prozent gerechnet.") == {"unnamed experts"}
    # Moldova: its government, its president, its foreign ministry
    assert institutions("Nach moldauischen Regierungsangaben könnte Gazprom Transnistrien beliefern.") == {"Moldovan government"}
    assert institutions("Moldaus Präsidentin warnt vor Umsturzversuchen durch Russland.") == {"Moldovan presidency"}
    assert institutions("Man wolle protestieren, teilte das Außenministerium in Chişinău mit.") == {"Moldovan foreign ministry"}
    assert institutions("Human Rights Watch beschuldigt Russland der zwangsweisen Umsiedlung.") == {"Human Rights Watch"}
    assert institutions("Ein Sprecher des Territorialen Führungskommandos sagte, die Bundeswehr stelle Drohnen fest.") == {
        "Bundeswehr"}
    assert institutions("Industrieminister Denis Manturow sagte, es gebe keine Geschenke.") == {"Kremlin"}


def test_english_articles_of_media_coordination_with_a_parenthesis_and_more_bodies():
    assert institutions("Sowohl die Zeitung «The New York Times» als auch das US-Institut für Kriegsstudien (ISW) "
                        "berichteten über die Verluste.") == {"New York Times", "ISW"}
    assert institutions("Die westlichen Verbündeten und insbesondere die USA drängen Selenskyj, Wahlen abzuhalten.") == {
        "US government"}
    assert institutions("Die Drohne sei abgestürzt, wie das US-Kommando für Europa mitteilte.") == {"US Department of Defense"}
    assert institutions("Ende Februar meldeten Putins Truppen die Einnahme der Stadt.") == {"Russian defence ministry"}
    # a service of a medium speaks for it
    assert institutions("So würden mindestens 81 Wehrpflichtige vermisst, berichtete der russischsprachige Dienst der "
                        "BBC.") == {"BBC"}
    assert institutions("US-Schätzungen vom Sommer gingen von 120.000 Toten aus.") == {"US government"}
    assert institutions("Das teilte Kiews Menschenrechtsbeauftragter, Dmytro Lubinets, mit.") == {"Ukrainian ombudsman (Lubinez)"}
    assert institutions("Mindestens 45.000 Soldaten sind laut Mediazona gestorben.") == {"Mediazona"}


def test_appositions_after_group_nouns_declarations_of_war_and_more_bodies():
    # a group noun before a named state is an apposition: the state speaks
    assert institutions("Auch der engste russische Verbündete Belarus reagiert überrascht und kündigt an, Panzer an die "
                        "Grenze zu verlegen.") == {"Belarusian presidency"}
    assert institutions("Die EU-Mitglieder Estland und Litauen werfen Russland vor, gegen Bestimmungen zu verstoßen.") == {
        "Estonian government", "Lithuanian government"}
    assert institutions("Die Soldaten seien auf dem Territorium der Republik Belarus, teilte das Verteidigungsministerium in "
                        "Moskau mit.") == {"Russian defence ministry"}
    assert institutions("„Es war ein Kriegsverbrechen“, betonte Julia Duchrow von Amnesty International Deutschland.") == {
        "Amnesty International"}
    # another first name before a codebook surname
    assert institutions("Lufthansa-Chef Carsten Spohr sagte, der Flughafen werde nicht genutzt.") == {"uncoded"}
    assert institutions("Laut dem US-Gesandten bei der OSZE, Michael Carpenter, habe man 300 Verstöße gezählt.") == {
        "US government"}
    assert institutions("Auch westliche Militärbeamte bestätigten den Vorfall.") == {"unnamed government sources"}
    assert institutions("Die Ukraine hat sich zu dem Anschlag bekannt, wie der Sicherheitsdienst der Ukraine bekannt "
                        "gibt.") == {"SBU"}
    assert institutions("Es klang, als habe die Außenministerin Russland den Krieg erklärt.") == set()
    # a body in the genitive after a noun and an adjective owns the noun
    assert "German government" not in institutions("Mehrere SPD-Politiker fordern eine Kehrtwende in der Außenpolitik der "
                                                    "schwarz-roten Bundesregierung.")
    assert institutions("Zehn Verletzte seien in Krankenhäuser gebracht worden, teilte der Gouverneur Alexander "
                        "Chinschtejn mit.") == {"Kursk regional government (Chinschtein)"}


def test_warnings_sent_quantified_subjects_and_a_spelling_of_selenskyj():
    assert institutions("Die NATO schickt klare Warnsignale an Moskau, aber keine Truppen in die Ukraine.") == {"NATO"}
    assert institutions("NATO-Generalsekretär Jens Stoltenberg schickte eine deutliche Warnung in Richtung Moskau: \"Jeder "
                        "Einsatz von Chemiewaffen würde alles verändern.\"") == {"NATO"}
    # sending an ambassador home is an act
    assert institutions("Litauen schickte den russischen Botschafter nach Hause.") == set()
    assert institutions("Der ukrainische Präsident Wolodymyr Zelenskij war zugeschaltet. Außerdem warf er Moskau vor, "
                        "Phosphorbomben einzusetzen.") == {"Ukrainian presidency"}
    # a quantified noun phrase before the verb is its subject, not the side in a prepositional phrase after it
    assert "Ukrainian government" not in institutions("Auch andere Regionen meldeten Drohnenattacken von ukrainischer Seite.")


def test_the_holder_right_before_zufolge_and_which_ntv():
    # "X zufolge": the phrase right before it holds the information, not the subject of the clause
    assert "German government" not in institutions("Deutschland wird einem Bericht zufolge noch in diesem Jahr Drohnen an "
                                                   "die Ukraine liefern.")
    assert institutions("Die Bundesregierung hat einem \"Spiegel\"-Bericht zufolge das Schiff beschlagnahmt.") == {"Der Spiegel"}
    assert institutions("Dem Institut für Kriegsstudien aus den USA zufolge rücken die Truppen vor.") == {"ISW"}
    # a bare "NTV" in a German outlet is n-tv; the Russian channel is named as such
    assert institutions("Wie NTV berichtet, untersteht die Truppe dem Ministerium.") == {"n-tv"}
    assert institutions("Das meldete der russische Fernsehsender NTV.") == {"NTV"}


def test_investigators_by_place_historians_and_more_bodies():
    # unnamed investigators speak for the investigating body of the state where the sentence is set
    assert institutions("In Moskau wurde eine Frau festgenommen. Den Ermittlern zufolge soll sie Preisschilder "
                        "ausgetauscht haben.") == {"Russian Investigative Committee"}
    # Germany has two investigating bodies in the codebook: the one cited last, none where neither was cited (round 30)
    assert institutions("In Berlin brannte ein Lager. Ermittler vermuten russische Sabotage.") <= {"uncoded"}
    assert institutions("In Berlin brannte ein Lager, teilte die Bundesregierung mit. Ermittler vermuten russische Sabotage.") == {
        "German government"}
    assert institutions("Nach Schätzungen polnischer Historiker fielen den Massakern 80.000 Polen zum Opfer.") == {
        "unnamed experts"}
    assert institutions("Integrationsministerin Susanne Raab sagte, das Potenzial sei groß.") == {"Austrian government"}
    assert institutions("\"Falls nötig, verlängern wir\", erklärt ein Sprecher des Staatssekretariats für Migration SEM.") == {
        "Swiss government"}
    assert institutions("Die Organisation Memorial teilte mit, die Durchsuchungen seien illegal.") == {"Memorial"}


def test_declaring_something_to_be_something_suspicions_and_reasons():
    # declaring something to be something is an act, not a statement
    assert institutions("Zuvor hatte die Regierung in Oslo drei Diplomaten zu unerwünschten Personen erklärt.") == set()
    assert institutions("Moskau erklärte mehrere Grenzbezirke zu \"Zonen für Anti-Terror-Operationen\".") == set()
    # a "zu" phrase before the verb that is not a declaration, and a tag after a quote, still cite the speaker
    assert institutions("Zu den Vorwürfen erklärte der Kreml, man prüfe den Fall.") == {"Kremlin"}
    assert institutions("\"Das ist falsch\", erklärte die NATO zu den Berichten.") == {"NATO"}
    # a stated suspicion, and a reason given
    assert institutions("Die USA verdächtigen Russland, den Vertrag gebrochen zu haben.") == {"US government"}
    assert institutions("Der Kreml führte technische Probleme als Grund an.") == {"Kremlin"}
    assert institutions("Die Polizei sucht den verdächtigen Mann.") == set()


def test_media_as_channels_and_titles_and_the_state_owning_a_medium():
    # a medium after "zu" or "an die" is the channel of the statement
    assert "CNN" in institutions("Die Mutter des Rekruten sagt zu CNN, dass ihr Sohn betrogen worden sei.")
    assert "BBC" in institutions("\"Ich habe Angst\", schrieb der Soldat in einer Nachricht an die BBC.")
    # a quoted title with "am"
    assert institutions("Die „Bild am Sonntag“ hatte berichtet, der Plan sei gescheitert.") == {"Bild"}
    assert institutions("Das berichtete die Deutsche Presseagentur.") == {"dpa"}
    # a state in the genitive right after a medium owns it: the medium reports, not the state
    assert institutions("Wie das Staatsfernsehen Russlands meldete, werde der Verletzte behandelt.") == {"unnamed reports"}
    assert institutions("Die G7-Staats- und Regierungschefs versprachen weitere Hilfe.") == {"G7"}
    assert institutions("„Das ist ein historischer Tag“, sagte Błaszczak.") == {"Polish government"}


def test_agency_photo_captions_credit_nobody():
    assert institutions("Auf diesem vom Pressedienst des russischen Verteidigungsministeriums über AP veröffentlichten "
                        "Videostandbild schießt ein Soldat.") == set()
    # a credit in brackets inside a caption credits nobody; a source the caption text cites still counts
    assert institutions("Ein Lager in Kursk (Bild der russischen Staatsagentur TASS) Bild: Vladimir Gerdo/TASS/dpa/picture "
                        "alliance") == set()
    assert institutions("Verschiedenen Quellen zufolge steht das Kraftwerk unter Beschuss. Foto: Uncredited/AP/dpa") == {
        "unnamed reports"}
    # heads and staff of a medium speak for it
    assert institutions("Der Intendant der Deutschen Welle, Peter Limbourg, teilte mit: \"Das war zu erwarten.\"") == {
        "Deutsche Welle"}


def test_media_that_quote_and_media_in_the_dative_after_the_subject():
    # the medium that quotes a speaker is the channel
    assert institutions("„Das verlangt eine Antwort“, wurde Lawrow von der Agentur Ria Nowosti zitiert.") == {
        "RIA Nowosti", "Russian foreign ministry"}
    # after the subject, "der" + medium is a dative: the channel
    assert institutions("Die meisten Opfer seien erschossen worden, sagte Bürgermeister Anatolij Petrenko der Deutschen "
                        "Welle.") == {"Deutsche Welle", "uncoded"}
    assert institutions("Es gebe Überlegungen, sagte der Präsident des Bundesnachrichtendienstes (BND) der Deutschen "
                        "Welle.") == {"Deutsche Welle", "German intelligence (BND)"}
    assert institutions("„Ich finde das irritierend“, sagte Habeck der Bild-Zeitung.") == {"Bild", "German government"}
    # a body in the genitive after a spokesperson still speaks
    assert institutions("Die Lage sei ernst, sagte der Sprecher der Bundesregierung.") == {"German government"}


def test_more_names_of_the_story_and_a_disclosure():
    assert institutions("Er erhoffe sich von dem Besuch neue Impulse, sagte Xi laut Nachrichtenagentur Tass.") == {
        "Chinese government", "TASS"}
    assert institutions("Botschafter Sinowjew bestätigte, dass er das Ministerium betreten habe.") == {"Russian foreign ministry"}
    assert institutions("Skibizkyj legte die Zahlen in einem Interview offen.") == {"HUR"}
    assert institutions("Tausende Soldaten sind nach Geheimdienstangaben bereits in Russland.") == {"unnamed intelligence"}
    assert institutions("Die Regierung legte den Haushalt offen.") == set()


def test_summons_infinitive_clauses_appositions_before_zufolge_and_parties_between():
    # a summons is no quotation
    assert institutions("Am Abend wurde Nordkoreas Botschafter ins österreichische Außenministerium zitiert.") == set()
    assert institutions("„Wir bleiben“, wurde Kim von Staatsmedien zitiert.") >= {"North Korean leadership"}
    # an infinitive clause before the tag is no relative clause: the subject follows the verb
    assert institutions("Die Raketen würden Russland ermöglichen, das eigene Arsenal einzusetzen, sagte der US-Politiker.") == {
        "uncoded"}
    # an apposition before "zufolge" belongs to the phrase that holds the information
    assert institutions("Dem Chef des Militärgeheimdienstes, Kyrylo Budanow, zufolge sind die Truppen bereit.") == {"HUR"}
    # the parties of an agreement are no speakers
    assert institutions("Dem Vertrag zwischen Kupol und dem russischen Verteidigungsministerium zufolge wiegt die Drohne "
                        "300 Kilo.") == set()
    assert institutions("Nach Angaben aus Pyongyang könnte es bald Gespräche geben.") == {"North Korean leadership"}


def test_documents_a_medium_holds_promises_and_settling_scores():
    assert institutions("In dem Schreiben, das der Nachrichtenagentur AFP vorliegt, bitten die Soldaten um Hilfe.") == {
        "AFP", "uncoded"}
    assert institutions("Die NATO-Länder stellten der Ukraine weitere Hilfe in Aussicht.") == {"NATO"}
    assert institutions("Chinesischer Soldat rechnet mit Russlands Militär ab") == set()
    assert institutions("Kiew rechnet mit bis zu 12.000 Soldaten.") == {"Ukrainian government"}
    # a place describing the subject, and a country name inside a medium's title
    assert institutions("Eine Gruppe bitte darum, berichtete die in Hongkong ansässige Zeitung «South China Morning Post».") == {
        "South China Morning Post"}


def test_opening_agency_tags_bylines_with_agencies_and_reports_of_a_body():
    assert institutions("(Keystone-SDA) Nach drei Jahren Isolation wächst die Wirtschaft wieder.") == {"Keystone-SDA"}
    assert institutions("Von Emma De Ruiter mit AP") == {"AP"}
    assert institutions("Von Peter Müller") == set()
    # a compound report noun after the body's name ("UN-Expertenbericht") speaks for the body
    assert institutions("Der Handel habe sich verdoppelt, heißt es in einem vertraulichen UN-Expertenbericht.") == {"UN"}
    assert "The Times" in institutions("Wie die britische \"Times\" schreibt, sei die Munition fehlerhaft.")


def test_unnamed_officials_and_sources_behind_a_medium():
    # officials without a state, behind a medium's report, are unnamed government sources
    assert institutions("Das berichtet die Zeitung unter Berufung auf europäische Beamte.") == {
        "unnamed government sources", "uncoded"}
    assert institutions("Die Zeitung bezog sich auf drei Regierungsbeamte.") == {"unnamed government sources", "uncoded"}
    assert institutions("Die \"New York Times\" beruft sich auf aktuelle und ehemalige Beamte.") == {
        "New York Times", "unnamed government sources"}
    # a bare "Quelle" speaks; the medium it speaks to is the channel
    assert institutions("Die Hinweise seien \"glaubwürdig\", versicherte eine Quelle dem RND.") == {
        "unnamed government sources", "RND"}
    assert institutions("Die Quelle der Informationen ist unklar.") == set()
    assert institutions("Drei Beamte des Pentagons sagten, die Truppen seien bereit.") == {"US Department of Defense"}


def test_stances_conveyed_evidence_presented_and_expectations():
    assert institutions("Die südkoreanische Seite vermittelte dem Botschafter ihren Protest.") == {"South Korean government"}
    assert institutions("Der Lehrer vermittelte den Schülern Wissen über den Krieg.") == set()
    assert institutions("Die Ukraine legte Geheimdienstinformationen vor, wonach Teile aus China stammen.") == {
        "Ukrainian government"}
    assert institutions("Die Regierung legte am Montag einen Haushaltsentwurf vor.") == set()
    assert institutions("China weist immer wieder auf seine neutrale Haltung hin.") == {"Chinese government"}
    assert institutions("Die Spuren weisen auf einen russischen Angriff hin.") == set()
    assert institutions("Moskau rechnet damit, dass Seoul den Vertrag versteht.") == {"Kremlin"}
    assert institutions("«Der Besuch stärkt uns», hatte es im Vorfeld aus Moskau geheißen.") == {"Kremlin"}
    assert institutions("Die Ukraine hat China dazu gedrängt, Druck auf Moskau auszuüben.") == {"Ukrainian government"}


def test_belarusian_military_the_commission_president_and_bodies_in_unknown_places():
    assert institutions("Das teilte der belarussische Verteidigungsminister Viktor Chrenin mit.") == {
        "Belarusian defence ministry"}
    assert institutions("Minsk teilte mit, die Übung habe begonnen.") == {"Belarusian presidency"}
    # the title alone names the speaker; the state after the verb is its object
    assert institutions("Die Kommissionspräsidentin warnte China vor Waffenlieferungen an Russland.") == {"EU"}
    # a body set in a place the codebook does not know is not the body of the state named before
    assert institutions("Die Ukraine meldet neue Angriffe. Mindestens 800 Männer seien an die Front gelockt worden, "
                        "berichtete die Polizei in Sri Lanka.") == {"Ukrainian government", "uncoded"}
    assert institutions("Die Ukraine meldet neue Angriffe. Die Lage sei ernst, teilte die Polizei mit.") == {
        "Ukrainian government", "Ukrainian police"}


def test_lists_after_a_cue_representatives_credits_and_relaying_media():
    # the whole enumeration after the cue speaks
    assert institutions("Nach Angaben von Südkorea, der Ukraine und den USA hat Nordkorea 10.000 Soldaten stationiert.") == {
        "South Korean government", "Ukrainian government", "US government"}
    # a representative speaks for the state in the genitive
    assert institutions("Der Vertreter der USA, John Kelley, sagte, Russland habe gelogen.") == {"US government"}
    assert institutions("Die Entsendung der USA sei ein Fehler, sagte Lawrow.") == {"Russian foreign ministry"}
    # credit lines: an opening agency tag with a dash, "sda" and Keystone-SDA on their own line
    assert institutions("(Reuters) - Nach vierjähriger Unterbrechung fahren wieder Züge.") == {"Reuters"}
    assert institutions("Die Züge fahren wieder.\n\nQuelle: sda") == {"Keystone-SDA"}
    assert institutions("Die Züge fahren wieder.\n\nKeystone-SDA") == {"Keystone-SDA"}
    # a medium that relays officials, in the perfect, and assumptions and announcements with other verbs
    assert institutions("Die New York Times hat sich auf anonyme amerikanische Beamte bezogen.") == {
        "New York Times", "US government"}
    assert institutions("Auch westliche Geheimdienste gingen bisher von einer Beteiligung der Ukraine aus.") == {
        "unnamed intelligence"}
    assert institutions("Die Gefahr geht von Russland aus, sagte der Minister.") == {"uncoded"}
    assert institutions("Ende August hatten amerikanische Geheimdienstkreise verlauten lassen, dass Drohnen angekommen seien.") == {
        "US intelligence"}
    assert institutions("Südkoreas UN-Botschafter wies in der Sitzung darauf hin, dass Russland gelogen habe.") == {
        "South Korean government"}
    # names: Bruno Kahl (BND) and Colin Kahl (Pentagon), a podcast as channel, the unification ministry
    assert institutions("\"Wir sind sicher\", sagte Bruno Kahl im Podcast Table.Today.") == {
        "German intelligence (BND)", "Table.Media"}
    assert institutions("Colin Kahl sagte, die Ukraine brauche mehr Munition.") == {"US Department of Defense"}
    assert institutions("Kriegsgefangene könnten aufgenommen werden, sagte ein Beamter des Vereinigungsministeriums.") == {
        "South Korean government"}


def test_sharing_verdicts_examples_namesakes_and_insiders_of_a_body():
    # "teilen ... mit" + a noun is sharing, not announcing
    assert institutions("Dort teilt Nordkorea eine kurze Grenze mit Russland.") == set()
    assert institutions("Der Kreml teilte mit Blick auf die Lage mit, man sei besorgt.") == {"Kremlin"}
    # a verdict is no statement; "so mit" introduces examples
    assert institutions("In Moskau sprach die Richterin den von Medien als Hubbard identifizierten Mann für schuldig.") == set()
    assert institutions("Russland verhandle mit vielen Ländern, so mit China oder Nordkorea, sagte der Minister.") == {"uncoded"}
    # another Kim: the US envoy Sung Kim
    assert institutions("Der US-Sonderbeauftragte Sung Kim bezeichnete die Beziehungen als besorgniserregend.") == {"uncoded"}
    # insiders of a named body roll up to the body
    assert institutions("Das berichteten ukrainische Medien unter Berufung auf Quellen beim Militärgeheimdienst HUR.") == {
        "unnamed reports", "HUR"}


def test_verb_final_announcements_framings_relayed_claims_and_negated_judgements():
    assert institutions("Als Russland und Belarus die Einheit ankündigten, war die Sorge groß.") == {
        "Kremlin", "Belarusian presidency"}
    assert institutions("Auch Moskau stellt es so dar, als habe Kiew den Krieg begonnen.") == {"Kremlin"}
    assert institutions("Zwar behaupte Russland, dass es militärische Ziele angreife, schreibt das ISW.") == {"Kremlin", "ISW"}
    # a negated judgement is still one
    assert institutions("Experten halten dies für keinen Zufall.") == {"unnamed experts"}
    # "Nach Meldungen", an investigation of a body, agencies of other states
    assert institutions("Nach Meldungen russischer Nachrichtenagenturen hat sich der Mann schuldig bekannt.") == {"unnamed reports"}
    assert institutions("Laut einer Untersuchung des ukrainischen Militärs stammen die Teile aus den USA.") == {"Ukrainian military"}
    assert institutions("Kasachischen Nachrichtenagenturen zufolge ist die Lage ernst.") == {"unnamed reports"}
    # a long description of the medium that quotes
    assert institutions("«Es wird eng», wurde Lukaschenko von der staatlichen belarussischen Nachrichtenagentur Belta zitiert.") == {
        "BelTA", "Belarusian presidency"}
    assert institutions("Das sagte der Vizechef des ukrainischen Präsidialbüros, Kyrylo Tymoschenko.") == {"Ukrainian presidency"}
    # the head of a body after the verb is the subject; the phrase before the verb is its object
    assert institutions("Verhandlungen des Westens hält der Chef des deutschen Auslandsgeheimdienstes nicht für vielversprechend.") == {
        "German intelligence (BND)"}
    assert institutions("Die Ukraine hält Munition für die Front bereit.") == set()


def test_korean_namesakes_counted_states_and_staff_of_a_body():
    # a bare "Kim" after a South Korean official named Kim is that official, not the North Korean leader
    assert institutions("Der südkoreanische Vereinigungsminister Kim Yung-ho hat sich besorgt geäußert. Bei einem Treffen "
                        "mit der Presse teilte Kim die Einschätzung mit, dass Nordkorea Waffen liefere.") == {"South Korean government"}
    assert institutions("PPP-Sprecherin Kim Hye-ran erinnerte daran, dass Beobachter entsandt worden seien.") == {"uncoded"}
    assert "North Korean leadership" in institutions("Machthaber Kim Jong-un sagte, die Armee sei bereit. Kim betonte, man "
                                                     "stehe an Russlands Seite.")
    # once the leader speaks under his full name again, a bare "Kim" is him
    assert institutions("Minister Kim Yung-ho warnte vor dem Treffen. Nordkoreas Machthaber Kim Jong-un sagte, die Armee "
                        "sei bereit. Kim betonte, man stehe an Russlands Seite.") == {"uncoded", "North Korean leadership"}
    # a counted subject is no source the codebook knows, and the states after the verb are its objects
    assert institutions("Mindestens 47 Länder verurteilten Nordkorea und Russland scharf.") == set()
    assert institutions("47 Staaten forderten Russland zum Rückzug auf.") == set()
    assert institutions("Laut den Vereinten Stabschefs in Seoul könnte Nordkorea Drohnen liefern.") == {"South Korean military"}
    assert institutions("Einige Geheimdienste sprachen im Juni von hohen Verlusten.") == {"unnamed intelligence"}
    # staff of a body, and a letter of a named person
    assert institutions("Ein hochrangiger Mitarbeiter des ukrainischen Präsidialamts hatte gesagt, dass Selenskyj reise.") == {
        "Ukrainian presidency"}
    assert institutions("In einem Brief von Finanzminister Christian Lindner heißt es, die Mittel seien erschöpft.") == {
        "German government"}


def test_signs_fears_and_documents_named_before_are_no_unnamed_reports():
    # a "hieß es" in a sentence that names who says it adds nobody
    assert institutions("Das Pentagon ging davon aus, dass Moskau mehr Panzer kaufe, hieß es weiter.") == {"US Department of Defense"}
    assert institutions("Im von der BBC veröffentlichten Bericht heißt es, die Front halte.") == {"BBC"}
    # signs and guesses are nobody's information; reports and rumours are unnamed reports
    assert institutions("Es gibt allerdings Hinweise, dass die Drohnen aus Iran stammen.") == set()
    assert institutions("Seit Wochen hatte es Spekulationen gegeben, dass der Minister zurücktrete.") == set()
    assert institutions("Es gibt Berichte, dass die Drohnen aus Iran stammen.") == {"unnamed reports"}
    # a fear is no report
    assert institutions("Befürchtet wird, dass die Kämpfe wieder zunehmen.") == set()
    assert institutions("Vermutet wird, dass die Kämpfe wieder zunehmen.") == {"unnamed reports"}
    # "die Rede" of a document named before, or denied, cites nobody new
    assert institutions("Von einer Feuerpause ist darin nicht die Rede.") == set()
    assert institutions("Hier ist von 200 Panzern die Rede.") == set()
    assert institutions("Zuletzt war von 200 Toten die Rede.") == {"unnamed reports"}
    # a broadcast on TV is no channel; the speaker is the source
    assert institutions("„Wir halten stand“, sagte Syrskyj in einer im Fernsehen übertragenen Sitzung.") == {"Ukrainian military"}
    assert institutions("Laut Geheimdienst-Berichten ist die Lieferung erfolgt.") == {"unnamed intelligence"}


def test_names_after_descriptions_relatives_and_shared_subjects():
    # a name right after its description is the source, not unnamed experts
    assert institutions("Das berichten Analysten des US-Think-Tanks ISW in ihrem Update.") == {"ISW"}
    assert institutions("IAEA-Experten bestätigen, dass die Evakuierung begonnen habe.") == {"IAEA"}
    # but reports are not the person they are about
    assert institutions("Das Lokal soll laut Medienberichten Jewgeni Prigoschin gehören.") == {"unnamed reports"}
    # nothing reported is no report
    assert institutions("Größere Schäden wurden bisher nicht gemeldet.") == set()
    # "laut denen" refers back; the name after it is the clause's subject
    assert institutions("Es gibt Studien, laut denen Russland bald angreifen könnte.") == set()
    assert institutions("Die G7-Runde warnte Russland vor einer Eskalation.") == {"G7"}
    # a verb after "und" shares the subject before it: the names after it are objects
    # (after a dash the shared subject is the speaker, round 30: "Selenskyj feuert Beamte – und nennt sie »Verräter«")
    assert institutions("Biden sprach in Warschau - und drohte Russland mit Sanktionen.") == {"US government"}
    assert institutions("Biden sprach in Warschau und drohte Russland mit Sanktionen.") == {"US government"}
    assert institutions("Der Präsident reiste nach Kiew, und warnte Russland vor einer Eskalation.") == set()
    assert institutions("Die Ukraine meldete Angriffe, und Russland bestätigte sie.") == {"Ukrainian government", "Kremlin"}


def test_a_demonstrative_opening_the_clause_is_the_object():
    # "Das gab X bekannt": the demonstrative refers back to the claim, the speaker follows the verb frame
    assert institutions("Die Panzer kommen im Mai. Das gab Scholz am Montag bekannt.") == {"German government"}
    assert institutions("Das wies der Kreml zurück.") == {"Kremlin"}
    assert institutions("Dies gab das südkoreanische Außenministerium am Freitag bekannt.") == {"South Korean government"}
    # a long verb frame
    assert institutions("Das gab Bundeskanzler Olaf Scholz am Montag in Prag nach einem Treffen mit dem polnischen "
                        "Regierungschef bekannt.") == {"German government"}


def test_informants_of_a_medium_stated_assessments_and_officials_of_a_ministry():
    # what a medium learned, and from whom
    assert institutions("Die Attacke sei geplant gewesen, erfuhr AFP am Montag aus SBU-Kreisen.") == {"AFP", "SBU"}
    assert institutions("Der Entwurf sei abgelehnt worden, erfuhr die Nachrichtenagentur AFP von zwei Diplomaten.") == {
        "AFP", "unnamed government sources"}
    assert institutions("Die Welt erfuhr erst später davon.") == set()
    # an assessment with a figure, and one summed up
    assert institutions("Kiew geht inzwischen von etwa 100.000 verschleppten Kindern aus.") == {"Ukrainian government"}
    assert institutions("Der türkische Außenminister bilanzierte, es seien Fortschritte erzielt worden.") == {"Turkish government"}
    # officials of a defence ministry, a deputy minister, a channel of a state broadcaster, agencies in a country
    assert institutions("Die „New York Times“ berief sich auf zwei US-Verteidigungsbeamte.") == {"New York Times", "US Department of Defense"}
    assert institutions("Das Ziel sei erreicht, so der Vize-Verteidigungsminister Alexander Fomin.") == {"Russian defence ministry"}
    assert institutions("Das sagte er in einem Interview mit dem Staatssender „Russland 24“.") == {"VGTRK"}
    assert institutions("Nachrichtenagenturen in der Ukraine berichteten von Explosionen.") == {"unnamed reports"}


def test_suspicions_sides_and_european_services():
    # a stated suspicion is a statement; a speaker's own guess in the first person is not news sourcing
    assert institutions("Experten vermuteten, dass die Drohne aus Russland kam.") == {"unnamed experts"}
    assert institutions("Ich vermute, dass es regnet.") == set()
    # "ukrainischerseits" is the state as speaker
    assert institutions("Unklar bleibt, ob die Teile, wie ukrainischerseits behauptet, von einer Drohne stammen.") == {
        "Ukrainian government"}
    # European intelligence services, a federal ministry, members of the European Parliament
    assert institutions("Nach Informationen mehrerer europäischer Geheimdienste plant Russland Anschläge.") == {
        "unnamed intelligence"}
    assert institutions("Ein Sprecher des Bundesfinanzministeriums sagte, die Prüfung laufe.") == {"German government"}
    assert institutions("Europaabgeordnete hatten die Entscheidung als ungerechtfertigt kritisiert.") == {"European Parliament"}


def test_estimates_from_a_capital_open_questions_and_british_ministers():
    # estimates from a capital are the state's
    assert "Ukrainian government" in institutions("Schätzungen aus Kiew zufolge halten sich 300.000 Ukrainer in Polen auf.")
    # speculation about an open question cites nobody
    assert institutions("Es wurde darüber spekuliert, ob der Satz im Manuskript stand.") == set()
    assert institutions("Es wurde darüber spekuliert, dass der Minister zurücktritt.") == {"unnamed reports"}
    # a British minister without a codebook entry of his own speaks for the government
    assert institutions("Das teilte der britische Wirtschaftsminister per Twitter mit.") == {"UK government"}


def test_stated_hopes_expectations_refusals_and_readiness():
    # a stated hope, an expectation with its object, a refusal and a declared readiness are positions of the speaker
    assert institutions("Die Ukraine hofft auf weitere Haubitzen aus Deutschland.") == {"Ukrainian government"}
    assert institutions("Kiew erwartet demnach im Frühjahr eine neue Offensive.") == {"Ukrainian government"}
    assert institutions("Die Vereinten Nationen erwarten, dass weitere Menschen fliehen.") == {"UN"}
    assert institutions("Russland lehnt den Vorschlag als unrealistisch ab.") == {"Kremlin"}
    assert institutions("Die Ukraine hat sich zu einer Waffenruhe von 30 Tagen bereiterklärt.") == {"Ukrainian government"}
    # an expectation that is no one's statement: passive, comparison, attribute
    assert institutions("Zum Gipfel werden auch Scholz und Biden erwartet.") == set()
    assert institutions("Russland stoppte die Lieferungen wie erwartet zum Jahreswechsel.") == set()
    assert institutions("Der Besuch Selenskyjs fiel länger aus als erwartet.") == set()
    assert institutions("In Vilnius begann der mit Spannung erwartete Gipfel der Nato.") == set()
    assert institutions("Die erwartete Offensive blieb aus, und Kiew erwartete weitere Angriffe.") == {"Ukrainian government"}


def test_verdicts_closing_copyright_lines_and_bodies_named_by_their_office():
    # a sentence passed by a court is an act, a condemnation is a statement
    assert institutions("Ein Moskauer Gericht verurteilte den Reporter zu 16 Jahren Lagerhaft.") == set()
    assert institutions("Wegen Spionage hat ein polnisches Gericht Angeklagte aus Russland und der Ukraine zu Haftstrafen "
                        "verurteilt.") == set()
    assert institutions("Ein Gericht verurteilte den Reporter zu Haft, die USA verurteilten das Urteil.") == {"US government"}
    assert institutions("Die Bundesregierung verurteilte den Angriff scharf.") == {"German government"}
    # "© dpa" closing the text credits it; an opening agency tag in any case
    assert institutions("Die Lage bleibt angespannt.\n\n© dpa") == {"dpa"}
    assert institutions("(Afp/dpa) Kremlchef Wladimir Putin hat die Beschlagnahme angeordnet.") == {"AFP", "dpa"}
    # an assessment with a long adverbial inside the verb frame
    assert institutions("Experten des US-Instituts für Kriegsstudien (ISW) gehen angesichts der Beweise und der Argumente "
                        "davon aus, dass Russland den Damm zerstört hat.") == {"ISW"}
    # offices named by their function or abbreviation, the Red Cross, gender-inclusive plurals
    assert institutions("Nach Angaben der Militärverwaltung der Stadt Kiew wurden sechs Bezirke getroffen.") == {
        "Kyiv city administration"}
    assert institutions("Der Nachrichtendienst des ukrainischen Verteidigungsministeriums erklärte, der General sei tot.") == {"HUR"}
    assert institutions("Das Gesuch sei eingegangen, teilte das VBS am Donnerstag mit.") == {"Swiss government"}
    assert institutions("Das Rote Kreuz befürchtet, dass Minen verteilt wurden.") == {"ICRC"}
    assert "ICRC" not in institutions("Das Deutsche Rote Kreuz sammelte Spenden, sagte ein Sprecher.")
    assert institutions("Expert*innen gehen davon aus, dass es Jahrzehnte dauert.") == {"unnamed experts"}
    assert institutions("Das System rette Leben, sagte Luftwaffenchef Ingo Gerhartz.") == {"Bundeswehr"}


def test_a_group_of_states_cites_each_member_and_insistence_is_a_demand():
    # "die baltischen Staaten" speak as three states (sources.yaml `members`)
    assert institutions("Die baltischen Staaten forderten ein Einreiseverbot für Russen.") == {
        "Estonian government", "Latvian government", "Lithuanian government"}
    assert institutions("Die Baltenstaaten warnten vor russischer Propaganda.") == {
        "Estonian government", "Latvian government", "Lithuanian government"}
    assert institutions("In den baltischen Staaten leben viele Russen.") == set()
    # "dringen auf" is a stated demand; water penetrating a cellar is not
    assert institutions("Kiew dringt auf schnelle Lieferungen.") == {"Ukrainian government"}
    assert institutions("Das Wasser dringt in die Keller.") == set()
    # a member the codebook does not know is the researcher's typo, reported in one line
    group = {"source": "Benelux", "aliases": ["Benelux-Staaten"], "institution": "Benelux", "source_type": "government/official",
             "country": "Benelux", "kind": "country", "members": ["Belgien", "Niederlande"]}
    with pytest.raises(UserError, match="Belgien, Niederlande"):
        _build_rules([group], {"credit": []})


def test_the_un_food_programme_ministers_of_the_war_years_and_a_concert_hall():
    assert institutions("Das Welternährungsprogramm der Vereinten Nationen (WFP) warnte vor Hunger.") == {"UN"}
    assert institutions("Nach Angaben von Bundesagrarminister Cem Özdemir (Grüne) kommen die Lieferungen an.") == {"German government"}
    assert institutions("Die Kulturstaatsministerin Claudia Roth sagte, das sei ein Angriff.") == {"German government"}
    assert institutions("Der russische IAEA-Botschafter Michail Uljanow hatte erklärt, die Gespräche liefen.") == {
        "Russian foreign ministry"}
    assert institutions("Er wird die Konzerte leiten, wie die Carnegie Hall bekanntgab.") == set()


def test_authorities_of_a_frontline_town_the_kyiv_region_and_the_turkish_presidency():
    # "laut Behörden" in a Ukrainian town the attacker is named before: the town's state, not the attacker's
    assert institutions("Russland hat bei einem Luftangriff auf die Bergbaustadt Dobropillja laut Behörden elf Menschen "
                        "getötet.") == {"Ukrainian government"}
    assert institutions("Eine Frau wurde verletzt, wie die Militärverwaltung des Kiewer Umlands mitteilte.") == {
        "Kyiv regional government (Kuleba)"}
    assert institutions("Das türkische Präsidentenbüro teilte mit, Erdogan habe Selenskyj empfangen.") == {"Turkish government"}


def test_unnamed_tv_and_radio_channels_by_any_state_adjective():
    # a channel named only by its state (or "staatlich", "öffentlich-rechtlich") counts as unnamed reports, as the coders do
    assert institutions("Der Bürgermeister sagte im lettischen Fernsehen, das Denkmal werde entfernt.") == {"unnamed reports"}
    assert institutions("Das sagte Vizeregierungschef Jaroslaw Kaczynski im polnischen Radio.") == {
        "Polish government", "unnamed reports"}
    assert institutions("Die Lage sei ernst, sagte Premier Orban im staatlichen ungarischen Rundfunk.") == {
        "Hungarian government", "unnamed reports"}
    assert institutions("Das ukrainische Fernsehen berichtete am Freitag von schweren Kämpfen.") == {"unnamed reports"}
    # a broadcast, a channel named next, or television as a topic: no unnamed reports
    assert institutions("Die Rede wurde im ukrainischen Fernsehen übertragen.") == set()
    assert "unnamed reports" not in institutions("Das sagte der Minister im russischen Fernsehsender NTW.")
    assert institutions("Im russischen Fernsehen wird der Krieg als Erfolg dargestellt.") == set()


def test_reports_in_the_perfect_tense_a_day_adverb_and_more_spellings():
    assert institutions("Seit Beginn der Offensive hat es immer wieder Berichte über Sabotageakte in der Region gegeben.") == {
        "unnamed reports"}
    assert institutions("Es hat immer wieder Berichte über Sabotageakte gegeben.") == {"unnamed reports"}
    assert institutions("Es hat keine Berichte über Verletzte gegeben.") == set()
    # "Tags zuvor" dates the clause, it names no speaker
    a = attrib("Tags zuvor hatte der Gouverneur gewarnt, die Lage sei schwierig.")
    assert "Tags" not in set(a["mention"])
    assert institutions("Laut dem ukrainischen Armeechef Olexander Sirski ist die Lage schwierig.") == {"Ukrainian military"}
    assert institutions("Eine Brücke stürzte ein, sagte Alexander Khinshtein, Gouverneur der Region Kursk.") == {
        "Kursk regional government (Chinschtein)"}
    assert institutions("Auch Norwegen will helfen, wie Ministerpräsident Jonas Gahr Støre ankündigte.") == {"Norwegian government"}
    assert "Norwegian government" not in institutions("Der Store in Oslo schloss, sagte ein Kunde.")


def test_the_president_elect_a_pledge_received_and_a_broadcast_interview():
    assert institutions("Im Wahlkampf hatte der designierte US-Präsident angekündigt, den Krieg zu beenden.") == {
        "Donald Trump (US president-elect)"}
    assert institutions("Die Ukraine hatte einige Patriot-Batterien erhalten oder zugesagt bekommen.") == set()
    assert institutions("Deutschland hat der Ukraine weitere Hilfe zugesagt.") == {"German government"}
    assert institutions("Es seien 25 Systeme nötig, sagte Selenskyj in einem im Fernsehen ausgestrahlten Interview.") == {
        "Ukrainian presidency"}


def test_experts_named_by_name_are_persons_not_unnamed_experts():
    assert "unnamed experts" not in institutions(
        "Die russischen Militärexperten Jurij Kotenok und Semjon Pegow schreiben, der Flugplatz sei angegriffen worden.")
    assert "unnamed experts" not in institutions("Laut den Militäranalysten Michael Kofman und Rob Lee haben die Ukrainer das Momentum.")
    assert institutions("Militärexperten warnen vor einer neuen Offensive.") == {"unnamed experts"}


def test_accumulating_reports_denials_commissioned_acts_and_more_names():
    # reports that accumulate or existed, in any word order
    assert institutions("Dennoch häufen sich die Berichte von angeblichen Einsätzen an der Front.") == {"unnamed reports"}
    assert institutions("In den vergangenen Monaten häuften sich die Meldungen über Sabotage.") == {"unnamed reports"}
    assert institutions("Die Proteste häufen sich in der Hauptstadt.") == set()
    assert institutions("Nachdem es bereits erste Berichte über heftige Verluste gegeben hatte, wurde es still.") == {"unnamed reports"}
    assert institutions("Nachdem es keine Meldungen über Schäden gegeben hatte, öffnete die Brücke.") == set()
    # a denial with a long object
    assert institutions("Der Kreml weist Berichte über eine Einkesselung als falsch zurück.") == {"Kremlin"}
    # an act done on a state's behalf names no source; a study commissioned by a body still may
    assert institutions("Vandalismus im Auftrag Russlands: Estland verhängt Haftstrafe für Aktivisten") == set()
    assert "Kremlin" not in institutions(
        "Er wurde für schuldig befunden, im Auftrag Russlands in Tartu ein Auto in Brand gesteckt zu haben.")
    assert institutions("Nach Informationen des ukrainischen Geheimdienstes (SBU) wurde der Mann festgenommen.") == {"SBU"}
    assert institutions("Das britische Russland-Forschungsinstitut Rusi hatte über den Einsatz geschrieben.") == {"RUSI"}
    assert institutions("Die Lage bleibt angespannt.\n\n© dpa-infocom, dpa:240824-930-211906/3") == {"dpa"}


def test_an_interpretation_in_the_passive_cites_its_agent_not_an_act_or_an_active_view():
    assert institutions("Das Versprechen wird von vielen Beobachtern als Bündnis betrachtet.") == {"unnamed experts"}
    assert institutions("Ein Eingreifen wird von Militärbeobachtern für wenig wahrscheinlich gehalten.") == {"unnamed experts"}
    assert institutions("Der Angriff wird als Wendepunkt betrachtet.") == set()
    assert institutions("Russland hat die Deutsche Welle als ausländischen Agenten eingestuft.") == set()
    assert institutions("Nordkorea verschärfte seine Rhetorik gegenüber den USA, die Pjöngjang als Hauptfeinde betrachtet.") == set()


def test_a_pronoun_before_zufolge_is_the_source_cited_last_never_a_noun_before_it():
    t = attrib("Selenskyj sagte am Montag, die Lage sei ernst. Ihm zufolge wurde ein Angriff registriert.")
    assert set(t["institution"]) == {"Ukrainian presidency"} and "zufolge" in set(t["cue"])
    assert institutions("Eine Enthauptung eines ukrainischen Soldaten wurde ihm zufolge in Donezk registriert.") == set()


def test_a_state_label_over_its_own_organ_or_a_world_body_in_a_headline():
    def headline(line: str, body: str = "Der Text beginnt hier mit einem Satz.") -> set[str]:
        return set(attrib(line + "\n\n" + body)["institution"])
    assert headline("Russland: Putin erhöht Steuern zur Finanzierung des Krieges") == set()
    assert headline("Ukraine: UN-Menschenrechtskommission entsetzt über grausame Videos") == set()
    # over a claim the state speaks where the text cites one of its bodies
    assert headline("Südkorea: Nordkorea schickt Soldaten nach Russland", "Das teilte der Geheimdienst NIS mit.") == {
        "South Korean government", "NIS"}
    assert headline("Russland: Ukrainische Armee greift die Krim mit Drohnen an",
                    "Das meldete das Verteidigungsministerium in Moskau.") == {"Kremlin", "Russian defence ministry"}


def test_a_name_in_a_prepositional_object_after_the_verb_is_no_subject():
    assert "Kremlin" not in institutions(
        "„Wir hätten lieber einen anderen Wladimir hier gesehen“, sagte er und verwies damit auf den russischen Präsidenten Wladimir Putin.")
    assert institutions("Das sei falsch, sagte nach dem Treffen Präsident Selenskyj.") == {"Ukrainian presidency"}
    assert institutions("Das sei falsch, sagte am Montag Selenskyj mit Blick auf Russland.") == {"Ukrainian presidency"}
    assert "Kremlin" not in institutions("Trumps Sondergesandter spricht mit Putin und erzählt dann, wie nah ein Abkommen sei.")
    assert institutions("Bei einem Treffen mit Putin sagte Xi, China sei neutral.") == {"Chinese government"}
    # a statement withheld is none; "wie X" listing examples is not "wie X berichtet"
    assert institutions("Auch Kremlsprecher Dmitri Peskow sagte den Medien nichts dazu.") == set()
    assert institutions("Darunter sind Politiker wie Präsident Wladimir Putin und Oligarchen, wie die «Zeit» berichtet.") == {"Die Zeit"}


def test_a_holder_named_after_a_report_noun_is_the_source_not_unnamed_reports():
    assert "unnamed reports" not in institutions("Die Erhöhungen bringen nach Schätzungen des Finanzministeriums 27 Milliarden Euro ein.")
    assert "unnamed reports" not in institutions("Laut Berichten von Anwälten und Kommandanten ist das Problem weit größer.")
    assert institutions("Laut Berichten von Diplomaten ist das Problem weit größer.") == {"unnamed government sources"}
    assert institutions("Laut Berichten des unabhängigen russischen Portals „Meduza“ ist das Problem weit größer.") == {"Meduza"}
    assert institutions("Laut Berichten vom Montag ist das Problem weit größer.") == {"unnamed reports"}
    assert institutions("Laut Berichten ist das Problem weit größer.") == {"unnamed reports"}
    assert institutions("Nach Angaben des in den USA ansässigen Think-Tanks Institute for the Study of War (ISW) fehlt Munition.") == {"ISW"}


def test_closing_agency_line_of_swiss_portals_and_a_caption_ending_in_a_photo_credit():
    assert institutions("Der Bundesrat will mehr Geld ausgeben.\n\n(text:sda/bild:keystone)") == {"Keystone-SDA"}
    assert institutions("Der Bundesrat will mehr Geld ausgeben.\n\n(text:csc/bild:keystone)") == set()
    assert institutions("Die Lage ist ernst.\n\nVerteidigungsminister Pistorius im Bundestag / Photo: DPA (dpa)") == set()


def test_a_medium_named_in_a_compound_speaks_or_carries_the_statement():
    assert institutions("Das sagte Büchner im ARD-Sommerinterview.") == {"ARD"}
    assert "ORF" in institutions("„Die Lage ist ernst“, sagte Fico im Ö1-Interview.")
    assert institutions("Das berichtete ORF-Korrespondent Christian Wehrschütz am Montag.") == {"ORF"}
    assert "ARD" in institutions("Das sagte Merz in der ARD-Sendung „Maischberger“.")
    assert "Kremlin" not in institutions("Das berichtete die Russland-Korrespondentin Ina Ruck am Montag.")
    assert institutions("Die DW-Akademie bildet Journalisten aus.") == set()


def test_the_chancellor_cited_last_and_germany_s_deputy_spokespersons_and_security_authorities():
    t = attrib("Merz sagte am Montag in Vilnius, Europa müsse handeln. „Wir werden die Bundeswehr stärken“, betonte der Kanzler.")
    assert list(t["institution"]) == ["German government", "German government"]
    assert institutions("„Wir waren informiert“, sagte der stellvertretende Regierungssprecher Wolfgang Büchner.") == {"German government"}
    assert institutions("Rekrutiert werden nach Erkenntnissen der deutschen Sicherheitsbehörden vor allem junge Männer.") == {"German government"}


def test_an_outlet_citing_itself_is_flagged_by_its_catalog_name_never_its_supplying_agency():
    a = attrib("Das erklärte Selenskyj im Parlament, berichtet ein Ukrinform-Korrespondent.\n\nDas sagte Fico im Ö1-Interview.")
    def flagged(outlet: str) -> set[str]:
        catalog = pd.DataFrame({"article_id": ["x"], "outlet": [outlet], "outlet_label": [outlet]})
        return set(a.loc[self_citations(a, catalog), "institution"])
    assert flagged("Ukrinform (ukrinform.de)") == {"Ukrinform"}
    assert flagged("ORF (orf.at)") == {"ORF"}
    assert flagged("Heute (heute.at)") == set()
    assert flagged("t-online (AFP)") == set()
    credit = attrib("Der Bundesrat will mehr Geld ausgeben.\n\n(text:sda/bild:keystone)")
    swiss = pd.DataFrame({"article_id": ["x"], "outlet": ["Keystone-SDA"], "outlet_label": ["SDA"]})
    assert not self_citations(credit, swiss).any()  # a credit line names the supplying agency


def test_reports_proving_true_compounds_of_a_named_body_agents_of_participles_and_persons_by_age():
    assert institutions("Sollten sich die Berichte bestätigen, „würde das eine Eskalation bedeuten“, so Rutte.") == {"NATO"}
    assert institutions("Die Berichte bestätigten sich später.") == set()
    assert institutions("In der Ukraine sind UN-Schätzungen zufolge 14,6 Millionen Menschen auf Hilfe angewiesen.") == {"UN"}
    assert institutions("Ein vom ukrainischen Militär gefangen genommener Soldat hat den Wunsch geäußert, zu bleiben.") == set()
    assert institutions("Der 53-Jährige hatte Putin etwa als „alten Idioten“ bezeichnet.") == set()
    assert "CNN" not in institutions("„Ich bestätige, dass Teile gefunden wurden“, sagte Tilvar dem rumänischen Sender Antena 3 CNN.")
    assert "APA" in institutions("„Ich kann mir eine Unterstützung vorstellen“, sagte Tanner auf APA-Anfrage.")
    assert institutions("Die Preise steigen weiter.\n\nAPA/dpa-AFX") == {"APA", "dpa"}
    assert institutions("Diese sind nach Erkenntnissen der ukrainischen Aufklärung in Kursk.") == {"Ukrainian intelligence (unspecified)"}


def test_no_reports_a_person_as_accusative_object_and_more_names():
    assert institutions("Zunächst gab es aber keine Berichte über schwere Schäden oder Verletzte.") == set()
    assert institutions("Im Onlinedienst Telegram forderte Puschilin den russischen Präsidenten Wladimir Putin dazu auf, zu handeln.") == {
        "Russian occupation authorities (Donetsk)"}  # the speaker (in the codebook from round 24), not the president he addressed
    assert institutions("Am Montag forderte Selenskyj den US-Präsidenten auf, mehr Waffen zu liefern.") == {"Ukrainian presidency"}
    assert "Swedish government" not in institutions("„Ein trauriger Tag“, sagte hingegen Li Andersson, Vorsitzende des Linksbündnisses.")
    assert institutions("Die Lage bleibt ernst.\n\nVon Euronews mit DPA") == {"dpa"}
    assert institutions("Israels Außenminister Jair Lapid bezeichnete die Aussagen als unverzeihlich.") == {"Israeli government"}
    assert institutions("Cavusoğlu sagte, er hoffe auf einen Wendepunkt.") == {"Turkish government"}
    assert institutions("„Es wird keine Wahlen geben“, schrieb der Abgeordnete Olexij Hontscharenko.") == {"Ukrainian parliament"}
    assert institutions("Das sagte der Bürgermeister von Kramatorsk, Olexander Hontscharenko.") == {"Kramatorsk city administration"}


def test_media_listed_after_one_cue_and_channels_after_an_apposition():
    # every medium of a list after a slot or a verb of reporting, names of two words and lower-case agencies included
    assert institutions("Nach Informationen von ARD, Süddeutscher Zeitung und Zeit war ein weiterer Mann beteiligt.") >= {
        "ARD", "Süddeutsche Zeitung"}
    assert institutions("Das berichten NDR, WDR und die Süddeutsche Zeitung.") == {"NDR", "WDR", "Süddeutsche Zeitung"}
    assert institutions("Das melden die Agenturen Reuters, AFP und dpa übereinstimmend.") == {"Reuters", "AFP", "dpa"}
    # a list of states after the speaker is what the speaker said, not more speakers
    assert institutions("Das sagte Selenskyj, Russland und Nordkorea seien Verbündete.") == {"Ukrainian presidency"}
    # the medium in the dative after an apposition is the channel
    assert institutions("„Wir entscheiden bald“, sagte die Sprecherin Lukaschenkos, Natalija Eismont, der russischen "
                        "Nachrichtenagentur Tass.") == {"Belarusian presidency", "TASS"}
    assert "Bloomberg" in institutions("Man folge den Sanktionen nicht, erklärte Serik Schumangarin, Vizepremier Kasachstans, der "
                                       "US-amerikanischen Nachrichtenagentur Bloomberg.")


def test_rfe_services_unnamed_tv_apologies_claims_of_responsibility_and_more_names():
    assert institutions("Laut Radio Azattyq, dem kasachischen Dienst von Radio Free Europe, wurden drei Männer festgenommen.") == {
        "Radio Free Europe/Radio Liberty"}
    assert institutions("Das berichtet der usbekische Dienst Ozodlik von Radio Freies Europa.") == {"Radio Free Europe/Radio Liberty"}
    assert institutions("Sie sollen laut belarussischem Fernsehen in Homel angekommen sein.") == {"unnamed reports"}
    assert institutions("Wladimir Putin entschuldigte sich dafür, dass die Flugabwehr das Flugzeug getroffen habe.") == {"Kremlin"}
    assert institutions("Die Ukraine hat sich zu dem Angriff bekannt.") == {"Ukrainian government"}
    assert institutions("Die deutschen Ermittler glauben, dass die Jacht genutzt wurde.") == {"German government"}
    assert institutions("Laut der Schweizer Staatssekretärin für Migration, Christine Schraner Burgener, kamen 40.000 Menschen.") == {
        "Swiss government"}
    assert institutions("Doch Russlands UN-Botschafter Wassili Nebensja wiegelte ab: Es handle sich um eine Provokation.") == {
        "Russian foreign ministry"}
    assert institutions("Russland weist jede Schuld von sich.") == {"Kremlin"}
    assert institutions("Wie verlautete, hätten beide Seiten eine Vertiefung der Beziehungen vereinbart.") == {"unnamed reports"}
    assert institutions("Wie aus Regierungskreisen verlautete, sei eine Einigung nah.") == {"unnamed government sources"}
    assert institutions("Der deutsche Botschafter Martin Jäger schrieb auf X, man stehe an der Seite der Ukraine.") == {
        "German Foreign Office"}
    assert institutions("Die Präsidialverwaltung der Ukraine hatte die Gespräche bestätigt.") == {"Ukrainian presidency"}
    assert institutions("Igor Konaschenkow berichtet von einem massiven Angriff.") == {"Russian defence ministry"}


def test_institutions_the_held_out_coding_names_often_and_the_place_a_speaker_was():
    assert institutions("Laut Ukrenergo sind 40 Prozent der Netze beschädigt.") == {"Ukrenergo (grid operator)"}
    assert institutions("Energoatom teilte mit, das Kraftwerk sei wieder am Netz.") == {"Energoatom (Ukrainian nuclear operator)"}
    assert institutions("Papst Franziskus rief zu einem Waffenstillstand auf.") == {"Holy See (Vatican)"}
    assert institutions("Die OSZE berichtete von 300 Verstößen.") == {"OSCE"}
    assert institutions("Das Internationale Olympische Komitee erklärte, russische Sportler blieben ausgeschlossen.") == {"IOC"}
    assert institutions("Nach Angaben der Weltgesundheitsorganisation wurden 1500 Angriffe auf Kliniken gezählt.") == {"WHO"}
    assert institutions("Die russische Zentralbank teilte mit, der Leitzins steige.") == {"Russian central bank"}
    assert institutions("Wie der ukrainische Grenzschutz mitteilte, wurden zwei Männer festgenommen.") == {
        "Ukrainian border guard service"}
    assert institutions("Das rumänische Verteidigungsministerium teilte mit, Trümmer seien gefunden worden.") == {
        "Romanian defence ministry"}
    assert institutions("Nach rumänischen Angaben wurden Trümmer gefunden.") == {"Romanian government"}
    assert institutions("Kasachstan werde den Sanktionen nicht folgen, sagte Tokajew.") == {"Kazakh government"}
    assert institutions("Drohnentrümmer stürzten in Rumänien ab, sagte ein Nato-Sprecher.") == {"NATO"}
    # a capital after "in der ... Hauptstadt" is where the speaker was; "aus der Hauptstadt" still names the speaker
    assert institutions("„Das ist ein Verstoß“, sagte Direktor Hans Meier am Montag in der ukrainischen Hauptstadt Kiew.") == {
        "uncoded"}
    assert institutions("Aus der ukrainischen Hauptstadt Kiew hieß es, man prüfe das.") == {"Ukrainian government"}
    assert institutions("Im Vatikan sagte Selenskyj, er hoffe auf Hilfe.") == {"Ukrainian presidency"}
    # a cancelled date is no statement; "so denn" is no speaker tag
    assert institutions("Russische Notenbankchefin sagt Termin ab - Spekulationen um Gesundheitszustand") == set()
    assert institutions("Putin muss mit Festnahme rechnen, so denn die Länder Mitglied des Internationalen Strafgerichtshofes "
                        "sind.") == set()
    assert institutions("Rumänien habe seine Nato-Partner informiert, schrieb Rumäniens Außenministerin Luminita Odobescu auf X.") == {
        "Romanian foreign ministry"}


def test_heads_of_media_military_units_and_blogs_ngos_and_objects_in_the_dative():
    assert institutions("Laut BBC-Generaldirektor Tim Davie wenden sich Millionen Russen der BBC zu.") == {"BBC"}
    assert institutions("„Wir bleiben dran“, sagte Watzke im ZDF-Sportstudio.") >= {"ZDF"}
    assert institutions("Die Moskauer Behörden werfen dem Journalisten Spionage vor.") == {"Kremlin"}
    assert institutions("Später erklärte Muratow, der Erlös solle Kindern zugutekommen.") == {"Nowaja Gaseta"}
    assert institutions("Gershkovich weist die Vorwürfe zurück.") == {"Wall Street Journal"}
    assert institutions("Nach Angaben von Kommandeur Oleksandr Piwnenko wehrte die Nationalgarde den Angriff ab.") == {
        "Ukrainian military"}
    assert institutions("Das Ukrainische Widerstandszentrum berichtete, dass Kinder deportiert würden.") == {"Ukrainian military"}
    assert institutions("Allerdings berichteten ukrainische Militärblogs, dass sich die Truppen zurückgezogen hätten.") == {
        "unnamed reports"}
    assert institutions("Der NGO „Save Ukraine“ ist es nach eigenen Angaben gelungen, 31 Kinder zurückzubringen.") == {"Save Ukraine"}
    # a person in the dative is an object; a place listed after "in X und" is a place too
    assert institutions("Ihr und dem russischen Präsidenten wirft das Gericht vor, verantwortlich zu sein.") <= {"uncoded"}
    assert "German government" not in institutions("Sie hatte Auftritte in Barcelona und Berlin abgesagt und zum Frieden "
                                                   "aufgerufen.")
    assert institutions("„Er kennt uns gut“, sagte Pistorius den Zeitungen der Funke Mediengruppe.") == {
        "German defence ministry", "Funke Mediengruppe"}
    assert institutions("Deutschlands ranghöchster Offizier sagt, die Bundeswehr gehe den Weg zur Kriegstüchtigkeit.") == {"Bundeswehr"}
    assert institutions("Nato-Oberbefehlshaber Christopher Cavoli warnt, dass Russland stärker werde.") == {"NATO"}
    assert institutions("Über die Routen spreche man nicht, sagte die Ministerin im Ö1-Morgenjournal.") >= {"ORF"}
    assert institutions("Kasciunas versicherte, man werde die Brigade unterstützen.") == {"Lithuanian government"}
    assert institutions("Fünf sind nach Bundeswehrangaben derzeit in Polen.") == {"Bundeswehr"}
    assert institutions("Das Verteidigungsministerium in Moskau meldete den Abschuss von zwei Drohnen.") == {
        "Russian defence ministry"}
    assert institutions("Laut IKRK-Angaben seien mehrere Busse in Sicherheit.") == {"ICRC"}
    assert institutions("Moskaus UNO-Botschafter Wassily Nebenzia spricht von Lügen.") == {"Russian foreign ministry"}
    assert institutions("So hatte die Abgeordnete Irina Heraschtschenko kritisiert, dass es keine Debatte gebe.") == {
        "Ukrainian parliament"}
    assert institutions("„Die Sanktionen treffen den Präsidenten“, betonte Außenministerin Marise Payne.") == {"Australian government"}
    assert institutions("Schon vor Wochen gab die ukrainische General-Staatsanwaltschaft bekannt, dass Ermittlungen laufen.") == {
        "Ukrainian Prosecutor General's Office"}
    assert institutions("Gemäss dem Menschenrechtsbeauftragten des ukrainischen Parlaments, Dmytro Lubinets, berichteten alle "
                        "von Folter.") == {"Ukrainian ombudsman (Lubinez)"}
    assert institutions("Nach Schätzungen des Forbes-Magazins wird sein Vermögen auf 14 Milliarden geschätzt.") == {"Forbes"}
    assert institutions("«Das Objekt ist zerstört», zitierte das Portal RBK-Ukraina einen Offizier.") >= {"RBC-Ukraine"}
    assert "APA" not in institutions("Das sei unverständlich, so Bartholomaios gegenüber der österreichischen Nachrichtenagentur "
                                     "„Kathpress“.")
    assert institutions("Militärexperten hatten eine Zunahme der Angriffe vorausgesagt.") == {"unnamed experts"}
    assert institutions("In Kiew hatte der ukrainische Präsident Wolodymyr Selenskyj für die Freigabe geworben.") == {
        "Ukrainian presidency"}
    assert institutions("Präsident Putin verteidigte die Evakuierung der Stadt.") == {"Kremlin"}
    assert institutions("Die ukrainische Armee verteidigte die Stadt drei Monate lang.") == set()


def test_austrian_chancellery_and_ministers_are_not_germany():
    # the chancellery named as Austrian, or placed in Vienna, is the Austrian government; alone it stays Germany's
    assert institutions("Das österreichische Bundeskanzleramt teilte mit, Nehammer reise nach Kiew.") == {"Austrian government"}
    assert institutions("Das Bundeskanzleramt in Wien teilte mit, der Kanzler werde reisen.") == {"Austrian government"}
    assert institutions("Das Bundeskanzleramt teilte mit, Scholz reise nach Kiew.") == {"German government"}
    assert institutions("Bundeskanzler Christian Stocker sagte, Österreich helfe weiter.") == {"Austrian government"}
    assert institutions("Außenministerin Beate Meinl-Reisinger sagte, man stehe an der Seite der Ukraine.") == {
        "Austrian foreign ministry"}


def test_the_generic_ukrainian_service_is_the_one_the_article_names():
    # "der ukrainische Geheimdienst" is HUR where HUR is named, else the SBU where the SBU is named, else unspecified
    assert institutions("Der Inlandsgeheimdienst SBU nahm einen Agenten fest. Der ukrainische Geheimdienst erklärte, er habe "
                        "gestanden.") == {"SBU"}
    assert institutions("Der Militärgeheimdienst HUR meldete einen Angriff. Der SBU nahm einen Agenten fest. Der ukrainische "
                        "Geheimdienst erklärte, es gebe Beweise.") == {"HUR"}
    assert institutions("Der ukrainische Geheimdienst erklärte, es gebe Beweise.") == {"Ukrainian intelligence (unspecified)"}


def test_czech_and_slovak_sources_long_separable_verbs_and_idioms_with_nicht():
    # names and agencies of Prague and Bratislava; a genitive "Ficos"; spellings of the Istanbul negotiators
    assert institutions("Wie die Agentur ČTK meldete, seien die Panzer bereits unterwegs.") == {"CTK"}
    assert institutions("Das berichtete die slowakische Nachrichtenagentur TASR am Abend.") == {"TASR (Slovak news agency)"}
    assert institutions("Verteidigungsministerin Jana Černochová schrieb auf X, man liefere weiter.") == {"Czech government"}
    assert institutions("Präsidentin Zuzana Čaputová sagte, die Hilfe gehe weiter.") == {"Slovak government"}
    assert institutions("Die Hilfe werde fortgesetzt, heißt es in einer Stellungnahme Ficos.") == {"Slovak government"}
    assert institutions("Die Lage sei ernst, sagte Kopecny dem tschechischen Rundfunk.") == {
        "Czech government", "Czech Radio (Český rozhlas)"}
    assert institutions("Wladimir Medinsky sagte, man werde die Vorschläge prüfen.") == {"Kremlin"}
    assert institutions("Die Garantien müssten bindend sein, sagte Arahamia.") == {"Ukrainian parliament"}
    assert institutions("Nach Einschätzung der Zeitung Sabah gerät Ankara damit unter Druck.") == {"Sabah"}
    # a separable "gab ... bekannt" with a long middle field
    assert institutions("Das gab der slowakische Verteidigungsminister Jaroslav Naď am Abend nach einem langen Treffen mit "
                        "seiner polnischen Amtskollegin Anna Nowak in Warschau bekannt.") == {"Slovak government"}
    # "nicht zum ersten Mal", "nicht nur": the verb still states something; a plain "nicht" still cancels it
    assert institutions("Moskau droht nicht zum ersten Mal damit, die Lieferungen einzustellen.") == {"Kremlin"}
    assert institutions("Moskau warnte nicht nur die Nachbarn, sondern auch die EU.") == {"Kremlin"}
    assert institutions("Moskau äußerte sich nicht zu den Vorwürfen.") == set()
    # a stated hope in the perfect; the subject of "nannte", not the person named after it
    assert institutions("Die Regierungschefs der EU hatten gehofft, dass Budapest einlenkt.") == {"EU"}
    assert institutions("Zuletzt nannte Pellegrini den Kanzler Scholz ein Vorbild.") == {"Slovak government"}
    # "laut den Organisatoren an dem ...": the organisers speak (uncoded), not the name inside what they speak about
    assert institutions("Laut den Veranstaltern an der Aktion „Panzer für Putin“ nahmen 5000 Menschen teil.") <= {"uncoded"}


def test_a_persons_earlier_office_and_the_states_of_southern_europe():
    # Rutte and Costa named in their national office: their government (the whole article), else NATO and the EU
    assert institutions("Ministerpräsident Mark Rutte sagte Kiew Hilfe zu. „Wir bleiben an eurer Seite“, sagte Rutte.") == {
        "Dutch government"}
    assert institutions("Die Niederlande kündigten Munition an. „Wir bleiben an eurer Seite“, sagte Rutte.") == {
        "Dutch government", "NATO"}
    assert institutions("Der portugiesische Premier António Costa kündigte Panzer an. Man helfe, betonte Costa.") == {
        "Portuguese government"}
    assert institutions("EU-Ratspräsident António Costa sagte, Europa stehe zusammen.") == {"EU"}
    # Kallas as Estonia's prime minister (until July 2024), else the EU's foreign-policy chief; a former office is no role
    assert institutions("Die estnische Ministerpräsidentin Kaja Kallas reiste nach Kiew. Kallas sagte, Estland helfe.") == {
        "Estonian government"}
    assert institutions("Kaja Kallas, estnische Regierungschefin seit 2021, gilt als Falke. Kallas warnte vor Moskau.") == {
        "Estonian government"}
    assert institutions("Die frühere estnische Regierungschefin Kaja Kallas führt die EU-Diplomatie. Kallas sagte, "
                        "die EU stehe zur Ukraine.") == {"EU"}
    # the governments of Spain, Portugal, Greece and Cyprus, and their leaders
    assert institutions("Spanien sagt der Ukraine weitere Panzer zu.") == {"Spanish government"}
    assert institutions("Die Regierung in Lissabon kündigte weitere Hilfe an.") == {"Portuguese government"}
    assert institutions("Regierungschef Kyriakos Mitsotakis sagte, Athen stehe an der Seite Kiews.") == {"Greek government"}
    assert institutions("Die zyprische Regierung teilte mit, die Konten seien eingefroren.") == {"Cypriot government"}
    assert institutions("Die belgische Verteidigungsministerin Ludivine Dedonder kündigte Jets an.") == {"Belgian government"}
    assert institutions("Das Verteidigungsministerium in Kopenhagen bestätigte den Termin.") == {"Danish government"}
    # Putin's ambassador is the Russian foreign service; an apposition before a perfect keeps its subject
    assert institutions("Putins Botschafter in Kopenhagen warnt vor neuen Lieferungen.") == {"Russian foreign ministry"}
    assert institutions("Russlands Botschafter in Berlin, Sergej Netschajew, hat vor der Lieferung gewarnt.") == {
        "Russian foreign ministry"}
    # an estimate of a figure; declaring diplomats unwanted is an act, also with a clause after it
    assert institutions("Das Magazin Forbes taxiert das Vermögen des Oligarchen auf zwei Milliarden Dollar.") == {"Forbes"}
    assert institutions("Zuvor hatte Polen drei Diplomaten zu unerwünschten Personen erklärt, was einer Ausweisung gleichkommt.") == set()


def test_more_states_as_speakers_and_the_venue_of_both_sides():
    # states the held-out coders cited that the codebook lacked
    assert institutions("Brasilien fordert eine Friedenskonferenz mit beiden Seiten.") == {"Brazilian government"}
    assert institutions("Der brasilianische Delegationsleiter Celso Amorim sagte, Russland müsse dabei sein.") == {
        "Brazilian government"}
    assert institutions("Südafrikas Präsident Cyril Ramaphosa rief zu Verhandlungen auf.") == {"South African government"}
    assert institutions("Die Regierung in Belgrad wies die Vorwürfe zurück.") == {"Serbian government"}
    assert institutions("Katar vermittelte nach eigenen Angaben die Rückkehr der Kinder.") == {"Qatari government"}
    assert institutions("Der georgische Regierungschef Irakli Kobachidse sagte, man halte sich aus dem Krieg heraus.") == {
        "Georgian government"}
    assert institutions("Laut der Organisation Ovd-Info wurden 50 Menschen festgenommen.") == {"OVD-Info"}
    # "Beide Seiten" are the two states that met, not the place where they met
    assert institutions("Die USA und Russland sprachen in Katar. Beide Seiten bezeichneten das Treffen als konstruktiv.") == {
        "Kremlin", "US government"}


def test_closing_agency_credits_indefinite_dative_channels_and_long_appositions():
    # a closing credit names every agency it lists
    assert institutions("Mit Informationen von dpa, AFP, Reuters und AP") == {"dpa", "AFP", "Reuters", "AP"}
    assert institutions("Mit Material von Reuters.") == {"Reuters"}
    # a medium in the dative with an indefinite article after the verb is the channel
    assert institutions("Eine Anwohnerin erzählte einem AFP-Reporter, die Fenster seien geborsten.") == {"AFP"}
    # an apposition of up to six words between the name and the verb; a venue named after an agency is no source
    assert institutions("Anton Geraschtschenko, Berater des Innenministers der Ukraine, schrieb auf X, der Pilot sei gelandet.") == {
        "Ukrainian interior ministry"}
    assert "dpa" not in institutions("Das sei nicht geplant, sagte die Ministerin bei der dpa-Chefredakteurskonferenz in Berlin.")
    # HUR's spokesman; the plain Ukrainian prosecutors and emergency service
    assert institutions("HUR-Sprecher Andrij Jussow sagte, die Operation sei gelungen.") == {"HUR"}
    assert institutions("Die ukrainische Staatsanwaltschaft leitete nach eigenen Angaben Ermittlungen ein.") == {
        "Ukrainian Prosecutor General's Office"}
    assert institutions("Drei Menschen wurden gerettet, wie der ukrainische Notdienst mitteilte.") == {"Ukrainian emergency services"}


def test_subject_lists_after_the_verb_guest_articles_and_missing_officials():
    # a list of subjects after the verb, also with titles; a list after a speaker that a verb follows is what he said
    assert institutions("In Paris forderten Scholz, Macron, der britische Premier Keir Starmer und Tusk eine Feuerpause.") == {
        "German government", "French government", "UK government", "Polish government"}
    assert institutions("Am Montag machten sich Frankreich und Polen für neue Sanktionen stark.") == {
        "French government", "Polish government"}
    assert institutions("Dazu sagte Scholz, Frankreich und Polen seien bereit.") == {"German government"}
    # a guest article's newspaper is the channel
    assert institutions("In einem Gastbeitrag für den Telegraph schrieb Starmer, London werde führen.") == {"UK government", "The Telegraph"}
    # officials the codebook lacked; the Bulgarian and Georgian presidents are their presidencies
    assert institutions("Wie Verteidigungsminister Olexij Resnikow mitteilte, seien die Panzer eingetroffen.") == {
        "Ukrainian defence ministry"}
    assert institutions("Kadyrow erklärte auf Telegram, seine Kämpfer seien bereit.") == {"Chechen regional government (Kadyrow)"}
    assert institutions("Der bulgarische Präsident Rumen Radew warnte vor einer Ausweitung des Krieges.") == {"Bulgarian presidency"}
    assert institutions("Regierungschef Marcel Ciolacu sagte, Rumänien sei nicht bedroht.") == {"Romanian government"}
    assert institutions("In Bukarest teilte das Verteidigungsministerium mit, zwei Jets seien aufgestiegen.") == {
        "Romanian defence ministry"}
    assert institutions("Der ukrainische Botschafter in Wien sagte, man brauche mehr Hilfe.") == {"Ukrainian government"}
    assert institutions("„Es ist eine Ehre“, schrieb Makeiev in das Gästebuch.") == {"Ukrainian government"}


def test_the_holder_of_statistics_and_estimates_before_zufolge():
    # "Statistiken des IWF zufolge": the holder named after the information noun, not the subject of the clause
    assert institutions("Die Ukraine und Moldau zählen Statistiken des Internationalen Währungsfonds zufolge zu den ärmsten "
                        "Ländern.") == {"IMF"}
    assert institutions("Russland hat Schätzungen der britischen Regierung zufolge 500.000 Soldaten verloren.") == {"UK government"}
    assert institutions("Tichanowskaja sagte, Belarus sei besetzt.") == {"Svetlana Tsikhanouskaya (Belarusian opposition leader)"}


def test_regional_administrations_parties_and_companies_added_from_the_held_out_coding():
    # occupation authorities only where the text marks them; Ukraine's regional heads; parties; agencies; companies
    assert institutions("Der von Moskau eingesetzte Statthalter Wladimir Saldo sagte, die Evakuierung laufe.") == {
        "Russian occupation authorities (Kherson)"}
    assert institutions("Gouverneur Oleksandr Prokudin teilte mit, zwei Menschen seien verletzt worden.") == {
        "Kherson regional government"}
    assert institutions("Die SPD lehnte die Lieferung ab, hieß es aus der Fraktion.") >= {"German parliament (SPD)"}
    assert institutions("Das teilte der Energiekonzern DTEK am Morgen mit.") == {"DTEK"}
    assert institutions("Nach Angaben von Maxar Technologies zeigen die Satellitenbilder zerstörte Hangars.") == {"Maxar Technologies"}


def test_a_state_label_over_a_topic_police_in_german_cities_and_unicef():
    def headline(line: str, body: str = "Der Text beginnt hier mit einem Satz.") -> set[str]:
        return set(attrib(line + "\n\n" + body)["institution"])
    # a state's headline label over a verbless topic or a question word labels the topic; over a claim it speaks
    assert headline("Ukraine: Erster Schultag unter der Erde") == set()
    assert headline("Ukraine: Wie die Schulen den Winter überstehen") == set()
    assert headline("Ukraine: Russland greift Schulen gezielt an", "Das meldete der Generalstab in Kiew.") == {
        "Ukrainian government", "Ukrainian military"}
    # the police of a German city is no Ukrainian body, whatever the article is about
    assert institutions("Die Ukraine meldet neue Angriffe.\n\nIn Hamburg kamen nach Polizeiangaben 3000 Menschen zusammen.") == {
        "Ukrainian government"}
    # UNICEF, also a national committee, is the UN
    assert institutions("Das sagte der Leiter von UNICEF Österreich im Radio.") >= {"UN"}


def test_the_commission_spokesman_and_state_television_as_channel():
    assert institutions("Ein EU-Kommissions-Sprecher teilte mit, die Treffen fänden ohne Kommissare statt.") == {"EU"}
    assert institutions("Das behauptete Putin in einem Interview mit dem Staatsfernsehen.") == {"Kremlin", "unnamed reports"}


def test_ministers_and_commands_named_by_office():
    assert institutions("Die Armee hat nach Angaben des russischen Verteidigungsministers das Dorf eingenommen.") == {
        "Russian defence ministry"}
    assert institutions("Zwei Drohnen wurden abgeschossen, teilte das Kommando Süd der ukrainischen Armee mit.") == {
        "Ukrainian military"}
    assert institutions("Nach Angaben des Gouverneurs der Region Odessa wurde ein Silo getroffen.") == {
        "Odesa regional government (Kiper)"}
    assert institutions("Das ukrainische Infrastrukturministerium teilte mit, zwei Terminals seien beschädigt.") == {
        "Ukrainian infrastructure ministry"}


def test_agency_openers_security_circles_and_a_name_in_apposition_to_a_reference():
    assert institutions("(dpa-AFX) - Die EU stellt bis zu 150 Milliarden Euro bereit.") == {"dpa"}
    assert institutions("Brüssel (dts Nachrichtenagentur) – Die Kommission hat Vorschläge vorgelegt.") == {"dts Nachrichtenagentur"}
    assert institutions("Ukrainische Sicherheitskreise bestätigten die Angriffe auf die Bahn.") == {
        "Ukrainian intelligence (unspecified)"}
    assert institutions("EU-Verteidigungskommissar Andrius Kubilius fordert mehr Geld für Rüstung.") == {"EU"}
    # the person named after a role reference is the speaker, not the state the reference would point to
    assert institutions("Russische Truppen hätten ein Dorf beschossen, sagte der Vizechef des Präsidialamtes, Kyrylo Tymoschenko.") == {
        "Ukrainian presidency"}


def test_musk_speaks_for_spacex_and_offices_named_with_their_region():
    assert institutions("«Ohne Starlink bräche die Front zusammen», schrieb Musk auf X.") == {"SpaceX"}
    assert institutions("Dem ukrainischen Verteidigungsminister zufolge sind Drohnen die Zukunft.") == {"Ukrainian defence ministry"}
    assert institutions("Das erklärte der Militärgouverneur der Region Cherson am Abend.") == {"Kherson regional government"}


def test_a_same_as_the_codebook_does_not_know_is_reported_in_one_line():
    generic = {"source": "der Geheimdienst", "aliases": ["Geheimdienst"], "institution": "unspecified service",
               "source_type": "intelligence service", "country": "unspecified", "same_as": ["HUR-Dienst"]}
    with pytest.raises(UserError, match="same_as.*HUR-Dienst"):
        _build_rules([generic], {"credit": []})


def test_unnamed_media_as_a_speakers_channel():
    # "in ukrainischen Medien", "im TV": an unnamed channel is counted as unnamed reports beside the speaker
    assert institutions("Der Gouverneur Witold Kiper sprach in ukrainischen Medien von zwei zerstörten Brücken.") == {
        "uncoded", "unnamed reports"}
    assert institutions("Selenskyj sagte in deutschen Medien, die Lage sei ernst.") == {"Ukrainian presidency", "unnamed reports"}
    assert institutions("Der Botschafter kritisierte die Entscheidung am Abend im TV.") >= {"unnamed reports"}
    # social media are the speaker's own post, not a report
    assert institutions("Selenskyj schrieb in sozialen Medien, die Lage sei ernst.") == {"Ukrainian presidency"}
    # unnamed newspapers, with or without an adjective; not a newspaper named after them
    assert institutions("Laut kremltreuen Zeitungen hat der Mann gestanden.") == {"unnamed reports"}
    assert institutions("Zeitungen wie die „Frankfurter Allgemeine Zeitung“ berichteten darüber.") == {
        "Frankfurter Allgemeine Zeitung"}


def test_unnamed_lawyers_diplomats_and_stated_doubts():
    # lawyers as unnamed experts, with "verweisen darauf" and "zweifeln daran" as statements; not "die Juristen" inside speech
    assert institutions("Polnische Juristen verweisen darauf, dass das Gesetz gilt.") == {"unnamed experts"}
    assert institutions("Viele Völkerrechtler zweifeln daran, dass die Abstimmung rechtmäßig war.") == {"unnamed experts"}
    assert institutions("Erst müssten die Juristen das Abkommen prüfen, sagte Orbán.") == {"Hungarian government"}
    # one unnamed diplomat; an EU diplomat is the EU; a diplomat of a named state is not unnamed
    assert institutions("„Die Lage ist heikel“, sagt ein Diplomat.") == {"unnamed government sources"}
    assert institutions("„Wir haben zu lange gewartet“, klagte am Rande ein hochrangiger EU-Diplomat.") == {"EU"}
    assert "unnamed government sources" not in institutions("Ein Diplomat aus Polen sagte, die Lage sei ernst.")
    # "klagte" is a speech tag only right after a quotation
    assert institutions("Die Firma klagte vor Gericht gegen die Sanktionen.") == set()


def test_an_uncoded_official_with_a_state_adjective_speaks_for_that_state():
    # the title carries the state: its codebook holder of that function, else the body the phrase names, else its government
    assert institutions("Der ungarische Vize-Ministerpräsident Zoltan Kiss bestätigte am Freitag die Übergabe.") == {
        "Hungarian government"}
    assert institutions("Der polnische Europaminister Jan Nowicki erklärte, man werde mehr investieren.") == {"Polish government"}
    assert institutions("Der griechische Konsul in Odessa, Nikos Papas, sagte, die Stadt sei schwer getroffen.") == {
        "Greek government"}
    assert institutions("Das betonte der ukrainische Chefdiplomat Dmytro Kuleba am Abend.") == {"Ukrainian foreign ministry"}
    # not a former office, not a member of parliament
    assert institutions("Der frühere ungarische Außenminister Peter Varga sagte, das sei falsch.") == {"uncoded"}
    assert institutions("Die slowakische Abgeordnete Jana Novak erklärte, man investiere zu wenig.") == {"uncoded"}


def test_an_outlets_closing_source_line_with_lower_case_agency_codes():
    # n-tv's closing line names its agencies ("rts" is Reuters); a "Quelle:" line naming something else credits a photo
    assert institutions("Die Lage ist ernst.\n\nQuelle: ntv.de, abc/dpa/rts") == {"dpa", "Reuters"}
    assert institutions("Die Lage ist ernst.\n\nQuelle: ntv.de, abc/afp") == {"AFP"}
    assert institutions("Die Lage ist ernst.\n\nQuelle: Ukrainische Armee") == set()


def test_federal_ministers_bavarian_ministries_news_television_and_a_perfect_after_wie():
    assert institutions("Die Regeln ändern sich laut Bundesjustizministerin Eva Huber nicht.") == {"German government"}
    assert institutions("Das bayerische Innenministerium teilte mit, die Zahl sei gestiegen.") == {
        "Bavarian state government (Söder)"}
    # a compound "...fernsehen" as the channel
    assert institutions("Die Lage sei ruhig, sagte Sprecher Petro Iwanow am Dienstag im Nachrichtenfernsehen.") >= {"unnamed reports"}
    # "Wie X ... mitgeteilt hat": the perfect, also with adverbs after an apposition
    assert institutions("Wie der ukrainische Botschafter in Wien, Petro Iwanow, jetzt erstmals mitgeteilt hat, seien "
                        "die Lieferungen eingetroffen.") == {"Ukrainian government"}


def test_channels_after_a_time_adverbial_credit_lines_and_reporters_at_work():
    # "sagte X am Dienstag der ARD": the dative medium after a time adverbial is still the channel
    assert institutions("„Wir fahren hin“, sagte Verbandschef Jan Wolf (SPD) am Dienstag der Deutschen Presse-Agentur.") >= {"dpa"}
    assert institutions("„Wir fahren hin“, sagte Verbandschef Jan Wolf am Montag der ARD.") >= {"ARD"}
    assert institutions("„Das passt nicht“, sagte Wolf den Zeitungen des „RedaktionsNetzwerks Deutschland“ (RND).") >= {"RND"}
    # closing credits: the dts line, a lone lower-case agency, an agency with its date
    assert institutions("Die Lage ist ernst.\n\nQuelle: dts Nachrichtenagentur") == {"dts Nachrichtenagentur"}
    assert institutions("Die Lage ist ernst.\n\nkna") == {"KNA"}
    assert institutions("Die Lage ist ernst. (APA, 3.4.2024)") == {"APA"}
    assert institutions("In einem Interview im russischen TV erklärte er, der Schatz sei wertvoll.") >= {"unnamed reports"}
    # a reporter's job is no report
    assert institutions("Er berichtet als Korrespondent der „New York Times“ über Russland.") == set()
    # federal ministers; Dobrindt as interior minister only where the article names him so
    assert institutions("Es reiche nicht, sagte Hubertus Heil. Heil betonte, Arbeit schaffe Integration.") == {"German government"}
    assert institutions("„Heil dir“, rief der Mann.") == set()
    assert institutions("Das sagte CSU-Landesgruppenchef Alexander Dobrindt.") == {"German parliament (Dobrindt)"}
    assert institutions("Innenminister Alexander Dobrindt kündigte Kontrollen an. Dobrindt sagte, es sei ernst.") == {
        "German government"}


def test_bodies_added_in_round_25():
    # bodies the out-of-sample coders cited most while missing from the codebook
    assert institutions("Rüdiger Frank von der Universität Wien sagte, das sei ein neuer Kalter Krieg.") == {
        "University of Vienna (Frank)"}
    assert institutions("Ukrainische Drohnen haben Brjansk angegriffen. Die Behörden meldeten drei Verletzte.") == {
        "Bryansk regional government (Bogomas)"}
    assert institutions("Die meisten Opfer seien erschossen worden, sagte Bürgermeister Anatolij Fedoruk.") == {
        "Bucha city administration (Fedoruk)"}
    assert institutions("Das russische Innenministerium teilte mit, der Mann werde gesucht.") == {"Russian interior ministry"}
    assert institutions("Das Innenministerium in Vilnius entgegnete, die Regeln seien nötig.") == {"Lithuanian government"}
    assert institutions("Die Menschenrechtsorganisation Wjasna teilte mit, er sei verhaftet worden.") == {
        "Viasna (human rights centre)"}


def test_a_states_authorities_and_critics():
    # "die finnischen Behörden": any state's authorities are its government
    assert institutions("Die finnischen Behörden vermuten Sabotage.") == {"Finnish government"}
    assert institutions("Nach Angaben der spanischen Behörden wurden zwei Männer festgenommen.") == {"Spanish government"}
    # unnamed critics are unnamed experts; not one named critic, not a compound
    assert institutions("Kritiker werfen dem Präsidenten vor, er habe gelogen.") == {"unnamed experts"}
    assert "unnamed experts" not in institutions("Der Kremlkritiker sagte, das sei falsch.")
    # the separatists of a breakaway region named with it are its authorities, not the state they ask for help
    assert institutions("Die Separatisten in Transnistrien baten Russland um Schutz.") == {"Transnistrian authorities"}


def test_a_dismissal_and_an_admission():
    # "als ... abgetan", "tat ... als ... ab": a dismissal states a view; "geben ... zu, dass": an admission
    assert institutions("Moskau hat die Konferenz als westliche Propaganda abgetan.") == {"Kremlin"}
    assert institutions("Der Kreml tat die Berichte als Lügen ab.") == {"Kremlin"}
    assert institutions("Nun geben die Behörden in Moskau zu, dass die Einberufung weiterläuft.") == {"Kremlin"}
    assert institutions("Sie tun das als Spaß ab und gehen.") == set()


def test_a_named_person_described_by_a_states_function_in_apposition():
    assert institutions("„Jeden Moment kann eine Drohne einschlagen“, erzählt Bohdan, ein ukrainischer Soldat.") == {
        "Ukrainian military"}
    assert institutions("„Es ist hart“, sagt Olena, eine ukrainische Ärztin.") == {"uncoded"}


def test_the_military_where_the_sentence_is_set():
    # "Das Militär" without its state is the army of the state where the sentence is set
    assert institutions("In Kiew wird gestritten. Das Militär hatte mehr Soldaten gefordert.") == {"Ukrainian military"}
    assert institutions("In Russland wächst der Druck. Das Militär meldete neue Erfolge.") == {"Russian defence ministry"}
    assert institutions("Er diente im Militär.") == set()
    # people "aus der Ukraine" come from there: the sentence is not set there; "Behörden aus der Ukraine" are its own
    assert "Ukrainian government" not in institutions(
        "Laut Regierungsangaben fanden 12.600 Menschen aus der Ukraine in Wien Arbeit.")
    assert institutions("Laut Behörden aus der Ukraine wurden zwei Menschen getötet.") == {"Ukrainian government"}


def test_a_documents_holder_and_social_media():
    # "In einer Erklärung des SBU ist von ... die Rede": the holder of the document, not an unnamed report
    assert institutions("In einer Erklärung des SBU ist von abgefangenen Gesprächen die Rede.") == {"SBU"}
    assert institutions("In einem Schreiben des Staatsanwalts an das Gericht ist von 7000 Tonnen die Rede.") == set()
    assert institutions("Es war von zwei Toten die Rede.") == {"unnamed reports"}
    # social media are a platform, not unnamed media
    assert institutions("Der Übergang werde geschlossen, teilte Jan Nowak in den sozialen Medien mit.") == {"uncoded"}


def test_refusals_declarations_of_war_and_moscows_clubs():
    # a refusal to comment says nothing; a stated rejection still does
    assert institutions("Dmitri Peskow lehnte es jedoch ab, Stellung zu den Berichten zu nehmen.") == set()
    assert institutions("Der Kreml lehnte es ab, die Berichte zu kommentieren.") == set()
    assert institutions("Der Kreml lehnte die Forderung ab.") == {"Kremlin"}
    # declaring war is an act; a club named after the city is not the state
    assert institutions("Anonymous erklärt Russland den „Cyberkrieg“.") == set()
    assert institutions("Moskau erklärte, der Krieg sei gerecht.") == {"Kremlin"}
    assert institutions("Man habe Einspruch eingelegt, teilte ZSKA Moskau in einer Erklärung mit.") == {"uncoded"}


def test_officers_air_defence_interior_ministries_and_admissions_where_the_sentence_is_set():
    # unnamed officers and commanders, the air defence and "das Innenministerium" belong to the state where the text is set
    assert institutions("In Saporischschja wird gekämpft. Ein Bataillons-Kommandeur sagte, die Kanone sei gut.") == {
        "Ukrainian military"}
    assert institutions("In Kursk wird gekämpft. Ein russischer Offizier sagte, die Lage sei ernst.") == {
        "Russian defence ministry"}
    assert institutions("In Kiew gab es Alarm. Die Luftverteidigung schoss nach eigenen Angaben 16 Raketen ab.") == {
        "Ukrainian military"}
    assert institutions("In Kiew gab es Alarm. Nach Angaben des Innenministeriums wurden 42 Menschen verletzt.") == {
        "Ukrainian interior ministry"}
    assert institutions("Zuletzt hatte das Kiewer Militär eigenen Angaben zufolge das Dorf zurückerobert.") == {"Ukrainian military"}
    # an admission in a subordinate clause; a place named as an origin ("aus Russland") is not where the text is set
    assert institutions("Die Lage ist kritisch, wie zuletzt auch Oberbefehlshaber Syrskij einräumte.") == {"Ukrainian military"}
    assert "Russian interior ministry" not in institutions(
        "Polen schließt die Grenze für Lastwagen aus Russland. Das Verbot gelte bis auf weiteres, heißt es in einem "
        "Erlass des Innenministeriums.")


def test_us_information_and_the_writers_guess_at_a_motive():
    # "US-Informationen zufolge": the US government, not the state named before it
    assert institutions("Er sagte, dass Pjöngjang kürzlich US-Informationen zufolge Raketen geliefert habe.") == {
        "US government"}
    # "hofft Pjöngjang wahrscheinlich": the writer's guess, no statement; a stated hope still is one
    assert institutions("Durch die Zusammenarbeit hofft Pjöngjang wahrscheinlich auch, seine Position zu stärken.") == set()
    assert institutions("Pjöngjang hofft, seine Position zu stärken.") == {"North Korean leadership"}


def test_a_channel_in_the_pluperfect_reactions_and_a_capitals_headline_over_its_own_organ():
    assert institutions("Das habe geholfen, hatte er der britischen Zeitung „Financial Times“ gesagt.") >= {"Financial Times"}
    assert institutions("Russland reagiert auf die Lieferung mit neuen Drohungen.") == {"Kremlin"}
    # under its capital a state's own organ is the government speaking; under its bare name it labels the topic
    assert set(attrib("Moskau: Russisches Militär vernichtet Waffen\n\nDer Text beginnt hier.")["institution"]) == {"Kremlin"}
    assert attrib("Russland: Staatsduma verabschiedet Gesetz\n\nDer Text beginnt hier.").empty


def test_a_claim_with_wollen_and_a_report_taken_up():
    # "X will ... „zerstört“ haben", "... aufgedeckt haben will": X claims it; "mehr Waffen haben will" wants something
    assert institutions("Die Ukraine will viele Soldaten „zerstört“ haben.") == {"Ukrainian government"}
    assert institutions("Er sprach von einer Affäre, in deren Verlauf die Ukraine einen Ring aufgedeckt haben will.") == {
        "Ukrainian government"}
    assert institutions("Die Ukraine will mehr Waffen haben.") == set()
    # "von ... Medien aufgegriffen": reported by them
    assert institutions("Die Entwicklung wurde auch von ukrainischen Medien aufgegriffen.") == {"unnamed reports"}


def test_an_agentless_passive_report_the_latest_figures_and_an_outlets_byline_with_an_agency():
    assert institutions("Aus dem Gebiet werden schwere Gefechte gemeldet.") == {"unnamed reports"}
    assert institutions("Die Explosionen wurden vom Militär gemeldet.") != {"unnamed reports"}
    assert institutions("Nach jüngsten Angaben wurden vier Menschen getötet.") == {"unnamed reports"}
    assert institutions("Die Lage ist ernst.\n\nVon B.Z./afp") == {"AFP"}


def test_a_name_after_a_letters_apostrophe_and_a_historic_state():
    # "O'Sullivan" is not the codebook's Sullivan; "Nazi-Deutschland" is no German government speaking
    assert "US government" not in institutions("Danach sagte Richard O'Sullivan, die Länder hätten reagiert.")
    assert institutions("Danach sagte Jake Sullivan, die Länder hätten reagiert.") == {"US government"}
    assert institutions("Kurz vor dem Jahrestag des Sieges über Nazi-Deutschland meldet Russland neue Angriffe.") == {"Kremlin"}


def test_a_body_a_speaker_is_close_to_does_not_speak():
    found = institutions("Ein dem Kreml nahestehender Telegram-Kanal schrieb, es habe zwei Explosionen gegeben.")
    assert "Kremlin" not in found
    assert institutions("Der Kreml schrieb, es habe zwei Explosionen gegeben.") == {"Kremlin"}


def test_provisional_information_of_a_named_source_and_no_figures_given():
    # "ersten Informationen zufolge" qualifies the named source's report; alone it stays unnamed reports
    assert "unnamed reports" not in institutions("Laut dem Zivilschutz starben ersten Informationen zufolge drei Menschen.")
    assert institutions("„Nach vorläufigen Informationen sind drei Menschen tot“, sagte Peskow.") == {"Kremlin"}
    assert institutions("Ersten Informationen zufolge starben drei Menschen.") == {"unnamed reports"}
    # "Es gibt keine Angaben von russischer Seite": no statement; "Angaben von russischer Seite" are one
    assert institutions("Zu den Verlusten gibt es keine offiziellen Angaben von russischer Seite.") == set()
    assert institutions("Zu den Verlusten gibt es Angaben von russischer Seite.") == {"Kremlin"}


def test_declaring_war_with_a_date_and_the_west_as_an_object():
    assert institutions("Putin erklärte am 24. Februar 2022 der Ukraine den Krieg.") == set()
    assert institutions("Medwedew warnt den Westen vor einem direkten Konflikt mit Russland.") == {"Kremlin"}
    assert institutions("Nach Angaben des Westens sind die Verluste hoch.") == {"Western estimates (unspecified)"}


def test_agency_datelines_without_a_dash_and_sign_offs_with_two_agencies():
    assert institutions("KIEW/MOSKAU (dpa/rtr) Die Angriffe gehen weiter.") == {"dpa", "Reuters"}
    assert institutions("Die Angriffe gehen weiter.\n\nRND/AP") == {"AP"}
    assert institutions("Die Angriffe gehen weiter.\n\nAFP/kle dpa") == {"AFP", "dpa"}


def test_bodies_added_from_the_round_26_held_out_errors():
    assert institutions("Ein Mann wurde nach Angaben des Innenministeriums in Kiew verletzt.") == {"Ukrainian interior ministry"}
    assert institutions("Das Netz wurde nach Angaben des Energieministeriums in Kiew beschädigt.") == {
        "Ukrainian energy ministry (Haluschtschenko)"}
    assert institutions("Das meldete der staatliche Notdienst der Ukraine.") == {"Ukrainian emergency services"}
    assert institutions("Zuvor hatten Militärblogger aus Russland von dem Angriff berichtet.") == {"Russian military bloggers"}
    assert institutions("Zuvor hatten russische Medien und Militärblogger von dem Angriff berichtet.") >= {
        "Russian military bloggers"}
    assert institutions("Nach Angaben des Gouverneurs der Region Charkiw starben zwei Menschen.") == {
        "Kharkiv regional government (Synegubow)"}
    assert institutions("Das sagte er in einem Interview des US-Senders ABC.") == {"ABC News"}
    assert institutions("Russische Kommentatoren äußerten die Hoffnung auf ein Ende der Sanktionen.") == {"unnamed experts"}
    assert institutions("Das ist ein schwerer Fehler, sagte Admiral Tony Radakin.") == {"UK defence ministry"}
    assert institutions("Amir-Abdollahian erklärte, der Iran habe Drohnen geliefert.") >= {"Iranian government"}


def test_both_war_parties_by_adjective_and_a_declared_readiness():
    # "die Kriegsparteien" are the two states named last, by name or by adjective
    assert institutions("Das Gebiet ist von russischen Truppen besetzt, die Ukraine hält das Westufer. Die Kriegsparteien "
                        "werfen sich gegenseitig Beschuss vor.") >= {"Kremlin", "Ukrainian government"}
    # a declared readiness "zu ..." is a statement; declaring something to be something is an act
    assert institutions("Russland hatte seine Bereitschaft zu einem Verzicht auf Angriffe erklärt.") == {"Kremlin"}
    assert institutions("Russland hatte die Organisation zu einer Terrorgruppe erklärt.") == set()


def test_criticism_and_reactions_from_a_capital():
    assert institutions("Er reagierte mit Spott auf Kritik aus Kiew.") == {"Ukrainian government"}
    assert institutions("Es gab ablehnende Reaktionen aus Moskau.") == {"Kremlin"}
    assert institutions("Keine Reaktionen aus Moskau gab es bis zum Abend.") == set()


def test_a_guest_welcomed_and_the_war_as_a_topic_not_a_setting():
    # welcoming a guest at the airport or with an embrace is no stance; welcoming a decision is
    assert institutions("Kim Jong-un begrüßte Putin in der Nacht am Flughafen von Pjöngjang.") == set()
    assert institutions("Selenskyj begrüßte Merz auf dem Maidan mit einer langen Umarmung.") == set()
    assert institutions("Scholz begrüßte den Beschluss im Kanzleramt als wichtiges Signal.") == {"German government"}
    # "gegen die Invasion in der Ukraine" names the war, not where the sentence is set: no Ukrainian police in Berlin
    assert "Ukrainian police" not in institutions(
        "In Berlin demonstrierten Tausende gegen die Invasion in der Ukraine. Nach Polizeiangaben kamen 3.000 Menschen.")


def test_official_figures_at_night_and_people_familiar_with_the_matter():
    # "nach offiziellen Angaben in der Nacht": unnamed officials; "in Kiew" would name where they sit
    assert institutions("Bei dem Angriff sind nach offiziellen Angaben in der Nacht drei Menschen getötet worden.") == {
        "unnamed government sources"}
    assert institutions("Hunderte mussten nach offiziellen Angaben in Sicherheit gebracht werden.") == {
        "unnamed government sources"}
    assert institutions("Zwei Personen, die mit der Angelegenheit vertraut sind, bestätigten den Plan.") == {
        "unnamed government sources"}
    assert institutions("Der Plan sei fertig, sagten zwei darüber unterrichtete Personen.") == {"unnamed government sources"}


def test_a_threat_to_someone_and_stated_conditions():
    assert institutions("Russland droht den Frachtschiffen nach dem Ende des Abkommens.") == {"Kremlin"}
    assert institutions("Russland droht der Staatsbankrott.") == set()
    assert institutions("Russland stellt neue Bedingungen für Friedensgespräche.") == {"Kremlin"}
    assert institutions("Putin knüpft eine Feuerpause an Bedingungen.") == {"Kremlin"}


def test_an_office_then_the_codebook_person_holding_it():
    # "des russischen Besatzungschefs der Krim, Sergej Aksjonow,": Aksjonow's own entry, not the unspecified authorities
    assert institutions("Nach Angaben des russischen Besatzungschefs der Krim, Sergej Aksjonow, fiel eine Rakete.") == {
        "Crimea regional government (Aksjonow)"}
    assert institutions("Nach Angaben des russischen Besatzungschefs der Krim fiel eine Rakete.") == {
        "Russian occupation authorities (unspecified)"}


def test_a_title_then_the_codebook_person_in_apposition_and_namesakes():
    # "der Gouverneur von Donezk, Pawlo Kyrylenko, ... bekannt": one phrase, the person's entry
    assert institutions("Das gab der Gouverneur von Donezk, Pawlo Kyrylenko, am Dienstag bekannt.") == {
        "Donetsk regional government"}
    assert institutions("Die FDP-Europaparlamentarierin Strack-Zimmermann warnte vor einem Diktatfrieden.") == {
        "European Parliament (Strack-Zimmermann)"}
    # a first name the codebook spells otherwise still belongs to the named minister
    assert institutions("Das Abkommen wird verlängert, wie der ukrainische Infrastrukturminister Oleskandr Kubrakow "
                        "auf Twitter mitteilte.") == {"Ukrainian infrastructure ministry"}
    # namesakes: Marina Sacharowa is not the foreign ministry's Maria Sacharowa, Andrej Medwedew not Dmitri
    assert "Russian foreign ministry" not in institutions("Das Verfahren kündigte Marina Sacharowa an.")
    assert institutions("Das Verfahren kündigte Maria Sacharowa an.") == {"Russian foreign ministry"}
    assert "Kremlin" not in institutions("Andrej Medwedew gibt an, für Wagner gekämpft zu haben.")


def test_an_appointing_body_a_guess_in_the_perfect_and_figures_of_a_body():
    # "die vom russischen Militär zur Leiterin ... ernannte X": the appointing body does not speak
    assert "Russian defence ministry" not in institutions(
        "Das Verfahren kündigte die vom russischen Militär zur Leiterin der Wahlkommission ernannte Frau an.")
    # "Das dürften viele in Kiew befürchtet haben": the writer's guess
    assert institutions("Das dürften Politiker in Brüssel, Berlin und Kiew befürchtet haben.") == set()
    assert institutions("Zahlen des ukrainischen Generalstabs, wonach täglich 900 Soldaten fielen, seien plausibel.") == {
        "Ukrainian military"}
    assert institutions("Nach Untersuchungen des UN-Menschenrechtsbüros wurde das Spital direkt getroffen.") == {"UN"}
    assert institutions("Das meldete die Militäradministration des Gebietes Kyjiw.") == {"Kyiv regional government (Kuleba)"}


def test_a_named_blogger_is_no_unnamed_report():
    assert "unnamed reports" not in institutions("Das erklärt der russische Blogger Woschak Z zur Schlacht.")
    assert institutions("Das berichten Blogger.") == {"unnamed reports"}
    # Oleksandr Kowalenko, a blogger, is not Andrij Kowalenko of the Centre for Countering Disinformation
    assert "Ukrainian Center for Countering Disinformation" not in institutions(
        "Laut dem Blogger Oleksandr Kowalenko haben die Russen 40.000 Mann konzentriert.")


def test_one_media_report_is_the_medium_named_next():
    # "einem Zeitungsbericht zufolge ... Das berichtete das „Wall Street Journal“": the WSJ's report, no unnamed one
    assert institutions("Musk hat einem Zeitungsbericht zufolge Kontakt zu Putin gehabt. Das berichtete das "
                        "„Wall Street Journal“ am Freitag.") == {"Wall Street Journal"}
    assert institutions("Musk hat einem Zeitungsbericht zufolge Kontakt zu Putin gehabt.") == {"unnamed reports"}


def test_the_authorities_of_the_town_and_regional_heads():
    # "Die Behörden der Stadt" after "Sumy ... Russland": the town's state, not the state named last
    found = institutions("Russische Raketen trafen die Stadt Sumy. So habe Russland Zivilisten treffen wollen, sagte Jermak. "
                         "Die Behörden der Stadt teilten mit, dass ein Krisenstab eingerichtet worden sei.")
    assert "Kremlin" not in found and "Ukrainian government" in found
    assert institutions("Das Schicksal sei unklar, erklärte der Gouverneur der Region Dnipropetrowsk, Walentyn "
                        "Resnitschenko.") == {"Dnipropetrovsk regional government (Lysak)"}
    assert institutions("Der Gouverneur von Bryansk sprach von einer Sabotagegruppe.") == {"Bryansk regional government (Bogomas)"}
    assert institutions("Dies teilte Russlands Zivilschutzbehörde auf Telegram mit.") == {"Russian emergencies ministry"}
    assert institutions("Das Dorf sei eingenommen, erklärte die Miliz „Freiheit für Russland“.") == {"Freedom of Russia Legion"}


def test_trump_as_president_elect_in_an_article_that_names_him_so():
    # an article naming him "designierter US-Präsident" cites him before his inauguration: the coders' label throughout
    assert institutions("Der designierte US-Präsident Donald Trump will den Krieg beenden. Trump schlug vor, dass Kiew "
                        "Gebiete abtritt.") == {"Donald Trump (US president-elect)"}
    assert institutions("Trump schlug vor, dass Kiew Gebiete abtritt.") == {"US government"}


def test_a_state_after_zugunsten_members_of_parliament_and_the_agencys_full_name():
    assert institutions("Einen Gebietsverzicht zugunsten Russlands schloss Selenskyj aus.") == {"Ukrainian presidency"}
    assert institutions("Der ukrainische Parlamentarier Jehor Tschernew bestätigte den Angriff.") == {"Ukrainian parliament"}
    assert institutions("„Das ist so“, teilte sein Sprecher Serhij Nykyforow am Mittwoch mit.") == {"Ukrainian presidency"}
    assert institutions("Die Angriffe gehen weiter.\n\ndeutsche Presse-Agentur") == {"dpa"}


def test_polish_ministers_claims_of_responsibility_and_local_investigators():
    assert institutions("Morawiecki sagte am Donnerstag, man liefere keine Waffen mehr.") == {"Polish government"}
    assert institutions("Polen liefert nach Angaben der Warschauer Regierung keine Waffen mehr.") == {"Polish government"}
    assert institutions("Der Premier berief ein Treffen ein, schrieb sein Regierungssprecher Piotr Müller bei Twitter.") == {
        "Polish government"}
    assert "Polish government" not in institutions("Das sei falsch, sagte der Entwicklungsexperte Gerd Müller.")
    assert institutions("Laut der Russischen Untersuchungskommission kam der General ums Leben.") == {"Russian Investigative Committee"}
    assert institutions("In Moskau wurde ein Mann erschossen. Ein Verfahren sei eingeleitet worden, teilten die örtlichen "
                        "Ermittlungsbehörden mit.") == {"Russian Investigative Committee"}
    assert institutions("Die Ukraine reklamiert den Anschlag auf den General für sich.") == {"Ukrainian government"}
    # a murder organised, an envoy travelling on a state's behalf: the state says nothing
    assert institutions("Der Mann soll den Mord im Auftrag Kiews organisiert haben, teilte der FSB mit.") == {"FSB"}
    assert institutions("Li Hui ist im Auftrag der chinesischen Staatsführung als Sondergesandter unterwegs.") == set()


def test_a_relative_clause_with_a_preposition_a_comma_before_und_and_a_former_correspondent():
    assert institutions("Schweden und Dänemark, in deren Hoheitsgewässern sich der Vorfall ereignete, haben erklärt, dass die "
                        "Explosionen bewusst ausgelöst wurden.") == {"Swedish government", "Danish government"}
    # a comma before "und" still joins the list (its first member before a closing quotation mark is still missed)
    assert {"ARD", "Die Zeit"} <= institutions("Wie die „Süddeutsche Zeitung“, die ARD, und die „Zeit“ berichten, hat der "
                                               "Generalbundesanwalt einen Haftbefehl beantragt.")
    found = institutions("Der frühere Russland-Korrespondent der Zeitungen Guardian und The Daily Telegraph, Alec Luhn, "
                         "berichtete, dass Soldaten riefen.")
    assert "The Guardian" not in found and "The Telegraph" not in found
    assert institutions("Der Russland-Korrespondent des Guardian berichtete, dass Soldaten riefen.") == {"The Guardian"}
    assert institutions("Es fehle an Medikamenten, schrieb die Menschenrechtsbeauftragte des ukrainischen Parlaments, "
                        "Ljudmyla Denisowa.") == {"Ukrainian ombudsman (Denisowa)"}
    assert institutions("Auch der Chef des ukrainischen Nachrichtendienstes hatte dementiert.") == {
        "Ukrainian intelligence (unspecified)"}


def test_a_present_plural_announcement_and_the_prosecutor_generals_spelling():
    assert institutions("Durch den Beschuss seien 40 Gefangene getötet worden, teilen die Separatisten und das russische "
                        "Verteidigungsministerium in Moskau mit.") == {"Russian defence ministry"}
    assert institutions("Beide Länder teilen eine lange Grenze mit Russland.") == set()
    assert institutions("Nur wenige befänden sich in Haft, teilte Generalstaatsanwalt Andriy Kostin mit.") == {
        "Ukrainian Prosecutor General's Office"}
    # Andrej Kostin, the head of the Russian bank VTB, is not Ukraine's prosecutor general
    assert "Ukrainian Prosecutor General's Office" not in institutions("Andrej Kostin, Chef der VTB-Bank, sagte, die Sanktionen wirkten.")


def test_finlands_president_and_ministers_and_the_commissions_figures():
    assert institutions("Präsident Niinistö warb bei der Pressekonferenz erneut für einen schwedischen Beitritt.") == {
        "Finnish presidency"}
    assert institutions("Das sei ein historischer Tag, sagte Sanna Marin.") == {"Finnish government"}
    assert institutions("Die Grenze bleibe geschlossen, sagte Ministerpräsident Petteri Orpo.") == {"Finnish government"}
    assert institutions("Nach Kommissionsangaben sind rund 210 Milliarden Euro eingefroren.") == {"EU"}
    assert "EU" not in institutions("Nach Angaben der Wahlkommission lag die Beteiligung bei 60 Prozent.")


def test_talk_in_a_document_named_before_is_no_unnamed_report():
    assert institutions("In ihrem am Mittwoch präsentierten Expertenbericht ist die Rede von glaubwürdigen Beweisen.") == set()
    assert institutions("Viel ist da die Rede von Mustern in der russischen Vorgehensweise.") == set()
    assert institutions("Zunächst war von zwei Toten die Rede.") == {"unnamed reports"}
    assert institutions("In einer Erklärung des SBU ist von zwei Toten die Rede.") == {"SBU"}


def test_reports_from_a_capital_and_reports_coming_from_a_region():
    assert institutions("Immer wieder gab es in den vergangenen Wochen Meldungen aus Kiew, dass ukrainische Truppen Gebiete "
                        "zurückerobert hätten.") == {"Ukrainian government"}
    assert institutions("Es gab Berichte aus der Region, dass Truppen vorrückten.") == {"unnamed reports"}
    assert institutions("Die Zahl der Berichte aus Russland über Festnahmen steigt.") == set()
    assert institutions("Aus der Region kommen seitdem immer wieder Berichte, dass Truppen Lokalpolitiker verschleppt hätten.") == {
        "unnamed reports"}
    assert institutions("Es kommen keine Berichte über Verluste.") == set()
    assert institutions("Verletzt worden seien 58 Menschen, teilte Gouverneur Jaroslaw Janutschewitsch mit.") == {
        "Kherson regional government"}


def test_a_states_own_prosecutor_general():
    assert institutions("Die Ukraine hat nach Angaben ihres Generalstaatsanwaltes bislang 186 Verdächtige identifiziert.") == {
        "Ukrainian Prosecutor General's Office"}


def test_the_elysee_reports_from_brussels_a_current_office_and_the_warned():
    assert institutions("Das sei falsch, erklärte der Élysée-Palast am Sonntag.") == {"French government"}
    assert institutions("Das französische Präsidialamt hat eine Desinformationskampagne angeprangert.") == {"French government"}
    assert institutions("Litauen beschränkt den Transit - nach Angaben aus Brüssel auf Grundlage von Leitlinien.") == {"EU"}
    assert institutions("Er reiste aus Brüssel nach Kiew.") == set()
    # a former office and a current one: he speaks for the current
    assert institutions("Russlands ehemaliger Präsident und derzeitiger Vize-Chef des Sicherheitsrates, Dmitri Medwedew, "
                        "hatte mit Aufrüstung gedroht.") == {"Kremlin"}
    assert institutions("Litauen und die EU seien gewarnt.") == set()
    assert institutions("Die USA hatten vor einem Angriff gewarnt.") == {"US government"}


def test_expert_estimates_are_unnamed_experts():
    assert institutions("Expertenschätzungen zufolge haben mindestens 200 Unternehmen den Markt verlassen.") == {"unnamed experts"}


def test_canadas_ministers_the_red_cross_presidents_an_expressed_stance_and_a_rejoinder():
    assert institutions("Kanada wird nach Worten des Verteidigungsministers Bill Blair Raketen liefern.") == {"Canadian government"}
    assert "Canadian government" not in institutions("Der britische Ex-Premier Tony Blair sagte, das sei falsch.")
    assert institutions("«Ich werde nach Moskau reisen», sagte IKRK-Präsidentin Mirjana Spoljaric Egger.") == {"ICRC"}
    assert institutions("Auch China drückte seine „starke Unzufriedenheit“ über die G7-Erklärung aus.") == {"Chinese government"}
    assert institutions("Russlands Außenminister Sergej Lawrow hielt den G7-Staaten entgegen, sie wollten Russland zügeln.") == {
        "Russian foreign ministry"}
    assert institutions("Die ukrainische Polizei hielt die Demonstranten entgegen der Absprache fest.") == set()


def test_a_reaction_after_a_quotation_an_agentless_claim_and_sipris_institute():
    assert institutions("«Warum tun Sie Serbien das an?», reagierte darauf der serbische Präsident Aleksandar Vucic.") == {
        "Serbian government"}
    assert institutions("Die Regierung in Belgrad reagierte mit Sanktionen.") == set()
    assert institutions("Es wird behauptet, dass Vulin ein Dossier übergeben hat.") == {"unnamed reports"}
    assert institutions("Das schwedische SIPRI-Institut für Konfliktforschung gab an, das Budget sei zehnmal so hoch.") == {"SIPRI"}
    assert institutions("\"Wir werden reagieren\", sagte Kalabuchow.") == {"Russian foreign ministry"}


def test_a_council_presidency_an_estimate_closing_its_clause_and_a_listed_count():
    assert institutions("Die schwedische Ratspräsidentschaft teilte mit, man suche weiter nach einem Kompromiss.") == {"Swedish government"}
    assert institutions("Ein Sprecher des Weißen Hauses hatte die Verluste der Angreifer zuletzt auf 20.000 taxiert.") == {"US government"}
    assert institutions("Das Projekt Oryx listet für die russische Armee mehr als 3000 zerstörte Panzer auf.") == {"Oryx"}
    assert institutions("Die Tabelle listet auf ihrer ersten Seite alle Orte.") == set()


def test_experts_named_after_wie_are_no_unnamed_experts_and_an_office_fuer_a_field():
    assert "unnamed experts" not in institutions("Experten wie Markus Reisner halten die Angaben für übertrieben.")
    assert institutions("Experten halten die Angaben für übertrieben.") == {"unnamed experts"}
    assert institutions("Die Lage sei ernst, sagte der Minister für Verteidigung, Andrej Beloussow, in Moskau.") == {"Russian defence ministry"}
    assert institutions("Man helfe den Menschen vor Ort, sagte der Minister für Katastrophenschutz, Alexander Kurenkow.") == {
        "Russian emergencies ministry"}


def test_a_casualty_count_agreeing_with_a_figure_kim_yo_jong_and_seouls_presidential_office():
    assert institutions("Das unabhängige Portal Mediazona kommt auf mehr als 100.000 getötete Soldaten und Tote.") == {"Mediazona"}
    assert institutions("Die Türkei kommt auf einen Marktanteil von 20 Prozent.") == set()
    assert institutions("Der Direktor der CIA, William Burns, schloss sich dieser Einschätzung an.") == {"US intelligence"}
    assert institutions("Finnland schloss sich dem Bündnis an.") == set()
    assert institutions("Kim Yo Jong habe die Flugblätter als Provokation bezeichnet.") == {"North Korean leadership"}
    assert institutions("Das Präsidentenamt in Seoul teilte mit, man beobachte die Lage genau.") == {"South Korean presidency"}


def test_figures_by_a_count_list_or_survey_of_a_named_body():
    assert institutions("Die Verluste belaufen sich nach einer Zählung des ukrainischen Generalstabs auf 700.000.") == {"Ukrainian military"}
    assert institutions("Laut einer Aufstellung der Vereinten Nationen wurden 12.000 Zivilisten getötet.") == {"UN"}
    assert institutions("Nach einer Statistik des Pentagons sind 40.000 Soldaten verwundet.") == {"US Department of Defense"}
    assert institutions("Nach der Statistik gab es im Mai weniger Angriffe.") == set()


def test_a_long_accusation_army_circles_after_auch_and_the_court_referred_back_to():
    assert institutions("Bei einem Treffen in Den Haag warf der Außenminister Dmytro Kuleba den russischen Truppen schwere "
                        "Kriegsverbrechen und gezielte Angriffe auf Schulen und Krankenhäuser vor.") == {"Ukrainian foreign ministry"}
    assert institutions("Auch aus ukrainischen Armeekreisen hieß es, die Lage an der Front sei angespannt.") == {"Ukrainian military"}
    assert institutions("Auch hieß es, die Lage sei angespannt.") == set()
    assert institutions("Der Internationale Strafgerichtshof teilte mit, er habe einen Haftbefehl erlassen. "
                        "Der Beschuldigte sei verantwortlich, so das Gericht.") == {"International Criminal Court"}
    assert institutions("Die Ombudsfrau für Menschenrechte, Lyudmila Denysova, schrieb auf Telegram, die Kinder seien verschleppt worden.") == {
        "Ukrainian ombudsman (Denisowa)"}


def test_embassies_speak_for_their_state_a_central_bank_by_context_and_bodies_as_places():
    assert institutions("Die russische Botschaft in Berlin teilte mit, die Vorwürfe seien haltlos.") == {"Russian foreign ministry"}
    assert institutions("Die ukrainische Botschaft in Wien erklärte, man prüfe den Fall.") == {"Ukrainian government"}
    assert institutions("Zuvor hatte der Geschäftsträger der russischen Botschaft die Vorwürfe als haltlos zurückgewiesen.") == {
        "Russian foreign ministry"}
    assert "Russian foreign ministry" not in institutions("Demonstranten vor der russischen Botschaft forderten ein Ende des Krieges.")
    assert "Kremlin" not in institutions("Demonstranten vor dem Kreml forderten ein Ende des Krieges.")
    assert institutions("In Russland fehlen Arbeitskräfte. Der Zentralbank zufolge klagen 73 Prozent der Firmen über Personalmangel.") == {
        "Russian central bank"}


def test_english_transliterations_of_frequent_names():
    assert institutions("Das sei eine Provokation, sagte Kremlsprecher Dmitry Peskov am Montag.") == {"Kremlin"}
    assert institutions("Sergey Lavrov warf dem Westen Heuchelei vor.") == {"Russian foreign ministry"}
    assert institutions("Andriy Yermak schrieb auf Telegram, die Gespräche gingen weiter.") == {"Ukrainian presidency"}
    assert institutions("Dmitry Medvedev drohte erneut mit Atomwaffen.") == {"Kremlin"}
    assert institutions("Alexander Lukashenko sagte, Belarus werde nicht angreifen.") == {"Belarusian presidency"}
    assert institutions("Mykhailo Podolyak schrieb auf X, Russland lüge.") == {"Ukrainian presidency"}


def test_official_data_and_a_closing_agency_line_with_the_editors_initials():
    assert institutions("Die Preise steigen nach offiziellen Daten um neun Prozent.") == {"unnamed government sources"}
    got = attrib("Putin nannte die Lage ernst.\n\nmit dpa/jel")
    assert set(got["institution"]) == {"Kremlin", "dpa"}
    assert institutions("Er sprach mit AFP.") == set()


def test_a_declaration_before_a_speaker_tag_a_titled_subject_and_western_security_authorities():
    assert institutions("Putin habe Deutschland längst zum Feind erklärt, betonten die Präsidenten der drei Nachrichtendienste.") <= {"uncoded"}
    assert institutions("Der Richter nannte Russland „die größte Bedrohung für Schweden“.") <= {"uncoded"}
    assert institutions("Die Entsendung bezeichnete Yoon als Provokation.") == {"South Korean presidency"}
    assert institutions("Westliche Sicherheitsbehörden sehen klare Hinweise darauf, dass der GRU hinter den Anschlägen steckt.") == {
        "unnamed intelligence"}
    assert institutions("Die Polizei sieht keine Hinweise auf Sabotage.") <= {"uncoded"}


def test_investigators_are_the_body_cited_last_and_an_unnamed_official_in_a_relative_clause():
    assert institutions("Die Bundesanwaltschaft teilte am Montag mit, sie habe Anklage erhoben. Den Ermittlern zufolge kundschaftete "
                        "der Beschuldigte Kasernen aus.") == {"German Federal Prosecutor (Bundesanwaltschaft)"}
    got = attrib("Die Bundesregierung sagte, man prüfe den Fall. Den Ermittlern zufolge kundschaftete der Beschuldigte Kasernen aus.")
    assert set(got["institution"]) == {"German government"}
    assert institutions("Ein US-Beamter, der nicht namentlich genannt werden wollte, hatte zuvor im „Wall Street Journal“ die Vermutung "
                        "geäußert, der Absturz sei auf einen Pilotenfehler zurückzuführen.") >= {"US government"}
    assert institutions("Die Berichte, die am Montag erschienen, wurden von Seoul bestätigt.") == {"South Korean government"}
    assert institutions("Wie Militärsprecher der Ukraine gegenüber CNN berichteten, war der Pilot nicht schuld.") >= {"Ukrainian military"}


def test_a_medium_in_the_feminine_dative_a_tip_that_came_from_a_body_and_a_capital_over_a_modal_headline():
    assert institutions("Wie eine Sprecherin von Außenminister Alexander Schallenberg (ÖVP) der APA am Abend mitteilte, seien die "
                        "Diplomaten ausgewiesen worden.") == {"Austrian foreign ministry", "APA"}
    assert "dpa" in institutions("Wie ein Sprecher am Montag der Deutschen Presse-Agentur sagte, sei die Lage ruhig.")
    assert institutions("Ein Reporter der dpa berichtete, die Lage sei ruhig.") == {"dpa"}
    assert institutions("Der Hinweis auf ihn sei von der ukrainischen Staatsanwaltschaft gekommen.") == {"Ukrainian Prosecutor General's Office"}
    assert institutions("Der Vorschlag sei von Selenskyj gekommen.") == set()
    assert by_sentence("Berlin: Russland muss vier Konsulate schließen\n\nDie Schließung wurde am Mittwoch angeordnet.") == [
        [1, "German government"]]


def test_persons_added_in_round_30():
    assert institutions("Brigadegeneral Olexandr Tarnawskyj sagte, die Front halte.") == {"Ukrainian military"}
    assert institutions("Bruno Le Maire kündigte neue Sanktionen an.") == {"French government"}
    assert institutions("Der stellvertretende US-Botschafter Robert Wood sagte im Sicherheitsrat, Moskau verletze die Resolutionen.") == {
        "US government"}
    assert institutions("Die UN-Sonderberichterstatterin Elizabeth Salmón erklärte, die Lage sei dramatisch.") == {"UN"}
    assert institutions("Der Vorsteher des Klosters, Pawel Lebed, sagte, man bleibe.") == {"Ukrainian Orthodox Church"}
    assert institutions("Vladimir Rogov schrieb auf Telegram, die Stadt sei unter Beschuss.") == {
        "Russian occupation authorities (Zaporizhzhia)"}


def test_circulating_pictures_and_differing_reports_cite_no_one():
    assert institutions("In den sozialen Medien kursieren Bilder von zerborstenen Zugfenstern.") == set()
    assert institutions("Bei Twitter kursiert ein Foto, das wohl einen solchen Panzer zeigt.") == set()
    assert institutions("Es kursieren Gerüchte, russische Saboteure könnten sich in die Stadt einschleichen.") == {"unnamed reports"}
    assert institutions("Im Netz kursieren Berichte, wonach die Brücke getroffen wurde.") == {"unnamed reports"}
    assert institutions("Über die Zahl der Kinder gibt es verschiedene Berichte.") == set()
    assert institutions("Es gibt widersprüchliche Meldungen über die Zahl der Toten.") == set()
    assert institutions("Zudem gab es Berichte, wonach Serbien Drohnen aus dem Iran bezogen haben soll.") == {"unnamed reports"}


def test_a_subject_after_the_verb_before_a_marked_object_a_dash_and_und_and_a_titled_name_outside_the_codebook():
    assert "Kremlin" not in institutions("Nun bitten die dortigen Separatisten den Kreml um weitere Soldaten.")
    assert "Kremlin" not in institutions("Vergangenen Februar haben die Separatisten den Kreml um Schutz gebeten.")
    assert "Kremlin" not in institutions("Außerdem forderte Gylfadóttir Russland auf, seinen Botschaftsbetrieb einzuschränken.")
    assert institutions("Am Montag sagte Kremlsprecher Peskow, die Lage sei ruhig.") == {"Kremlin"}
    assert institutions("Am Montag warnte Außenministerin Baerbock Russland vor einer Eskalation.") == {"German Foreign Office"}
    assert institutions("Ukrainischer Präsident Selenskyj feuert Sicherheitsbeamte – und nennt sie »Verräter«.") == {"Ukrainian presidency"}
    assert institutions("Russland greift die Ukraine an – und Selenskyj warnt vor einer Eskalation.") == {"Ukrainian presidency"}
    assert "Ukrainian government" not in institutions("SP-Nationalrat Jon Pult lobte an der Kundgebung die Ukraine, die sich verteidige.")
    assert institutions("Kanzler Scholz warnte Russland vor einer Eskalation.") == {"German government"}


def test_several_nato_states_and_an_emergencies_ministry_by_context():
    assert institutions("Aber auch mehrere NATO-Staaten äußerten Bedenken.") == {"unnamed government sources"}
    assert institutions("Die Nato-Staaten äußerten Bedenken.") == {"NATO"}
    assert institutions("In Moskau gab das Notfallministerium die Namen der Opfer bekannt.") == {"Russian emergencies ministry"}


def test_criticism_voiced():
    assert institutions("Mehrere russische Militärblogger üben nun scharfe Kritik an der russischen Führung.") == {"Russian military bloggers"}
    assert institutions("China übt scharfe Kritik an der Abschlusserklärung des Nato-Gipfels.") == {"Chinese government"}
    assert institutions("Die Übung fand ohne Kritik statt.") == set()


def test_a_government_spokesman_of_another_state_and_national_television():
    assert "German government" not in institutions("Der Regierungssprecher Malis, Colonel Abdoulaye Maiga, begründete den Bruch mit Äußerungen.")
    assert institutions("Ein Regierungssprecher sagte in Berlin, man prüfe das.") == {"German government"}
    assert "unnamed reports" in institutions("Ein Sprecher erklärte am Montag im nationalen Fernsehen, die Rebellen hätten Informationen erhalten.")
    assert institutions("Das Spiel wurde im nationalen Fernsehen übertragen.") == set()


def test_information_compounds_name_their_holder_not_the_phrase_after_them():
    assert institutions("Aus den Dörfern flohen nach russischen Behördenangaben Tausende Menschen.") == {"Kremlin"}
    assert institutions("Aus den Dörfern flohen laut Behördenangaben Tausende Menschen.") == set()
    assert institutions("Aus den Dörfern flohen nach Polizeiangaben Tausende Menschen.") == set()
    assert cited("Nach Angaben Gressels flohen Tausende.") == [["Gressels", "uncoded"]]
    assert institutions("Geflohen sind nach Angaben Tausende Menschen.") == set()


def test_prosecutors_named_without_their_state_by_context():
    assert institutions("In Kiew trat der Vizeminister zurück. Er gehe auf eigenen Wunsch, teilt die Generalstaatsanwaltschaft mit."
                        ) == {"Ukrainian Prosecutor General's Office"}
    assert institutions("In Moskau begann der Prozess. Die Staatsanwaltschaft hatte 20 Jahre Haft gefordert.") == {"Russian prosecutor's office"}
    assert institutions("Die Staatsanwaltschaft in Stockholm erklärte, die Ermittlungen seien eingestellt.") == {"Swedish prosecution authority"}
    assert institutions("In Rostock begann der Prozess. Die Staatsanwaltschaft hatte vier Jahre Haft gefordert.") == set()


def test_a_country_adjective_after_gegen_is_the_opponent_not_the_owner():
    assert institutions("Pistorius besuchte Kiew. Das System habe sich im Kampf gegen die russische Aggression bewährt, "
                        "teilte das Verteidigungsministerium mit.") == {"German defence ministry"}
    assert institutions("Das russische Militär meldete Angriffe. Die Lage sei stabil, teilte das Verteidigungsministerium mit."
                        ) == {"Russian defence ministry"}
    assert institutions("Der Abt stand in Kiew vor Gericht. Er habe nie aufseiten der russischen Aggression gestanden. "
                        "Es bestehe Fluchtgefahr, so die Staatsanwaltschaft.") == {"Ukrainian Prosecutor General's Office"}


def test_own_account_in_a_relative_clause_and_sentences_passed():
    assert "Russian defence ministry" not in institutions(
        "Weitere Söldner sollen folgen, berichtete der Kanal Afrika-Korps, der nach eigener Darstellung Verbindungen zum russischen Verteidigungsministerium unterhält.")
    assert institutions("Die prorussischen Separatisten verurteilten zudem zwei Briten zum Tode.") == set()
    assert institutions("Ein Gericht in Moskau hat den Mann zu zwölf Jahren Haft verurteilt.") == set()
    assert institutions("Die Bundesregierung verurteilte den Angriff scharf.") == {"German government"}
    assert institutions("In einer Videoansprache hat Präsident Selenskyj verkündigt, dass die Stadt befreit sei.") == {"Ukrainian presidency"}


def test_a_name_outside_the_codebook_after_the_verb_and_the_verb_after_und():
    assert cited("Nach hohen Verlusten kritisierte Popow die Kriegsführung Moskaus und forderte eine Rotation.") == [["Popow", "uncoded"]]
    assert "Kremlin" not in institutions("Damals kritisierte Gressel die Armee und forderte Russland zum Rückzug auf.")
    assert institutions("Selenskyj kritisierte die Armee und forderte Russland zum Rückzug auf.") == {"Ukrainian presidency"}
    assert "Kremlin" not in institutions("Die Behörden in Kuba hatten nach eigenen Angaben den Schlepperring identifiziert.")


def test_an_apposition_before_a_phrase_and_the_verb_stated_judgements_and_apologies():
    assert institutions("Zuvor hatte der Botschafter der Ukraine in Aserbaidschan, Wladyslaw Kanewskyj, gegenüber Reportern erklärt, man danke."
                        ) == {"Ukrainian government"}
    assert institutions("Russland hält diesen Schritt für „unfreundlich“.") == {"Kremlin"}
    assert institutions("Die Armee hält Reserven für den Gegenangriff bereit.") == set()
    assert institutions("Putin hat sich bei Aserbaidschan bereits für das Unglück entschuldigt.") == {"Kremlin"}
    assert institutions("Berlin hält diese Darstellung für einen Vorwand.") == {"German government"}
    assert institutions("Nach offizieller Darstellung wurden 194.000 Männer eingezogen.") == {"unnamed government sources"}


def test_a_far_mit_an_adverb_after_a_dash_a_postposed_nach_and_stated_responsibility():
    assert institutions("Die Raketen hätten ein Objekt getroffen, teilte die Sprecherin des russischen Außenministeriums, "
                        "Maria Sacharowa, am Sonntag im Nachrichtenkanal Telegram mit.") == {"Russian foreign ministry"}
    assert institutions("Die Ukraine teilt eine lange Grenze mit Russland und Belarus, die im Norden verläuft.") == set()
    assert institutions("Die Armee hatte die Stadt umzingelt - später gab das russische Verteidigungsministerium den Rückzug bekannt."
                        ) == {"Russian defence ministry"}
    assert institutions("Dem russischen Verteidigungsministerium nach sind in den besetzten Gebieten 326.000 Schüler geblieben."
                        ) == {"Russian defence ministry"}
    assert institutions("Dem Vorschlag nach sollen die Truppen abziehen.") == set()
    assert institutions("Das UN-Menschenrechtsbüro sieht Russland als verantwortlich für einen Raketenangriff.") == {"UN"}
    assert institutions("Die Ukraine sieht die Lieferung als Erfolg.") == set()
    assert institutions("Die UN-Sonderberichterstatterin Alice Edwards sagte, Folter sei verbreitet.") == {"UN"}


def test_quoted_organisations_new_spellings_demands_and_claims_and_an_outlets_own_sources():
    assert institutions("„Reporter ohne Grenzen“ zeigte sich empört.") == {"Reporters Without Borders (RSF)"}
    assert institutions("Das Büro der russischen Staatsanwaltschaft habe der Zeitung vorgeworfen, die Armee zu diskreditieren."
                        ) == {"Russian prosecutor's office"}
    assert institutions("Die Menschenrechtsorganisation Owd-Info berichtete, es seien 788 Menschen festgenommen worden.") == {"OVD-Info"}
    assert institutions("Wer an Kundgebungen teilnehme, werde verfolgt, erklärte das Investigativkomitee.") == {"Russian Investigative Committee"}
    assert "Ukrainska Pravda" in institutions("Das berichtete das Portal „Ukrajinska Prawda“ in Kiew.")
    assert institutions("Bisher bestand die Ukraine auf einem vollständigen Truppenabzug Russlands.") == {"Ukrainian government"}
    assert institutions("Die Delegation bestand aus zwölf Personen.") == set()
    assert institutions("Moskau beansprucht die eroberten Gebiete für sich.") == {"Kremlin"}
    assert institutions("Der Wiederaufbau beansprucht viele Jahre.") == set()


def test_an_agent_after_durch_and_a_quoted_medium_after_an_apposition():
    assert "Kremlin" not in institutions("In Moskau wurde der Sender gesperrt. Nach der Sperrung durch die Behörden hat der Sender "
                                         "Echo Moskwy seine Schließung bekannt gegeben.")
    assert cited("„Wir bauen den ersten Lynx“, sagte der Minister für strategische Industrien, Olexander Kamyschin, dem „Handelsblatt“."
                 )[0] == ["Handelsblatt", "Handelsblatt"]


def test_an_unnamed_federal_government_is_austrias_where_the_article_names_austrias():
    assert institutions("Nehammer reiste nach Moskau. Die Bundesregierung verlangt, dass die Ukraine die Bank streicht.") == {"Austrian government"}
    assert institutions("Scholz reiste nach Kiew. Die Bundesregierung verlangt Aufklärung.") == {"German government"}
    assert institutions("Die deutsche Bundesregierung verlangt Aufklärung.") == {"German government"}


def test_offices_of_states_and_churches_and_more_verbs_of_statement():
    assert institutions("Das gab der Élyséepalast bekannt.") == {"French government"}
    assert institutions("Das bestätigte das vatikanische Presseamt am Abend.") == {"Holy See (Vatican)"}
    assert institutions("Das Presseamt des Heiligen Stuhls lässt wissen, dass der Papst telefoniert habe.") == {"Holy See (Vatican)"}
    assert institutions("Die Streitkräfte des Kreml haben eigenen Angaben zufolge die Luftabwehr zerstört.") == {"Russian defence ministry"}
    assert institutions("Außenminister Schallenberg sieht Macrons Forderung als „Gegenrichtung“.") == {"Austrian foreign ministry"}
    assert institutions("Das teilte die US-Behörde am Dienstag mit.") == {"US government"}
    assert institutions("Das Geld werde für Lebensmittel verwendet, führte Vizekanzler Werner Kogler in der Mitteilung aus.") == {"Austrian government"}
    assert institutions("Russland führte in der Nacht neue Luftangriffe aus.") == set()
    assert institutions("Meloni will eine Videoschalte der G7-Staats- und Regierungschefs leiten.") == set()
    assert "Russian Orthodox Church" not in institutions("Man kenne die Verstrickungen, sagte Kurschus mit Blick auf das Bekenntnis des Patriarchen Kirill.")
    assert "German presidency" not in institutions("Als im März Bundespräsident Steinmeier zu Besuch kommt, ließ Nauséda wissen, dass sein Land bereit sei.")


def test_a_deputy_minister_of_a_named_state_and_claims_supported():
    assert institutions("Der stellvertretende Verteidigungsminister der Ukraine teilte mit, die Truppen hätten die Region zurückerobert."
                        ) == {"Ukrainian defence ministry"}
    assert institutions("Die US-Regierung hat Angaben aus Kiew gestützt, wonach das Kriegsschiff getroffen wurde.") == {
        "US government", "Ukrainian government"}
    assert institutions("Die Brücke wurde von Pfeilern gestützt.") == set()
    assert cited("Nach der Wiederwahl des Vertrauten von Russlands Präsident Wladimir Putin erhob die Opposition Vorwürfe des Wahlbetrugs."
                 ) == [["Opposition", "uncoded"]]


def test_an_agency_tag_before_a_headline_colon_heads_of_lenders_declarations_of_independence_and_death_sentences():
    assert institutions("ROUNDUP: London: Ukraine hat neue Marschflugkörper bereits eingesetzt\n\nDie Lieferung war bekannt.") >= {"UK government"}
    assert institutions("Laut IWF-Chefin Kristalina Georgiewa soll ein solches Format bald entstehen.") == {"IMF"}
    assert institutions("„Uns steht ein wichtiges Treffen bevor“, sagte Weltbank-Chef David Malpass.") == {"World Bank"}
    assert institutions("Nach Angaben des Verteidigungsministeriums in Berlin kamen auch Ersatzteile an.") == {"German defence ministry"}
    assert institutions("Die Ukraine hatte am 24. August 1991 ihre staatliche Unabhängigkeit erklärt.") == set()
    assert institutions("Die Ukraine hatte erklärt, sie sei zu Gesprächen bereit.") == {"Ukrainian government"}
    assert institutions("Die Separatisten verurteilten zwei Briten, die für die Ukraine kämpften, zum Tode.") == set()


def test_stated_readings_and_concerns_of_unnamed_experts():
    assert institutions("Experten sehen in Putins Entschuldigung ein Signal.") == {"unnamed experts"}
    assert institutions("Die Soldaten sehen in der Ferne eine Rauchsäule.") == set()
    assert institutions("Kritiker haben Bedenken, dass das Rating leidet.") == {"unnamed experts"}
    assert institutions("Russland hat die Bedenken inzwischen ausgeräumt.") == set()
    assert institutions("Kommentatoren meinen allerdings, dass der Kreml nachgibt.") == {"unnamed experts"}
    assert institutions("Noch am Vorabend rechneten Beobachter mit einem Durchbruch.") == {"unnamed experts"}


def test_ministries_after_laut_and_army_figures_by_context():
    assert institutions("Österreich wird laut Außenministerium bei der Angelobung nicht vertreten sein.") == {"Austrian foreign ministry"}
    assert institutions("In Charkiw wurden laut Innenministerium drei Zivilisten getötet.") == {"Ukrainian interior ministry"}
    assert institutions("In der Ukraine wurden nach Armeeangaben drei Soldaten getötet.") == {"Ukrainian military"}
    assert institutions("In der Region Charkiw läuft die Offensive. Dennoch wurden laut Innenministerium dort drei Zivilisten "
                        "durch russischen Beschuss getötet.") == {"Ukrainian interior ministry"}


def test_a_bare_state_after_a_genitive_cue_claims_and_studies_after_nach_and_postposed_analyses():
    assert institutions("Die Ukraine hat nach offizieller Darstellung Russland bei den Drohnen überholt.") == {"unnamed government sources"}
    assert institutions("Nach Darstellung Russlands ist das Schiff gesunken.") == {"Kremlin"}
    assert institutions("Nach Behauptungen der Nato handelt es sich um Soldaten.") == {"NATO"}
    assert institutions("Nach einem Gutachten der Weltbank sind die Schäden enorm.") == {"World Bank"}
    assert institutions("Die Offensive stockt, analysiert das Institute for the Study of War.") == {"ISW"}
    assert institutions("Die Nato analysierte die Lage in Charkiw.") == set()


def test_studies_of_coordinated_media_and_newspaper_titles_with_their_article():
    assert institutions("Es gab eine Recherche des NDR und der Zeitung „Die Welt“, wonach die Liste gekürzt worden sei.") == {
        "NDR", "Die Welt"}
    assert institutions("Das schrieb die Wochenzeitung „Die Zeit“.") == {"Die Zeit"}


def test_a_group_of_experts_before_a_display_colon_and_a_bare_name_before_the_setting():
    assert by_sentence("Einleitung.\n\nExperten: Die Front bricht bald\n\nDer Druck wächst.") == [[2, "unnamed experts"]]
    assert by_sentence("Einleitung.\n\nExperten: Die Front bricht bald\n\nDie Front breche, schreibt das ISW in seiner Analyse."
                       ) == [[2, "ISW"], [3, "ISW"]]
    assert by_sentence("Einleitung.\n\nQuellen: Reuters\n\nDer Druck wächst.") != [[2, "unnamed reports"]]
    assert cited("„Das ist inakzeptabel“, sagte Ortega am Rande einer Sitzung bei den Vereinten Nationen.") == [
        ["Ortega", "uncoded"]]


def test_a_time_opening_a_main_clause_after_a_comma_a_channel_before_a_place_and_an_announcement_informed_about():
    assert institutions("Die Lage ist ernst, am Abend gab die Nato die Namen der Toten bekannt.") == {"NATO"}
    assert institutions("Die Lage ist ernst, gestern gab die Nato bekannt, es gebe Tote.") == {"NATO"}
    assert institutions("Das sei falsch, teilte Petrenko, ein Sprecher der Kirche, der Deutschen Presse-Agentur in Kiew mit.") >= {"dpa"}
    assert institutions("Zuvor hatte die Nato bereits über den Austausch der Gefangenen informiert.") == {"NATO"}
    assert institutions("Die Nato ist über den Angriff informiert worden.") == set()
    assert institutions("Die Nato hatte sich über den Angriff informiert.") == set()


def test_hosts_of_state_television_speak_for_their_channel_and_kreml_as_part_of_an_adjective():
    assert institutions("Solowjow drohte in seiner Sendung mit einem Angriff.") == {"VGTRK"}
    assert institutions("„Es ist Krieg“, sagte die Moderatorin Olga Skabejewa.") == {"VGTRK"}
    assert institutions("Margarita Simonjan hat eine Explosion in Sibirien vorgeschlagen.") == {"RT"}
    assert institutions("Die Soldaten würden dort ausgebildet, berichtete der Sender Belarus 1.") == {"Belarus 1 (Belarusian state TV)"}
    assert institutions("Der Moderator verkündete im Kreml-treuen Sender Russia-1, die Stadt werde brennen.") == {"VGTRK"}
    assert institutions("Das sagte Stoltenberg im ARD-„Bericht aus Berlin“.") == {"ARD", "NATO"}


def test_a_statement_in_a_hypothetical_clause_and_a_state_after_a_subject_noun_phrase():
    assert institutions("Es wäre ein Fehler, wenn Minsk die Mobilmachung ankündigen würde.") == set()
    assert institutions("Der Moderator droht Großbritannien mit einem Angriff.") == set()
    assert institutions("Der Kreml droht Großbritannien mit einem Angriff.") == {"Kremlin"}
    assert institutions("Am Montag drohte Großbritannien mit Sanktionen.") == {"UK government"}


def test_a_speaker_tag_after_a_relative_clause_reminders_apologies_and_television_reports():
    assert institutions("Die Sanktionen, die Russland schaden, zeigten Wirkung, sagte Morrison.") == {"Australian government"}
    assert institutions("„Wir haben der georgischen Regierung deutlich gemacht, dass das Folgen hat.") == set()
    assert institutions("Auf Telegram erinnerte Botschafter Poljanski, dass Kanada dagegen gestimmt hat.") == {"Russian foreign ministry"}
    assert institutions("Das Denkmal erinnert an die Toten des Krieges.") == set()
    assert institutions("Dafür entschuldigte sich am Montag Premierminister Justin Trudeau.") == {"Canadian government"}
    assert institutions("Nach Fernsehberichten gab es mehrere Verletzte.") == {"unnamed reports"}
    assert institutions("Der georgische Innenminister sagte, die Zahl der Einreisenden habe zugenommen.") == {"Georgian interior ministry"}


def test_un_offices_in_compounds_denials_over_a_long_object_the_adverb_betont_and_bylines_with_agencies():
    assert institutions("Das sei unmöglich, sagte OCHA-Sprecher Jens Laerke in Genf.") == {"UN"}
    assert institutions("Das bestätigte WHO-Nothilfekoordinator Mike Ryan in Genf.") == {"WHO"}
    assert institutions("Am Abend forderte die UN-Generalversammlung einen Abzug der Truppen.") == {"UN"}
    assert institutions("Noch immer streitet der Kreml jede Verbindung zu dem Bruch des großen Staudamms ab.") == {"Kremlin"}
    assert institutions("Xi und Putin gaben sich in Moskau betont freundschaftlich.") == set()
    assert institutions("Der Kanal wird nach Expertenmeinung bald austrocknen.") == {"unnamed experts"}
    assert institutions("Die Lage ist ernst.\n\nVon Euronews mit DPA/AFP") == {"dpa", "AFP"}
    assert institutions("Die Lage ist ernst.\n\nSDA Schweizerische Depeschenagentur") == {"Keystone-SDA"}
    assert institutions("Die Lage sei schwierig, erklärte die ukrainische Armeebrigade.") == {"Ukrainian military"}


def test_gender_colons_a_neutral_stance_officials_by_nationality_and_programme_names():
    assert institutions("Das zeige die Umstellung auf Kriegswirtschaft, warnen Expert:innen.") == {"unnamed experts"}
    assert institutions("Im Krieg gibt sich Indien neutral.") == {"Indian government"}
    assert institutions("Eine amerikanische Beamtin droht Astana mit Konsequenzen.") == {"US government"}
    assert institutions("Das gehe aus dem Generalstab der ukrainischen Verteidigungstruppen hervor.") == {"Ukrainian military"}
    assert institutions("Die Männer seien gezwungen worden, wie „ZDFfrontal“ berichtet.") == {"ZDF"}
    assert institutions("Das sagte ein Student gegenüber BBCHindi.") >= {"BBC"}


def test_a_verb_after_und_behind_a_subordinate_clause_and_a_channel_after_a_time():
    assert institutions("Solowjow erklärte, was Russland jetzt tun müsse und sagte auch, dass Berlin brennen werde.") == {"VGTRK"}
    assert institutions("Er erklärte, was Russland jetzt tun müsse und sagte auch, dass Berlin brennen werde.") == set()
    assert institutions("Das sei wichtig, sagte Petra Lange, Sprecherin der Arbeitsagentur, am Montag dem rbb24 Inforadio.") >= {"RBB"}
    assert institutions("Kanadas Parlamentspräsident entschuldigt sich für den Eklat") == {"Canadian parliament (Rota)"}


def test_a_time_span_opening_the_clause_two_noun_phrases_after_the_verb_and_made_public():
    assert institutions("Eine Minute später antwortete ihm Putin, er sei froh.") == {"Kremlin"}
    assert "NATO" not in institutions("Am Montag forderte die Zeitung die Nato auf, mehr zu tun.")
    assert institutions("Das hat die US-Regierung jetzt öffentlich gemacht.") == {"US government"}
    assert institutions("Das sagte die Sängerin dem BR.") >= {"BR"}
    assert institutions("Das schreibt die Ukrainerin Melaniya Podolyak auf Twitter.") == set()


def test_the_g7_block_an_anti_corruption_authority_a_place_von_aus_and_the_dts_sign_off():
    assert institutions("Der G-7-Block drängt Kiew zur raschen Beilegung des Streits.") == {"G7"}
    assert institutions("Die Anti-Korruptionsbehörde warf dem Minister vor, Land erworben zu haben.") == {"National Anti-Corruption Bureau of Ukraine (NABU)"}
    assert institutions("Von Südkorea aus lobte Verteidigungsminister Boris Pistorius den Austausch.") == {"German defence ministry"}
    assert institutions("Die Lage ist ernst.\n\ndts Nachrichtenagentur") == {"dts Nachrichtenagentur"}
    assert institutions("Das teilte Kabinettsminister Oleh Nemtschinow über Telegram mit.") == {"Ukrainian government"}
    assert institutions("Später schrieb die Anti-Korruptionsbehörde den Ex-Gouverneur zur Fahndung aus.") == set()


def test_a_regions_governor_or_administration_without_a_name_is_that_of_the_region_the_sentence_is_in():
    assert institutions("Bei einem Angriff auf die Region Saporischschja starben nach Angaben des örtlichen Gouverneurs zwei Menschen.") == {"Zaporizhzhia regional government"}
    assert institutions("Russland beschoss Sumy. Zwei Menschen starben, teilte die regionale Militärverwaltung mit.") == {"Sumy regional government"}
    assert institutions("In Krywyj Rih wurden nach Angaben des Gouverneurs der Region 20 Häuser beschädigt.") == {"Dnipropetrovsk regional government (Lysak)"}
    assert institutions("Russland beschoss Belgorod. Eine Frau wurde verletzt, sagte der Gouverneur.") == {"Belgorod regional government (Gladkow)"}
    assert institutions("Russland beschoss Kursk. Eine Frau wurde verletzt, sagte der Gouverneur.") <= {"uncoded"}
    assert institutions("Russland beschoss Lwiw. Eine Frau wurde verletzt, teilte die Militärverwaltung mit.") <= {"uncoded"}


def test_a_former_spokeswoman_military_in_a_named_state_a_raised_demand_and_a_quoted_portal():
    assert institutions("Nach Angaben von Nawalnys früherer Sprecherin Kira Jarmysch wurde der Mann festgenommen.") == {"Navalny team (Jarmysch)"}
    assert institutions("Militärs in Polen gehen davon aus, dass die Söldner an der Grenze stehen.") == {"Polish military"}
    assert institutions("Das russische Ermittlungskomitee hat die Forderung erhoben, Migranten stärker zu kontrollieren.") == {"Russian Investigative Committee"}
    assert institutions("Laut „RBC“ wurden in der Nacht drei Drohnen abgeschossen.") == {"RBC-Ukraine"}


def test_an_authors_byline_with_the_supplying_portal():
    assert institutions("Anna Berger / t-online\n\nDie Lage an der Front bleibt angespannt.") == {"t-online"}


def test_the_people_of_a_warring_state_as_its_side():
    assert institutions("Die Ukrainer sprechen von einem erfolgreichen Angriff auf die Brücke.") == {"Ukrainian government"}
    assert institutions("Die Stadt sei gefallen, wie die Russen behaupten.") == {"Kremlin"}
    assert institutions("Die Reise sollte den Ukrainern zeigen, dass sie nicht allein sind, sagte der Premier.") <= {"uncoded"}
    assert institutions("Viele Ukrainer sagen, sie wollten Frieden.") <= {"uncoded"}


def test_a_broadcaster_only_mentioned_then_named_by_its_kind_and_unnamed_channels():
    assert institutions("Ein Kameramann von Fox News ist bei Kiew getötet worden.\n\nEr sei unter Beschuss geraten, teilte der US-Sender mit.") == {"Fox News"}
    assert institutions("Der ARD-Korrespondent Frank Aischmann muss gehen. Das Studio bleibt.\n\nDas bestätigte der deutsche Sender am Mittwoch.") == {"ARD"}
    assert institutions("Ein Sprecher des Bundesumweltministeriums sagte, niemand wolle einen Unfall.") == {"German government"}
    assert institutions("Das Kraftwerk ist laut der belarussischen Führung wieder am Netz.") == {"Belarusian presidency"}
    assert institutions("Indes berichten russische Propagandamedien von einer friedlichen Übernahme.") == {"unnamed reports"}
    assert institutions("Das berichtet er unter Berufung auf einen belarussischen Fernsehsender.") == {"unnamed reports"}


def test_a_spokesman_named_after_his_office_agency_bylines_revised_figures_and_passive_publication():
    assert institutions("Der Sprecher der Militärverwaltung des Gebiets Odessa, Serhij Brattschuk, zeigte auf Telegram Fotos der Schäden und sagte, zwei Menschen seien verletzt.") == {"Odesa regional government (Bratchuk)"}
    assert institutions("Die Lage bleibt ernst.\n\nVon afp, dpa, t-online") >= {"AFP", "dpa"}
    assert institutions("Der Staatliche Grenzdienst der Ukraine berichtete, die Grenze sei ruhig.") == {"Ukrainian border guard service"}
    assert institutions("Eine RBI-Sprecherin sagte, man prüfe alle Optionen.") == {"Raiffeisen Bank International (RBI)"}
    assert institutions("Neuer Direktor ist Sakrijew, teilte die tschetschenische Regierung mit.") == {"Chechen regional government (Kadyrow)"}
    assert institutions("Das Foto wurde vom Büro des ukrainischen Präsidenten veröffentlicht.") == {"Ukrainian presidency"}
    assert institutions("Der ukrainische Generalstab erhöhte die Zahl der versenkten Schiffe auf elf.") == {"Ukrainian military"}
    assert institutions("Das erklärt der russische Generalmajor Michail Misinzew.") == {"Russian defence ministry"}


def test_both_warring_sides_in_the_genitive_after_a_cue():
    assert institutions("Russland griff die Ukraine an.\n\nNach Angaben beider Kriegsparteien wurden viele Menschen getötet.") == {"Kremlin", "Ukrainian government"}


def test_an_announcement_across_an_apposition_and_russian_investigators():
    assert institutions("Das gab der Bürgermeister von Melitopol, Iwan Fjodorow, am Abend bekannt.") == {"Melitopol city administration (Fedorow)"}
    assert institutions("Er gab das Ergebnis, das alle erwartet hatten, am Montag bekannt.") <= {"uncoded"}
    assert institutions("Das teilten die russischen Strafermittlungsbehörden am Montag mit.") == {"Russian Investigative Committee"}
    assert institutions("Der Untersuchungsausschuss der Russischen Föderation hat den Tod bestätigt.") == {"Russian Investigative Committee"}


def test_a_quoted_name_with_a_slash_a_complaint_and_a_police_chief_before_his_ministry():
    assert institutions("Der US-Radiosender „Radio Free Europe/Radio Liberty“ meldete, die Mutter liege im Koma.") == {"Radio Free Europe/Radio Liberty"}
    assert institutions("Ungarn und die Slowakei hatten sich darüber beschwert, dass ihnen der Gashahn zugedreht wird.") == {"Hungarian government", "Slovak government"}
    assert institutions("Der Chef der ukrainischen Polizei, Ihor Klymenko, sagte, sechs Tote seien identifiziert.") == {"Ukrainian police"}


def test_insiders_and_officials_of_a_named_state_and_an_unnamed_newspaper():
    assert institutions("Laut einem US-Insider sollen die Kriegsschiffe den Hafen verlassen haben.") == {"US government"}
    assert institutions("Hohe Funktionäre des amerikanischen Verteidigungsministeriums haben die Angaben bestätigt.") >= {"US Department of Defense"}
    assert institutions("Nach amtlichen Angaben wurde landesweit Luftalarm ausgelöst.") == {"unnamed government sources"}
    assert institutions("Im Mai berichtete eine russische Zeitung, dass Kubaner Verträge unterzeichnet hätten.") == {"unnamed reports"}


def test_a_display_colon_before_the_speakers_own_words_and_a_retort():
    assert institutions("Wladimir Putin: Das Ziel unserer Gegner ist der Zerfall Russlands") == {"Kremlin"}
    assert institutions("Kim Jong Un: Der Diktator und seine Soldaten") == set()
    assert institutions("Der albanische Premierminister konterte den Vorstoß kühl.") == {"Albanian government"}


def test_announcements_remarks_and_accusations_of_a_named_holder():
    assert institutions("Hintergrund ist die Ankündigung der Ukraine, kein Gas mehr durchzuleiten.") == {"Ukrainian government"}
    assert institutions("Er wies die Vorwürfe des Kremls zurück.") >= {"Kremlin"}
    assert institutions("Die Äußerungen des polnischen Außenministeriums sorgten für Unruhe.") == {"Polish government"}


def test_a_claim_with_its_object_first_norwegian_ministers_and_belarusian_state_tv():
    assert institutions("Ende Juli hatte der ukrainische Militärgeheimdienst einen Angriff für sich reklamiert.") == {"HUR"}
    assert institutions("Das gab die Außenministerin Anniken Huitfeldt am Donnerstag bekannt.") == {"Norwegian government"}
    assert institutions("Das sagte Medinsky im Interview mit dem belarussischen Staatsfernsehen.") >= {"Belarus 1 (Belarusian state TV)"}
    assert institutions("Ein Kommandeur der finnischen Grenztruppen sagte, man habe einen Anstieg gesehen.") == {"Finnish Border Guard"}
