"""Pure statistical methods (numpy/scipy/statsmodels only; nothing here knows of Django or CBS).

Every function is vectorised over numpy arrays, so a whole country of areas is computed in one
call, and every result names the method that produced it.
"""
