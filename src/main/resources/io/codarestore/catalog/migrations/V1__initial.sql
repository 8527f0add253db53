-- Coda Restore Assistant catalog, schema version 1.
-- One catalog holds the records of one Amanda configuration (chains never cross configs).

CREATE TABLE import_source (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  config_dir TEXT,
  logdir TEXT NOT NULL,
  tapelist TEXT NOT NULL,
  vtape_root TEXT,
  indexdir TEXT,
  infofile TEXT,
  imported_at TEXT NOT NULL
);

-- Every log.<datestamp>.<n> read, with what identifies its content (re-import reads only changes).
CREATE TABLE log_file (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  path TEXT NOT NULL,
  size INTEGER NOT NULL,
  mtime_ms INTEGER NOT NULL,
  sha256 TEXT NOT NULL,
  run_datestamp TEXT,
  line_count INTEGER NOT NULL,
  problem_count INTEGER NOT NULL
);

CREATE TABLE host (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE COLLATE NOCASE
);

-- An Amanda disk (DLE); for Coda the volume name.
CREATE TABLE volume (
  id INTEGER PRIMARY KEY,
  host_id INTEGER NOT NULL REFERENCES host(id),
  name TEXT NOT NULL,
  UNIQUE (host_id, name)
);

-- One dump as one log records it (a dump flushed or retried later may have several rows).
CREATE TABLE dump (
  id INTEGER PRIMARY KEY,
  volume_id INTEGER NOT NULL REFERENCES volume(id),
  log_file_id INTEGER NOT NULL REFERENCES log_file(id) ON DELETE CASCADE,
  log_line INTEGER NOT NULL,
  datestamp TEXT NOT NULL CHECK (length(datestamp) IN (8, 14)),
  level INTEGER NOT NULL CHECK (level BETWEEN 0 AND 99),
  status TEXT NOT NULL CHECK (status IN ('ok', 'ok-with-warnings', 'failed', 'partial')),
  part_count INTEGER NOT NULL,
  bytes INTEGER NOT NULL,
  orig_kb INTEGER NOT NULL,
  native_crc TEXT,
  client_crc TEXT,
  server_crc TEXT,
  compression TEXT,
  on_holding_disk INTEGER NOT NULL,
  -- The tapes the dump's parts 1..n are on, "LABEL@tape-datestamp" comma-separated, in part order:
  -- with the tapelist this says whether the whole dump is still on tape, without reading parts.
  tapes TEXT NOT NULL,
  detail TEXT
);
-- The planner's query (dumps of a volume in date order with what decides availability) reads
-- only this index: one volume's entries are contiguous, whatever order the logs came in.
CREATE INDEX dump_by_volume_date ON dump(volume_id, datestamp, level, status, on_holding_disk, tapes);
CREATE INDEX dump_by_log ON dump(log_file_id);

-- Every part written for a dump, broken (PARTPARTIAL) ones included, in log order (seq).
CREATE TABLE part (
  dump_id INTEGER NOT NULL REFERENCES dump(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  part_number INTEGER NOT NULL,
  label TEXT NOT NULL,
  file_number INTEGER NOT NULL,
  tape_datestamp TEXT NOT NULL,
  bytes INTEGER NOT NULL,
  broken INTEGER NOT NULL,
  error TEXT,
  PRIMARY KEY (dump_id, seq)
) WITHOUT ROWID;

-- The tapelist as last imported.
CREATE TABLE tape (
  label TEXT PRIMARY KEY,
  datestamp TEXT NOT NULL,
  reuse INTEGER NOT NULL,
  position INTEGER NOT NULL,
  blocksize_kb INTEGER,
  pool TEXT,
  storage TEXT,
  config TEXT,
  barcode TEXT,
  comment TEXT
);

-- Lines that could not be used (log lines belong to their log file; others have none).
CREATE TABLE problem (
  id INTEGER PRIMARY KEY,
  log_file_id INTEGER REFERENCES log_file(id) ON DELETE CASCADE,
  file TEXT NOT NULL,
  line INTEGER NOT NULL,
  message TEXT NOT NULL
);
CREATE INDEX problem_by_log ON problem(log_file_id);
