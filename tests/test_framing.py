import re
import shutil

import pandas as pd
import pytest

from analysis import agreement, config
from analysis.corpus import segment_text
from analysis.framing import (
    MICRO,
    actors_in_order,
    describe_validation,
    frame_columns,
    frame_profile,
    frame_rules,
    frames_by_outlet,
    headline_summary,
    hedge_markers,
    hedge_rules,
    hedging_rates,
    tag_frames,
    textstat_frames,
    validate_frame_articles,
    validate_frames,
)

from .conftest import IPPEN, TABLOID, TELEPOLIS, USLAR

# Floors below what the tagger achieves on the hand-coded seeds (micro-F1 0.89 on 96 sentences, rules alone since round 5:
# the out-of-sample model was not better on the seeds, see analysis/models/frames.json; in-sample for the rules). On all
# 100 opened out-of-sample articles the rules give micro-F1 0.82 (written while reading them; the model 0.83
# cross-validated by article). Changes to the tagger must not fall below the floors.
SENTENCE_MICRO_F1_FLOOR = 0.85
ARTICLE_MICRO_F1_FLOOR = 0.9
# Share of the gold sentences on whose frame set tagger and hand coding agree exactly (0.71 on the seeds).
SENTENCE_EXACT_FLOOR = 0.7


def _hedges(text):
    return [(kind, term.lower()) for kind, _, term, _ in hedge_markers(text)]


# ------------------------------------------------------------------ frames on snippets


@pytest.mark.parametrize(
    "text, frame",
    [
        ("Die Nordkoreaner dienen doch nur als Kanonenfutter.", "human_cost"),
        ("Gefährdet Putin den Weltkrieg?", "escalation"),
        ("Kim drohte mit einem „Atomangriff“.", "nuclear"),
        ("Der Krieg droht zu eskalieren.", "escalation"),
        ("Die Achse der Diktatoren wächst weiter.", "autocracy_alliance"),
        ("Seoul prüft Waffenlieferungen an die Ukraine.", "arms_aid"),
        ("Pjöngjang bekommt dafür Geld und Devisen.", "economic"),
        ("Der völkerrechtswidrige Überfall wird verurteilt.", "morality"),
        ("Die Spannungen zwischen Nord- und Südkorea wachsen.", "conflict"),
        ("Südkorea beobachtet die Entwicklung mit Besorgnis.", "korea_security"),
        ("Die NATO und die EU haben Nordkorea gewarnt.", "diplomacy"),
        ("Die Familien der Soldaten werden isoliert.", "human_interest"),
        ("Die westliche Welt sollte sich darauf vorbereiten.", "responsibility"),
        ("Rund 11.000 Infanteristen stehen an der Front.", "military"),
    ],
)
def test_frame_indicators(text, frame):
    assert frame in tag_frames(text)


