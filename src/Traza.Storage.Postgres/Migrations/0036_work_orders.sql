-- PostgreSQL twin of Traza.Storage.Sqlite/Migrations/0036_work_orders.sql (same tables, same column order). INTEGER is bigint,
-- TEXT is text COLLATE "C"; decimals and dates stay text so digests match SQLite's byte for byte.

-- 3PL work orders (issue 15 item 7; docs/cli.md "Work orders"): what each work order reserved from each lot, and the kits each
-- exit or event took from it. Derived rows under the run's digest (migration 0028); a digest stored before this migration
-- reads them as empty, which they are.

CREATE TABLE discharge_reservation (
    program_id bigint NOT NULL,
    client     text COLLATE "C" NOT NULL,
    work_order bigint NOT NULL,
    leaf       bigint NOT NULL,
    part       text COLLATE "C" NOT NULL,
    pedimento  text COLLATE "C" NOT NULL,
    partida    bigint NOT NULL,
    date       text COLLATE "C" NOT NULL,
    qty        text COLLATE "C" NOT NULL,
    waste      text COLLATE "C" NOT NULL,
    PRIMARY KEY (program_id, client, work_order, leaf, part, pedimento, partida)
);

CREATE TABLE discharge_kit_draw (
    program_id bigint NOT NULL,
    client     text COLLATE "C" NOT NULL,
    work_order bigint NOT NULL,
    movement   bigint NOT NULL,
    part       text COLLATE "C" NOT NULL,
    date       text COLLATE "C" NOT NULL,
    kits       text COLLATE "C" NOT NULL,
    PRIMARY KEY (program_id, client, work_order, movement)
);
