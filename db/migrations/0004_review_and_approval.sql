CREATE TABLE `approval_decisions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`request_id` integer NOT NULL,
	`leader_id` integer NOT NULL,
	`decision` text NOT NULL,
	`conditions` text DEFAULT '' NOT NULL,
	`reason` text DEFAULT '' NOT NULL,
	`acknowledged_conflict` integer DEFAULT false NOT NULL,
	`at` text NOT NULL,
	FOREIGN KEY (`request_id`) REFERENCES `approval_requests`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`leader_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `approval_decisions_unique` ON `approval_decisions` (`request_id`,`leader_id`);--> statement-breakpoint
CREATE TABLE `approval_requests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`engagement_id` integer NOT NULL,
	`proposal_version_id` integer NOT NULL,
	`submitted_by_id` integer NOT NULL,
	`submitted_at` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`required_approvals` integer NOT NULL,
	`conflict_ack_required` integer NOT NULL,
	`gate_reasons_json` text DEFAULT '[]' NOT NULL,
	`decided_at` text,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`engagement_id`) REFERENCES `engagements`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`proposal_version_id`) REFERENCES `proposal_versions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`submitted_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `approval_requests_engagement_idx` ON `approval_requests` (`engagement_id`);--> statement-breakpoint
CREATE TABLE `comments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`engagement_id` integer NOT NULL,
	`proposal_version_id` integer NOT NULL,
	`section_key` text NOT NULL,
	`parent_id` integer,
	`author_id` integer NOT NULL,
	`visibility` text NOT NULL,
	`body` text NOT NULL,
	`created_at` text NOT NULL,
	`resolved_at` text,
	`resolved_by_id` integer,
	FOREIGN KEY (`engagement_id`) REFERENCES `engagements`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`proposal_version_id`) REFERENCES `proposal_versions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`resolved_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `comments_version_idx` ON `comments` (`proposal_version_id`);--> statement-breakpoint
CREATE TABLE `partner_responses` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`proposal_version_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`response` text NOT NULL,
	`reason` text DEFAULT '' NOT NULL,
	`at` text NOT NULL,
	FOREIGN KEY (`proposal_version_id`) REFERENCES `proposal_versions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `partner_responses_version_idx` ON `partner_responses` (`proposal_version_id`);--> statement-breakpoint
CREATE TABLE `partner_views` (
	`user_id` integer NOT NULL,
	`engagement_id` integer NOT NULL,
	`last_seen_number` integer NOT NULL,
	`at` text NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`engagement_id`) REFERENCES `engagements`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `partner_views_unique` ON `partner_views` (`user_id`,`engagement_id`);