DROP INDEX `runs_created`;--> statement-breakpoint
CREATE INDEX `runs_list` ON `runs` (`created_at`,`id`,`client_key`,`workflow_id`);