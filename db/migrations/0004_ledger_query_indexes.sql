-- Indexes for the ledger queries the console and exports make (main/ledger/query.ts). The status expression
-- must stay identical to ENTRY_STATUS_SQL there, or SQLite will not use it (a plan test checks).
CREATE INDEX IF NOT EXISTS `ledger_connector` ON `ledger_entries` (`connector`, `at`);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS `ledger_endpoint` ON `ledger_entries` (`endpoint_slug`, `at`);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS `ledger_status` ON `ledger_entries` (CASE WHEN json_valid(payload) THEN coalesce(json_extract(payload, '$.response.status'), json_extract(payload, '$.to'), json_extract(payload, '$.status')) END, `at`);
