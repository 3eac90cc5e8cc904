"""The sociale kaart as a spreadsheet (XLSX or CSV): one row per service, Dutch column names,
for gemeenten that keep their kaart in Excel."""
