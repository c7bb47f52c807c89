"""Phases whose board tool is not built yet (free text) show the post-its shown so far on
the wall, and the phase's instructions on the console: the room works on them by talking, as
on the paper poster. Breaks show their name and the timer."""

from . import LiveTool, boards, register

for name in ("free_text",):
    register(LiveTool(name=name, template="board", board=boards.revealed_notes))

for name in ("break",):
    register(LiveTool(name=name, template="message", board=boards.revealed_notes))