# Word families (frames.yaml `stems`, `phrases`, `combined`): one own-written sentence per construction --
# an inflected form, a compound and a neighbour word of the family -- none taken from a coded article.
WORD_FAMILIES = [
    # conflict
    ("Moskau nennt Kiew den eigentlichen Aggressor.", "conflict"),                    # aggress: noun
    ("Die Regierung spricht von offener Aggression.", "conflict"),                    # aggress: neighbour
    ("Der Minister reagierte aggressiv auf die Frage.", "conflict"),                  # aggress: adjective
    ("Kiew beschuldigt Pjöngjang der Lüge.", "conflict"),                             # beschuldig
    ("Die Ukraine wirft Moskau Täuschung vor.", "conflict"),                          # wirft ... vor
    ("Der Kreml verurteilte die Äußerungen scharf.", "conflict"),                     # verurteil: past
    ("Die Regierung hat die Botschafterin einbestellt.", "conflict"),                 # einbestell
    ("Das sei ein Zeichen der Verzweiflung, sagte sie.", "conflict"),                  # verzweiflung
    ("Der Präsident drohte dem Westen.", "conflict"),                                  # drohte
    # escalation
    ("Die Lage droht weiter zu eskalieren.", "escalation"),                           # eskal: verb
    ("Beobachter sprechen von einer gefährlichen Eskalationsspirale.", "escalation"),  # eskal: compound
    ("Die Entsendung bedroht die Sicherheit Europas.", "escalation"),                 # bedroh: verb
    ("Das ist eine Bedrohung für die ganze Region.", "escalation"),                   # bedroh: noun
    ("Experten sehen eine neue Sicherheitsbedrohung.", "escalation"),                 # bedroh: compound
    ("Die Ausweitung der Kämpfe ist absehbar.", "escalation"),                        # ausweit
    ("Der Konflikt wird damit global.", "escalation"),                                # global
    ("Das Regime globalisiert den Krieg.", "escalation"),                             # global: verb
    ("Der Krieg hat den Indopazifik erreicht.", "escalation"),                        # indopazif
    ("Das Land erreicht eine neue Stufe im Krieg.", "escalation"),                    # neue stufe
    ("Es ist das erste Mal seit Jahrzehnten.", "escalation"),                         # erste mal seit
    ("Es wäre die erste direkte Beteiligung des Landes.", "escalation"),              # erste ... beteiligung
    ("Kämpfen bald fremde Soldaten in Europa?", "escalation"),                        # combined europa + soldat
    ("Die Spannungen verschärfen sich weiter.", "escalation"),                        # combined spannung + versch
    # alliance
    ("Die Militärallianz der beiden Staaten wächst.", "autocracy_alliance"),          # allianz: compound
    ("Beide Länder schlossen ein Verteidigungsbündnis.", "autocracy_alliance"),       # bündnis: compound
    ("Der Beistandsvertrag gilt seit dem Sommer.", "autocracy_alliance"),             # beistand: compound
    ("Der Vertrag verpflichtet beide Seiten.", "autocracy_alliance"),                 # vertrag
    ("Sie sicherten sich gegenseitige Hilfe zu.", "autocracy_alliance"),              # gegenseitig
    ("Die Truppen kämpfen an der Seite Russlands.", "autocracy_alliance"),            # an der seite
    ("Die Einheiten stehen auf russischer Seite.", "autocracy_alliance"),             # auf russischer seite
    ("Pjöngjang unterstützt Moskau mit Granaten.", "autocracy_alliance"),             # combined unterstütz + moskau
    ("Der Kreml setzt auf die Hilfe aus Pjöngjang.", "autocracy_alliance"),           # combined hilfe + pjöngjang
    ("Nordkorea liefert Artilleriegeschosse an Russland.", "autocracy_alliance"),     # combined liefer + russ
    ("Die Beziehungen zwischen beiden Regimen werden enger.", "autocracy_alliance"),  # beziehungen zwischen
    # responsibility
    ("Kiew fordert eine harte Antwort.", "responsibility"),                           # forder: verb
    ("Die Forderung nach Sanktionen wird lauter.", "responsibility"),                 # forder: noun
    ("Die Partner kritisieren die Untätigkeit der Regierung.", "responsibility"),     # untätigkeit
    ("Europa muss rasch und entschlossen reagieren.", "responsibility"),              # modal of obligation + act
    # morality
    ("Das Vorgehen sei illegal, sagte der Minister.", "morality"),                    # illegal
    ("Berichte zeigen die Brutalität des Regimes.", "morality"),                      # brutal: noun
    ("Die Rekruten seien indoktriniert worden.", "morality"),                         # indoktrinier
    # human interest
    ("Im Tagebuch des jungen Mannes steht ein Gedicht.", "human_interest"),           # tagebuch, gedicht
    ("Seine Tagebücher wurden veröffentlicht.", "human_interest"),                    # tagebüch: plural
    ("Eine Notiz gibt Einblick in den Alltag der Rekruten.", "human_interest"),       # notiz, einblick, alltag
    ("Die Männer wirkten verängstigt.", "human_interest"),                            # verängstig
    ("Er spricht von Schuldgefühlen gegenüber seiner Familie.", "human_interest"),    # \w*gefühl: compound
    ("Die Mutter des Gefangenen bangt um ihn.", "human_interest"),                    # mutter: family
    # human cost
    ("Die Drohne tötete drei Männer.", "human_cost"),                                 # töte: past
    ("Der Angriff verlief tödlich.", "human_cost"),                                   # tödlich
    ("Die Einheit wurde niedergemetzelt.", "human_cost"),                             # \w*metzel
    ("Viele Verwundete warten auf Hilfe.", "human_cost"),                             # verwund
    ("Zwei Männer kamen ums Leben.", "human_cost"),                                   # ums leben
    ("Befohlen war die Selbsttötung.", "human_cost"),                                 # \w*tötung: compound
    ("Es war eine Selbstmord-Mission.", "human_cost"),                                # selbstmord: compound
    # arms aid
    ("Die Ukraine erhält weitere Panzer.", "arms_aid"),                               # panzer
    ("Washington will die Ukraine weiter unterstützen.", "arms_aid"),                 # die ukraine unterstütz
    # economic
    ("Das Regime verkauft seine Soldaten.", "economic"),                              # verkauf
    ("Minsk ist auf russische Kredite angewiesen.", "economic"),                      # kredit
    # diplomacy
    ("Die Gespräche in Genf wurden vertagt.", "diplomacy"),                            # gespräch: plural
    ("Der Geschäftsträger wurde ins Ministerium bestellt.", "diplomacy"),              # geschäftsträger
    ("Die Verhandlungen dauern an.", "diplomacy"),                                    # verhandl
    ("Der Minister traf seinen Amtskollegen in Paris.", "diplomacy"),                 # amtskolleg
    ("Peking setzt auf eine politische Lösung.", "diplomacy"),                        # politische lösung
    ("Die NATO zeigt sich besorgt.", "diplomacy"),                                    # combined nato + besorg
    ("Der Bundeskanzler warnte vor den Folgen.", "diplomacy"),                        # combined kanzler + warn
    # korea security
    ("Seoul erwägt eine Antwort auf die Grenzverletzung.", "korea_security"),         # combined seoul + erwäg
    ("Seoul berief eine Dringlichkeitssitzung ein.", "korea_security"),               # combined seoul + dringlichkeit
    ("In Südkorea setzt ein Umdenken ein.", "korea_security"),                       # combined südkorea + umdenken
    # round 4: fields that failed on unseen articles (one own sentence per construction)
    ("Die Regierung warf dem Nachbarland Wortbruch vor.", "conflict"),                # warf ... vor: split verb
    ("Das ist ein ernstes Problem, sagte die Ministerin.", "conflict"),               # ernste(s) problem
    ("Er nannte die Regierung eine Marionette Moskaus.", "conflict"),                 # marionett
    ("Das Regime profitiert von dem Geschäft.", "economic"),                          # profit, geschäft
    ("Moskau zahlt für jeden Mann.", "economic"),                                     # zahlt
    ("Russland schickt Getreide und Öl.", "economic"),                                # getreide, öl
    ("Der Staatshaushalt wird stark belastet.", "economic"),                          # \w*haushalt: compound
    ("Der Außenhandel beider Länder wächst.", "economic"),                            # \w*handel: compound
    ("Beide Staaten demonstrieren Schulterschluss.", "autocracy_alliance"),           # schulterschluss
    ("Die Waffenbrüderschaft der Regime wächst.", "autocracy_alliance"),              # \w*waffenbrüder
    ("Die Männer sollen für Russlands Krieg kämpfen.", "autocracy_alliance"),         # für russlands krieg
    ("Nordkorea hat Granaten an Russland geliefert.", "autocracy_alliance"),          # combined geliefert + russ
    ("Lawrow lobte die engen Bindungen beider Armeen an Pjöngjang.", "autocracy_alliance"),  # combined bindung + pjöngjang
    ("Die Gefechte dauern seit Tagen an.", "military"),                               # gefecht
    ("Die Rekruten wurden in Kasernen trainiert.", "military"),                       # kaserne, trainier
    ("Die Wehrpflicht dauert acht Jahre.", "military"),                               # wehrpflicht
    ("Kiew will das Gebiet zurückerobern.", "military"),                              # \w*erober
    ("Die Nordkoreaner ziehen sich zurück.", "military"),                             # nordkoreaner: the troops
    ("Sie stehen an der Ukraine-Front.", "military"),                                 # \w*front: compound
    ("Die jungen Männer genießen die neue Freiheit.", "human_interest"),              # freiheit
    ("Er schreit vor Schmerzen.", "human_interest"),                                  # schmerz
    ("Die Rekruten schauen nachts Pornos.", "human_interest"),                        # porn
    ("Es ist ein schmutziges Geschäft.", "morality"),                                 # schmutzig
    ("Die Einheit nimmt keine Gefangenen.", "morality"),                              # keine gefangenen
    ("Sie haben den Befehl, sich im Notfall umzubringen.", "morality"),               # combined befehl + umzubring
    ("Sie haben den Befehl, sich im Notfall umzubringen.", "human_cost"),             # umzubring
    ("Kehren die Männer in Leichensäcken zurück?", "human_cost"),                     # leichensä
    ("Die Armee meldet Massenverluste.", "human_cost"),                               # massenverlust
    ("Kiew bat um Artillerie und Flugabwehr.", "arms_aid"),                           # combined weapon + bat
    ("Die Ukraine braucht mehr Munition.", "arms_aid"),                               # combined munition + brauch
    ("Seoul hält sich mit Rüstungslieferungen zurück.", "arms_aid"),                  # \w*rüstungsliefer
    ("Pjöngjang testete eine Interkontinentalrakete.", "nuclear"),                    # interkontinentalrakete
    ("Moskau könnte weitere Staaten involvieren.", "escalation"),                     # involvier
    ("Die Bundesregierung äußerte große Sorge.", "diplomacy"),                        # combined regierung + sorge
    ("Peking gibt sich gelassen.", "diplomacy"),                                      # combined peking + gelassen
    ("Die Kanzlerin sprach während ihrer Reise mit Journalisten.", "diplomacy"),      # reise
    ("Das Land ist ein großer Waffenexporteur.", "arms_aid"),                          # \w*waffenexport
    ("Kiew nennt Moskau und Pjöngjang Verbündete.", "autocracy_alliance"),            # combined verbündet + moskau
    ("Der Krieg erreicht eine neue Dimension.", "escalation"),                        # neue dimension
    # round 5: general families from all opened out-of-sample articles (one own sentence per construction)
    ("Pjöngjang weist die Anschuldigungen zurück.", "conflict"),                      # anschuldig
    ("Die Opposition reagierte empört.", "conflict"),                                  # empör
    ("Das wäre ein klarer Verstoß gegen die Charta.", "conflict"),                     # verstoß: a reproach
    ("Das wäre ein klarer Verstoß gegen die Charta.", "morality"),                     # verstoß: a breach
    ("Die Armeeführung verheizt ihre Rekruten.", "morality"),                          # verheiz
    ("Die Armeeführung verheizt ihre Rekruten.", "responsibility"),                    # verheiz: blame
    ("Das Regime achtet keine Menschenleben.", "morality"),                            # menschenleben
    ("Die Ukraine verlangt eine klare Antwort.", "responsibility"),                    # verlang
    ("Dem Vormarsch muss Einhalt geboten werden.", "responsibility"),                  # einhalt
    ("Es braucht mehr Druck auf das Regime.", "responsibility"),                       # es braucht ... druck
    ("Der Überläufer floh vor Jahren über die Grenze.", "human_interest"),             # überläufer, floh
    ("Der Gefangene geriet in Panik.", "human_interest"),                              # panik
    ("Die Furcht vor Strafe ist groß.", "human_interest"),                             # furcht
    ("Vor Jahren wäre das undenkbar gewesen.", "escalation"),                          # undenkbar
    ("Der Krieg nimmt eine neue Wende.", "escalation"),                                # neue wende
    ("Der Schritt hat internationale Implikationen.", "escalation"),                   # internationale implikation
    ("Die Einheit erlitt schwere Verlusten.", "human_cost"),                           # verlust: dative
    ("Viele Rekruten starben im Feuer.", "human_cost"),                                # starb
    ("Die Männer stürmen ohne Deckung vor.", "human_cost"),                            # ohne deckung
    ("Hunderte sollen kampfunfähig sein.", "human_cost"),                              # kampfunfähig
    ("Russland will seine Truppen mit Ausländern aufstocken.", "autocracy_alliance"),  # combined aufstock + russ
    ("Sie sprechen von einer Koalition der Autokraten.", "autocracy_alliance"),        # koalition
    ("Kim erhält Kampfjets im Tausch gegen Soldaten.", "autocracy_alliance"),          # im tausch
    ("Die Männer dienen im Dienste Russlands.", "autocracy_alliance"),                 # im dienste russ
    ("Was bringt es ihnen, für Moskau zu kämpfen?", "autocracy_alliance"),             # für moskau ... kämpf
    ("Seoul nennt den Norden eine Bedrohung.", "korea_security"),                      # combined seoul + bedroh
    ("Die Partei fordert eine Reaktion des Westens.", "diplomacy"),                    # reaktion
    ("Beide Länder unterzeichneten eine Verteidigungsvereinbarung.", "diplomacy"),     # \w*vereinbarung: compound
    ("Tokio werde nicht untätig zusehen, sagte der Premier.", "conflict"),              # untätig: a warning to an opponent
    ("Polen kündigte Gegenmaßnahmen gegen Minsk an.", "conflict"),                     # gegenmaßnahm
    ("Es geht nicht mehr nur um Granaten, sondern um Soldaten.", "escalation"),       # nicht mehr nur ... sondern
    ("Die entmilitarisierte Zone trennt die beiden Staaten.", "korea_security"),       # (ent)militarisierte Zone
    ("Die Offensive bei Kursk kam ins Stocken.", "military"),                           # Offensive: the noun
    ("Pjöngjang bestreitet jede Kriegsbeteiligung.", "military"),                       # kriegsbeteilig
    ("Es ist die erste Beteiligung des Landes an einem Krieg seit 1953.", "military"),  # beteiligung ... an einem krieg
    ("Der EU-Außenbeauftragte forderte Peking zu einer klaren Haltung auf.", "diplomacy"),  # a demand by a government
    # round 17: three fields all three seed coders code and the rules missed (one own sentence per construction)
    ("Moskau sieht Nordkorea inzwischen als engen Verbündeten.", "autocracy_alliance"),  # combined verbündet + Nordkorea
    ("Das Regime will dem Kreml unter die Arme greifen.", "autocracy_alliance"),          # idiom of help + kreml
    ("Offiziere aus Seoul sollen bei Verhören der Gefangenen helfen.", "korea_security"),  # helping with interrogations
]


