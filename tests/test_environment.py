"""pyproject.toml and environment.yml name the same packages; notebooks are committed clean."""

import json
import re
import tomllib

import yaml

from analysis import config


def _name(spec: str) -> str:
    return re.split(r"[<>=!~ ]", spec.strip(), maxsplit=1)[0].lower().replace("_", "-")


def test_pyproject_and_environment_agree():
    project = tomllib.loads((config.ROOT / "pyproject.toml").read_text())["project"]
    wanted = {_name(d) for d in project["dependencies"]} | {_name(d) for d in project["optional-dependencies"]["test"]}
    env = yaml.safe_load((config.ROOT / "environment.yml").read_text())
    conda, pip = set(), set()
    for dep in env["dependencies"]:
        if isinstance(dep, dict):
            pip |= {_name(d) for d in dep["pip"] if not d.startswith("-e")}
        else:
            conda.add(_name(dep))
    conda -= {"python", "pip"}
    assert conda | pip == wanted
    assert not conda & pip


def test_textblob_pinned_below_0_18_everywhere():
    assert "textblob<0.18" in (config.ROOT / "pyproject.toml").read_text()
    assert "textblob<0.18" in (config.ROOT / "environment.yml").read_text()


def test_notebooks_are_committed_without_outputs():
    notebooks = sorted(config.NOTEBOOKS_DIR.glob("*.ipynb"))
    assert notebooks
    for path in notebooks:
        nb = json.loads(path.read_text(encoding="utf-8"))
        for cell in nb["cells"]:
            if cell["cell_type"] == "code":
                assert not cell["outputs"] and cell["execution_count"] is None, path.name


def test_every_notebook_has_a_parameters_cell_first_after_the_introduction():
    for path in sorted(config.NOTEBOOKS_DIR.glob("*.ipynb")):
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        assert cells[0]["cell_type"] == "markdown", path.name
        assert "parameters" in cells[1]["metadata"].get("tags", []), path.name
        src = "".join(cells[1]["source"])
        for name in ("corpus_dir", "tables_dir", "figures_dir"):
            assert f"{name} = None" in src, path.name
        assert 'compare_by = "outlet"' in src, path.name
        assert "../" not in "".join("".join(c["source"]) for c in cells), path.name


def test_lock_pins_every_dependency_within_its_range():
    """requirements.lock (installed by make setup) pins each dependency of pyproject.toml to a version its range allows."""
    from packaging.requirements import Requirement

    project = tomllib.loads((config.ROOT / "pyproject.toml").read_text())["project"]
    pins = {}
    for line in (config.ROOT / "requirements.lock").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            name, _, version = line.partition("==")
            pins[_name(name)] = version.strip()
    for spec in project["dependencies"] + project["optional-dependencies"]["test"]:
        req = Requirement(spec)
        assert _name(req.name) in pins, f"{req.name} missing from requirements.lock (run make lock)"
        assert req.specifier.contains(pins[_name(req.name)], prereleases=True), f"{req.name}=={pins[_name(req.name)]} outside {req.specifier}"
