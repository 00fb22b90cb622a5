import json

import pandas as pd
import pytest

from analysis import config, frames_model
from analysis.framing import frame_order, tag_frames, textstat_frames
from analysis.frames_model import FORMAT, MODEL_PATH, features, load_model, train, training_units


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


@pytest.mark.parametrize("content", ["{not json", json.dumps({"format": "pickle"}), json.dumps([1, 2]),
                                     json.dumps({"format": FORMAT, "frames": {"military": {"coefficients": {}}}})])
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
    assert data["format"] == FORMAT and "dev + test" in data["trained_on"] and "test2" not in data["trained_on"]
    assert set(data["frames"]) <= set(frame_order()) and data["frames"]
    for frame, fitted in data["frames"].items():
        assert isinstance(fitted["intercept"], float) and fitted["coefficients"], frame
        # chosen only where the model beat the rules in cross-validation
        assert data["cross_validation"][frame]["model_f1"] > data["cross_validation"][frame]["rules_f1"]
    assert load_model() is not None


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
    with pytest.raises(config.UserError, match="dev, test only"):
        training_units(tmp_path, splits=("test2",))
    assert frames_model.TRAINING_SPLITS == ("dev", "test")
