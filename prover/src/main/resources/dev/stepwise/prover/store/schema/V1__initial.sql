-- Stepwise store, schema version 1.
-- Conventions: instants are INTEGER milliseconds since the Unix epoch (UTC); durations are INTEGER
-- in the unit their column name ends with (_ms, _us); lists and configurations are JSON text;
-- enumerations are lower-case TEXT checked against their values. Names of rows (runs, problems)
-- are what users type, ids are what tables join on.

-- Expert-iteration rounds: one persisted state machine each (select -> search -> harvest -> filter
-- -> export -> train -> evaluate -> promote). At most one round is running at a time.
CREATE TABLE rounds (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    number              INTEGER NOT NULL UNIQUE CHECK (number >= 1),
    pool                TEXT    NOT NULL,
    config_json         TEXT    NOT NULL,
    stage               TEXT    NOT NULL CHECK (stage IN ('select', 'search', 'harvest', 'filter', 'export',
                                                          'train', 'evaluate', 'promote')),
    status              TEXT    NOT NULL CHECK (status IN ('running', 'completed', 'failed')),
    current_model       TEXT    NOT NULL,
    candidate_model     TEXT,
    current_pass_rate   REAL,
    candidate_pass_rate REAL,
    promotion_margin    REAL,
    decision            TEXT    CHECK (decision IN ('promoted', 'kept-current')),
    decision_reason     TEXT,
    error               TEXT,
    started_at          INTEGER NOT NULL,
    ended_at            INTEGER
);
-- The lock that keeps two rounds from running at once; a killed round keeps it until resumed.
CREATE UNIQUE INDEX rounds_one_running ON rounds (status) WHERE status = 'running';

-- Each stage of a round as it ran; a stage is redone from scratch unless it is 'completed'.
CREATE TABLE round_stages (
    round_id   INTEGER NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
    stage      TEXT    NOT NULL CHECK (stage IN ('select', 'search', 'harvest', 'filter', 'export',
                                                 'train', 'evaluate', 'promote')),
    status     TEXT    NOT NULL CHECK (status IN ('running', 'completed', 'failed')),
    summary    TEXT,
    started_at INTEGER NOT NULL,
    ended_at   INTEGER,
    PRIMARY KEY (round_id, stage)
);

-- One prove, eval, or round pre-pass/search/evaluation with everything needed to reproduce its numbers.
CREATE TABLE runs (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    name             TEXT    NOT NULL UNIQUE,
    kind             TEXT    NOT NULL CHECK (kind IN ('prove', 'eval', 'round-prepass', 'round-search',
                                                   'round-eval')),
    dataset          TEXT    NOT NULL,
    round_id         INTEGER REFERENCES rounds (id),
    config_json      TEXT    NOT NULL,
    -- SHA-256 of config_json: re-running the same command finds the unfinished run to resume.
    config_hash      TEXT    NOT NULL,
    stepwise_version TEXT    NOT NULL,
    lean_version     TEXT    NOT NULL,
    mathlib_version  TEXT    NOT NULL,
    model            TEXT    NOT NULL,
    seeds_json       TEXT    NOT NULL,
    simulated        INTEGER NOT NULL CHECK (simulated IN (0, 1)),
    status           TEXT    NOT NULL CHECK (status IN ('running', 'interrupted', 'completed', 'failed')),
    error            TEXT,
    started_at       INTEGER NOT NULL,
    ended_at         INTEGER
);
CREATE INDEX runs_by_start ON runs (started_at);
CREATE INDEX runs_resumable ON runs (kind, config_hash, status);
CREATE INDEX runs_by_round ON runs (round_id);

-- The problems of a run, copied in full so a run never depends on a dataset file staying the same.
CREATE TABLE run_problems (
    id                 INTEGER PRIMARY KEY,
    run_id             INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    ordinal            INTEGER NOT NULL CHECK (ordinal >= 0),
    name               TEXT    NOT NULL,
    split              TEXT    NOT NULL,
    header             TEXT    NOT NULL,
    formal_statement   TEXT    NOT NULL,
    informal_statement TEXT    NOT NULL,
    source             TEXT    NOT NULL,
    status             TEXT    NOT NULL CHECK (status IN ('pending', 'running', 'proved', 'unproved', 'error')),
    error              TEXT,
    started_at         INTEGER,
    ended_at           INTEGER,
    UNIQUE (run_id, name),
    UNIQUE (run_id, ordinal)
);
-- Resume: the unfinished problems of a run in order.
CREATE INDEX run_problems_by_status ON run_problems (run_id, status, ordinal);
-- Across runs: which statements were solved, how often a statement was tried (curricula).
CREATE INDEX run_problems_by_name ON run_problems (name, status);

-- One search attempt (pass@k: several per problem, each with its own seed and alpha), written
-- once when it ends, together with its search tree and proof, in one transaction.
CREATE TABLE attempts (
    id             INTEGER PRIMARY KEY,
    run_problem_id INTEGER NOT NULL REFERENCES run_problems (id) ON DELETE CASCADE,
    attempt_index  INTEGER NOT NULL CHECK (attempt_index >= 0),
    seed           INTEGER NOT NULL,
    alpha          REAL    NOT NULL,
    outcome        TEXT    NOT NULL CHECK (outcome IN ('proof-found', 'budget-exhausted', 'frontier-exhausted',
                                                       'environment-failure', 'policy-unavailable', 'cancelled')),
    detail         TEXT,
    expansions     INTEGER NOT NULL CHECK (expansions >= 0),
    tactic_calls   INTEGER NOT NULL CHECK (tactic_calls >= 0),
    policy_tokens  INTEGER NOT NULL CHECK (policy_tokens >= 0),
    wall_ms        INTEGER NOT NULL CHECK (wall_ms >= 0),
    policy_ms      INTEGER NOT NULL CHECK (policy_ms >= 0),
    lean_ms        INTEGER NOT NULL CHECK (lean_ms >= 0),
    started_at     INTEGER NOT NULL,
    ended_at       INTEGER NOT NULL,
    UNIQUE (run_problem_id, attempt_index)
);

