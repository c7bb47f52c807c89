"""The live session: its changes (actions), which screens they refresh (changes), who sees
what (visibility), its forms and views. `from workshops import live` gives the actions."""

from .actions import *  # noqa: F403
from .actions import Conflict, LiveError  # noqa: F401 - named for readers and linters
