-- Coda Restore Assistant catalog, schema version 4: a trigram index over the file index's names
-- (issue 13), so that 'find' with a leading '*' or a substring does not scan every distinct name.
-- An FTS5 table with the trigram tokenizer over fi_name (external content: the names are not
-- stored twice), case-sensitive like GLOB, without positions (detail=none: the smallest; every
-- match is checked against the name itself). Kept in step with fi_name by triggers.
CREATE VIRTUAL TABLE IF NOT EXISTS fi_name_trigram USING fts5(name, content='fi_name', content_rowid='id', tokenize='trigram case_sensitive 1', detail='none');

-- Names indexed before this version.
INSERT INTO fi_name_trigram (fi_name_trigram) VALUES ('rebuild');

CREATE TRIGGER IF NOT EXISTS fi_name_trigram_insert AFTER INSERT ON fi_name BEGIN INSERT INTO fi_name_trigram (rowid, name) VALUES (new.id, new.name); END;

CREATE TRIGGER IF NOT EXISTS fi_name_trigram_delete AFTER DELETE ON fi_name BEGIN INSERT INTO fi_name_trigram (fi_name_trigram, rowid, name) VALUES ('delete', old.id, old.name); END;
