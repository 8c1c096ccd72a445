"""One screen a file; each is pushable onto the app made by `make_app`."""