def test_frame_codebook_is_word_families():
    """frames.yaml holds only the documented fields; indicators are stems/phrases, no phrase copied from a coded
    sentence (the two issue 10 named are gone)."""
    from analysis.codebook import load

    fields = {"frame", "label", "type", "definition", "stems", "phrases", "combined"}
    for entry in load("frames.yaml"):
        assert set(entry) <= fields, entry["frame"]
        assert entry.get("stems") or entry.get("phrases") or entry.get("combined"), entry["frame"]
        for anchors, cues in entry.get("combined") or []:
            assert anchors and cues, entry["frame"]
    text = " ".join(str(x) for e in load("frames.yaml") for x in (*(e.get("stems") or []), *(e.get("phrases") or [])))
    assert "nicht regional" not in text and "verteidigungsminister lloyd" not in text


@pytest.mark.parametrize("text, frame", WORD_FAMILIES)
def test_frame_word_families(text, frame):
    assert frame in tag_frames(text)


@pytest.mark.parametrize(
    "text, frame",
    [
        ("Kiew bittet um Unterstützung für die Ukraine und gegen Putin.", "autocracy_alliance"),  # help for Ukraine
        ("Die Schuldgefühle des Soldaten sind groß.", "responsibility"),       # schuld(?!gefühl)
        ("Die euro-atlantische Sicherheit ist betroffen.", "economic"),        # euro(?!-): not the currency
        ("Zwei Männer kamen ums Leben.", "human_interest"),                    # "ums Leben" is human cost only
        ("Eine Botschaft an die Welt.", "diplomacy"),                          # message, not embassy
        ("Südkorea zeigt sich besorgt.", "diplomacy"),                         # South Korea's worry: peninsula security
        ("Soldaten werfen Flugblätter über den Stellungen ab.", "conflict"),   # werfen ... ab: no reproach
        ("Der Geschäftsträger wurde einbestellt.", "economic"),                # geschäft(?!sträger)
        ("Die Soldaten geraten unter schweres Artilleriefeuer.", "arms_aid"),  # a weapon in battle, no supply
        ("Sie greifen ohne gepanzerte Fahrzeuge an.", "arms_aid"),             # \w*panzer(?!t)
        ("Pjöngjang schickt Soldaten, um Moskau im Krieg gegen die Ukraine zu unterstützen.", "arms_aid"),  # gegen die ukraine
        ("Das Land baut ein Atomkraftwerk.", "nuclear"),                       # atom(?!kraft)
        ("Das Friedensforschungsinstitut zählt die Exporte.", "diplomacy"),    # frieden(?!sforsch)
        ("Geheimdienstkreise berichten von neuen Truppen.", "diplomacy"),      # reise only as a word
        ("Diktator Kim ließ sich feiern.", "autocracy_alliance"),              # one dictator is no axis
        ("Verbündete Nato-Staaten bestätigten den Bericht.", "autocracy_alliance"),  # allies, but not Russia's
        ("Der Dienst arbeitet mit Hilfe von Drohnen in Russland.", "autocracy_alliance"),  # mit Hilfe von: a means
        ("Die Panzer kämpfen im Kampf gegen die Invasoren.", "conflict"),      # battle, not disagreement
        ("Seoul will keine tödlichen Waffen liefern.", "human_cost"),          # tödlich(?!\w* waffe)
        ("Die Familie Kim regiert seit Jahrzehnten.", "human_interest"),       # the ruling family
        ("Er nannte die Männer bezahlte Söldner.", "conflict"),                # a label of the troops, no reproach
        ("Das müssen wir noch herausfinden.", "responsibility"),               # an obligation to find out, no demand
        ("In Russland leben auch Koreaner.", "human_interest"),                # the verb leben
        ("Wenige Soldaten sind noch am Leben.", "human_interest"),             # am Leben: survival (human cost)
        ("Verbündete tschetschenische Einheiten wurden beschossen.", "autocracy_alliance"),  # allies, unnamed
        ("Die Moral der Truppe ist gut.", "morality"),                         # morale, not morals
        ("Im Gespräch mit der Zeitung erklärt er die Lage.", "diplomacy"),     # an interview, not talks
        ("Der Minister war gesprächig.", "diplomacy"),                         # gespräch(?!ig)
        ("Laut Südkorea erhielten die Soldaten Waffen.", "korea_security"),    # South Korea as a source
        ("Der südkoreanische Geheimdienst meldet den Einsatz.", "korea_security"),  # its agency as a source
        ("Nach Angaben aus Seoul sind weitere Streitkräfte in Kursk eingetroffen.", "korea_security"),  # Seoul as a source
        ("Das Außenministerium in Seoul zählt mehr Streitkräfte in Kursk.", "korea_security"),  # its ministry as a source
        ("Kiew will offensive Waffen aus dem Westen.", "military"),           # offensive: the adjective of a weapon
        ("Sie schmieden ein Bündnis im Kampf gegen den Westen.", "military"),  # a political struggle, no battle
        ("Seoul sammelt Informationen über die nordkoreanischen Truppen und liefert sie an Kiew.", "autocracy_alliance"),  # über: the topic
        ("Kiew fordert mehr Druck auf Russland und will die Hilfe verstärken.", "autocracy_alliance"),  # Druck auf: the opponent
        ("Das bilaterale Abkommen regelt den Beistand.", "diplomacy"),        # bilateral treaty: alliance, not diplomacy
        ("Die Europäische Kommission fordert den Abzug der Truppen.", "escalation"),  # an EU body is no war in Europe
        ("Nordkoreanische Einheiten schossen auf verbündete Truppen.", "autocracy_alliance"),  # the adjective is no named ally
        ("Die Gefangenen wurden in Kiew verhört.", "korea_security"),          # an interrogation, no help with one
    ],
)
def test_frame_word_family_limits(text, frame):
    assert frame not in tag_frames(text)


