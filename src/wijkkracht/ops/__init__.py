"""Operating a Wijkkracht installation: back-up and restore of the database, the load
balancer's probes (/gezondheid, /gereed), the request id and the JSON log lines.

A lower layer beside ``audit`` and ``accounts``: it imports no capability, because a back-up
holds every table whatever capability made it, and every capability's requests and logs go
through it alike.
"""
