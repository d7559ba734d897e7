-- minhbach database schema. Documented field by field in docs/data.md.
--
-- The database is a build artefact: `minhbach build` recreates it from the
-- text sources under content/ (plan Markdown + CSV) whenever it is missing or
-- older than them. Identifiers are stable text keys (not row numbers) so that
-- URLs, JSON ids and diffs do not move when a row is added elsewhere.
--
-- Conventions: dates are ISO text 'YYYY-MM-DD'; every row that came from a
-- file keeps source_file and source_line so a figure traces to its origin.
--
-- Tables of small rows keyed by text are WITHOUT ROWID: a build reads each
-- unit's rows by key range, and in such a table a lookup or a range scan
-- walks one b-tree instead of an index and then the table. (agency and
-- agency_variant keep their rowid: import reads them in insertion order.)

PRAGMA foreign_keys = ON;

CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

-- A commune (xã) or ward (phường).
CREATE TABLE unit (
  id       TEXT PRIMARY KEY,        -- slug, e.g. 'dai-son'
  name     TEXT NOT NULL,           -- 'Đại Sơn'
  kind     TEXT NOT NULL CHECK (kind IN ('xã', 'phường')),
  province TEXT NOT NULL,           -- 'Hải Phòng'
  position INTEGER NOT NULL         -- order in site.yaml
);

-- A plan document (kế hoạch).
CREATE TABLE plan (
  id          TEXT PRIMARY KEY,     -- '<unit>/<slug>', e.g. 'dai-son/kh-nq11-2026'
  unit_id     TEXT NOT NULL REFERENCES unit(id),
  slug        TEXT NOT NULL,        -- URL segment under /<unit>/ke-hoach/
  key         TEXT NOT NULL,        -- short key used in indicator/task slugs, e.g. 'nq11'
  title       TEXT NOT NULL,
  number      TEXT,                 -- document number as written, e.g. 'Số: /KH-UBND'
  issuer      TEXT,                 -- issuing body
  place_date  TEXT,                 -- as written, e.g. 'Đại Sơn, ngày tháng 3 năm 2026'
  date        TEXT,                 -- ISO date when the text gives a full date, else NULL
  signer      TEXT,
  source      TEXT NOT NULL DEFAULT '', -- the extracted text the plan was imported from (front matter `source`)
  source_file TEXT NOT NULL,        -- content path of the plan's Markdown
  position    INTEGER NOT NULL,
  UNIQUE (unit_id, slug)
);

-- Documents a plan is based on ("Căn cứ ...", "Thực hiện ...").
CREATE TABLE plan_basis (
  plan_id  TEXT NOT NULL REFERENCES plan(id),
  position INTEGER NOT NULL,
  text     TEXT NOT NULL,
  PRIMARY KEY (plan_id, position)
) WITHOUT ROWID;

-- An agency of a unit (Phòng Văn hóa - Xã hội of Đại Sơn is not that of Phú Thái).
CREATE TABLE agency (
  id      TEXT PRIMARY KEY,         -- '<unit>/<slug of canonical name>'
  unit_id TEXT NOT NULL REFERENCES unit(id),
  slug    TEXT NOT NULL,            -- URL segment under /<unit>/co-quan/
  name    TEXT NOT NULL,            -- canonical name as displayed
  UNIQUE (unit_id, slug)
);

-- Every spelling of an agency met in the texts, mapped to its agency.
-- `key` is the normalized form (NFC, lower case, hoá/hóa, -/–, spacing,
-- trailing "xã"/"phường") that two variants share.
CREATE TABLE agency_variant (
  agency_id TEXT NOT NULL REFERENCES agency(id),
  variant   TEXT NOT NULL,          -- as written
  key       TEXT NOT NULL,
  PRIMARY KEY (agency_id, variant)
);

