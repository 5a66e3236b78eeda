"""Leadership — the briefing summary (`ringkasan`), the deck (`paparan`; its slides in
`paparan_capaian` and `paparan_tindak`, drawn by `_slide`) and the SOP schedule (`tahapan`)."""
