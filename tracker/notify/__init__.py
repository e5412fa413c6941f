"""Notifications: render alerts into messages (pure) and send them through apprise (I/O).

Import the submodules directly (``tracker.notify.render``, ``tracker.notify.send``):
this package imports nothing, so the pure renderer never pulls in apprise.
"""