-- An indicator (chỉ tiêu) from a plan's appendix or its prose.
CREATE TABLE indicator (
  id           TEXT PRIMARY KEY,    -- '<unit>/<slug>'
  unit_id      TEXT NOT NULL REFERENCES unit(id),
  plan_id      TEXT NOT NULL REFERENCES plan(id),
  slug         TEXT NOT NULL,       -- '<plan key>-<table key>-<code>', e.g. 'nq11-pl2-22'
  table_key    TEXT NOT NULL,       -- 'pl1', 'pl2', 'ct' (prose list entered by the editor)
  table_title  TEXT NOT NULL,       -- 'Phụ lục II: Các chỉ tiêu theo dõi đánh giá theo giai đoạn 05 năm'
  code         TEXT NOT NULL,       -- as written: '1.1', '22'
  group_path   TEXT NOT NULL,       -- ' / '-joined groups, e.g. 'III Phát triển chuyển đổi số'
  name         TEXT NOT NULL,
  measure      TEXT NOT NULL,       -- unit of measure: '%', '% dân số', '' when none
  direction    TEXT NOT NULL DEFAULT 'increase' CHECK (direction IN ('increase', 'decrease')),
  lead_raw     TEXT NOT NULL,       -- lead agency cell as written
  partners_raw TEXT NOT NULL,       -- partner agencies cell as written
  output       TEXT NOT NULL,       -- expected output (Sản phẩm đầu ra), '' when none
  source_file  TEXT NOT NULL,       -- content path of the CSV, e.g. 'content/dai-son/kh-nq11-2026/indicators.csv'
  source_line  INTEGER NOT NULL,    -- line of the row in that CSV
  origin_line  INTEGER,             -- line in the plan's extracted text (CSV column source_line), NULL when unknown
  position     INTEGER NOT NULL,    -- order within the plan
  UNIQUE (unit_id, slug)
);

-- A target of an indicator for a milestone year. Two targets in one cell
-- ('≥ 95 đối với ... ≥ 95 đối với ...') are two rows with seq 0, 1.
CREATE TABLE target (
  indicator_id TEXT NOT NULL REFERENCES indicator(id),
  year         INTEGER NOT NULL,    -- 2025, 2030, 2035, 2040, 2045
  seq          INTEGER NOT NULL DEFAULT 0,
  comparator   TEXT NOT NULL CHECK (comparator IN ('>=', '<=', '=', '>', '<', 'range', 'qualitative')),
  value        REAL,                -- NULL for qualitative
  value_hi     REAL,                -- upper bound of a range, else NULL
  raw          TEXT NOT NULL,       -- the cell as written
  qualifier    TEXT NOT NULL DEFAULT '', -- e.g. 'đối với cơ sở giáo dục mầm non ...'
  PRIMARY KEY (indicator_id, year, seq)
) WITHOUT ROWID;

-- A task (nhiệm vụ).
CREATE TABLE task (
  id            TEXT PRIMARY KEY,   -- '<unit>/<slug>'
  unit_id       TEXT NOT NULL REFERENCES unit(id),
  plan_id       TEXT NOT NULL REFERENCES plan(id),
  slug          TEXT NOT NULL,      -- '<plan key>-<table key>-<section>-<number>', e.g. 'nq11-pl3-i-1'
  table_key     TEXT NOT NULL,
  table_title   TEXT NOT NULL,
  section       TEXT NOT NULL,      -- 'I', 'II', ... ('' when the table has none)
  section_title TEXT NOT NULL,
  number        TEXT NOT NULL,      -- as written: '1', '7', '2.a' for an unnumbered sub-item
  title         TEXT NOT NULL,
  lead_raw      TEXT NOT NULL,
  partners_raw  TEXT NOT NULL,
  output        TEXT NOT NULL,      -- expected output / product
  deadline_raw  TEXT NOT NULL,      -- as written: 'Tháng 10/2025', 'Thường xuyên'
  deadline_kind TEXT NOT NULL CHECK (deadline_kind IN
                  ('date', 'window', 'milestones', 'yearly', 'ongoing', 'conditional', 'none', 'unknown')),
  start         TEXT,               -- ISO; window start / first year of a yearly task
  due           TEXT,               -- ISO; NULL for ongoing, conditional, none, unknown
  note          TEXT NOT NULL DEFAULT '',
  source_file   TEXT NOT NULL,      -- content path of the CSV
  source_line   INTEGER NOT NULL,   -- line of the row in that CSV
  origin_line   INTEGER,            -- line in the plan's extracted text, NULL when unknown
  position      INTEGER NOT NULL,
  UNIQUE (unit_id, slug)
);

