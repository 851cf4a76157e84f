CREATE TABLE `deliveries` (
	`id` text PRIMARY KEY NOT NULL,
	`endpoint_slug` text NOT NULL,
	`received_at` integer NOT NULL,
	`status` text NOT NULL,
	`reason` text,
	`provider_delivery_id` text,
	`headers` text NOT NULL,
	`body` blob NOT NULL,
	`body_sha256` text NOT NULL,
	`run_id` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `deliveries_dedup` ON `deliveries` (`endpoint_slug`,`provider_delivery_id`) WHERE status = 'accepted' and provider_delivery_id is not null;--> statement-breakpoint
CREATE INDEX `deliveries_received` ON `deliveries` (`endpoint_slug`,`received_at`);--> statement-breakpoint
CREATE TABLE `endpoints` (
	`slug` text PRIMARY KEY NOT NULL,
	`workflow_id` text NOT NULL,
	`verifier` text NOT NULL,
	`secret_refs` text NOT NULL,
	`enabled` integer DEFAULT true NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`workflow_id`) REFERENCES `workflows`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `ledger_entries` (
	`seq` integer PRIMARY KEY NOT NULL,
	`at` integer NOT NULL,
	`kind` text NOT NULL,
	`run_id` text,
	`step_id` text,
	`attempt_id` text,
	`client_key` text,
	`connector` text,
	`endpoint_slug` text,
	`payload` text NOT NULL,
	`prev_hash` text NOT NULL,
	`hash` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `ledger_run` ON `ledger_entries` (`run_id`,`seq`);--> statement-breakpoint
CREATE INDEX `ledger_client` ON `ledger_entries` (`client_key`,`seq`);--> statement-breakpoint
CREATE INDEX `ledger_kind` ON `ledger_entries` (`kind`,`at`);--> statement-breakpoint
CREATE INDEX `ledger_at` ON `ledger_entries` (`at`);--> statement-breakpoint
CREATE TABLE `runs` (
	`id` text PRIMARY KEY NOT NULL,
	`workflow_id` text NOT NULL,
	`workflow_version` integer NOT NULL,
	`delivery_id` text,
	`client_key` text,
	`trigger` text NOT NULL,
	`status` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`finished_at` integer
);
--> statement-breakpoint
CREATE INDEX `runs_status` ON `runs` (`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `runs_created` ON `runs` (`created_at`);--> statement-breakpoint
CREATE INDEX `runs_client` ON `runs` (`client_key`);--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `step_attempts` (
	`id` text PRIMARY KEY NOT NULL,
	`run_id` text NOT NULL,
	`step_id` text NOT NULL,
	`number` integer NOT NULL,
	`idempotency_key` text NOT NULL,
	`status` text NOT NULL,
	`started_at` integer NOT NULL,
	`finished_at` integer,
	`error` text
);
--> statement-breakpoint
CREATE INDEX `attempts_step` ON `step_attempts` (`run_id`,`step_id`,`number`);--> statement-breakpoint
CREATE INDEX `attempts_status` ON `step_attempts` (`status`);--> statement-breakpoint
CREATE TABLE `steps` (
	`run_id` text NOT NULL,
	`step_id` text NOT NULL,
	`status` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer,
	`generation` integer DEFAULT 0 NOT NULL,
	`input` text,
	`output` text,
	`error` text,
	`note` text,
	`started_at` integer,
	`finished_at` integer,
	PRIMARY KEY(`run_id`, `step_id`),
	FOREIGN KEY (`run_id`) REFERENCES `runs`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `steps_due` ON `steps` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE TABLE `workflow_versions` (
	`workflow_id` text NOT NULL,
	`version` integer NOT NULL,
	`document` text NOT NULL,
	`created_at` integer NOT NULL,
	`note` text,
	PRIMARY KEY(`workflow_id`, `version`),
	FOREIGN KEY (`workflow_id`) REFERENCES `workflows`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `workflows` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`current_version` integer NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
