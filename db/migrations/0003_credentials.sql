CREATE TABLE `credentials` (
	`name` text PRIMARY KEY NOT NULL,
	`connector` text NOT NULL,
	`set_at` integer,
	`last_four` text,
	`last_checked_at` integer,
	`last_check` text
);
