"""Fixtures shared by the whole suite: real servers on loopback.

Each server lives in its own module under ``tests/support``; they are
re-exported here so every test can ask for them by name.
"""

from tests.support.feed_server import feed_server  # noqa: F401
from tests.support.postgres import database_url, postgres_server  # noqa: F401
from tests.support.smtp import smtp_server  # noqa: F401
from tests.support.webhook import slack_to_receiver, webhook_receiver  # noqa: F401
