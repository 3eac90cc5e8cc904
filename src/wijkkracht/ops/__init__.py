"""Operating a Wijkkracht installation: back-up and restore of the database.

A lower layer beside ``audit`` and ``accounts``: it imports no capability, because a back-up
holds every table whatever capability made it.
"""