-- Several milestones in one deadline cell: '2025–2030 (5G), 2035–2045 (6G)'.
CREATE TABLE task_milestone (
  task_id TEXT NOT NULL REFERENCES task(id),
  seq     INTEGER NOT NULL,
  start   TEXT,
  due     TEXT NOT NULL,
  label   TEXT NOT NULL DEFAULT '',  -- '5G'
  PRIMARY KEY (task_id, seq)
) WITHOUT ROWID;

-- Who is responsible: role 'lead' (chủ trì) or 'partner' (phối hợp).
CREATE TABLE task_agency (
  task_id   TEXT NOT NULL REFERENCES task(id),
  agency_id TEXT NOT NULL REFERENCES agency(id),
  role      TEXT NOT NULL CHECK (role IN ('lead', 'partner')),
  position  INTEGER NOT NULL,
  PRIMARY KEY (task_id, agency_id, role)
) WITHOUT ROWID;
CREATE TABLE indicator_agency (
  indicator_id TEXT NOT NULL REFERENCES indicator(id),
  agency_id    TEXT NOT NULL REFERENCES agency(id),
  role         TEXT NOT NULL CHECK (role IN ('lead', 'partner')),
  position     INTEGER NOT NULL,
  PRIMARY KEY (indicator_id, agency_id, role)
) WITHOUT ROWID;

-- A report cycle of a unit.
CREATE TABLE cycle (
  id           TEXT PRIMARY KEY,    -- '<unit>/<code>'
  unit_id      TEXT NOT NULL REFERENCES unit(id),
  code         TEXT NOT NULL,       -- '2025', '2026-Q3', '2026-6T', '2026-9T', '2026-03'
  kind         TEXT NOT NULL CHECK (kind IN ('month', 'quarter', 'half', 'nine_months', 'year')),
  period_start TEXT NOT NULL,
  period_end   TEXT NOT NULL,
  published    TEXT NOT NULL,       -- publication date
  illustrative INTEGER NOT NULL DEFAULT 0, -- 1 = sample figures, not reported by agencies
  source_file  TEXT NOT NULL,
  UNIQUE (unit_id, code)
) WITHOUT ROWID;

-- A reported value of an indicator in a cycle.
CREATE TABLE observation (
  indicator_id TEXT NOT NULL REFERENCES indicator(id),
  cycle_id     TEXT NOT NULL REFERENCES cycle(id),
  value        REAL NOT NULL,
  note         TEXT NOT NULL DEFAULT '',
  source       TEXT NOT NULL DEFAULT '', -- who reported / which document
  source_line  INTEGER NOT NULL,          -- line in the cycle's CSV
  illustrative INTEGER NOT NULL DEFAULT 0, -- copy of cycle.illustrative
  PRIMARY KEY (indicator_id, cycle_id)
) WITHOUT ROWID;

-- A task's progress reported in a cycle.
CREATE TABLE task_report (
  task_id         TEXT NOT NULL REFERENCES task(id),
  cycle_id        TEXT NOT NULL REFERENCES cycle(id),
  status          TEXT NOT NULL CHECK (status IN
                    ('chưa triển khai', 'đang thực hiện', 'hoàn thành', 'chờ hoàn thiện')),
  percent         REAL CHECK (percent IS NULL OR (percent >= 0 AND percent <= 100)),
  evidence_url    TEXT NOT NULL DEFAULT '',
  evidence_review TEXT CHECK (evidence_review IS NULL OR evidence_review IN ('accepted', 'rejected', 'pending')),
  reported_on     TEXT NOT NULL,     -- ISO date, inside the cycle's period or up to its publication
  note            TEXT NOT NULL DEFAULT '',
  source          TEXT NOT NULL DEFAULT '', -- who reported / which document
  source_line     INTEGER NOT NULL,   -- line in the cycle's CSV
  illustrative    INTEGER NOT NULL DEFAULT 0, -- copy of cycle.illustrative
  PRIMARY KEY (task_id, cycle_id)
) WITHOUT ROWID;

CREATE INDEX indicator_by_plan ON indicator(plan_id, position);
CREATE INDEX task_by_plan ON task(plan_id, position);
CREATE INDEX task_agency_by_agency ON task_agency(agency_id);
CREATE INDEX indicator_agency_by_agency ON indicator_agency(agency_id);
CREATE INDEX observation_by_cycle ON observation(cycle_id);
CREATE INDEX task_report_by_cycle ON task_report(cycle_id);