def test_frame_terms_and_negatives():
    found = tag_frames("Nordkorea-Soldaten in der Ukraine: Eine neue Eskalationsstufe im Konflikt?")
    assert found["escalation"] == ["Eskalationsstufe"]
    assert found["military"] == ["Nordkorea-Soldaten"]  # the whole hyphenated word is reported
    # "Kim Jong Un" is not the UN, South Korea as a mere source is not peninsula security
    assert "diplomacy" not in tag_frames("Ein Bündnis zwischen Putin und Kim Jong Un")
    assert "korea_security" not in tag_frames("Südkoreanische Geheimdienste bestätigten die Befürchtungen.")
    assert tag_frames("Das Wetter in Uslar ist heute schön.") == {}


def test_frames_beyond_the_seeds():
    # new sentences on the same story, not in the seed corpus
    assert {"nuclear", "escalation"} <= set(tag_frames("Experten fürchten, dass die Lage in einen Atomkrieg und einen dritten Weltkrieg münden könnte."))
    assert {"human_cost"} <= set(tag_frames("Hunderte nordkoreanische Soldaten sollen bei Kursk getötet worden sein."))
    assert {"economic", "autocracy_alliance"} <= set(tag_frames("Im Gegenzug erhält das Regime Devisen und Öl aus Moskau."))
    assert "diplomacy" in tag_frames("Die Vereinten Nationen verurteilten die Entsendung scharf.")


