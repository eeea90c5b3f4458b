"""The explorer, `query` and `latest` never import the extraction libraries (spaCy,
trafilatura, dateparser): they load only for `extract` and `review`."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
HEAVY = ("spacy", "trafilatura", "dateparser", "text_to_num", "thinc")

PROBE = """
import json, sys, io, contextlib
from mes_tui.cli.main import main, build_parser
build_parser()
with contextlib.redirect_stdout(io.StringIO()):
    main(["query", "--format", "json"])
    main(["latest"]) if "latest" in build_parser()._subparsers._group_actions[0].choices else None
import mes_tui.ui.app, mes_tui.ui.explorer
import mes_tui.core.export, mes_tui.core.checks
heavy = sorted({m.split(".")[0] for m in sys.modules} & set(json.loads(sys.argv[1])))
extract = sorted(m for m in sys.modules if m.startswith("mes_tui.extract"))
print(json.dumps({"heavy": heavy, "extract": extract}))
"""


def test_explorer_query_and_latest_never_import_extraction_libraries(tmp_path) -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(HEAVY)],
        check=False,
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=120,
        env={"MES_TUI_CACHE": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout.strip().splitlines()[-1])
    assert found == {"heavy": [], "extract": []}


def test_the_probe_would_see_an_extraction_library() -> None:
    """The check above can fail: importing the extraction package's article reader for HTML
    brings trafilatura in, and the same probe sees it."""
    code = (
        "import sys\nfrom mes_tui.extract.article import read_article\n"
        "read_article(b'<html><body><article>' + b'<p>Le texte de la page est en fran\\xc3\\xa7ais et il parle de la sant\\xc3\\xa9 des gens qui sont dans la ville.</p>' * 5 + b'</article></body></html>', 'x.html')\n"
        "print('trafilatura' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        check=False,
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=120,
    )
    assert result.stdout.strip() == "True", result.stderr
