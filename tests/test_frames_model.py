import json

import pandas as pd
import pytest

from analysis import config, frames_model
from analysis.framing import frame_order, tag_frames, textstat_frames
from analysis.frames_model import ADD_THRESHOLD, FORMAT, MODEL_PATH, codebook_sha256, cross_validate, features, load_model, train, training_units


def _write(path, frames):
    path.write_text(json.dumps({"format": FORMAT, "frames": frames}), encoding="utf-8")
    return path


def test_features_cover_words_pairs_fragments_and_rule_hits():
    found = features("Die Gefechte dauern an.", rule_frames={"military"})
    assert {"w:gefechte", "b:die_gefechte", "p:gefec", "r:military"} <= found
    assert "s:echte" in found and "s:ruppe" not in features("Die Truppe.")  # word ends of words over seven letters
    assert "s:riffe" in features("Zermürbungsangriffe")


def test_a_hand_made_model_is_a_sparse_dot_product(tmp_path):
    path = _write(tmp_path / "m.json", {"military": {"intercept": -1.0, "threshold": 0.0,
                                                     "coefficients": {"w:gefechte": 2.0, "r:military": 0.5}}})
    model = load_model(path)
    assert model.frames == ("military",)
    scores, _ = model.scores("Die Gefechte dauern an.")
    assert scores["military"] == pytest.approx(1.0)
    assert model.decide("Die Gefechte dauern an.") == {"military": ["gefechte"]}
    assert model.decide("Das Wetter ist schön.", rule_frames={"military"}) == {}  # -1 + 0.5 stays below the threshold


def test_the_model_decides_its_frames_and_keeps_rule_evidence(tmp_path):
    # a model that never sees military overrides the rule; other frames stay with the rules
    never = load_model(_write(tmp_path / "never.json", {"military": {"intercept": -5.0, "threshold": 0.0, "coefficients": {}}}))
    text = "Die Soldaten kämpfen an der Front, Nordkorea liefert Granaten an Russland."
    assert "military" in tag_frames(text)
    tagged = tag_frames(text, model=never)
    assert "military" not in tagged and tagged["autocracy_alliance"] == tag_frames(text)["autocracy_alliance"]
    always = load_model(_write(tmp_path / "always.json", {"military": {"intercept": 1.0, "threshold": 0.0,
                                                                       "coefficients": {"w:marsch": 0.5}}}))
    assert tag_frames(text, model=always)["military"] == tag_frames(text)["military"]  # the rule's words when it fired
    assert tag_frames("Ein langer Marsch.", model=always)["military"] == ["marsch"]  # else the model's strongest


def test_an_add_mode_model_keeps_the_rule_hits_and_adds_confident_sentences(tmp_path):
    # "add": the rules' hits stand even when the model scores them low; the model adds what it is confident about
    path = _write(tmp_path / "add.json", {"conflict": {"intercept": -3.0, "threshold": ADD_THRESHOLD, "mode": "add",
                                                       "coefficients": {"w:zankt": 4.5}}})
    model = load_model(path)
    assert model.mode("conflict") == "add" and model.mode("military") == "replace"
    reproach = "Die Regierung wirft dem Nachbarn Wortbruch vor."
    assert tag_frames(reproach, model=model)["conflict"] == tag_frames(reproach)["conflict"]
    assert tag_frames("Die Koalition zankt seit Wochen.", model=model)["conflict"] == ["zankt"]
    assert "conflict" not in tag_frames("Die Koalition tagt seit Wochen.", model=model)


@pytest.mark.parametrize("content", ["{not json", json.dumps({"format": "pickle"}), json.dumps([1, 2]),
                                     json.dumps({"format": FORMAT, "frames": {"military": {"coefficients": {}}}}),
                                     json.dumps({"format": FORMAT, "frames": {"military": {"intercept": 0.0, "mode": "veto",
                                                                                           "coefficients": {}}}})])
def test_a_malformed_model_falls_back_to_the_rules(tmp_path, content):
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    with pytest.warns(UserWarning, match="rules alone"):
        assert load_model(path) is None
    assert load_model(tmp_path / "missing.json") is None
    sentences = pd.DataFrame({"article_id": ["a"], "sentence_id": [1], "role": ["body"], "n_words": [5],
                              "text": ["Die Soldaten stehen an der Front."]})
    frames = textstat_frames(sentences, model_path=path)["frames"]
    assert frames["frame"].tolist() == ["military"]


