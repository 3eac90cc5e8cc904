"""Monitor reports: control charts as accessible SVG and their plain-Dutch reading."""
