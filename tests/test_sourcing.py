import shutil

import pandas as pd
import pytest

from analysis import config
from analysis.agreement import load_gold
from analysis.corpus import segment_text
from analysis.sourcing import (
    COLUMNS,
    SPEECH_TYPES,
    attributed_share,
    country_group,
    country_group_order,
    match_gold,
    network_edges,
    reliance,
    rules,
    speech_types,
    textstat_attributions,
    validate_attributions,
)

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
    a = attrib("Laut dem Politologen Hans Muster wird der Krieg noch lange dauern.")
    assert a[["source", "institution", "source_type"]].values.tolist() == [["Politologen Hans Muster", "uncoded", "uncoded"]]


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
    credit_only = set(zip(edges.loc[edges["credit_only"], "outlet"], edges.loc[edges["credit_only"], "institution"]))
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
    a = attrib("Das teilte der litauische Außenminister Gabrielius Landsbergis am Dienstag mit.")
    assert a[["source", "institution"]].values.tolist() == [["Außenminister Gabrielius Landsbergis", "uncoded"]]
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

