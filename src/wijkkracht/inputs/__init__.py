"""What a user types or uploads, checked before the rest of the code sees it.

``numbers`` parses integers from query strings, files and forms; ``text`` finds control
characters (plain Python, used by the KWB reader too); ``forms`` puts that check on Django
form fields.
"""
