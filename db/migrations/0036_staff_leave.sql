-- Months a person on the roster is away, and what share of each, taken off their capacity
-- (docs/domain.md §8.1, docs/decisions/0035).
CREATE TABLE `staff_leave` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`staff_id` integer NOT NULL,
	`from_month` text NOT NULL,
	`to_month` text NOT NULL,
	`share` real DEFAULT 1 NOT NULL,
	`reason` text DEFAULT '' NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `staff_leave_staff_idx` ON `staff_leave` (`staff_id`,`from_month`);