"""Sources: fetching documents over HTTP and turning feeds into plain-text entries.

``http`` does the polite, bounded, conditional GET shared by every source kind;
``rss`` parses RSS/Atom/RDF bytes into ``Entry`` values; ``text`` turns HTML
fragments into readable text. Nothing here touches the database or the clock.
"""
