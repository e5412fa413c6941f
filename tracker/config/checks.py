"""Checks one entry cannot make alone: unique names, selectors only on page sources, known missions in filters.

Cross-checks read the raw entries, not the validated ones, so a duplicate or a
misplaced selector is reported even when the same entry has another problem.
"""

from __future__ import annotations

from typing import Any

from tracker.config.issues import Loc, _prefixed, _unknown
from tracker.config.schema import _Channel, _Defaults, _Delivery, _Source, _validate
from tracker.config.values import DEFAULT_CHANNEL_KINDS, NOT_YET_SUPPORTED, ChannelConfig, DeliveryPolicy, SourceConfig
from tracker.config.yaml_doc import _Doc, _Report


def _as_dict(value: object) -> dict[Any, Any]:
    """A section as written, or empty when it isn't a mapping (the schema reports that)."""
    return value if isinstance(value, dict) else {}


def _as_list(value: object) -> list[Any]:
    return value if isinstance(value, list) else []


def _check_unique_names(doc: _Doc, section: str, what: str, report: _Report) -> None:
    first: dict[str, int] = {}
    for i, item in enumerate(_as_list(doc.data.get(section))):
        name = item.get("name") if isinstance(item, dict) else None
        if not isinstance(name, str) or not name.strip():
            continue
        loc: Loc = (section, i, "name")
        if name.strip() in first:
            message = f"duplicate {what} name {name.strip()!r} (first on line {first[name.strip()]})"
            report.at(doc, loc, _prefixed(loc, message))
        else:
            first[name.strip()] = doc.line(loc)


# ============================================================================ sources


def _check_sources(doc: _Doc, defaults: _Defaults | None, report: _Report) -> list[SourceConfig]:
    """Each source on its own; names unique; a selector exactly where it means something."""
    _check_unique_names(doc, "sources", "source", report)
    sources: list[SourceConfig] = []
    for i, item in enumerate(_as_list(doc.data.get("sources"))):
        loc: Loc = ("sources", i)
        if isinstance(item, dict):
            kind, has_selector = item.get("kind"), item.get("selector") is not None
            if has_selector and kind in ("rss", "ll2"):
                where: Loc = (*loc, "selector")
                report.at(doc, where, _prefixed(where, f"only for kind: page, not kind: {kind}"))
            elif not has_selector and kind == "page":
                report.at(doc, loc, _prefixed(loc, "kind: page needs a selector (the CSS selector of its items)"))
            if kind in NOT_YET_SUPPORTED:
                where = (*loc, "kind")
                report.at(doc, where, _prefixed(where, f"kind: {kind} is not supported yet; use kind: rss"))
        source = _validate(_Source, item, doc, loc, report)
        if source is not None and defaults is not None:
            sources.append(_source_config(source, defaults))
    return sources


def _source_config(source: _Source, defaults: _Defaults) -> SourceConfig:
    return SourceConfig(
        name=source.name,
        kind=source.kind,
        url=source.url,
        trust=source.trust,
        lang=source.lang,
        interval=defaults.interval if source.interval is None else source.interval,
        jitter=defaults.jitter if source.jitter is None else source.jitter,
        timeout=defaults.timeout if source.timeout is None else source.timeout,
        max_bytes=defaults.max_bytes if source.max_bytes is None else source.max_bytes,
        selector=source.selector,
    )


# ============================================================================ channels and delivery


def _check_channels(doc: _Doc, missions: set[str] | None, report: _Report) -> list[ChannelConfig]:
    """Each channel on its own; names unique; filters name known missions (None: can't tell)."""
    _check_unique_names(doc, "channels", "channel", report)
    channels: list[ChannelConfig] = []
    for i, item in enumerate(_as_list(doc.data.get("channels"))):
        loc: Loc = ("channels", i)
        if isinstance(item, dict):
            _check_channel_filters(doc, loc, item, missions, report)
        channel = _validate(_Channel, item, doc, loc, report)
        if channel is not None:
            channels.append(
                ChannelConfig(
                    name=channel.name,
                    url=channel.url,
                    kinds=DEFAULT_CHANNEL_KINDS if channel.kinds is None else frozenset(channel.kinds),
                    missions=None if channel.missions is None else frozenset(channel.missions),
                )
            )
    return channels


def _check_channel_filters(
    doc: _Doc, loc: Loc, item: dict[Any, Any], missions: set[str] | None, report: _Report
) -> None:
    if item.get("kinds") == []:
        where: Loc = (*loc, "kinds")
        report.at(
            doc,
            where,
            _prefixed(where, "empty, so nothing would be sent; leave it out for the default kinds"),
        )
    for j, mission in enumerate(_as_list(item.get("missions"))):
        where = (*loc, "missions", j)
        if missions is not None and isinstance(mission, str) and mission.strip() not in missions:
            report.at(doc, where, _prefixed(where, _unknown("mission", mission, sorted(missions))))


def _check_delivery(doc: _Doc, report: _Report) -> DeliveryPolicy | None:
    delivery = _validate(_Delivery, _as_dict(doc.data.get("delivery")), doc, ("delivery",), report)
    if delivery is None:
        return None
    if delivery.max_backoff < delivery.backoff:
        where: Loc = ("delivery", "max_backoff")
        report.at(doc, where, _prefixed(where, "shorter than delivery.backoff"))
    return DeliveryPolicy(delivery.max_attempts, delivery.backoff, delivery.max_backoff)
