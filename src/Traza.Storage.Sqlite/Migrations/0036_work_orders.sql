-- 3PL work orders (issue 15 item 7; docs/cli.md "Work orders"): a work order reserves the components of its kits from their
-- lots at its date (FIFO, the BOM in force then); the reservation stays in the lot's balance and becomes ordinary allocations
-- of the exits that take the kits, in proportion to the kits they take. The discharge stores what each work order reserved
-- (discharge_reservation) and the kits each exit or event took from it (discharge_kit_draw), so reports read a work order's
-- state at any as-of date the stored run covers. Both tables are derived rows under the run's digest (migration 0028);
-- a digest stored before this migration reads them as empty, which they are.

CREATE TABLE discharge_reservation (
    program_id INTEGER NOT NULL,
    client     TEXT    NOT NULL,
    work_order INTEGER NOT NULL,
    leaf       INTEGER NOT NULL,
    part       TEXT    NOT NULL,
    pedimento  TEXT    NOT NULL,
    partida    INTEGER NOT NULL,
    date       TEXT    NOT NULL,
    qty        TEXT    NOT NULL,
    waste      TEXT    NOT NULL,
    PRIMARY KEY (program_id, client, work_order, leaf, part, pedimento, partida)
) WITHOUT ROWID;

CREATE TABLE discharge_kit_draw (
    program_id INTEGER NOT NULL,
    client     TEXT    NOT NULL,
    work_order INTEGER NOT NULL,
    movement   INTEGER NOT NULL,
    part       TEXT    NOT NULL,
    date       TEXT    NOT NULL,
    kits       TEXT    NOT NULL,
    PRIMARY KEY (program_id, client, work_order, movement)
) WITHOUT ROWID;
