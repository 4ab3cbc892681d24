-- +goose Up
-- Bulk writes draw tens of thousands of ids per batch; each draw from an
-- uncached sequence locks and reads its page. A per-session cache of 1000
-- makes a draw a memory operation (ids stay unique; a session that ends
-- leaves a gap, which ids may have anyway).
ALTER TABLE source_records ALTER COLUMN id SET CACHE 1000;
ALTER TABLE persons ALTER COLUMN id SET CACHE 1000;
ALTER TABLE changes ALTER COLUMN id SET CACHE 1000;

-- +goose Down
ALTER TABLE source_records ALTER COLUMN id SET CACHE 1;
ALTER TABLE persons ALTER COLUMN id SET CACHE 1;
ALTER TABLE changes ALTER COLUMN id SET CACHE 1;
