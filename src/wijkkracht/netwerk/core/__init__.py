"""The pure netwerkscan core: the tie ladder, network, person, sector and change metrics.

No Django, no database and no I/O except the readers of published research networks; every
result is plain data (frozen dataclasses, dicts, tuples) that says which definition it used.
"""
