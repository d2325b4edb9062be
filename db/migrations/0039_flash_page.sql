ALTER TABLE `sessions` ADD `flash_page` text;--> statement-breakpoint
ALTER TABLE `sessions` ADD `flash_set_at` text;--> statement-breakpoint
ALTER TABLE `sessions` ADD `flash_shown_at` text;