def test_the_shipped_model_is_plain_data_for_known_frames():
    data = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    assert data["format"] == FORMAT and set(data["splits"]) <= set(frames_model.TRAINING_SPLITS)
    assert data["trained"] and data["sentences"] > 1000 and data["articles"] >= 100
    assert set(data["frames"]) <= set(data["candidates"]) and set(data["candidates"]) <= set(frame_order())
    for frame, mode in data["candidates"].items():
        # a candidate beat the rules in cross-validation and in transfer between the coders
        cv = data["cross_validation"][frame]
        assert cv["mode"] == mode and cv["model_f1"] > cv["rules_f1"] and cv["transfer"][f"{mode}_f1"] > cv["transfer"]["rules_f1"], frame
    for frame, fitted in data["frames"].items():
        assert isinstance(fitted["intercept"], float) and fitted["coefficients"] and fitted["mode"] == data["candidates"][frame], frame
    # the single final comparison on the seeds decided whether the candidates are used
    assert bool(data["frames"]) == frames_model.keeps_model(data["seed_check"]) and data["decision"]
    assert (load_model() is not None) == bool(data["frames"])


def test_the_final_comparison_keeps_the_model_only_when_better_on_the_seeds(tmp_path):
    scores = {"coder1": {"rules_f1": 0.89, "model_f1": 0.90}, "coder2": {"rules_f1": 0.85, "model_f1": 0.86}}
    assert frames_model.keeps_model(scores)
    assert not frames_model.keeps_model({**scores, "coder2": {"rules_f1": 0.85, "model_f1": 0.85}})  # a tie: rules
    assert not frames_model.keeps_model({**scores, "coder1": {"rules_f1": 0.89, "model_f1": 0.88}})
    # a model that holds no frame is the rules alone
    assert load_model(_write(tmp_path / "empty.json", {})) is None


def test_the_shipped_model_was_trained_with_todays_rules():
    """The rules' hits are features: after editing frames.yaml, retrain (python -m analysis.frames_model --texts DIR)."""
    assert json.loads(MODEL_PATH.read_text(encoding="utf-8"))["codebook_sha256"] == codebook_sha256()


def test_training_is_deterministic_and_never_uses_the_held_out_split(tmp_path):
    units = pd.DataFrame({
        "article_id": ["a", "a", "b", "b", "c", "c"],
        "text": ["Die Gefechte dauern an.", "Das Wetter ist schön.", "Schwere Gefechte im Osten.",
                 "Die Börse schließt früh.", "Gefechte und Verluste.", "Ein ruhiger Tag."],
        "frames": [{"military"}, set(), {"military"}, set(), {"military", "human_cost"}, set()],
    })
    first, second = train(units, frames=["military"], min_df=1), train(units, frames=["military"], min_df=1)
    assert first == second and list(first["frames"]) == ["military"]
    assert first["frames"]["military"]["coefficients"]["w:gefechte"] > 0
    with pytest.raises(config.UserError, match="dev, test, test2, test3, test4, test5 only"):
        training_units(tmp_path, splits=("test6",))
    assert frames_model.TRAINING_SPLITS == ("dev", "test", "test2", "test3", "test4", "test5")  # the opened splits; a held-out split never


def test_cross_validation_chooses_a_mode_only_where_the_model_beats_the_rules():
    # military words the rules do not know ("Marsch", "Kolonne") are learnt; the frames the rules get right stay rules
    rows = []
    for k in range(24):
        article = f"a{k}"
        rows += [(article, "dev" if k % 2 else "test2", f"Die Kolonne {k} zieht im Marsch nach Osten.", {"military"}),
                 (article, "dev" if k % 2 else "test2", f"Die Börse {k} schließt früh.", set()),
                 (article, "dev" if k % 2 else "test2", f"Nordkorea droht {k} mit einem Atomtest.", {"nuclear"})]
    units = pd.DataFrame(rows, columns=["article_id", "split", "text", "frames"])
    cv = cross_validate(units, folds=3, min_df=1).set_index("frame")
    assert cv.loc["military", "rules_f1"] == 0 and cv.loc["military", "mode"] in frames_model.MODES
    assert cv.loc["military", "model_transfer_f1"] > 0  # scored across the coders' rounds, too
    assert cv.loc["nuclear", "mode"] == "rules" and cv.loc["conflict", "mode"] == "rules"
    assert cv.loc["micro (chosen)", "rules_f1"] > cv.loc["micro (rules)", "rules_f1"]
