"""The one error type users see.

Its message is Dutch, one line, and says what is wrong and what to do; the command line prints
it and exits with code 2. Everything else is a bug and is reported as such.
"""


class WijkkrachtError(Exception):
    """A problem with the user's input or environment, explained in plain Dutch."""
