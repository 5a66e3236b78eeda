"""SOP langkah 1, 2 dan 5 — everything that comes in: reading files (limits, zip inspection, CSV and
xlsx columns), finding tables and headers, parsing cells, the column layouts, validation per kind of
file, the import itself, submissions and their history, the templates handed to each bidang, and the
recap of what came in."""
