CREATE TABLE `login_address_failures` (
	`address` text NOT NULL,
	`account` text NOT NULL,
	`last_failed_at` text NOT NULL,
	PRIMARY KEY(`address`, `account`)
);
--> statement-breakpoint
CREATE INDEX `login_address_failures_time_idx` ON `login_address_failures` (`address`,`last_failed_at`);--> statement-breakpoint
ALTER TABLE `proposal_versions` ADD `shared_by_id` integer REFERENCES users(id);