# ------------------------------------------------------------------ hedging


def test_hedges_and_certainty_snippets():
    assert ("hedge", "soll") in _hedges("Zuletzt soll Pjöngjang bereits Unterstützung erhalten haben.")
    assert ("hedge", "offenbar") in _hedges("Nordkorea plant offenbar, Tausende Soldaten zu entsenden.")
    assert ("certainty", "bestätigt") in _hedges("Austin hat die Einmischung bestätigt.")
    assert ("hedge", "sei") in _hedges("Der Sprecher sagte, die Lage sei ernst.")
    # 1st person indicative is not Konjunktiv I; "sollte" (advice) is not reportative
    assert _hedges("Ich habe das selbst gesehen.") == []
    assert _hedges("Die westliche Welt sollte sich vorbereiten.") == []
    assert [k for k, _ in _hedges("Mutmaßlich sind es angeblich 3.000 Mann, womöglich mehr.")] == ["hedge"] * 3


def test_seed_hedging(seed_tables):
    h = seed_tables["hedging"]
    s = h[(h["article_id"] == IPPEN) & (h["sentence_id"] == 18)]
    assert list(s["term"]) == ["soll"]  # "Zuletzt soll Pjöngjang bereits ..."
    kinds = h[(h["article_id"] == TELEPOLIS) & (h["sentence_id"] == 1)]
    assert list(kinds["term"]) == ["Offenbar"]  # headline "Offenbar 11.000 Nordkoreaner"
    sure = h[(h["article_id"] == TABLOID) & (h["kind"] == "certainty")]
    assert set(sure["term"]) == {"bestätigt", "Beweise"}
    assert sure.set_index("term").loc["Beweise", "in_quote"]  # Austin's quote „liegen uns Beweise vor ...“
    konj = h[(h["article_id"] == TELEPOLIS) & (h["category"] == "konjunktiv_i")]
    assert {"gehe", "werde", "versuche", "habe"} <= set(konj["term"])


