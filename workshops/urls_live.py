urlpatterns: list = []  # the live session (issue 5)
