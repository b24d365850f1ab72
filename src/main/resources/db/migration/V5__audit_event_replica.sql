-- The replica (alerthook.replica-id) that wrote each record; records written before this migration have none.
ALTER TABLE audit_event ADD COLUMN replica text;
