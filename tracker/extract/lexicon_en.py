"""English words the extractor reasons with: calendar names and schedule cues.

Cue lists are grouped by what they tell an annotator about a date near them:
which event it is (launch, landing, sample return, completion), whether it
happened (past tense) or is planned, whether the date belongs to something
else (a briefing, a test, a budget), or was replaced ("had been scheduled").
"""

from __future__ import annotations

MONTHS = {
    name: i
    for i, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
ORDINALS = {
    "first": 1,
    "1st": 1,
    "second": 2,
    "2nd": 2,
    "third": 3,
    "3rd": 3,
    "fourth": 4,
    "4th": 4,
    "final": 4,
}
PARTS = {"early": 0, "mid": 1, "late": 2}
SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}
WEEKDAYS = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}

# Each cue group is a regex alternation (case-insensitive, word-bounded by the caller).
CUES: dict[str, str] = {
    # events, tense-neutral (nouns, infinitives, future forms)
    "launch": r"launch(?:es|ing)?|lift(?:s|ing)?[\s-]*off|liftoff|blast(?:s|ing)?\s+off"
    r"|take[s]?\s+off|fly|flies"
    r"|flying|flight|depart(?:s|ure)?|send|sending|go(?:es)?\s+up|head(?:s)?\s+to\s+the\s+moon|mission\s+to"
    r"|to\s+the\s+moon|start(?:s)?\s+(?:its|the)\s+(?:journey|mission)|rid(?:e|es)|carry|loft",
    "landing": r"land|lands|landings?|touch(?:es)?\s+down|touchdown|set\s+down|soft-land(?:ing)?"
    r"|soft\s+landing"
    r"|reach(?:es)?\s+the\s+(?:moon|lunar\s+surface|surface)|arrive\s+on\s+the\s+moon|boots\s+on"
    r"|walk\s+on|at\s+the\s+(?:lunar\s+|moon's\s+)?(?:south|north)\s+pole|on\s+the\s+(?:moon|lunar\s+surface|surface)|landers?\s+on\s+the|put\s+(?:astronauts|people|humans)",
    "sample_return": r"sample[\s-]+return|return(?:s)?\s+(?:the\s+)?samples"
    r"|bring\s+(?:\w+\s+){0,3}(?:home|back)"
    r"|back\s+to\s+earth",
    "return_vehicle": r"return\s+(?:module|capsule|vehicle)|re-?entry\s+(?:module|capsule|vehicle)",
    "negated": r"without\s+(?:a\s+)?(?:landing|launching|flying)",
    "complete": r"built|build|complete[ds]?|completion|construct(?:ed|ion)?|set\s+up|establish(?:ed)?"
    r"|stand|finish(?:ed)?|be\s+ready|in\s+place",
    # the same events in the past tense
    "launch_past": r"(?<!\bbe\s)launched|lifted\s+off|blasted\s+off|took\s+off|flew|left|departed"
    r"|rode|was\s+sent"
    r"|went\s+up|were\s+launched|was\s+launched|had\s+been\s+launched|after\s+(?:its|the)\s+launch",
    "landing_past": r"(?<!\bbe\s)landed|touched\s+down|set\s+down"
    r"|made\s+(?:a\s+)?(?:soft\s+)?landing|soft-landed"
    r"|arrived\s+on\s+the\s+moon|reached\s+the\s+(?:lunar\s+)?surface",
    "sample_return_past": r"returned\s+(?:to\s+earth|home)|brought\s+(?:\w+\s+){0,4}(?:home|back)"
    r"|delivered\s+(?:[\w,-]+\s+){0,8}to\s+earth|splashed\s+down",
    "complete_past": r"was\s+completed|was\s+built|were\s+completed",
    # planning language
    "plan": r"will|would|shall|plans?|planned|planning|schedule[ds]?|scheduled|set\s+(?:for|to)|slated|due"
    r"|targets?|targeted|targeting|aim(?:s|ed|ing)?|expect(?:s|ed)?|intends?|goal|is\s+to|are\s+to|hopes?"
    r"|could|should|may|might|eye(?:s|ing)?|working\s+toward|timetable|date|window|opportunit(?:y|ies)"
    r"|attempt|try|on\s+track|on\s+hold|pushing|moving|slipping|considers?|realistic|likely|estimates?|moved|pushed|delayed|slip(?:s|ped)?|postponed?|now|must|can|meant",
    # the date belongs to something else
    "other": r"said|says|told|tells|announced|announces|announcing|reported|reports|report|confirmed|stated"
    r"|according\s+to|press\s+conference|conference|congress|briefing|meeting|hearing|testimony|interview"
    r"|summit|forum|symposium|review|budget|contract|agreement|memorandum|signed|statement|earnings\s+call"
    r"|awarded|award|approved|selected|picked|pick|select|choose|named|unveiled|revealed|presented|published"
    r"|posted|update|decision|decide|settled|tests?|tested|testing|rehearsal|rolled|rollout|arrived"
    r"|shipped|ceremony|first\s+flight|maiden\s+flight|debut|founded|in\s+time|showed|showed\s+off"
    r"|contact|searches|passed|finished|closed|completing|integration|repairs?|fuell?ed|stacked"
    r"|rolled\s+back|grounded|mishap|explosion|anniversary|lawsuit|process(?:ing)?|begin|began"
    r"|start(?:ed)?\s+(?:work|construction|building)|talks|cooperation|joined|join|proposals?|accreditation"
    r"|call|announcement|(?:reached|entered|enter|reach)\s+(?:lunar\s+)?orbit|refuel(?:l)?ing"
    r"|propellant\s+transfer|launch\s+(?:pad|complex|site|facility|tower|control|services)|reached\s+(?:the\s+)?pad"
    r"|operate|operations|asked|requested|ascender|ascent\s+(?:stage|vehicle|module)"
    r"|(?:lifted|took|lifts|takes)\s+off\s+from\s+the\s+(?:lunar\s+surface|moon|far\s+side)",
    # the date was replaced by another
    "superseded": r"had\s+been\s+(?:scheduled|planned|due|expected|set|targeted|aimed|meant|slated|working)"
    r"|had\s+(?:expected|hoped|planned|carried|aimed|targeted)|originally|previously|initially|formerly"
    r"|was\s+first\s+meant|was\s+to\s+have|earlier\s+(?:goal|target|plan|date)|rather\s+than|instead\s+of"
    r"|moved\s+off|after\s+all|missed|no\s+longer|once\s+planned|in\s+the\s+past",
    # the same, standing after the date it replaces ("the June date it had carried before")
    "superseded_after": r"(?:it|they|which|that)\s+had\s+(?:carried|planned|expected|targeted|set)"
    r"|(?:had|was|were)\s+(?:previously|originally|initially)",
    # statuses without a date
    "postponed": r"postpone[ds]?|postponing|delay(?:s|ed|ing)?|slip(?:s|ped)?|pushed\s+back"
    r"|push(?:es)?\s+back"
    r"|put\s+off|held\s+up|hold\s+up|scrub(?:s|bed)?|stand\s+down",
    "cancelled": r"cancel(?:s|led|ed|ling|ing)?|cancellation|terminat(?:e|es|ed|ing)"
    r"|discontinu(?:e|es|ed|ing)"
    r"|scrap(?:s|ped)?|suspend(?:s|ed)?|off\s+the\s+table|no\s+longer\s+(?:try|be|fly|land|plan)"
    r"|cannot\s+(?:make\s+a\s+soft\s+landing|land)|ended\s+its\s+bid|abandon(?:s|ed)?",
    "failed": r"crash(?:ed|-landed|\s+landed|es)?|collided|impact|destroyed|failure|failed|exploded"
    r"|contact\s+(?:was\s+)?lost|lost\s+contact",
    "hypothetical": r"would|proposes?|proposed|if|unless|could",
    "counterfactual": r"would\s+have|could\s+have|might\s+have",
}

