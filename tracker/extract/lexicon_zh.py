"""stub"""
CUES: dict[str, str] = {"plan": "xxxxxxxx"}
STRONG_BOUNDARY = r";"
ANAPHORA = r"^xxxxxxxx"
FOREIGN = r"xxxxxxxx"
MOVE = r"xxxxxxxx"
