"""Turn rows from any KWB layout into a ``KwbTable``: codes checked, secrets made missing.

Shared by the file and OData readers so that every layout is cleaned by the same rules:
* a value of ``.``, ``x``, ``NA``, empty, ``-99997`` (secret), ``-99995`` (published later) or
  ``-99991`` (no longer published at this level) is missing, never zero;
* decimal commas are read as decimal points; integers written as floats are fine;
* codes and names are stripped of CBS's right padding;
* a row without a valid CBS code in either code column is an error naming the row.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

import numpy as np
import polars as pl

from wijkkracht.errors import WijkkrachtError
from wijkkracht.inputs.text import find_control_character

from ..codes import gemeente_of, is_area_code, level_of, normalise_code, parent_of, wijk_of
from ..fields import DATA_FIELDS, match_headers
from ..table import KwbTable

MISSING = frozenset({"", ".", "x", "?", "na", "nan", "none", "null", "-99997", "-99995",
                     "-99991", "-99997.0", "-99995.0", "-99991.0"})
SPECIAL_NUMBERS = frozenset({-99997.0, -99995.0, -99991.0})
MAX_BAD_NAME = 60


def parse_number(raw: object) -> float | None:
    """A CBS cell as a float, or None when it is missing or secret. Raises ValueError."""
    if raw is None:
        return None
    if isinstance(raw, bool):
        raise ValueError(raw)
    if isinstance(raw, int | float):
        value = float(raw)
    else:
        text = str(raw).strip()
        if text.lower() in MISSING:
            return None
        value = float(text.replace(",", "."))
    if np.isinf(value):
        raise ValueError(raw)
    if np.isnan(value) or value in SPECIAL_NUMBERS:
        return None
    return value


def _text(raw: object) -> str:
    return "" if raw is None else str(raw).strip()


def _refuse_control_characters(source: str, line: int, column: str, text: str) -> None:
    found = find_control_character(text)
    if found is not None:
        position, char = found
        raise WijkkrachtError(
            f"{source}, regel {line}, kolom '{column}': de tekst bevat een stuurteken "
            f"(U+{ord(char):04X}) op positie {position}. Gebruik het originele bestand van CBS.")


def build_table(
    headers: Sequence[str],
    rows: Iterable[tuple[int, Sequence[object]]],
    *,
    year: int,
    source: str,
    layout: str,
    table_id: str | None = None,
    names: dict[str, str] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> KwbTable:
    """Build a table from (line number, cells) pairs; all or nothing. ``progress`` is called
    with (rows done, rows in all) every 2 000 rows and at the end."""
    rows = list(rows)
    mapping = match_headers(list(headers))
    if "code" not in mapping and "name" not in mapping:
        raise WijkkrachtError(
            f"{source}: dit is geen bestand met Kerncijfers wijken en buurten: er is geen kolom "
            "met CBS-gebiedscodes (zoals 'Codering' of 'gwb_code_10'). Gebruik een KWB-bestand "
            "van CBS."
        )
    data_fields = [f.id for f in DATA_FIELDS if f.id in mapping]
    if not data_fields:
        raise WijkkrachtError(
            f"{source}: dit bestand heeft geen enkele bekende kolom van Kerncijfers wijken en "
            "buurten (zoals 'AantalInwoners'). Gebruik een KWB-bestand van CBS."
        )
    index = {h: i for i, h in enumerate(headers)}
    pos = {fid: index[h] for fid, h in mapping.items()}
    codes: list[str] = []
    ident: dict[str, list[object]] = {k: [] for k in ("name", "gemeente_name", "boundary_change")}
    values: dict[str, list[float | None]] = {fid: [] for fid in data_fields}
    seen: dict[str, int] = {}
    width = len(headers)
    for done, (line, cells) in enumerate(rows, start=1):
        if progress and done % 2000 == 0:
            progress(done, len(rows))
        if len(cells) != width:
            raise WijkkrachtError(
                f"{source}, regel {line}: {len(cells)} kolommen in plaats van {width}; het "
                "bestand is afgebroken of beschadigd. Download het opnieuw."
            )
        code = _pick_code(cells, pos)
        if code is None:
            shown = _text(cells[pos["code"]]) if "code" in pos else ""
            raise WijkkrachtError(
                f"{source}, regel {line}, kolom '{mapping.get('code', mapping.get('name'))}': "
                f"'{shown[:MAX_BAD_NAME]}' is geen CBS-gebiedscode (zoals GM0392, WK039210 of "
                "BU03921001). Controleer of dit een KWB-bestand van CBS is."
            )
        if code in seen:
            raise WijkkrachtError(
                f"{source}, regel {line}: gebied {code} staat er twee keer in (ook op regel "
                f"{seen[code]}). Gebruik het originele bestand van CBS."
            )
        seen[code] = line
        codes.append(code)
        for column in ("name", "gemeente_name"):
            if column in pos:
                _refuse_control_characters(source, line, mapping[column], _text(cells[pos[column]]))
        name = _text(cells[pos["name"]]) if "name" in pos else ""
        if not name or is_area_code(name):
            name = (names or {}).get(code, "")
        gm_name = _text(cells[pos["gemeente_name"]]) if "gemeente_name" in pos else ""
        if not name and level_of(code) == "GM":
            name = gm_name
        ident["name"].append(name or code)
        ident["gemeente_name"].append(gm_name)
        change = _text(cells[pos["boundary_change"]]) if "boundary_change" in pos else ""
        try:
            flag = int(float(change)) if change and change != "." else None
            ident["boundary_change"].append(flag)
        except (ValueError, OverflowError):  # "nan", "inf": no flag
            ident["boundary_change"].append(None)
        for fid in data_fields:
            raw = cells[pos[fid]]
            try:
                values[fid].append(parse_number(raw))
            except ValueError:
                raise WijkkrachtError(
                    f"{source}, regel {line}, kolom '{mapping[fid]}': '{_text(raw)[:MAX_BAD_NAME]}'"
                    " is geen getal. Controleer het bestand of download het opnieuw."
                ) from None
    if progress:
        progress(len(rows), len(rows))
    if not codes:
        raise WijkkrachtError(f"{source}: het bestand bevat geen gebieden. Gebruik een volledig "
                              "KWB-bestand van CBS.")
    frame = pl.DataFrame(
        {
            "code": codes,
            "name": ident["name"],
            "level": [level_of(c) for c in codes],
            "gemeente_code": [gemeente_of(c) for c in codes],
            "wijk_code": [wijk_of(c) for c in codes],
            "parent_code": [parent_of(c) for c in codes],
            "gemeente_name": ident["gemeente_name"],
            "boundary_change": pl.Series(ident["boundary_change"], dtype=pl.Int8),
            **{fid: pl.Series(values[fid], dtype=pl.Float64) for fid in data_fields},
        }
    )
    frame = _fill_gemeente_names(frame)
    return KwbTable(year=year, frame=frame, source=source, layout=layout, table_id=table_id)


def _pick_code(cells: Sequence[object], pos: dict[str, int]) -> str | None:
    # The 2017 national subset has rows whose name held a comma and shifted the code into the
    # name column (Nuenen, Gerwen en Nederwetten); the code is still recognisable there.
    for key in ("code", "name"):
        if key in pos:
            text = normalise_code(_text(cells[pos[key]]))
            if is_area_code(text):
                return text
    return None


def _fill_gemeente_names(frame: pl.DataFrame) -> pl.DataFrame:
    """Give every area its gemeente's name, from the gemeente row where the column is empty."""
    gm = frame.filter(pl.col("level") == "GM").select(
        pl.col("code").alias("gemeente_code"), pl.col("name").alias("_gm_name")
    )
    frame = frame.join(gm, on="gemeente_code", how="left", maintain_order="left")
    return frame.with_columns(
        pl.when(pl.col("gemeente_name") == "")
        .then(pl.col("_gm_name").fill_null(""))
        .otherwise(pl.col("gemeente_name"))
        .alias("gemeente_name")
    ).drop("_gm_name")
