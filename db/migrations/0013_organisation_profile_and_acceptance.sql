CREATE TABLE `organisation_profile` (
	`id` integer PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`short_name` text NOT NULL,
	`address` text DEFAULT '' NOT NULL,
	`brand_colour` text DEFAULT '#1f4e79' NOT NULL,
	`contact_name` text DEFAULT '' NOT NULL,
	`contact_email` text DEFAULT '' NOT NULL,
	`contact_phone` text DEFAULT '' NOT NULL,
	`signatory_name` text DEFAULT '' NOT NULL,
	`signatory_title` text DEFAULT '' NOT NULL,
	`legal_footer` text DEFAULT '' NOT NULL,
	`logo` blob,
	`logo_type` text,
	`version` integer DEFAULT 1 NOT NULL,
	`updated_by_id` integer,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`updated_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `partner_responses` ADD `signer_name` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `partner_responses` ADD `signer_title` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `partner_responses` ADD `option_label` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `partner_responses` ADD `fingerprint` text DEFAULT '' NOT NULL;