-- Coda Restore Assistant catalog, schema version 3: the file index (issue 13).
-- Sized for years of daily dumps: a name is stored once, a directory once as (parent, name), and a
-- file's metadata once per distinct version (valid from one indexed dump until a later one), not
-- once per dump that holds it.

-- Every file or directory name, once; the name search ('find') runs over this table.
CREATE TABLE fi_name (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE
);

-- Every directory path once, as (parent directory, name). Row 1 is the volume root.
CREATE TABLE fi_dir (
  id INTEGER PRIMARY KEY,
  parent_id INTEGER NOT NULL,
  name_id INTEGER NOT NULL,
  UNIQUE (parent_id, name_id)
);
INSERT INTO fi_dir (id, parent_id, name_id) VALUES (1, 0, 0);

-- One indexed state of a volume. source 'dumps': the tree after this dump, read from the dump
-- applied to the state of its chain's previous link (base_datestamp/base_level); the ids of a
-- volume's 'dumps' snapshots grow with their datestamps. source 'amanda-index': the paths of one
-- Amanda index file (file, file_size, file_mtime_ms say which, for idempotent re-imports).
CREATE TABLE fi_snapshot (
  id INTEGER PRIMARY KEY,
  volume_id INTEGER NOT NULL REFERENCES volume(id) ON DELETE CASCADE,
  source TEXT NOT NULL CHECK (source IN ('dumps', 'amanda-index')),
  datestamp TEXT NOT NULL,
  level INTEGER NOT NULL,
  base_datestamp TEXT,
  base_level INTEGER,
  file TEXT,
  file_size INTEGER,
  file_mtime_ms INTEGER,
  entry_count INTEGER NOT NULL,
  -- 'dumps': 1 when this snapshot starts an epoch (its whole tree written anew), and the rows it
  -- wrote.
  epoch_start INTEGER NOT NULL DEFAULT 0,
  rows_written INTEGER NOT NULL DEFAULT 0,
  UNIQUE (volume_id, source, datestamp, level)
);

-- The versions the dumps show: one row per path and distinct content (vnode, uniquifier, data
-- version, type, size, mtime, mode), in the tree from snapshot from_id up to, not including,
-- snapshot until_id (NULL: still in the newest indexed snapshot). The root has dir_id 0, name_id 0.
-- type: 1 file, 2 directory, 3 symlink (Coda's vnode types). Epochs bound what a tree query reads:
-- once the rows written since the current epoch began reach the size of the tree, the next
-- snapshot starts a new epoch (every open row closed there and its tree written anew), so the
-- tree as of a snapshot is among at most about twice its size of rows, and the index holds about
-- twice the changed rows whatever the full-dump cycle.
CREATE TABLE fi_entry (
  volume_id INTEGER NOT NULL REFERENCES volume(id) ON DELETE CASCADE,
  dir_id INTEGER NOT NULL,
  name_id INTEGER NOT NULL,
  from_id INTEGER NOT NULL,
  until_id INTEGER,
  vnode INTEGER NOT NULL,
  uniquifier INTEGER NOT NULL,
  data_version INTEGER NOT NULL,
  type INTEGER NOT NULL,
  size INTEGER NOT NULL,
  mtime INTEGER NOT NULL,
  mode INTEGER NOT NULL,
  -- The tree as of a snapshot is one range of this key: the rows written since its epoch began.
  PRIMARY KEY (volume_id, from_id, dir_id, name_id)
) WITHOUT ROWID;
-- 'find': from a matching name to its rows.
CREATE INDEX fi_entry_by_name ON fi_entry(name_id, volume_id);
-- A path's versions, and closing a path's open row.
CREATE INDEX fi_entry_by_path ON fi_entry(volume_id, dir_id, name_id);

-- The removal records of each incremental: vnodes deleted since the dump before it.
CREATE TABLE fi_removal (
  snapshot_id INTEGER NOT NULL REFERENCES fi_snapshot(id) ON DELETE CASCADE,
  vnode INTEGER NOT NULL,
  uniquifier INTEGER NOT NULL,
  PRIMARY KEY (snapshot_id, vnode, uniquifier)
) WITHOUT ROWID;

-- The paths of Amanda's index files (paths only; Amanda records no deletions).
CREATE TABLE fi_amanda_path (
  snapshot_id INTEGER NOT NULL REFERENCES fi_snapshot(id) ON DELETE CASCADE,
  dir_id INTEGER NOT NULL,
  name_id INTEGER NOT NULL,
  is_dir INTEGER NOT NULL,
  PRIMARY KEY (snapshot_id, dir_id, name_id)
) WITHOUT ROWID;
CREATE INDEX fi_amanda_path_by_name ON fi_amanda_path(name_id);
