"""tracker: a mission schedule tracker with alerts.

Reads loosely stated space-mission dates from news and agency feeds, compares
them with stored forecasts and notifies people when a target slips, advances,
is confirmed, happens or is cancelled, always with the evidence.
"""

__version__ = "0.1.0"