def test_hedging_rates(seed_tables):
    rates = hedging_rates(seed_tables["hedging"], seed_tables["sentences"], seed_tables["articles"])
    allh = rates[rates["category"] == "all hedges"].set_index("outlet_label")
    # Telepolis (reported speech in Konjunktiv I) hedges most per 1,000 words
    assert allh["per_1000_words"].idxmax() == "Telepolis?"
    assert allh.loc["Uslar Hier", "words"] == 558
    row = allh.loc["Uslar Hier"]
    assert row["per_1000_words"] == pytest.approx(1000 * row["n"] / 558)


# ------------------------------------------------------------------ headlines


def test_seed_headline_features(seed_tables):
    heads = seed_tables["headlines"]
    h004 = heads[(heads["article_id"] == USLAR) & (heads["role"] == "headline")].iloc[0]
    assert h004["is_question"] and not h004["is_exclamation"]
    assert h004["escalation_terms"] == "Weltkrieg"
    # "Nordkorea-Soldaten in der Ukraine: Gefährdet Putin ...": North Korea is named before Russia (Putin)
    assert h004["actors"] == "North Korea; Ukraine; Russia"
    assert h004["first_actor"] == "North Korea"
    h003 = heads[(heads["article_id"] == TELEPOLIS) & (heads["role"] == "headline")].iloc[0]
    assert h003["first_actor"] == "Russia" and not h003["is_question"]  # "Allianz Putin-Kim: ..."
    assert set(heads["role"]) <= {"kicker", "headline", "subheading", "lead"}
    summary = headline_summary(heads, seed_tables["articles"]).set_index("article_id")
    assert summary.loc[USLAR, "questions"] == 3  # headline, lead question, subheading
    assert summary.loc[IPPEN, "headline_first_actor"] == "South Korea"
    assert summary.loc[TABLOID, "headline_role"] == "lead"  # 000 has no captured headline


def test_actor_order_beyond_the_seeds():
    assert actors_in_order("Seoul warnt Moskau und Pjöngjang") == ["South Korea", "Russia", "North Korea"]
    assert actors_in_order("Kein Akteur hier") == []


# ------------------------------------------------------------------ tables and profiles


