"""placeholder; replaced below"""
import sys, json
from pathlib import Path
from ruamel.yaml import YAML
from tracker.model import Mission
from tracker.extract import Extractor
from tracker.extract.jsonl import run_jsonl
CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
def load_missions(path):
    d = YAML(typ="safe").load(Path(path).read_text(encoding="utf-8"))["missions"]
    return [Mission(k, str(v.get("name") or k), tuple(str(a) for a in (v.get("aliases") or ()))) for k, v in d.items()]
if __name__ == "__main__":
    ex = Extractor(load_missions(CORPUS / "missions.yaml"))
    run_jsonl(sys.stdin, sys.stdout, ex)
