PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_staff` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`role` text NOT NULL,
	`fte` real NOT NULL,
	`available_from` text,
	`available_to` text,
	`day_rate` integer,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
INSERT INTO `__new_staff`("id", "name", "role", "fte", "available_from", "available_to", "day_rate", "version", "created_at", "updated_at") SELECT "id", "name", "role", "fte", "available_from", "available_to", "day_rate", "version", "created_at", "updated_at" FROM `staff`;--> statement-breakpoint
-- The ids of people removed from the roster stay used: audit entries name people by id.
UPDATE `sqlite_sequence` SET `seq` = MAX(`seq`, COALESCE((SELECT `seq` FROM `sqlite_sequence` WHERE `name` = 'staff'), 0)) WHERE `name` = '__new_staff';--> statement-breakpoint
DROP TABLE `staff`;--> statement-breakpoint
ALTER TABLE `__new_staff` RENAME TO `staff`;--> statement-breakpoint
-- A day rate left empty was stored as 0 and priced as 0; empty now means the role's standard rate.
UPDATE `staff` SET `day_rate` = NULL WHERE `day_rate` = 0;--> statement-breakpoint
PRAGMA foreign_keys=ON;