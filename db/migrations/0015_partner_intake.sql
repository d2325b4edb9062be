CREATE TABLE `partner_intake_sections` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`engagement_id` integer NOT NULL,
	`section` text NOT NULL,
	`status` text NOT NULL,
	`data_json` text,
	`version` integer DEFAULT 1 NOT NULL,
	`opened_by_id` integer NOT NULL,
	`opened_at` text NOT NULL,
	`answered_by_id` integer,
	`answered_at` text,
	`note` text,
	`reviewed_by_id` integer,
	`reviewed_at` text,
	FOREIGN KEY (`engagement_id`) REFERENCES `engagements`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`opened_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`answered_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reviewed_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `partner_intake_sections_unique` ON `partner_intake_sections` (`engagement_id`,`section`);