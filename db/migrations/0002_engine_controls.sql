CREATE TABLE `breakers` (
	`connector` text PRIMARY KEY NOT NULL,
	`state` text NOT NULL,
	`consecutive_failures` integer DEFAULT 0 NOT NULL,
	`opened_at` integer,
	`probe_at` integer,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `notifications` (
	`id` text PRIMARY KEY NOT NULL,
	`run_id` text NOT NULL,
	`kind` text NOT NULL,
	`reason` text NOT NULL,
	`created_at` integer NOT NULL,
	`slack_status` text NOT NULL,
	`slack_channel` text,
	`slack_attempts` integer DEFAULT 0 NOT NULL,
	`slack_error` text,
	`sent_at` integer
);
--> statement-breakpoint
CREATE INDEX `notifications_pending` ON `notifications` (`slack_status`,`created_at`);--> statement-breakpoint
CREATE INDEX `notifications_run` ON `notifications` (`run_id`);--> statement-breakpoint
ALTER TABLE `runs` ADD `replay_of` text;--> statement-breakpoint
ALTER TABLE `steps` ADD `budget_from_attempt` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `steps` ADD `budget_started_at` integer;