def test_textstat_frames_on_a_new_article():
    sentences = segment_text(
        "Kim schickt Soldaten\n\nNordkorea schickt offenbar weitere Soldaten an die Front. "
        "Die Nato warnt vor einer Eskalation. Das Wetter ist schön.",
        article_id="new",
    )
    out = textstat_frames(sentences)
    assert set(out) == {"frames", "hedging", "headlines"}
    tags = out["frames"].groupby("sentence_id")["frame"].apply(set).to_dict()
    by_text = dict(zip(sentences["text"], sentences["sentence_id"]))
    # a warning by NATO is also the international response (diplomacy, by the codebook's definition)
    assert tags[by_text["Die Nato warnt vor einer Eskalation."]] == {"conflict", "escalation", "diplomacy"}
    assert by_text["Das Wetter ist schön."] not in tags
    prof = frame_profile(out["frames"], sentences).set_index("frame")
    n = len(sentences)
    assert prof.loc["military", "n_sentences"] == 2 and prof.loc["military", "share"] == pytest.approx(2 / n)
    assert prof.loc["nuclear", "present"] == 0



def test_frame_columns_are_the_tables_as_lists():
    sentences = segment_text("Kim schickt Soldaten\n\nNordkorea schickt offenbar weitere Soldaten an die Front.", article_id="new")
    columns, tables = frame_columns(sentences), textstat_frames(sentences)
    assert textstat_frames.columns is frame_columns
    assert {name: {c: t[c].tolist() for c in t.columns} for name, t in tables.items()} == columns
    assert columns["hedging"]["term"] == ["offenbar"] and columns["headlines"]["text"][0] == "Kim schickt Soldaten"


def test_letters_that_change_in_lower_case_do_not_hide_indicators():
    # 'İ' lower-cases to two characters, 'Σ' is a cased letter outside Latin-1: the word prefilter must not skip rules
    assert tag_frames("İzmir: Die Nordkorea-Soldaten kommen.")["military"] == ["Nordkorea-Soldaten"]
    assert tag_frames("ΣΙΓΜΑ: Die Elitesoldaten kommen.")["military"] == ["Elitesoldaten"]
    assert [term for _, _, term, _ in hedge_markers("İzmir ist offenbar schön.")] == ["offenbar"]

def test_seed_frames(seed_tables):
    f = seed_tables["frames"]
    tags = f.groupby(["article_id", "sentence_id"])["frame"].apply(set)
    assert "human_cost" in tags[(USLAR, 18)]  # Kanonenfutter
    assert "nuclear" in tags[(IPPEN, 28)]  # „Atomangriff“
    assert "escalation" in tags[(USLAR, 1)]  # Weltkrieg headline
    assert "credit" not in set(f["role"])
    out = frames_by_outlet(f, seed_tables["sentences"], seed_tables["articles"]).set_index(["outlet_label", "frame"])
    assert out.loc[("Uslar Hier", "morality"), "n_sentences"] >= 2
    assert out.loc[("PAP copy?", "morality"), "share"] == 0
    assert out["share"].between(0, 1).all()


# ------------------------------------------------------------------ codebooks


def test_codebooks_dir_is_honoured_and_edits_recompile(tmp_path):
    books = tmp_path / "codebooks"
    shutil.copytree(config.CODEBOOKS_DIR, books)
    assert "economic" not in tag_frames("Der Wasserstand steigt.", rules=frame_rules(codebooks_dir=books))
    frames_yaml = books / "frames.yaml"
    frames_yaml.write_text(frames_yaml.read_text(encoding="utf-8").replace("'geld\\b',", "'geld\\b', 'wasserstand',"), encoding="utf-8")
    assert "economic" in tag_frames("Der Wasserstand steigt.", rules=frame_rules(codebooks_dir=books))
    assert "economic" not in tag_frames("Der Wasserstand steigt.")  # the installed codebook is untouched
    hedges = books / "hedges.yaml"
    hedges.write_text(hedges.read_text(encoding="utf-8").replace("patterns: ['soll', 'sollen', 'solle']", "patterns: ['soll', 'sollen', 'solle', 'wohl']"), encoding="utf-8")
    found = [term for _, _, term, _ in hedge_markers("Das ist wohl so.", rules=hedge_rules(codebooks_dir=books))]
    assert found == ["wohl"] and hedge_markers("Das ist wohl so.") == []


def test_inside_word_patterns_report_the_whole_compound():
    # '\\w*soldat' matches inside a word; the reported term is the whole hyphenated compound
    assert tag_frames("Die Nordkorea-Soldaten kommen.")["military"] == ["Nordkorea-Soldaten"]
    assert tag_frames("Die Elitesoldaten kommen.")["military"] == ["Elitesoldaten"]
    # word starts: 'eskal' starts a word, so it does not fire inside one
    assert "escalation" not in tag_frames("Die Deeskalation gelingt.")


# ------------------------------------------------------------------ validation


def _toy_validation():
    """Three sentences; hand coding and tags differ on two of them (frames conflict and military only)."""
    sentences = pd.DataFrame({"article_id": ["a"] * 3, "sentence_id": [1, 2, 3],
                              "text": ["Erster Satz hier.", "Zweiter Satz dort.", "Dritter Satz."]})
    gold = pd.DataFrame({"article_id": ["a"] * 3, "sentence_start": ["Erster Satz", "Zweiter Satz", "Dritter"],
                         "frames": ["conflict", "conflict; military", ""]})
    frames = pd.DataFrame({"article_id": ["a", "a", "a"], "sentence_id": [1, 2, 3], "frame": ["conflict", "military", "military"]})
    return frames, sentences, gold


