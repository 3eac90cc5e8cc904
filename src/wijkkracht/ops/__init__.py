"""Operations: the load balancer's probes (/gezondheid, /gereed), the request id and the JSON
log lines. A lower package: it knows no capability, so every capability's requests and logs go
through it alike."""
