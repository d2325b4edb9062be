-- The partner's agreement to a plan that runs past their time (docs/domain.md §8.6): one per engagement.
CREATE TABLE `overrun_agreements` (
	`engagement_id` integer PRIMARY KEY NOT NULL,
	`horizon_months` real,
	`hard_deadline` text,
	`aim_by` text,
	`duration_months` real NOT NULL,
	`deadline_months` real NOT NULL,
	`how` text NOT NULL,
	`agreed_on` text NOT NULL,
	`recorded_by_id` integer,
	FOREIGN KEY (`engagement_id`) REFERENCES `engagements`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`recorded_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
