"""Individual reflection: every phone writes yellow post-its; the wall shows how to join and
how many each has written (never what)."""

from . import WRITE, LiveTool, register

register(LiveTool(name="reflection", template="reflection", phone=WRITE, join_large=True))
