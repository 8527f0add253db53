-- Coda Restore Assistant catalog, schema version 2: dumps left on a holding disk.
-- Every import looks for their files on the configuration's holding disks and records whether the
-- whole dump can be read from there (all chunks present, headers naming the dump, sizes as logged).

-- The holding disk directories of the configuration, one per line.
ALTER TABLE import_source ADD COLUMN holding_dirs TEXT;

-- For a dump left on the holding disk: the size in KiB its SUCCESS chunker line gives (-1 unknown).
ALTER TABLE dump ADD COLUMN holding_kb INTEGER NOT NULL DEFAULT -1;
-- 1 when the last import found the whole dump on a holding disk.
ALTER TABLE dump ADD COLUMN holding_readable INTEGER NOT NULL DEFAULT 0;
-- Why it cannot be read from the holding disk (NULL when it can, or when it is not left there).
ALTER TABLE dump ADD COLUMN holding_problem TEXT;

-- The chunk files of a dump on the holding disk, in CONT_FILENAME order (chunk 1 = the FILE).
CREATE TABLE holding_chunk (
  dump_id INTEGER NOT NULL REFERENCES dump(id) ON DELETE CASCADE,
  chunk INTEGER NOT NULL,
  path TEXT NOT NULL,
  bytes INTEGER NOT NULL,
  PRIMARY KEY (dump_id, chunk)
) WITHOUT ROWID;

-- The planner's covering index now also says whether a holding-disk dump can be read.
DROP INDEX dump_by_volume_date;
CREATE INDEX dump_by_volume_date ON dump(volume_id, datestamp, level, status, on_holding_disk, holding_readable, tapes);
-- Each import re-checks the (few) dumps on the holding disk without scanning all dumps.
CREATE INDEX dump_on_holding_disk ON dump(id) WHERE on_holding_disk = 1;
