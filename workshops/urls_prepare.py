urlpatterns: list = []  # the trio's preparation (issue 4)