def test_validate_frames_by_hand():
    frames, sentences, gold = _toy_validation()
    out = validate_frames(frames, sentences, gold, frame_ids=["conflict", "military"])
    table = out["agreement"].set_index("frame")
    # conflict: gold {1, 2}, tagged {1} -> P 1, R 1/2; military: gold {2}, tagged {2, 3} -> P 1/2, R 1
    assert table.loc["conflict", ["precision", "recall"]].tolist() == [1.0, 0.5]
    assert table.loc["military", ["precision", "recall"]].tolist() == [0.5, 1.0]
    assert table.loc["conflict", "f1"] == pytest.approx(2 / 3)
    # pooled: tp 2 (1 conflict, 2 military), fp 1 (3 military), fn 1 (2 conflict)
    assert table.loc[MICRO, ["precision", "recall", "gold", "tagged", "units"]].tolist() == pytest.approx([2 / 3, 2 / 3, 3, 3, 3])
    assert out["disagreements"][["sentence_id", "missed", "extra"]].values.tolist() == [[2, "conflict", ""], [3, "", "military"]]
    assert out["disagreements"]["text"].tolist() == ["Zweiter Satz dort.", "Dritter Satz."]


def test_validate_frame_articles_by_hand():
    frames = pd.DataFrame({"article_id": ["a", "a", "b"], "sentence_id": [1, 2, 1], "frame": ["conflict", "conflict", "military"]})
    gold = pd.DataFrame({"article_id": ["a", "a", "b", "b"], "frame": ["conflict", "military", "conflict", "military"], "present": ["1", "1", "0", "1"]})
    table = validate_frame_articles(frames, frames, gold, frame_ids=["conflict", "military"])["agreement"].set_index("frame")
    assert table.loc["conflict", ["precision", "recall"]].tolist() == [1.0, 1.0]  # a has it, b not
    assert table.loc["military", ["precision", "recall"]].tolist() == [1.0, 0.5]  # a's military is missed
    assert table.loc[MICRO, ["tagged", "gold", "units"]].tolist() == [2, 3, 2]


def test_match_gold_by_sentence_start(seed_tables):
    gold = agreement.load_gold("frames_sentences.csv")
    matched = agreement.match_gold(gold, seed_tables["sentences"], once_per_sentence=True)
    assert (matched["sentence_id"] >= 0).all() and len(matched) >= 60
    assert not matched.duplicated(["article_id", "sentence_id"]).any()
    # 004's headline and subheading share their opening; each maps to its own sentence
    row = matched[(matched["article_id"] == USLAR) & matched["sentence_start"].str.startswith("Nordkorea-Soldaten in der Ukraine: Eine")]
    assert row["sentence_id"].tolist() == [7]


def test_agreement_floor(seed_tables):
    """The pipeline's validation tables: pooled F1 floors at sentence and article level."""
    sent = seed_tables["validation_frames_agreement"].set_index("frame")
    assert sent.loc[MICRO, "f1"] >= SENTENCE_MICRO_F1_FLOOR
    assert sent.loc[MICRO, "units"] >= 60
    art = seed_tables["validation_frame_articles_agreement"].set_index("frame")
    assert art.loc[MICRO, "f1"] >= ARTICLE_MICRO_F1_FLOOR
    assert art.loc[MICRO, "units"] == 5


def test_most_gold_sentences_get_exactly_the_coded_frames(seed_tables):
    units = seed_tables["validation_frames_agreement"]["units"].iloc[-1]
    differ = seed_tables["validation_frames_disagreements"]
    assert 1 - len(differ) / units >= SENTENCE_EXACT_FLOOR
    assert differ["text"].str.len().gt(0).all()  # every listed sentence is shown


def test_describe_validation_computes_its_numbers(seed_tables):
    sent, art = seed_tables["validation_frames_agreement"], seed_tables["validation_frame_articles_agreement"]
    text = describe_validation(sent, art)
    f1 = sent.set_index("frame").loc[MICRO, "f1"]
    assert f"F1 {f1:.2f}" in text and f"on {sent['units'].iloc[-1]} sentences" in text
    # rare frames are named by label: those with 1 to 3 gold sentences
    rare = sent[(sent["frame"] != MICRO) & sent["gold"].between(1, 3)]
    assert len(re.findall(r"\(([^)]*)\) rest on", text)[0].split(", ")) == len(rare)


def test_frame_order_is_the_codebook_order_without_compiling_rules(tmp_path):
    """The order comes from the parsed codebook, the same as the compiled rules', and follows an edited codebook."""
    from analysis.framing import frame_order, frame_rules

    shutil.copytree(config.CODEBOOKS_DIR, tmp_path / "cb")
    path = tmp_path / "cb" / "frames.yaml"
    assert frame_order(codebooks_dir=tmp_path / "cb") == [r.frame for r in frame_rules(codebooks_dir=tmp_path / "cb")]
    text = path.read_text(encoding="utf-8")
    path.write_text(text + "\n- frame: zzz_neu\n  label: Neu\n  type: issue\n  stems: [neuwort]\n", encoding="utf-8")
    assert frame_order(codebooks_dir=tmp_path / "cb")[-1] == "zzz_neu"
