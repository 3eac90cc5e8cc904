"""CBS areas: gemeente > wijk > buurt by CBS code and year, the KWB loaders and the catalogue."""
