-- Coda Restore Assistant catalog, schema version 5: the file index keeps each version's owner (uid)
-- and a symbolic link's target (issue 13). Rows indexed before this version have neither (-1 and
-- NULL: shown as unknown) until the dumps are indexed again.
ALTER TABLE fi_entry ADD COLUMN owner INTEGER NOT NULL DEFAULT -1;

ALTER TABLE fi_entry ADD COLUMN link_target TEXT;
