"""The action plans as files: PDF (pdf.py), Excel (xlsx.py) and CSV (csv_export.py). Every
export reads through actionplans.queries, the same functions the pages use, and the table
exports share one row definition (rows.py), documented in docs/exports.md."""