# Clause boundaries: a date rarely belongs to a mission named across these.
STRONG_BOUNDARY = (
    r";|(?<!\d):(?!\d)|\s—\s|\s-\s|\(|\)|,\s+(?:which|whose|where)\b|,\s+while\b|,\s+but\b|,\s+so\b"
    r"|,\s+and\s+(?=\w+\s+\w+)"
)
# Phrases that refer back to the last mission named: a sentence-initial "The probe" or "It",
# "the rocket carrying the lander", or an event noun ("a launch currently targeted for").
# Modifiers such as "next", "crewed" or a capitalised name point at another mission.
_MONTHS_CAP = "January|February|March|April|May|June|July|August|September|October|November|December"
ANAPHORA = (
    r"^\W*(?:it|the\s+(?:[\w-]+\s+){0,2}(?:probe|spacecraft|lander|station|mission|craft|rover|orbiter|capsule"
    r"|stack))\b"
    r"|(?:^|,\s+)it\s+(?:will|is|was|has|had|would|should)\b"
    r"|\b(?:carrying|carried)\s+the\s+(?:probe|spacecraft|lander|station)\b"
    r"|\b(?:the|a|its)\s+(?:(?!(?i:next|follow-on|second|third|subsequent|crewed|other|another|later|uncrewed)\b)"
    rf"(?:[a-z0-9][\w-]*|{_MONTHS_CAP})\s+){{0,2}}(?:launch|landing|flight|attempt|liftoff|lift-off|opportunity)\b"
)
# Other named things: a capitalised name with a number ("Luna-24", "Tianwen 1", "Moon Base III"),
# unless it is the rocket carrying the mission.
FOREIGN = (
    r"(?=[A-Z])(?<!\bon\sa\s)(?<!\baboard\s)(?<!\batop\s)(?<!\bon\sthe\s)(?<!\busing\s)(?<!\bby\sa\s)"
    r"(?<![\w-])(?!(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|Mon|Tue|Wed|Thu|Fri|Sat|Sun|Q[1-4]|H[12])"
    r"[a-z]*\.?[ -]\d)(?!(?:Space\s+)?Launch\s+Complex|Pad\b|Launch\s+Pad|SLC|LC)"
    r"(?:[A-Z][\w'.]*[ -]){0,2}[A-Z][\w'.]*[ -](?:\d{1,3}(?:\.\d+)?[A-Za-z]?|[IVX]+)(?![\w-])"
    r"(?![.]\w)(?!\s+(?:rocket|booster|launcher|carrier|heavy-lift))"
)
MOVE = (
    r"\b(?:moved?|moving|postpone[ds]?|delay(?:s|ed)?|push(?:es|ed)?|slip(?:s|ped)?|shift(?:s"
    r"|ed)?|chang(?:e|es|ed))\b"
)