-- Goal text, stored once however many nodes, attempts and runs reach the same state.
CREATE TABLE goals (
    id     INTEGER PRIMARY KEY,
    sha256 BLOB    NOT NULL UNIQUE,
    text   TEXT    NOT NULL
);

-- The nodes of an attempt's search DAG; node 0 is the root. NULL means not recorded.
CREATE TABLE tree_nodes (
    attempt_id        INTEGER NOT NULL REFERENCES attempts (id) ON DELETE CASCADE,
    node_index        INTEGER NOT NULL CHECK (node_index >= 0),
    goal_id           INTEGER NOT NULL REFERENCES goals (id),
    goal_count        INTEGER CHECK (goal_count >= 0),
    status            TEXT    NOT NULL CHECK (status IN ('open', 'proved', 'failed')),
    depth             INTEGER NOT NULL CHECK (depth >= 0),
    -- the frontier priority it had (policy path score, combined with a critic's when used)
    priority          REAL,
    -- tactics on the shortest known proof from here; NULL unless proved
    distance_to_proof INTEGER CHECK (distance_to_proof >= 1),
    -- the step at which the search expanded this node (0 = first), NULL if never expanded
    expansion_order   INTEGER CHECK (expansion_order >= 0),
    -- how long the policy took to answer for this node's expansion
    policy_us         INTEGER CHECK (policy_us >= 0),
    PRIMARY KEY (attempt_id, node_index)
) WITHOUT ROWID;

-- Every tactic tried: Lean's answer, the policy's numbers and the time it took. DPO pairs and the
-- report need the failed ones as much as the proof path.
CREATE TABLE tree_edges (
    attempt_id   INTEGER NOT NULL REFERENCES attempts (id) ON DELETE CASCADE,
    edge_index   INTEGER NOT NULL CHECK (edge_index >= 0),
    parent_index INTEGER NOT NULL,
    tactic       TEXT    NOT NULL,
    log_prob_sum REAL    NOT NULL,
    token_count  INTEGER NOT NULL CHECK (token_count >= 1),
    score        REAL    NOT NULL,
    outcome      TEXT    NOT NULL CHECK (outcome IN ('progress', 'proof-complete', 'proof-rejected', 'lean-error',
                                                     'timeout', 'rejected', 'crashed', 'filtered', 'cycle')),
    error_text   TEXT,
    duration_us  INTEGER NOT NULL CHECK (duration_us >= 0),
    child_index  INTEGER,
    PRIMARY KEY (attempt_id, edge_index),
    FOREIGN KEY (attempt_id, parent_index) REFERENCES tree_nodes (attempt_id, node_index) ON DELETE CASCADE,
    FOREIGN KEY (attempt_id, child_index) REFERENCES tree_nodes (attempt_id, node_index) ON DELETE CASCADE,
    CHECK ((outcome = 'progress') = (child_index IS NOT NULL))
) WITHOUT ROWID;

-- The proof an attempt found and what the acceptance gate said about it.
CREATE TABLE proofs (
    id           INTEGER PRIMARY KEY,
    attempt_id   INTEGER NOT NULL UNIQUE REFERENCES attempts (id) ON DELETE CASCADE,
    tactics_json TEXT    NOT NULL,
    length       INTEGER NOT NULL CHECK (length >= 1),
    proof_text   TEXT    NOT NULL,
    verdict      TEXT    NOT NULL CHECK (verdict IN ('accepted', 'rejected')),
    reasons_json TEXT    NOT NULL,
    axioms_json  TEXT    NOT NULL,
    gate_ms      INTEGER NOT NULL CHECK (gate_ms >= 0)
);
CREATE INDEX proofs_by_verdict ON proofs (verdict, length);

-- Training data harvested by rounds, with the filter stage's verdict on each. A round stores an
-- example once; across rounds, the filter drops what an earlier round kept (same content hash).
CREATE TABLE training_examples (
    id              INTEGER PRIMARY KEY,
    round_id        INTEGER NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
    kind            TEXT    NOT NULL CHECK (kind IN ('sft', 'dpo', 'critic')),
    prompt          TEXT    NOT NULL,
    completion      TEXT,
    chosen          TEXT,
    rejected        TEXT,
    source_problem  TEXT    NOT NULL,
    -- the attempt it was harvested from, by the application's name for it (a stored attempt's id)
    source_attempt  TEXT    NOT NULL,
    content_hash    TEXT    NOT NULL,
    -- NULL until the filter stage has judged it
    filter_decision TEXT    CHECK (filter_decision IN ('kept', 'dropped')),
    perplexity      REAL    CHECK (perplexity >= 1),
    drop_reason     TEXT,
    CHECK ((kind = 'sft') = (completion IS NOT NULL)),
    CHECK ((kind = 'sft') = (chosen IS NULL AND rejected IS NULL)),
    CHECK ((chosen IS NULL) = (rejected IS NULL)),
    CHECK ((coalesce(filter_decision, '') = 'dropped') = (drop_reason IS NOT NULL))
);
CREATE UNIQUE INDEX training_examples_per_round ON training_examples (round_id, kind, content_hash);
-- Cross-round deduplication: was this content kept by some round?
CREATE INDEX training_examples_by_hash ON training_examples (content_hash, filter_decision);
CREATE INDEX training_examples_by_problem ON training_examples (source_problem);
