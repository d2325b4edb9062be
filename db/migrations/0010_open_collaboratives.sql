CREATE TABLE `open_collaboratives` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`topic` text NOT NULL,
	`title` text NOT NULL,
	`host` text NOT NULL,
	`session_dates_json` text NOT NULL,
	`places_left` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
ALTER TABLE `method_decisions` ADD `variant` text;--> statement-breakpoint
ALTER TABLE `method_decisions` ADD `open_collaborative_id` integer REFERENCES open_collaboratives(id) ON DELETE set null;