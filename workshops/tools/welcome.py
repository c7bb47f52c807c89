"""Welcome and introduction: the wall greets the room, shows the ground rules and how to
join; phones wait."""

from . import LiveTool, register

register(LiveTool(name="intro", template="welcome", join_large=True))
