"""stub"""
import re
from tracker.extract.grammar import Grammar
GRAMMAR = Grammar((), re.compile("xxxxxxxx$"), re.compile("xxxxxxxx"))
