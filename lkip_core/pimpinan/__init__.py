"""Leadership — the briefing summary (`ringkasan`), the deck (`paparan`, drawn by `_slide`) and the
SOP schedule (`tahapan`)."""
