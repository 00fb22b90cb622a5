import shutil

import pandas as pd
import pytest

from analysis import config
from analysis.corpus import segment_text
from analysis.sourcing import (
    COLUMNS,
    attributed_share,
    load_gold,
    match_gold,
    network_edges,
    reliance,
    speech_types,
    textstat_attributions,
    validate_attributions,
)

PAP = "001_655c8ea758a98ab0"
IPPEN = "002_7441870df5a39c05"
TELEPOLIS = "003_415b2b8988ea9f0e"
TABLOID = "000_78251c8e37e4c5cd"
USLAR = "004_1b8548fd83fa8b64"


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
    assert set(a["speech_type"]) == {"direct quote", "indirect speech", "attribution", "credit line"}
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


def test_agreement_with_hand_coding(seeds):
    a, sentences, _ = seeds
    gold = load_gold()
    assert (match_gold(gold, sentences)["sentence_id"] > 0).all()
    v = validate_attributions(a, sentences, gold).set_index("level")
    assert v.at["(article, institution)", "f1"] >= 0.9
    assert v.at["(article, sentence, institution)", "f1"] >= 0.85
    assert v.at["(article, sentence, institution, speech type)", "f1"] >= 0.8


def test_outlet_helpers(seeds):
    a, sentences, articles = seeds
    rel = reliance(a, articles)
    assert rel.groupby("outlet_label")["share"].sum().round(6).eq(1).all()
    assert "credit line" not in set(speech_types(a, articles)["speech_type"])
    top = rel.sort_values("n", ascending=False).groupby("outlet_label").head(1).set_index("outlet_label")["institution"]
    telepolis = articles.set_index("article_id").at[TELEPOLIS, "outlet_label"]
    assert top[telepolis] == "Ukrainian presidency"
    share = attributed_share(sentences, a, articles).set_index("outlet_label")
    assert (share["attributed"] + share["unattributed"] == share["sentences"]).all()
    assert share["attributed_share"].between(0, 1).all()
    assert share["attributed_share"].idxmax() == telepolis
    edges = network_edges(a, articles)
    assert {"outlet", "institution", "weight", "source_type", "country"} <= set(edges.columns)
    assert edges["weight"].sum() == len(a)


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
    import pandas as pd

    from analysis.sourcing import country_group, country_group_order

    groups = country_group(pd.Series(["Ukraine", "Poland", "NATO", "Japan", "unspecified"])).tolist()
    assert groups == ["Ukraine", "US/Western", "US/Western", "other", "unspecified"]
    assert country_group_order()[:3] == ["Ukraine", "South Korea", "US/Western"]
